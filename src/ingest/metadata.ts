// Reads a notice's metadata: title, issuing body, region, year, document number, issue date.
import { collapseCjkSpaces, halfWidthAlnum, stripMarkup } from './text.ts';
import { isoDate, isValidDate } from '../time.ts';

export interface Metadata {
  title: string | null;
  issuer: string | null;
  region: string | null;
  year: number | null;
  docNumber: string | null;
  issuedAt: string | null;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => collapseCjkSpaces(halfWidthAlnum(stripMarkup(l)))
      .replace(/^[#\-\s]+/, '')
      .replace(/\s+/g, ' ')
      .trim())
    .filter(Boolean);
}

const DOC_NUMBER = /^\p{Script=Han}{1,10}[〔[【（(]\d{4}[〕\]】）)]\d{1,4}号$/u;
const ISSUER = /^(.{2,30}?(?:人民政府办公室|人民政府办公厅|管理委员会办公室|管委会办公室|人民政府|管委会))(?:文件)?$/u;
const DATE_LINE = /^(?:\p{Script=Han}{0,30}?\s?)?(\d{4})年(\d{1,2})月(\d{1,2})日(?:印发)?$/u;
/** What a region's name ends with, at any level: a province, a city, a district or county, a zone, a town, or a department. */
const REGION_SUFFIX = '(?:高新区|开发区|综合实验区|实验区|新区|自治州|自治县|自治区|省|市|县|区|旗|镇|乡|街道|委员会|联合会|局|委|厅|办|中心)';
const REGION_AFTER_YEAR = new RegExp(`\\d{4}年(\\p{Script=Han}{2,10}?${REGION_SUFFIX})(?=政务公开)`, 'u');
const REGION_BEFORE_YEAR = new RegExp(`(?:^|(?<=[《“"】]|印发|公布|关于))(\\p{Script=Han}{1,10}?${REGION_SUFFIX})\\s?\\d{4}年`, 'u');

/** The line that starts a notice's title (关于印发…的通知) is shorter than this. */
const MAX_TITLE_LINE_CHARS = 80;
/** A title wraps over at most this many lines. */
const MAX_TITLE_LINES = 4;
/** A plan's own heading (2022年汶上县政务公开工作任务分解表) is at most this long. */
const MAX_PLAN_HEADING_CHARS = 40;

function findTitle(ls: string[]): string | null {
  const start = ls.findIndex((l) => l.includes('关于') && /印发|公布|下达|做好|分解|通知/.test(l) && l.length < MAX_TITLE_LINE_CHARS);
  if (start >= 0) {
    let title = ls[start]?.slice(ls[start]?.indexOf('关于')) ?? '';
    for (let i = start + 1; i < Math.min(ls.length, start + MAX_TITLE_LINES) && !/通知$/.test(title); i++) title += ls[i];
    return title.replace(/\s+/g, '');
  }
  const heading = ls.find((l) => isPlanHeading(l));
  return heading ? heading.replace(/\s+/g, '') : null;
}

/** A short line naming the plan: "2022年汶上县政务公开工作任务分解表". */
function isPlanHeading(line: string): boolean {
  return line.length <= MAX_PLAN_HEADING_CHARS && /政务公开/.test(line) && /任务|要点|方案|分工|安排/.test(line) && !/[《》。，]/.test(line);
}

/** "池州市信访局政务公开重点工作任务清单", "【政务公开任务分工】相山区政务公开…": the body first, then the plan. */
const REGION_BEFORE_PLAN = new RegExp(`^(?:【[^】]*】)?(\\p{Script=Han}{2,16}?${REGION_SUFFIX})(?=政务公开)`, 'u');

function regionFromText(text: string): string | null {
  const t = text.replace(/\s+/g, '');
  return REGION_AFTER_YEAR.exec(t)?.[1] ?? REGION_BEFORE_YEAR.exec(t)?.[1] ?? REGION_BEFORE_PLAN.exec(t)?.[1] ?? null;
}

function regionFromIssuer(issuer: string): string | null {
  const name = issuer.replace(/(?:人民政府办公室|人民政府办公厅|管理委员会办公室|管委会办公室|人民政府|管委会)$/u, '');
  // 枣庄市台儿庄区 → 台儿庄区: a district or county inside a city is the region.
  const m = new RegExp(`^\\p{Script=Han}{2,4}?市(\\p{Script=Han}{1,8}${REGION_SUFFIX})$`, 'u').exec(name);
  return m?.[1] ?? (new RegExp(`${REGION_SUFFIX}$`, 'u').test(name) ? name : null);
}

/** With no header naming the county: units such as 市生态环境局微山县分局 or 微山经济开发区 name it. */
export function regionFromBody(text: string, level: '县' | '区' | '市'): string | null {
  const t = text.replace(/\s+/g, '');
  const branch = /(?:局|中心|市)(\p{Script=Han}{1,3}?[县区])分(?:局|中心)/u.exec(t);
  if (branch?.[1]) return branch[1];
  const zone = /(\p{Script=Han}{2})(?:经济开发区|经济技术开发区|高新技术产业开发区)/u.exec(t);
  if (zone?.[1] && !/^(?:县|区|市|各)/.test(zone[1])) return zone[1] + level;
  return null;
}

export function readMetadata(headerText: string): Metadata {
  const ls = lines(headerText);
  const docNumber = ls.find((l) => DOC_NUMBER.test(l.replace(/\s+/g, '')))?.replace(/\s+/g, '') ?? null;
  const issuerLine = ls.find((l) => ISSUER.test(l.replace(/\s+/g, '')));
  const issuer = issuerLine ? (ISSUER.exec(issuerLine.replace(/\s+/g, ''))?.[1] ?? null) : null;
  const title = findTitle(ls);
  const planHeadings = ls.filter(isPlanHeading);
  const region =
    (title && regionFromText(title)) ||
    planHeadings.map(regionFromText).find(Boolean) ||
    (issuer && regionFromIssuer(issuer)) ||
    null;
  const yearSource = [title, ...planHeadings].find((t) => t && /\d{4}年/.test(t));
  const yearText = yearSource ? /(\d{4})年/.exec(yearSource.replace(/\s+/g, ''))?.[1] : docNumber ? /(\d{4})/.exec(docNumber)?.[1] : undefined;
  let issuedAt: string | null = null;
  for (const l of ls) {
    const m = DATE_LINE.exec(l);
    if (m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      issuedAt = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      break;
    }
  }
  return { title, issuer, region, year: yearText ? Number(yearText) : null, docNumber, issuedAt };
}
