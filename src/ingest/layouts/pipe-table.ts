// Markdown / pipe tables ("| 序号 | 工作任务 | … |"). An empty cell is a merged cell, as in hand-typed
// tables; <br> breaks a line inside a cell.
import { lineTable } from './line-table.ts';

const RULE = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export const pipeTable = lineTable(
  'pipe-table',
  (line) => {
    const t = line.trim();
    if (!t.startsWith('|')) return null;
    if (RULE.test(t)) return 'skip';
    return t.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.replace(/<br\s*\/?>/gi, '\n').trim());
  },
  { inheritBlankCells: true },
);
