// The ledger (台账) as a spreadsheet: one row per task of a region, with its status and last progress.
// Every cell is text people typed or imported (notes, display names, requirements), so every cell is
// neutralised against formula injection (OWASP "CSV injection") and passes the one redaction.
import ExcelJS from 'exceljs';
import { redact } from '../log.ts';
import { deadlineLabel } from '../texts/format.ts';
import { ledgerText } from '../texts/ledger.ts';
import type { Task } from '../model/task.ts';
import type { LedgerEvent } from '../model/records.ts';
import { STATUS_LABEL, statusOf } from './status.ts';

export const LEDGER_COLUMNS = ledgerText.columns;
/** Excel refuses sheet names longer than this. */
const EXCEL_SHEET_NAME_MAX = 31;
/** Column widths in characters, in the order of LEDGER_COLUMNS. */
const COLUMN_WIDTHS = [22, 30, 60, 20, 30, 20, 16, 12, 8, 30, 12, 24];
const DEFAULT_COLUMN_WIDTH = 16;

export function ledgerRows(tasks: readonly Task[], ledger: ReadonlyMap<string, readonly LedgerEvent[]>, today: string): string[][] {
  return tasks.map((task) => {
    const events = ledger.get(task.id) ?? [];
    const last = events.at(-1);
    return [
      task.id,
      task.section.join(' / '),
      task.requirement,
      task.lead.join('、'),
      task.responsible.join('、'),
      task.cooperating.join('、'),
      deadlineLabel(task),
      task.deadline.due ?? '',
      STATUS_LABEL[statusOf(task, events, today)],
      last ? `${last.action === 'progress' ? '' : `[${ledgerText.action[last.action]}] `}${last.note}`.trim() : '',
      last ? (last.by.name ?? `${last.by.platform}:${last.by.userId}`) : '',
      last?.at ?? '',
    ];
  });
}

/**
 * A cell a spreadsheet will not read as a formula: one that starts with = + - @, a tab or a carriage
 * return (after any spaces) gets a leading apostrophe, OWASP's rule. Also what the one redaction hides.
 */
export function safeCell(value: string): string {
  const text = redact(value);
  return /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/.test(text) ? `'${text}` : text;
}

export async function ledgerXlsx(region: string, rows: readonly string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(ledgerText.sheet(region).slice(0, EXCEL_SHEET_NAME_MAX));
  sheet.addRow([...LEDGER_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safeCell));
  sheet.columns.forEach((c, i) => (c.width = COLUMN_WIDTHS[i] ?? DEFAULT_COLUMN_WIDTH));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * CSV with a BOM, so that Excel on a Chinese Windows opens it as UTF-8. Every field is quoted (a locale
 * that splits on ";" cannot start a new cell inside one) and neutralised.
 */
export function ledgerCsv(rows: readonly string[][]): Uint8Array {
  const field = (v: string): string => `"${safeCell(v).replace(/"/g, '""')}"`;
  const text = [LEDGER_COLUMNS as readonly string[], ...rows].map((r) => r.map(field).join(',')).join('\r\n');
  return new TextEncoder().encode(`\ufeff${text}\r\n`);
}
