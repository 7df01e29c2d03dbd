// Finds the task table among the tables of a document (a web page's layout tables, a Word file's
// several tables, a PDF's one grid per page): the first with a task-table header, and the tables right
// after it of the same width (the same table broken by a page or a section).
import { LayoutError } from '../../errors.ts';
import { findHeader, repeatsHeader } from './header.ts';

export interface FoundTable {
  /** The grids used, by index. */
  used: number[];
  header: string[];
  body: string[][];
  /** Rows above the header in the first grid (a title row inside the table). */
  above: string[][];
}

/** The header row of a grid, -1 when none; a header-like row without a requirement column counts as none. */
function headerOf(grid: readonly string[][]): { index: number; error: LayoutError | null } {
  try {
    return { index: findHeader(grid), error: null };
  } catch (error) {
    if (error instanceof LayoutError) return { index: -1, error };
    throw error;
  }
}

/**
 * The task table, or null when no grid has a task header. When a grid has a header-like row that
 * cannot be used (no requirement column) and no other grid has a usable one, that reason is thrown.
 * `follows(i, j)`: whether grid j may continue grid i (not nested inside it, say).
 */
export function chooseTable(grids: readonly string[][][], follows: (i: number, j: number) => boolean = () => true): FoundTable | null {
  let firstError: LayoutError | null = null;
  for (const [i, grid] of grids.entries()) {
    const { index, error } = headerOf(grid);
    firstError ??= error;
    if (index < 0) continue;
    const header = grid[index] as string[];
    const found: FoundTable = { used: [i], header, body: grid.slice(index + 1), above: grid.slice(0, index) };
    for (let j = i + 1; j < grids.length; j++) {
      const next = grids[j] as string[][];
      if (!follows(i, j)) continue;
      const sameWidth = next.every((r) => r.length === header.length);
      const nextHeader = headerOf(next).index;
      if (!sameWidth || (nextHeader >= 0 && !repeatsHeader(next[nextHeader] ?? [], header))) break;
      found.used.push(j);
      found.body.push(...next);
    }
    return found;
  }
  if (firstError) throw firstError;
  return null;
}
