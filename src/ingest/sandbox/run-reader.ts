// Hands a binary file to the reader worker (reader-worker.mjs) and waits for plain data back, at most
// for the document's remaining time budget and within a memory ceiling: a file that makes a library
// loop or allocate without end costs one terminated worker, never the process.
import { Worker } from 'node:worker_threads';
import { LayoutError, LimitError } from '../../errors.ts';
import { importReason, limitReason } from '../../texts/ingest.ts';
import type { Guard, ImportLimits } from '../limits.ts';

/** Heap of the reader worker: ample for a real document, and what a hostile one may cost at most. */
const WORKER_HEAP_MB = 512;

export interface PdfItem {
  s: string;
  x: number;
  y: number;
  w: number;
  h: number;
  eol: boolean;
}
/** A ruling line: x1, y1, x2, y2 in page space (points, y up). */
export type Rule = [number, number, number, number];
export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
  rules: Rule[];
}

export type ReaderResult =
  | { kind: 'pdf'; pages: PdfPage[] }
  | { kind: 'word'; word: Uint8Array; table0: Uint8Array | null; table1: Uint8Array | null; producer: 'word' | 'wps' }
  | { kind: 'workbook'; sheets: Array<{ name: string; cells: Array<[number, number, string]>; merges: Array<[number, number, number, number]> }> }
  | { kind: 'encrypted' | 'presentation' | 'other' };

type Reply = { ok: true; result: ReaderResult } | { ok: false; code: 'encrypted' | 'broken' | 'limit'; detail?: unknown };

/** What the worker refused, and why, for the reader to word. */
export class ReaderRefusal extends Error {
  constructor(
    readonly code: 'encrypted' | 'broken',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** Reads a PDF, a compound file (Word, WPS, Excel 97-2003) or a workbook (.xls, .xlsx) in the worker. */
export function runReader(kind: 'pdf' | 'ole' | 'workbook', bytes: Uint8Array, guard: Guard): Promise<ReaderResult> {
  const limits: ImportLimits = guard.limits;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./reader-worker.mjs', import.meta.url), {
      workerData: { kind, bytes, limits },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      // Plain JavaScript: the worker needs none of the parent's flags. Inheriting `--import tsx` would load
      // the TypeScript loader and parse PDF.js's source maps in every worker (a second per document).
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new LimitError('timeMs', limitReason.timeMs(limits.timeMs)))), guard.remainingMs());
    worker.on('message', (reply: Reply) =>
      finish(() => {
        if (reply.ok) resolve(reply.result);
        else if (reply.code === 'limit') {
          const { limit, value } = reply.detail as { limit: 'pages' | 'cells'; value: number };
          reject(new LimitError(limit, limitReason[limit](value, limits[limit])));
        } else reject(new ReaderRefusal(reply.code, String(reply.detail ?? '')));
      }),
    );
    worker.on('error', (error) =>
      finish(() => {
        // ERR_WORKER_OUT_OF_MEMORY: the file needed more than the reader may use.
        const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(outOfMemory ? new LayoutError(importReason.readerOutOfMemory(WORKER_HEAP_MB), { cause: error }) : new ReaderRefusal('broken', error.message));
      }),
    );
    worker.on('exit', (code) => finish(() => reject(new ReaderRefusal('broken', `worker exited with code ${code}`))));
  });
}
