// Excel (.xlsx) files: the first sheet with a task-table header; rows above it hold the title;
// merged ranges are filled from their top-left cell.
import ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { LayoutError } from '../../errors.ts';
import { importReason } from '../../texts/ingest.ts';
import type { ParsedLayout } from '../raw-row.ts';
import { findHeader } from '../table/header.ts';
import { mapTable } from '../table/map-table.ts';

/**
 * A merged range keeps its text in the first column only (a heading spanning the row must not look
 * like a requirement); down that column, every row gets the text (a title merged over a group's rows).
 */
function cellText(cell: ExcelJS.Cell): string {
  const source = cell.isMerged ? cell.master : cell;
  if (source.col !== cell.col) return '';
  const v = source.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return String(v.result ?? '');
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

function readGrid(sheet: ExcelJS.Worksheet): string[][] {
  const grid: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c)).trim());
    grid.push(cells);
  }
  return grid;
}

/** Rows as lines; a cell merged across a row repeats its text in every column, so keep it once. */
const asLines = (grid: string[][]): string[] => grid.map((cells) => [...new Set(cells.filter(Boolean))].join(' '));

export async function readXlsx(zip: JSZip): Promise<ParsedLayout> {
  const workbook = new ExcelJS.Workbook();
  const buffer = await zip.generateAsync({ type: 'nodebuffer' });
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const grids = workbook.worksheets.map(readGrid);
  for (const [i, grid] of grids.entries()) {
    const headerIndex = findHeader(grid);
    if (headerIndex < 0) continue;
    // The notice may stand above the table or on a sheet of its own.
    const others = grids.filter((_, j) => j !== i).flatMap(asLines);
    return {
      layout: 'xlsx',
      headerText: [...asLines(grid.slice(0, headerIndex)), ...others].join('\n'),
      rows: mapTable(grid[headerIndex] ?? [], grid.slice(headerIndex + 1), { inheritBlankCells: false }),
    };
  }
  throw new LayoutError(importReason.xlsxNoHeader);
}
