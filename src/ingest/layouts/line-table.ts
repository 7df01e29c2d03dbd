// Tables written one row per line (TSV, markdown pipe tables): a line splitter is all that differs.
import type { ParsedLayout } from '../raw-row.ts';
import { findHeader, tableScore } from '../table/header.ts';
import { mapTable } from '../table/map-table.ts';
import type { TextLayout } from './layout.ts';

/** A line's cells; 'skip' for a table line that holds no cells (a |---| rule); null when not a table line. */
export type LineSplitter = (line: string) => string[] | 'skip' | null;

export function lineTable(name: string, split: LineSplitter, options: { inheritBlankCells: boolean }): TextLayout {
  const read = (text: string): { rows: string[][]; lineOf: number[]; tableLines: number[] } => {
    const rows: string[][] = [];
    const lineOf: number[] = [];
    const tableLines: number[] = [];
    text.split('\n').forEach((line, i) => {
      const cells = split(line);
      if (cells === null) return;
      tableLines.push(i);
      if (cells === 'skip') return;
      rows.push(cells);
      lineOf.push(i);
    });
    return { rows, lineOf, tableLines };
  };
  return {
    name,
    score: (text) => tableScore(read(text).rows),
    parse(text): ParsedLayout {
      const { rows, lineOf, tableLines } = read(text);
      const headerIndex = findHeader(rows);
      // The notice is every line that is not part of the table from its header on.
      const start = lineOf[headerIndex] ?? 0;
      const table = new Set(tableLines.filter((i) => i >= start));
      return {
        layout: name,
        headerText: text.split('\n').filter((_, i) => !table.has(i)).join('\n'),
        rows: mapTable(rows[headerIndex] ?? [], rows.slice(headerIndex + 1), options),
      };
    },
  };
}
