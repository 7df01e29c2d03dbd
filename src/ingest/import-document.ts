// Turns one file into a document and its tasks: detect the layout, read metadata, split units,
// repair names, parse deadlines, and list every doubt as a warning. Writes nothing.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { ImportError } from '../errors.ts';
import type { ParsedDocument, Task, TaskDocument } from '../model/task.ts';
import { chooseLayout, sniff } from './detect.ts';
import { findNoticeRule, parseDeadline } from './deadline.ts';
import { readDocx } from './layouts/docx.ts';
import { readXlsx } from './layouts/xlsx.ts';
import { readMetadata, regionFromBody } from './metadata.ts';
import type { ParsedLayout, RawRow } from './raw-row.ts';
import { LayoutError } from './table.ts';
import { splitUnitCell } from './unit-cells.ts';
import { repairOcrNames, withLevelPrefix } from '../model/unit-names.ts';
import { errorText } from '../texts/errors.ts';
import { MAX_IMPORT_BYTES } from './limits.ts';

export interface ImportOptions {
  /** Supplies or overrides the region read from the document. */
  region?: string;
  /** Supplies or overrides the year the plan covers. */
  year?: number;
  /** When the import happens (recorded on the document). */
  now: Date;
}

const ROLES = ['lead', 'responsible', 'cooperating'] as const;

async function readLayout(bytes: Uint8Array): Promise<ParsedLayout> {
  const file = await sniff(bytes);
  if (file.kind === 'docx') return readDocx(file.zip);
  if (file.kind === 'xlsx') return readXlsx(file.zip);
  return chooseLayout(file.text).parse(file.text);
}

function documentId(region: string, year: number, identity: string): string {
  return `${year}-${createHash('sha256').update(`${region}|${year}|${identity}`).digest('hex').slice(0, 8)}`;
}

function unitsOf(row: RawRow, region: string): Record<(typeof ROLES)[number], string[]> {
  const out = { lead: [] as string[], responsible: [] as string[], cooperating: [] as string[] };
  for (const role of ROLES) out[role] = splitUnitCell(row[role]).map((n) => withLevelPrefix(n, region));
  return out;
}

/** Parses a file without writing anything. Throws ImportError naming the file and the reason. */
export async function parseDocument(path: string, bytes: Uint8Array, options: ImportOptions): Promise<ParsedDocument> {
  const file = basename(path);
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportError(file, errorText.tooLarge(bytes.byteLength, MAX_IMPORT_BYTES));
  let parsed: ParsedLayout;
  try {
    parsed = await readLayout(bytes);
  } catch (cause) {
    if (cause instanceof LayoutError) throw new ImportError(file, cause.message, { cause });
    throw new ImportError(file, `读取失败：${(cause as Error).message}`, { cause });
  }
  if (parsed.rows.length === 0) throw new ImportError(file, '找到了表头，但表中没有任何任务');

  const meta = readMetadata(parsed.headerText);
  const year = options.year ?? meta.year;
  if (!year) throw new ImportError(file, '无法从文件中读出年度，请用 --year 指定（例如 --year 2022）');
  const allText = parsed.rows.map((r) => `${r.lead}\n${r.responsible}\n${r.cooperating}\n${r.requirement}`).join('\n');
  const prefixes = allText.match(/(?<![\p{Script=Han}])[县区市](?=\p{Script=Han}{2,}[局办委])/gu) ?? [];
  const dominantLevel = (['县', '区', '市'] as const).reduce((a, b) =>
    prefixes.filter((p) => p === b).length > prefixes.filter((p) => p === a).length ? b : a,
  );
  const region = options.region ?? meta.region ?? regionFromBody(`${parsed.headerText}\n${allText}`, dominantLevel);
  if (!region) throw new ImportError(file, '无法从文件中读出所属地区（县/区），请用 --region 指定（例如 --region 微山县）');
  if (!/^\p{Script=Han}{2,12}$/u.test(region)) throw new ImportError(file, `地区名“${region}”不像一个县或区的名称`);

  const warnings: string[] = [];
  const ctx = { year, issuedAt: meta.issuedAt, noticeRule: findNoticeRule(parsed.headerText, { year, issuedAt: meta.issuedAt }) };
  const units = parsed.rows.map((r) => unitsOf(r, region));
  const repairs = repairOcrNames(units.flatMap((u) => [...u.lead, ...u.responsible, ...u.cooperating]));
  for (const [from, to] of repairs) warnings.push(`单位名“${from}”疑为识别错误，已按同文件中的“${to}”处理`);

  const identity = meta.docNumber ?? meta.title ?? file;
  const docId = documentId(region, year, identity);
  const tasks: Task[] = parsed.rows.map((row, i) => {
    const seq = i + 1;
    const u = units[i] ?? { lead: [], responsible: [], cooperating: [] };
    const fix = (names: string[]): string[] => [...new Set(names.map((n) => repairs.get(n) ?? n))];
    const { deadline, warning } = parseDeadline(row.deadline, row.requirement, ctx);
    if (warning) warnings.push(`第${seq}条：${warning}`);
    const task: Task = {
      id: `${docId}-${seq}`,
      documentId: docId,
      region,
      year,
      seq,
      section: row.section,
      title: row.title,
      number: row.number,
      requirement: row.requirement,
      lead: fix(u.lead),
      responsible: fix(u.responsible),
      cooperating: fix(u.cooperating),
      remarks: row.remarks,
      deadline,
    };
    if (!task.lead.length && !task.responsible.length && !task.cooperating.length) {
      warnings.push(`第${seq}条：没有找到责任单位（“${task.requirement.slice(0, 20)}…”），已导入，请核对原文`);
    }
    return task;
  });

  const document: TaskDocument = {
    id: docId,
    title: meta.title ?? `${year}年${region}政务公开工作任务`,
    issuer: meta.issuer,
    region,
    year,
    docNumber: meta.docNumber,
    issuedAt: meta.issuedAt,
    sourceFile: file,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    layout: parsed.layout,
    importedAt: options.now.toISOString(),
  };
  return { document, tasks, warnings };
}
