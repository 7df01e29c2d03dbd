// Lays out rows of cells that span rows and columns (HTML rowspan/colspan, Word vMerge/gridSpan, merged
// ranges, PDF cells bounded by ruling lines) on a grid the table mapper reads. A cell merged down the
// rows repeats its text in each row it covers (that is what merged means: the rows share it); across
// the columns only its first column holds the text. A cell that is merely empty stays empty. Spans are
// checked against the limits before anything is laid out.
import type { Guard } from '../limits.ts';

export interface SpanCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

/** A span as written ("2", " 3 ", "0", "abc", "1e9"): a whole number of at least 1, or 0 for "to the end". */
export function spanOf(value: string | undefined): number {
  const n = Number.parseInt((value ?? '').trim(), 10);
  return Number.isFinite(n) && n >= 0 ? n : 1;
}

export function layoutSpans(rows: readonly (readonly SpanCell[])[], guard: Guard): string[][] {
  guard.check('rows', rows.length);
  const grid: string[][] = rows.map(() => []);
  const taken: Array<Set<number>> = rows.map(() => new Set());
  let cells = 0;
  rows.forEach((row, r) => {
    guard.tick();
    let col = 0;
    for (const cell of row) {
      while (taken[r]?.has(col)) col++;
      // A rowspan of 0, or one running past the table, ends with the table (as browsers do).
      const down = cell.rowSpan === 0 ? rows.length - r : Math.min(cell.rowSpan, rows.length - r);
      guard.check('rows', cell.rowSpan);
      guard.check('columns', col + cell.colSpan);
      guard.check('cellChars', cell.text.length);
      cells += down * cell.colSpan;
      guard.check('cells', cells);
      for (let dr = 0; dr < down; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          (grid[r + dr] as string[])[col + dc] = dc === 0 ? cell.text : '';
          taken[r + dr]?.add(col + dc);
        }
      }
      col += cell.colSpan;
    }
  });
  const width = grid.reduce((w, g) => Math.max(w, g.length), 0);
  return grid.map((g) => Array.from({ length: width }, (_, i) => g[i] ?? ''));
}
