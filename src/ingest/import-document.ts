// Turns one file into a document and its tasks: detect the layout, read metadata, split units,
// repair names, parse deadlines, and list every doubt as a warning. Writes nothing.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { ImportError, LayoutError, messageOf } from '../errors.ts';
import { type ParsedDocument, type Task, type TaskDocument, type UnitRole, unitRoles } from '../model/task.ts';
import { repairOcrNames, withLevelPrefix } from '../model/unit-names.ts';
import { columnName, defaultDocumentTitle, importReason, importWarning } from '../texts/ingest.ts';
import { chooseLayout } from './choose-layout.ts';
import { type FileKind, sniff } from './detect.ts';
import { type DeadlineContext, findNoticeRule, parseDeadline } from './deadline.ts';
import { readDocx } from './layouts/docx.ts';
import { readHtml } from './layouts/html.ts';
import { readPdf } from './layouts/pdf.ts';
import { readWordBinary } from './layouts/word-binary.ts';
import { checkXlsxExtent, readWorkbook } from './layouts/workbook.ts';
import { DEFAULT_LIMITS, Guard, type ImportLimits } from './limits.ts';
import { checkXmlParts } from './safe-zip.ts';
import { type ReaderResult, ReaderRefusal, runReader } from './sandbox/run-reader.ts';
import { type Metadata, readMetadata, regionFromBody } from './metadata.ts';
import type { ParsedLayout, RawRow } from './raw-row.ts';
import { splitRoles, splitUnitCell } from './unit-cells.ts';

export interface ImportOptions {
  /** Supplies or overrides the region read from the document. */
  region?: string;
  /** Supplies or overrides the year the plan covers. */
  year?: number;
  /** When the import happens (recorded on the document). */
  now: Date;
  /** Lowers or raises the importer's limits (limits.ts holds the defaults). */
  limits?: Partial<ImportLimits>;
}

/** Archive entries that are not documents: folders' metadata of macOS and Windows, hidden files. */
const JUNK_ENTRY = /(?:^|\/)(?:__MACOSX\/|\.|Thumbs\.db$|desktop\.ini$)/i;

/** Hex characters of the content hash that make a document id unique within a region and year. */
const ID_HASH_CHARS = 8;
/** A region's name: two to twenty Chinese characters (青山县, 济宁高新技术产业开发区, 江门市文化广电旅游体育局). */
const REGION_NAME = /^\p{Script=Han}{2,20}$/u;
/** A unit written with its level (县民政局, 区财政局), not inside a longer name. */
const LEVEL_PREFIX = /(?<![\p{Script=Han}])[县区市](?=\p{Script=Han}{2,}[局办委])/gu;
const LEVELS = ['县', '区', '市'] as const;

type Units = Record<UnitRole, string[]>;

/**
 * Parses an upload without writing anything: one document, or each document of a .zip (all or none).
 * Throws ImportError naming the file (and the entry of a zip) and the reason.
 */
export async function parseUpload(path: string, bytes: Uint8Array, options: ImportOptions): Promise<ParsedDocument[]> {
  const file = basename(path);
  const guard = new Guard({ ...DEFAULT_LIMITS, ...options.limits });
  const kind = await failAs(file, () => sniff(bytes, guard));
  if (kind.kind !== 'archive') return [await parseKind(file, bytes, kind, guard, options)];
  const entries = [...kind.entries].filter(([name]) => !JUNK_ENTRY.test(name));
  if (!entries.length) throw new ImportError(file, importReason.zipEmpty);
  const documents: ParsedDocument[] = [];
  for (const [name, data] of entries) {
    const entryFile = `${file}/${name}`;
    // Each document of the archive has a time budget of its own; a zip inside the zip is refused.
    const entryGuard = new Guard(guard.limits);
    const entryKind = await failAs(entryFile, () => sniff(data, entryGuard));
    if (entryKind.kind === 'archive') throw new ImportError(file, importReason.zipNested(name));
    documents.push(await parseKind(entryFile, data, entryKind, entryGuard, options));
  }
  return documents;
}

/** Parses one document (a zip of several is refused: parseUpload reads those). */
export async function parseDocument(path: string, bytes: Uint8Array, options: ImportOptions): Promise<ParsedDocument> {
  const documents = await parseUpload(path, bytes, options);
  if (documents.length !== 1) throw new ImportError(basename(path), importReason.archiveOfMany(documents.length));
  return documents[0] as ParsedDocument;
}

/** Runs a step of reading a file; a LayoutError becomes the file's ImportError, anything else a read failure. */
async function failAs<T>(file: string, step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (cause instanceof ImportError) throw cause;
    if (cause instanceof LayoutError) throw new ImportError(file, cause.message, { cause });
    throw new ImportError(file, importReason.readFailed(messageOf(cause)), { cause });
  }
}

