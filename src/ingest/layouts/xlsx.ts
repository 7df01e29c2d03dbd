// Excel (.xlsx) files: the first sheet with a task-table header; rows above it hold the title;
// merged ranges are filled from their top-left cell.
import ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import type { ParsedLayout } from '../raw-row.ts';
import { findHeader, LayoutError, mapTable } from '../table.ts';

function cellText(cell: ExcelJS.Cell): string {
  const source = cell.isMerged ? cell.master : cell;
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

export async function readXlsx(zip: JSZip): Promise<ParsedLayout> {
  const workbook = new ExcelJS.Workbook();
  const buffer = await zip.generateAsync({ type: 'nodebuffer' });
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  for (const sheet of workbook.worksheets) {
    const grid: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c)).trim());
      grid.push(cells);
    }
    const headerIndex = findHeader(grid);
    if (headerIndex < 0) continue;
    // Cells merged across a whole row above the header (the title) repeat their text: keep it once.
    const prose = grid.slice(0, headerIndex).map((cells) => [...new Set(cells.filter(Boolean))].join(' '));
    return {
      layout: 'xlsx',
      headerText: prose.join('\n'),
      rows: mapTable(grid[headerIndex] ?? [], grid.slice(headerIndex + 1), { inheritBlankCells: false }),
      warnings: [],
    };
  }
  throw new LayoutError('Excel 文件中没有含“工作任务/具体要求/责任单位/完成时限”等列名的表格');
}
