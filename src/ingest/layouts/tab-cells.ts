// Tables exported as one cell per line, each cell indented by a tab, rows separated by blank lines.
// An empty cell is a merged cell; a cell may wrap onto unindented lines; a blank line may split a row.
import type { ParsedLayout } from '../raw-row.ts';
import { findHeader, tableScore } from '../table/header.ts';
import { mapTable } from '../table/map-table.ts';
import type { TextLayout } from './layout.ts';

interface Scan {
  blocks: string[][];
  /** Lines outside the table. */
  prose: string[];
}

function scan(text: string): Scan {
  const blocks: string[][] = [];
  const prose: string[] = [];
  let block: string[] | null = null;
  let lastWasCell = false;
  for (const line of text.split('\n')) {
    if (/^\t/.test(line) && !line.slice(1).includes('\t')) {
      block ??= [];
      block.push(line.slice(1).trim());
      lastWasCell = true;
    } else if (!line.trim()) {
      if (block) blocks.push(block);
      block = null;
      lastWasCell = false;
    } else if (lastWasCell && block) {
      block[block.length - 1] += '\n' + line.trim();
    } else {
      prose.push(line);
      lastWasCell = false;
    }
  }
  if (block) blocks.push(block);
  return { blocks, prose };
}

export const tabCells: TextLayout = {
  name: 'tab-cells',

  score(text) {
    const { blocks } = scan(text);
    const cells = blocks.reduce((n, b) => n + b.length, 0);
    return tableScore(blocks, cells);
  },

  parse(text): ParsedLayout {
    const { blocks, prose } = scan(text);
    const headerIndex = findHeader(blocks);
    const header = blocks[headerIndex] ?? [];
    const width = header.length;
    const rows: string[][] = [];
    const pending: string[] = [];
    const body = blocks.slice(headerIndex + 1);
    body.forEach((block, i) => {
      const next = body[i + 1];
      // A lone cell is a heading row, unless the next block holds exactly the rest of a row.
      if (pending.length === 0 && block.length === 1 && next?.length !== width - 1) {
        rows.push(block);
        return;
      }
      pending.push(...block);
      while (pending.length >= width) rows.push(pending.splice(0, width));
    });
    if (pending.length > 0) rows.push(pending);
    return {
      layout: 'tab-cells',
      headerText: prose.join('\n'),
      rows: mapTable(header, rows, { inheritBlankCells: true }),
    };
  },
};
