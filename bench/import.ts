// Import throughput: task tables of the seed documents' tasks as text, a web page, .docx and PDF, each at
// two sizes (a quarter and the whole), read by parseUpload as an upload is. Reports MB/s of the file as
// uploaded and how time scales with size (1 = linear; a quadratic step shows as about 4).
// Part of `npm run bench`; alone: `npm run bench:import [-- --json]`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, parseUpload } from '../src/ingest/import-document.ts';
import type { Task } from '../src/model/task.ts';
import { BENCH_REGION, BENCH_YEAR, benchRows, docxDocument, htmlDocument, pdfDocument, textDocument, type BenchRow } from './import-documents.ts';

/** Text must import at this many MB/s or more (the issue's target). */
export const TEXT_TARGET_MB_S = 2;
/** Time over size, large document against small: above this the importer is not linear. */
export const MAX_SCALING = 2;
/** Each document is read this many times and the fastest kept (the machine is shared). */
const RUNS = 2;
/** Rows of the documents read once before timing, so that the JIT and the reader worker are warm. */
const WARM_UP_ROWS = 300;

type Format = 'text' | 'html' | 'docx' | 'pdf';

/** Rows of the small and the large document of each format: about 2 and 8 MB of text and HTML. */
const SIZES: Record<Format, [number, number]> = {
  text: [6_000, 24_000],
  html: [5_000, 20_000],
  docx: [2_500, 10_000],
  pdf: [2_000, 8_000],
};

const MAKERS: Record<Format, (rows: readonly BenchRow[]) => Buffer | Promise<Buffer>> = {
  text: textDocument,
  html: htmlDocument,
  docx: docxDocument,
  pdf: pdfDocument,
};
const EXTENSION: Record<Format, string> = { text: 'txt', html: 'html', docx: 'docx', pdf: 'pdf' };

export interface ImportMeasure {
  format: Format;
  rows: number;
  mb: number;
  ms: number;
  mbPerS: number;
  /** Tasks read: must equal rows. */
  tasks: number;
}

export interface ImportBench {
  measures: ImportMeasure[];
  /** Per format: (large time / small time) / (large size / small size). */
  scaling: Record<Format, number>;
  missed: string[];
}

const MB = 2 ** 20;
const NOW = new Date('2022-06-10T02:00:00Z');

async function seedTasks(): Promise<Task[]> {
  const dir = join(import.meta.dirname, '..', 'data', 'seeds');
  const tasks: Task[] = [];
  for (const file of readdirSync(dir).sort()) tasks.push(...(await parseDocument(file, readFileSync(join(dir, file)), { now: NOW })).tasks);
  return tasks;
}

async function measure(format: Format, bytes: Buffer, rows: number): Promise<ImportMeasure> {
  let best = Infinity;
  let tasks = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const docs = await parseUpload(`bench.${EXTENSION[format]}`, bytes, { now: NOW, region: BENCH_REGION, year: BENCH_YEAR });
    best = Math.min(best, performance.now() - start);
    tasks = docs.reduce((n, d) => n + d.tasks.length, 0);
  }
  const mb = bytes.byteLength / MB;
  return { format, rows, mb, ms: best, mbPerS: mb / (best / 1000), tasks };
}

export async function runImportBench(say: (line: string) => void = console.log): Promise<ImportBench> {
  const tasks = await seedTasks();
  const measures: ImportMeasure[] = [];
  const scaling = {} as Record<Format, number>;
  const missed: string[] = [];
  for (const format of Object.keys(SIZES) as Format[]) {
    await measure(format, await MAKERS[format](benchRows(tasks, WARM_UP_ROWS)), WARM_UP_ROWS);
    const pair: ImportMeasure[] = [];
    for (const rows of SIZES[format]) {
      const m = await measure(format, await MAKERS[format](benchRows(tasks, rows)), rows);
      say(`import ${format}: ${m.mb.toFixed(2)} MB, ${rows} rows in ${m.ms.toFixed(0)} ms = ${m.mbPerS.toFixed(2)} MB/s${m.tasks === rows ? '' : ` (read ${m.tasks} tasks!)`}`);
      if (m.tasks !== rows) missed.push(`${format} read ${m.tasks} of ${rows} tasks`);
      pair.push(m);
    }
    const [small, large] = pair as [ImportMeasure, ImportMeasure];
    scaling[format] = large.ms / small.ms / (large.mb / small.mb);
    say(`import ${format}: time grows ${scaling[format].toFixed(2)}× as fast as size (1 = linear; target ≤ ${MAX_SCALING})`);
    if (scaling[format] > MAX_SCALING) missed.push(`${format} not linear`);
    measures.push(...pair);
  }
  const text = measures.filter((m) => m.format === 'text');
  if (text.some((m) => m.mbPerS < TEXT_TARGET_MB_S)) missed.push(`text below ${TEXT_TARGET_MB_S} MB/s`);
  return { measures, scaling, missed };
}

// Run alone: `npm run bench:import` (`-- --json` prints the results as JSON).
if (process.argv[1] === import.meta.filename) {
  const json = process.argv.includes('--json');
  const result = await runImportBench(json ? (line) => process.stderr.write(`${line}\n`) : console.log);
  if (json) console.log(JSON.stringify({ import: result, targets: { textMbPerS: TEXT_TARGET_MB_S, maxScaling: MAX_SCALING }, missed: result.missed }, null, 2));
  else console.log(result.missed.length ? `MISSED: ${result.missed.join(', ')}` : 'all import targets met');
  process.exitCode = result.missed.length ? 1 : 0;
}
