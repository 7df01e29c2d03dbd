// The names people use for a unit, generated from its full name: without level, region or party
// prefix (县民政局 → 民政局, 微山经济开发区管委会 → 经济开发区管委会, 县委编办 → 编办), the first characters
// of its words (住房保障 → 住保, 人力资源和社会保障 → 人社, 发展和改革 → 发改, 卫生健康 → 卫健), its own
// parts (商务和投资促进局 → 商务局, 投资促进局; 发展软环境保障局 → 软环境保障局; 住房保障和房地产发展中心 →
// 房地产发展中心), and its bracketed second name (区党工委组织部（人力资源部） → 人力资源部). Pure: the
// word segmenter is an argument.
import { regionBase, unitKind } from '../model/unit-names.ts';

/** The kind of unit a name ends with, longest first; the part before it is the name's core. */
const SUFFIXES = ['管委会', '委员会', '办公室', '分中心', '开发区', '中心', '分局', '公司', '集团', '局', '委', '办', '部', '馆', '院', '所', '站', '社', '队', '处'];
/** Short and long forms of the same ending: 发改委 / 发改委员会, 政府办 / 政府办公室. */
const SUFFIX_FORMS: Record<string, string[]> = { 委员会: ['委员会', '委'], 办公室: ['办公室', '办'] };
/** Words that say nothing alone: a part of a name made only of them is not a name (发展局, 管理服务中心). */
const GENERIC = new Set([
  '发展', '服务', '管理', '综合', '行政', '事务', '保障', '建设', '促进', '工作', '事业', '社会', '公共', '经济', '开发', '监督',
  '资源', '信息', '城乡', '地方', '企业', '交易', '治理', '运行', '有关', '政府', '改革', '统筹', '规划', '运输', '健康', '体育',
]);
const CONJUNCTIONS = new Set(['和', '与', '及']);
const LEVEL = /^(?:县|区|市(?!场))/;
const PARTY = /^(?:中共.{0,8}?[县区市]委|[县区市]?党工委|[县区市]委)(?=.{2})/;
/** 国家税务总局冠县税务局 → 税务局; 市生态环境局微山县分局 → 生态环境局; 市公共资源交易服务中心微山县分中心 → 公共资源交易服务中心. */
const BRANCH = /^(?:国家|[省市])(.+?(?:局|中心))(?:.{1,8}?[县区市])(?:分局|分中心|.+局)$/;
/** The shortest core worth generating forms from, in characters. */
const MIN_CORE = 2;

export type Segment = (text: string) => string[];

/** The core of a name without its ending: 人力资源和社会保障局 → [人力资源和社会保障, 局]. */
export function splitSuffix(name: string): { core: string; suffix: string } {
  const suffix = SUFFIXES.find((s) => name.endsWith(s) && Array.from(name).length > Array.from(s).length);
  return suffix ? { core: name.slice(0, -suffix.length), suffix } : { core: name, suffix: '' };
}

/** The forms a name is written in before any abbreviation: as written, its base, its second name, without prefixes. */
function plainForms(name: string, region: string): string[] {
  const out = new Set<string>([name]);
  const bracket = /^(.*?)\s*[（(〈<]([^）)〉>]+)[）)〉>]$/u.exec(name);
  if (bracket?.[1]) out.add(bracket[1]);
  if (bracket?.[2] && splitSuffix(bracket[2]).suffix) out.add(bracket[2]);
  const base = regionBase(region);
  for (const form of [...out]) {
    const branch = BRANCH.exec(form);
    if (branch?.[1]) out.add(branch[1]);
    // 国家税务总局冠县税务局: what follows the county's name is the unit's own name.
    const after = form.indexOf(base) > 0 ? form.slice(form.indexOf(base) + base.length).replace(/^[县区市]/, '') : '';
    if (Array.from(after).length >= 3 && splitSuffix(after).suffix && !/^分/.test(after)) out.add(after);
    let bare = form.replace(LEVEL, '');
    if (bare.startsWith(region)) bare = bare.slice(region.length);
    else if (bare.startsWith(base)) bare = bare.slice(base.length);
    bare = bare.replace(LEVEL, '');
    out.add(bare);
    out.add(bare.replace(PARTY, ''));
  }
  return [...out].filter((f) => Array.from(f).length >= 2);
}

