// Decides what a file is from its bytes: a Word or Excel file, or text in one of the known layouts.
import JSZip from 'jszip';
import { LayoutError, messageOf } from '../errors.ts';
import { importReason } from '../texts/ingest.ts';
import type { TextLayout } from './layouts/layout.ts';
import { numberedProse } from './layouts/numbered-prose.ts';
import { pipeTable } from './layouts/pipe-table.ts';
import { tabCells } from './layouts/tab-cells.ts';
import { tsv } from './layouts/tsv.ts';
import { normalizeNewlines } from './text.ts';

export const textLayouts: readonly TextLayout[] = [tabCells, tsv, pipeTable, numberedProse];

export type FileKind = { kind: 'docx'; zip: JSZip } | { kind: 'xlsx'; zip: JSZip } | { kind: 'text'; text: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (older government files). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.includes(0)) throw new LayoutError(importReason.binary);
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return normalizeNewlines(new TextDecoder(encoding, { fatal: true }).decode(bytes));
    } catch {
      // try the next encoding
    }
  }
  throw new LayoutError(importReason.unknownEncoding);
}

export async function sniff(bytes: Uint8Array): Promise<FileKind> {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch (cause) {
      throw new LayoutError(importReason.badZip(messageOf(cause)));
    }
    if (zip.file('word/document.xml')) return { kind: 'docx', zip };
    if (zip.file('xl/workbook.xml')) return { kind: 'xlsx', zip };
    throw new LayoutError(importReason.zipWithoutOffice);
  }
  return { kind: 'text', text: decodeText(bytes) };
}

/** The layout that reads this text best, or a reason why none does. */
export function chooseLayout(text: string): TextLayout {
  if (!text.trim()) throw new LayoutError(importReason.empty);
  let best: TextLayout | null = null;
  let bestScore = 0;
  for (const layout of textLayouts) {
    const score = layout.score(text);
    if (score > bestScore) {
      best = layout;
      bestScore = score;
    }
  }
  if (!best) throw new LayoutError(importReason.noTaskTable);
  return best;
}
