// Markdown / pipe tables ("| 序号 | 工作任务 | … |"). An empty cell is a merged cell, as in hand-typed tables.
import type { ParsedLayout } from '../raw-row.ts';
import { findHeader, mapTable, tableScore } from '../table.ts';
import type { TextLayout } from './layout.ts';

const SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function splitRows(text: string): { rows: string[][]; lines: Set<number> } {
  const rows: string[][] = [];
  const lines = new Set<number>();
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t.startsWith('|')) return;
    lines.add(i);
    if (SEPARATOR.test(t)) return;
    const cells = t.replace(/^\|/, '').replace(/\|$/, '').split('|');
    rows.push(cells.map((c) => c.replace(/<br\s*\/?>/gi, '\n').trim()));
  });
  return { rows, lines };
}

export const pipeTable: TextLayout = {
  name: 'pipe-table',

  score(text) {
    const { rows } = splitRows(text);
    return tableScore(rows);
  },

  parse(text): ParsedLayout {
    const { rows, lines } = splitRows(text);
    const headerIndex = findHeader(rows);
    return {
      layout: 'pipe-table',
      headerText: text.split('\n').filter((_, i) => !lines.has(i)).join('\n'),
      rows: mapTable(rows[headerIndex] ?? [], rows.slice(headerIndex + 1), { inheritBlankCells: true }),
    };
  },
};
