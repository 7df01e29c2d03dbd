// Spreadsheets (.xlsx, and Excel 97-2003 .xls): read by SheetJS in the reader worker to cells and
// merged ranges, laid out here within the limits. The first sheet with a task-table header is the
// table; rows above it and the other sheets hold the notice. A merged range is merged (its text down
// its first column, as the rows share it); an empty cell is empty.
import { LayoutError, LimitError } from '../../errors.ts';
import { importReason, limitReason } from '../../texts/ingest.ts';
import type { Guard } from '../limits.ts';
import type { ParsedLayout } from '../raw-row.ts';
import type { ZipEntries } from '../safe-zip.ts';
import { xmlPart } from '../safe-zip.ts';
import type { ReaderResult } from '../sandbox/run-reader.ts';
import { chooseTable } from '../table/choose.ts';
import { mapTable } from '../table/map-table.ts';

type Workbook = Extract<ReaderResult, { kind: 'workbook' }>;
type Sheet = Workbook['sheets'][number];

const A = 'A'.charCodeAt(0);
const LETTERS = 26;

/** "XFD1048576" → zero-based row and column. */
export function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m?.[1] || !m[2]) return null;
  let col = 0;
  for (const ch of m[1]) col = col * LETTERS + (ch.charCodeAt(0) - A + 1);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function checkCellAt(ref: string, guard: Guard): void {
  const at = decodeRef(ref);
  if (at && (at.row >= guard.limits.rows || at.col >= guard.limits.columns)) {
    throw new LimitError(at.row >= guard.limits.rows ? 'rows' : 'columns', limitReason.cellAt(ref, guard.limits.rows, guard.limits.columns));
  }
}

/**
 * Before SheetJS sees an .xlsx: every cell reference and merged range of every sheet lies within the
 * limits (an 8 KB file may name a cell at XFD1048576 or merge a million rows).
 */
export function checkXlsxExtent(entries: ZipEntries, guard: Guard): void {
  for (const path of entries.keys()) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(path)) continue;
    const xml = xmlPart(entries, path, guard) ?? '';
    for (const m of xml.matchAll(/<c\b[^>]*?\br="([A-Z$]+[$\d]+)"/g)) checkCellAt(m[1] ?? '', guard);
    for (const m of xml.matchAll(/<mergeCell\b[^>]*?\bref="([A-Z$\d]+)(?::([A-Z$\d]+))?"/g)) {
      checkCellAt(m[1] ?? '', guard);
      if (m[2]) checkCellAt(m[2], guard);
    }
  }
}

/** A sheet as a grid: merged ranges as merged cells; every cell and range checked against the limits first. */
function sheetGrid(sheet: Sheet, guard: Guard): string[][] {
  let rows = 0;
  let cols = 0;
  for (const [r, c, text] of sheet.cells) {
    if (r >= guard.limits.rows || c >= guard.limits.columns) checkCellAt(encodeRef(r, c), guard);
    guard.check('cellChars', text.length);
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  }
  for (const [r0, c0, r1, c1] of sheet.merges) {
    checkCellAt(encodeRef(r1, c1), guard);
    if (r0 < rows && c0 < cols) {
      rows = Math.max(rows, r1 + 1);
      cols = Math.max(cols, c1 + 1);
    }
  }
  guard.check('cells', rows * cols);
  const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
  for (const [r, c, text] of sheet.cells) (grid[r] as string[])[c] = text.trim();
  for (const [r0, c0, r1, c1] of sheet.merges) {
    guard.tick();
    const text = grid[r0]?.[c0] ?? '';
    for (let r = r0; r <= r1 && r < rows; r++) for (let c = c0; c <= c1 && c < cols; c++) (grid[r] as string[])[c] = c === c0 ? text : '';
  }
  return grid;
}

function encodeRef(row: number, col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / LETTERS)) letters = String.fromCharCode(A + ((n - 1) % LETTERS)) + letters;
  return `${letters}${row + 1}`;
}

/** Rows as lines; a cell merged across a row repeats nothing, so keep each text once. */
const asLines = (grid: string[][]): string[] => grid.map((cells) => [...new Set(cells.filter(Boolean))].join(' '));

/** A workbook's table; `format` names what the file was (an Excel 97-2003 .xls or an .xlsx) in the layout. */
export function readWorkbook(book: Workbook, guard: Guard, format: 'xls' | 'xlsx'): ParsedLayout {
  const grids = book.sheets.map((s) => sheetGrid(s, guard));
  for (const [i, grid] of grids.entries()) {
    const found = chooseTable([grid]);
    if (!found) continue;
    // The notice may stand above the table or on a sheet of its own.
    const others = grids.filter((_, j) => j !== i).flatMap(asLines);
    return {
      layout: format,
      headerText: [...asLines(found.above), ...others].join('\n'),
      rows: mapTable(found.header, found.body, { inheritBlankCells: false }),
    };
  }
  throw new LayoutError(importReason.xlsxNoHeader);
}
