// Tab-separated tables (often OCR'd to markdown): one row per line, page headers repeated, stray
// markdown lines between pages.
import type { ParsedLayout } from '../raw-row.ts';
import { findHeader, mapTable, tableScore } from '../table.ts';
import type { TextLayout } from './layout.ts';

function isRow(line: string): boolean {
  return line.includes('\t') && line.split('\t').some((c) => c.trim());
}

function splitRows(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (isRow(line)) {
      rows.push(line.split('\t'));
      lines.push(i);
    }
  });
  return { rows, lines };
}

export const tsv: TextLayout = {
  name: 'tsv',

  score(text) {
    const { rows } = splitRows(text);
    return tableScore(rows);
  },

  parse(text): ParsedLayout {
    const { rows, lines } = splitRows(text);
    const headerIndex = findHeader(rows);
    const allLines = text.split('\n');
    const tableLines = new Set(lines.slice(headerIndex));
    return {
      layout: 'tsv',
      headerText: allLines.filter((_, i) => !tableLines.has(i)).join('\n'),
      rows: mapTable(rows[headerIndex] ?? [], rows.slice(headerIndex + 1), { inheritBlankCells: false }),
    };
  },
};