async function parseKind(file: string, bytes: Uint8Array, kind: FileKind, guard: Guard, options: ImportOptions): Promise<ParsedDocument> {
  const parsed = await readRows(file, kind, bytes, guard);
  const meta = readMetadata(parsed.headerText);
  const year = options.year ?? meta.year;
  if (!year) throw new ImportError(file, importReason.noYear);
  const region = options.region ?? meta.region ?? regionFromUnits(parsed);
  if (!region) throw new ImportError(file, importReason.noRegion);
  if (!REGION_NAME.test(region)) throw new ImportError(file, importReason.badRegion(region));

  const docId = documentId(region, year, meta.docNumber ?? meta.title ?? file);
  const deadlines = { year, issuedAt: meta.issuedAt, noticeRule: findNoticeRule(parsed.headerText, { year, issuedAt: meta.issuedAt }) };
  const { tasks, warnings } = readTasks(parsed.rows, { docId, region, year, deadlines });
  const document = describeDocument(file, bytes, parsed, meta, { docId, region, year, now: options.now });
  return { document, tasks, warnings };
}

/** The file's task rows; a file without any, or one no layout reads, is an ImportError. */
async function readRows(file: string, kind: FileKind, bytes: Uint8Array, guard: Guard): Promise<ParsedLayout> {
  const parsed = await failAs(file, () => readLayout(kind, bytes, guard));
  await failAs(file, () => {
    guard.check('rows', parsed.rows.length);
    // Formats read as text have no cells of their own: an item that never closes could run to the end.
    for (const row of parsed.rows) guard.check('cellChars', longestField(row));
    guard.tick();
  });
  if (parsed.rows.length === 0) throw new ImportError(file, importReason.noTasks);
  return parsed;
}

function longestField(row: RawRow): number {
  return Math.max(row.requirement.length, row.lead.length, row.responsible.length, row.cooperating.length, row.deadline?.length ?? 0, row.remarks?.length ?? 0, row.title?.length ?? 0);
}

async function readLayout(kind: FileKind, bytes: Uint8Array, guard: Guard): Promise<ParsedLayout> {
  switch (kind.kind) {
    case 'docx':
      return readDocx(kind.entries, guard);
    case 'xlsx':
      checkXmlParts(kind.entries, guard);
      checkXlsxExtent(kind.entries, guard);
      return readCompoundFile(await sandboxed('workbook', bytes, guard, importReason.xlsBroken), guard, 'xlsx');
    case 'html':
      return readHtml(kind.text, guard);
    case 'text':
      return chooseLayout(kind.text).parse(kind.text);
    case 'pdf': {
      const result = await sandboxed('pdf', bytes, guard, importReason.pdfBroken);
      return readPdf(result.kind === 'pdf' ? result.pages : [], guard);
    }
    case 'ole':
      return readCompoundFile(await sandboxed('ole', bytes, guard, (reason) => importReason.wordBroken('Office 97-2003', reason)), guard, 'xls');
    case 'archive':
      throw new LayoutError(importReason.zipNested(''));
  }
}

/**
 * What a reader in the worker found: Word or WPS text, a workbook (an .xlsx, or the Excel 97-2003 .xls
 * of a compound file: `workbook` says which), or a format said by name.
 */
function readCompoundFile(result: ReaderResult, guard: Guard, workbook: 'xls' | 'xlsx'): ParsedLayout {
  if (result.kind === 'word') return readWordBinary(result, guard);
  if (result.kind === 'workbook') return readWorkbook(result, guard, workbook);
  if (result.kind === 'encrypted') throw new LayoutError(importReason.format('officeEncrypted'));
  if (result.kind === 'presentation') throw new LayoutError(importReason.format('ppt'));
  throw new LayoutError(importReason.format('oleUnknown'));
}

/** A third-party reader's work in the worker; what it refuses is worded by `broken` or as encrypted. */
async function sandboxed(kind: 'pdf' | 'ole' | 'workbook', bytes: Uint8Array, guard: Guard, broken: (reason: string) => string): Promise<ReaderResult> {
  try {
    return await runReader(kind, bytes, guard);
  } catch (cause) {
    if (!(cause instanceof ReaderRefusal)) throw cause;
    if (cause.code === 'encrypted') throw new LayoutError(kind === 'pdf' ? importReason.pdfEncrypted : importReason.format('officeEncrypted'), { cause });
    throw new LayoutError(broken(cause.detail), { cause });
  }
}

