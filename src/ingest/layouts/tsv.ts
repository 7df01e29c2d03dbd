// Tab-separated tables (often OCR'd to markdown): one row per line, page headers repeated, stray
// markdown lines between pages. An empty cell is empty (OCR cannot tell a merged cell).
import { lineTable } from './line-table.ts';

export const tsv = lineTable(
  'tsv',
  (line) => (line.includes('\t') && line.split('\t').some((c) => c.trim()) ? line.split('\t') : null),
  { inheritBlankCells: false },
);
