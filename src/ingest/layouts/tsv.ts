// Tab-separated tables (exported from Excel, or OCR'd to markdown): one row per line, page headers
// repeated, stray markdown lines between pages. An empty unit or deadline cell in a row of the same
// task group is a merged cell, as exports leave them.
import { lineTable } from './line-table.ts';

export const tsv = lineTable(
  'tsv',
  (line) => (line.includes('\t') && line.split('\t').some((c) => c.trim()) ? line.split('\t') : null),
  { inheritBlankCells: true },
);
