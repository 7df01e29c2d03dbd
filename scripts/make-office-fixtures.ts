// Writes test/fixtures/office/plan.docx and plan.xlsx: the table of plan.txt as Word and Excel publish
// it, with real merged cells (vertical merges for the title and unit columns, a spanned heading row).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'office');

const notice = [
  '青政办字〔2025〕8号',
  '青山县人民政府办公室',
  '关于印发2025年青山县政务公开工作任务分解表的通知',
  '各乡镇人民政府、街道办事处，县政府各部门：',
  '现将《2025年青山县政务公开工作任务分解表》印发给你们，请认真贯彻落实。',
  '青山县人民政府办公室',
  '2025年3月10日',
];

const header = ['工作任务', '责任单位', '具体要求', '完成时限'];

/** A heading row spans the table; a task row has four cells, null where the cell above is merged down. */
type Row = { heading: string } | { cells: Array<string | null> };

const rows: Row[] = [
  { heading: '一、深化重点领域信息公开' },
  { cells: ['（一）做好社会救助信息公开', '县民政局、县医保局', '做好城乡低保、特困人员救助供养等社会救助信息公开。', '全年'] },
  { cells: [null, null, '每季度公开低保对象人数和资金支出情况。', '每季度'] },
  { cells: [null, '县财政局', '2025年6月底前公开本级部门预算和“三公”经费。', '2025年6月底'] },
  { cells: ['（二）加强就业信息公开', '县人力资源和社会保障局、各乡镇（街道）', '及时发布岗位供求、职业培训等就业信息。', '2025年9月底前完成，长期坚持'] },
  { heading: '二、加强平台建设' },
  { cells: ['（三）优化政府网站', '县政府各部门、单位', '本文件印发后30日内完成政府网站栏目自查。', '本文件印发后30日内'] },
];

async function writeDocx(): Promise<void> {
  const cell = (text: string, merge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType]): TableCell =>
    new TableCell({ children: [new Paragraph(text)], ...(merge ? { verticalMerge: merge } : {}) });
  const tableRows = [new TableRow({ children: header.map((h) => cell(h)) })];
  rows.forEach((row, i) => {
    if ('heading' in row) {
      tableRows.push(new TableRow({ children: [new TableCell({ children: [new Paragraph(row.heading)], columnSpan: 4 })] }));
      return;
    }
    const next = rows[i + 1];
    tableRows.push(
      new TableRow({
        children: row.cells.map((text, c) => {
          const mergedBelow = next !== undefined && 'cells' in next && next.cells[c] === null;
          if (text === null) return cell('', VerticalMergeType.CONTINUE);
          return cell(text, mergedBelow ? VerticalMergeType.RESTART : undefined);
        }),
      }),
    );
  });
  const doc = new Document({
    sections: [{ children: [...notice.map((t) => new Paragraph(t)), new Paragraph('附件'), new Table({ rows: tableRows })] }],
  });
  writeFileSync(join(dir, 'plan.docx'), await Packer.toBuffer(doc));
}

async function writeXlsx(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务分解表');
  sheet.addRow(['2025年青山县政务公开工作任务分解表']);
  sheet.mergeCells('A1:D1');
  sheet.addRow(header);
  const open: Array<number | null> = [null, null, null, null];
  for (const row of rows) {
    if ('heading' in row) {
      const r = sheet.addRow([row.heading]);
      sheet.mergeCells(r.number, 1, r.number, 4);
      continue;
    }
    const r = sheet.addRow(row.cells.map((c) => c ?? ''));
    row.cells.forEach((c, i) => {
      if (c !== null) open[i] = r.number;
      else if (open[i] !== null) {
        sheet.unMergeCells(open[i] as number, i + 1, r.number - 1, i + 1);
        sheet.mergeCells(open[i] as number, i + 1, r.number, i + 1);
      }
    });
  }
  // The notice goes on a sheet of its own, as offices often keep it.
  const cover = workbook.addWorksheet('通知');
  for (const line of notice) cover.addRow([line]);
  await workbook.xlsx.writeFile(join(dir, 'plan.xlsx'));
}

await writeDocx();
await writeXlsx();
console.log(`wrote ${join(dir, 'plan.docx')} and plan.xlsx`);
