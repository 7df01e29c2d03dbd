// The importer's limits: whatever someone uploads, a document is refused before it can exhaust memory
// or time. Each limit has a name (said in the error) and a documented default; a caller may lower or
// raise them. The time budget is measured on a monotonic clock (elapsed time, not the calendar).
import { LimitError } from '../errors.ts';
import { limitReason } from '../texts/ingest.ts';

const MB = 1024 * 1024;

export interface ImportLimits {
  /** Bytes of one file as uploaded. */
  fileBytes: number;
  /** Bytes of all entries of a zip, .docx or .xlsx once unpacked. */
  unpackedBytes: number;
  /** Unpacked size over packed size of one zip entry (a zip bomb packs gigabytes of zeros into a megabyte). */
  compressionRatio: number;
  /** Entries of one zip, .docx or .xlsx. */
  zipEntries: number;
  /** Rows of all tables of a document. */
  rows: number;
  /** Columns of one table (a row's cells, or a colspan / gridSpan / merge extent). */
  columns: number;
  /** Cells of all tables of a document. */
  cells: number;
  /** Characters of one table cell. */
  cellChars: number;
  /** Nesting depth of elements (HTML, XML) or tables within tables. */
  depth: number;
  /** Pages of a PDF. */
  pages: number;
  /** Milliseconds one document may take to read. */
  timeMs: number;
}

/** Defaults: far above any real 任务分解表 (a province's has a few thousand rows), far below harm. */
export const DEFAULT_LIMITS: Readonly<ImportLimits> = {
  fileBytes: 50 * MB,
  unpackedBytes: 200 * MB,
  compressionRatio: 200,
  zipEntries: 2000,
  rows: 100_000,
  columns: 64,
  cells: 1_000_000,
  cellChars: 50_000,
  depth: 256,
  pages: 2000,
  timeMs: 60_000,
};

/** A ratio is only suspicious once an entry unpacks to more than this (small XML parts compress well). */
export const RATIO_CHECK_BYTES = 1 * MB;

/** The limits as configured, and the time budget of the document being read. */
export class Guard {
  private readonly until: number;

  constructor(readonly limits: Readonly<ImportLimits> = DEFAULT_LIMITS) {
    this.until = performance.now() + limits.timeMs;
  }

  /** Throws when the document's time budget is spent. Cheap enough to call once per row or element. */
  tick(): void {
    if (performance.now() > this.until) throw new LimitError('timeMs', limitReason.timeMs(this.limits.timeMs));
  }

  /** Milliseconds left of the budget (for work handed to a worker that must be stopped). */
  remainingMs(): number {
    return Math.max(0, this.until - performance.now());
  }

  /** Throws a LimitError naming the limit when `value` exceeds it. */
  check(limit: Exclude<keyof ImportLimits, 'timeMs'>, value: number): void {
    const max = this.limits[limit];
    if (value > max) throw new LimitError(limit, limitReason[limit](value, max));
  }
}

/** The largest file the importer reads by default: the web 台账 sets its upload body limit from it. */
export const MAX_IMPORT_BYTES = DEFAULT_LIMITS.fileBytes;