/** The region as the units name it (市生态环境局微山县分局, 微山经济开发区), at the level most units carry. */
function regionFromUnits(parsed: ParsedLayout): string | null {
  const allText = parsed.rows.map((r) => `${r.lead}\n${r.responsible}\n${r.cooperating}\n${r.requirement}`).join('\n');
  const prefixes = allText.match(LEVEL_PREFIX) ?? [];
  const count = (level: string): number => prefixes.filter((p) => p === level).length;
  const dominantLevel = LEVELS.reduce((a, b) => (count(b) > count(a) ? b : a));
  return regionFromBody(`${parsed.headerText}\n${allText}`, dominantLevel);
}

function documentId(region: string, year: number, identity: string): string {
  return `${year}-${createHash('sha256').update(`${region}|${year}|${identity}`).digest('hex').slice(0, ID_HASH_CHARS)}`;
}

interface TaskContext {
  docId: string;
  region: string;
  year: number;
  deadlines: DeadlineContext;
}

function unitsOf(row: RawRow, region: string): Units {
  const cells = splitRoles(row);
  const out: Units = { lead: [], responsible: [], cooperating: [] };
  for (const role of unitRoles) out[role] = splitUnitCell(cells[role]).map((n) => withLevelPrefix(n, region));
  if (row.leadFirst && !out.lead.length && out.responsible.length) out.lead = out.responsible.splice(0, 1);
  return out;
}

/** The doubts a table raised: columns kept as notes that no field takes, rows without a requirement, guessed merges. */
function tableWarnings(rows: readonly RawRow[]): string[] {
  const warnings: string[] = [];
  const unknown = new Map<string, string>();
  for (const row of rows) for (const n of row.notes ?? []) if (!n.known && !unknown.has(n.label)) unknown.set(n.label, n.value);
  for (const [label, example] of unknown) warnings.push(importWarning.unplacedColumn(label, example));
  rows.forEach((row, i) => {
    if (row.requirementMissing) warnings.push(importWarning.emptyRequirement(i + 1, row.requirement));
    for (const g of row.guessed ?? []) warnings.push(importWarning.guessedMerge(i + 1, columnName[g.column as keyof typeof columnName] ?? g.column, g.value));
  });
  return warnings;
}

/** Remarks as written, and the cells of note columns under their names. */
function remarksOf(row: RawRow): string | null {
  const parts = [row.remarks, ...(row.notes ?? []).map((n) => importWarning.note(n.label, n.value))].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join('；') : null;
}

/** The tasks of the rows, with unit names repaired across the document, and the doubts found on the way. */
function readTasks(rows: readonly RawRow[], ctx: TaskContext): { tasks: Task[]; warnings: string[] } {
  const units = rows.map((r) => unitsOf(r, ctx.region));
  const repairs = repairOcrNames(units.flatMap((u) => unitRoles.flatMap((role) => u[role])));
  const warnings = [...tableWarnings(rows), ...[...repairs].map(([from, to]) => importWarning.ocrRepaired(from, to))];
  const repaired = (names: string[]): string[] => [...new Set(names.map((n) => repairs.get(n) ?? n))];
  const tasks = rows.map((row, i) => {
    const u = units[i] ?? { lead: [], responsible: [], cooperating: [] };
    const named = { lead: repaired(u.lead), responsible: repaired(u.responsible), cooperating: repaired(u.cooperating) };
    const task = toTask(row, i + 1, named, ctx, warnings);
    if (!unitRoles.some((role) => task[role].length)) warnings.push(importWarning.noUnits(task.seq, task.requirement));
    return task;
  });
  return { tasks, warnings };
}

/** One task; a doubt about its deadline goes to `warnings`. */
function toTask(row: RawRow, seq: number, units: Units, ctx: TaskContext, warnings: string[]): Task {
  const { deadline, warning } = parseDeadline(row.deadline, row.requirement, ctx.deadlines);
  if (warning) warnings.push(importWarning.ofTask(seq, warning));
  return {
    id: `${ctx.docId}-${seq}`,
    documentId: ctx.docId,
    region: ctx.region,
    year: ctx.year,
    seq,
    section: row.section,
    title: row.title,
    number: row.number,
    requirement: row.requirement,
    lead: units.lead,
    responsible: units.responsible,
    cooperating: units.cooperating,
    remarks: remarksOf(row),
    deadline,
  };
}

function describeDocument(
  file: string,
  bytes: Uint8Array,
  parsed: ParsedLayout,
  meta: Metadata,
  at: { docId: string; region: string; year: number; now: Date },
): TaskDocument {
  return {
    id: at.docId,
    title: meta.title ?? defaultDocumentTitle(at.year, at.region),
    issuer: meta.issuer,
    region: at.region,
    year: at.year,
    docNumber: meta.docNumber,
    issuedAt: meta.issuedAt,
    sourceFile: file,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    layout: parsed.layout,
    importedAt: at.now.toISOString(),
  };
}