/** Words of a core, a lone character joined to its neighbour (大/数据 → 大数据), split at 和/与/及 into conjuncts. */
export function conjunctsOf(core: string, segment: Segment): string[][] {
  const conjuncts: string[][] = [[]];
  for (const word of segment(core)) {
    if (CONJUNCTIONS.has(word)) {
      conjuncts.push([]);
      continue;
    }
    const current = conjuncts.at(-1) as string[];
    const last = current.at(-1);
    if (last !== undefined && Array.from(last).length === 1) current[current.length - 1] = last + word;
    else current.push(word);
  }
  const out = conjuncts.filter((c) => c.length);
  for (const c of out) {
    // A lone last character joins the word before it.
    const last = c.at(-1);
    if (c.length > 1 && last !== undefined && Array.from(last).length === 1) c.splice(-2, 2, (c.at(-2) ?? '') + last);
  }
  return out;
}

const initials = (words: readonly string[]): string => words.map((w) => Array.from(w)[0] ?? '').join('');
const meaningful = (words: readonly string[]): boolean => !words.every((w) => GENERIC.has(w));

/** Cores people say instead of the full one: parts, tails, heads and first characters of the words. */
function shortCores(conjuncts: string[][]): string[] {
  const words = conjuncts.flat();
  const out = new Set<string>([words.join('')]);
  const add = (part: string[]): void => {
    if (part.length && meaningful(part)) out.add(part.join(''));
  };
  for (const c of conjuncts) add(c);
  for (let i = 1; i < words.length; i++) add(words.slice(i));
  for (let k = 1; k < words.length; k++) add(words.slice(0, k));
  for (const c of conjuncts) for (let k = 2; k <= c.length; k++) out.add(initials(c.slice(0, k)));
  if (conjuncts.length > 1 && conjuncts.every((c) => c.length === 1)) out.add(initials(conjuncts.map((c) => c[0] as string)));
  return [...out];
}

const memo = new Map<string, string[]>();
/** Names remembered at most: a province repeats the same few hundred names in every county. */
const MEMO_LIMIT = 100_000;

/** Every name people may use for the unit so named in the region, the name itself first. */
export function abbreviations(name: string, region: string, segment: Segment): string[] {
  // The forms depend on the region only where the name holds the region's name.
  const key = name.includes(regionBase(region)) ? `${name}|${region}` : name;
  let forms = memo.get(key);
  if (!forms) {
    forms = generate(name, region, segment);
    if (memo.size < MEMO_LIMIT) memo.set(key, forms);
  }
  return forms;
}

/** A collective by its short names: 各乡镇（街道） → 各乡镇, 乡镇; 县政府各部门、单位 → 县政府各部门, 政府各部门. */
function collectiveForms(name: string): string[] {
  const first = name.replace(/[（(〈<][^）)〉>]*[）)〉>]/gu, '').split(/[、，,；;]/)[0] ?? '';
  const bare = first.replace(LEVEL, '');
  return [first, bare, bare.replace(/^各/, '')].filter((f) => Array.from(f).length >= 2);
}

function generate(name: string, region: string, segment: Segment): string[] {
  if (unitKind(name) === 'collective') return [...new Set([name, ...collectiveForms(name)])];
  const out = new Set<string>();
  const base = regionBase(region);
  for (const form of plainForms(name, region)) {
    out.add(form);
    // Short forms only from the bare name: not from 县…, 国家…, nor a branch named after the county.
    if (/^(?:县|区|市(?!场)|省|国家)/.test(form) || form.includes(base)) continue;
    const { core, suffix } = splitSuffix(form);
    if (Array.from(core).length < MIN_CORE || !suffix) continue;
    const endings = SUFFIX_FORMS[suffix] ?? [suffix];
    const conjuncts = conjunctsOf(core, segment);
    for (const short of shortCores(conjuncts)) for (const ending of endings) out.add(short + ending);
    // A zone is called by its own name without 管委会: 经济开发区, 开发区.
    if (suffix === '管委会') for (let i = 0; i < conjuncts.flat().length; i++) out.add(conjuncts.flat().slice(i).join(''));
  }
  return [...out].filter((f) => Array.from(f).length >= 3 || f === name);
}
