// Task tables of any length for the import benchmark, in the formats counties publish: a text export
// (one cell per tab-indented line, long cells wrapped), a government web page, a Word .docx and a PDF
// with a ruled table (what Word exports). The rows are the seed documents' own tasks, repeated.
import { deflateSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { Task } from '../src/model/task.ts';

export const BENCH_REGION = '青山县';
export const BENCH_YEAR = 2022;

const NOTICE = [
  '青政办字〔2022〕8号',
  `${BENCH_REGION}人民政府办公室`,
  `关于印发${BENCH_YEAR}年${BENCH_REGION}政务公开工作任务分解表的通知`,
  '各乡镇人民政府、街道办事处，县政府各部门：',
  `现将《${BENCH_YEAR}年${BENCH_REGION}政务公开工作任务分解表》印发给你们，请认真贯彻落实。`,
];
const HEADER = ['序号', '工作任务', '牵头单位', '责任单位', '完成时限'];

/** One row of the table: the cells under HEADER. */
export type BenchRow = [string, string, string, string, string];

/** A seed task fit to repeat: a whole sentence (not one a page break cut) with a unit in charge. */
const wholeTask = (t: Task): boolean => /[。；;）)]$/.test(t.requirement) && (t.lead.length > 0 || t.responsible.length > 0);

/** `n` rows made from the seed tasks in turn, numbered 1…n. */
export function benchRows(tasks: readonly Task[], n: number): BenchRow[] {
  const fit = tasks.filter(wholeTask);
  return Array.from({ length: n }, (_, i) => {
    const t = fit[i % fit.length] as Task;
    const lead = t.lead.length ? t.lead : t.responsible;
    const others = t.lead.length ? t.responsible : t.cooperating;
    return [String(i + 1), t.requirement, lead.join('、'), others.join('、'), t.deadline.raw ?? '全年'];
  });
}

/** A text export wraps a long cell onto unindented lines of this many characters. */
const TEXT_WRAP = 60;

const wrap = (text: string, width: number): string[] => {
  const chars = Array.from(text);
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
  return lines.length ? lines : [''];
};

/** The text export: the notice, then each cell on a tab-indented line, rows apart by blank lines. */
export function textDocument(rows: readonly BenchRow[]): Buffer {
  const cells = (row: readonly string[]): string => row.map((c) => wrap(c, TEXT_WRAP).map((l, i) => (i ? l : `\t${l}`)).join('\n')).join('\n');
  return Buffer.from([...NOTICE, '', cells(HEADER), '', ...rows.map((r) => `${cells(r)}\n`)].join('\n'));
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A government page: menus, script and footer around the article and its table. */
export function htmlDocument(rows: readonly BenchRow[]): Buffer {
  const body: string[] = [];
  rows.forEach((row, i) => {
    const cells = row.map((c) => `<td><p>${escapeHtml(c) || '&nbsp;'}</p></td>`);
    body.push(`<tr>${cells.join('')}</tr>`);
    if (i % 2 === 1) body.push(''); // keeps the markup of a long page in lines, as editors write it
  });
  return Buffer.from(
    [
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务公开</title><script>var menu = 1;</script></head><body>',
      '<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div><div class="article">',
      ...NOTICE.map((p) => `<p>${p}</p>`),
      `<table class="MsoNormalTable" border="1"><tr>${HEADER.map((h) => `<td><b>${h}</b></td>`).join('')}</tr>`,
      ...body,
      '</table></div><div class="footer">主办单位：青山县人民政府办公室</div></body></html>',
    ].join('\n'),
  );
}

/** A Word document: the notice as paragraphs, then the table. */
export async function docxDocument(rows: readonly BenchRow[]): Promise<Buffer> {
  const row = (cells: readonly string[]): TableRow => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
  const doc = new Document({ sections: [{ children: [...NOTICE.map((p) => new Paragraph(p)), new Table({ rows: [row(HEADER), ...rows.map(row)] })] }] });
  return Packer.toBuffer(doc);
}

// The PDF: A4 landscape, a ruled table in STSong-Light (a standard Chinese font every reader has, so
// nothing is embedded), UCS-2 text, each page's content deflated, as Word and WPS export.
const PAGE = { width: 842, height: 595, margin: 40 };
const COLUMNS = [40, 400, 130, 120, 72];
const FONT_SIZE = 9;
const LINE = 12;
const PAD = 3;

const hex = (s: string): string =>
  Array.from(s)
    .map((c) => (c.codePointAt(0) ?? 0x3f).toString(16).padStart(4, '0').slice(-4))
    .join('');

/**
 * Content streams of the pages: the notice as lines of text, then the table: rules round every cell
 * and the text of each, wrapped to its column.
 */
function pdfPages(notice: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE.height - PAGE.margin;
  for (const line of notice) {
    y -= LINE * 2;
    ops.push(`BT /F1 ${FONT_SIZE * 2} Tf ${PAGE.margin} ${y} Td <${hex(line)}> Tj ET`);
  }
  y -= LINE * 2;
  const right = PAGE.margin + COLUMNS.reduce((a, b) => a + b, 0);
  for (const row of rows) {
    const lines = row.map((c, i) => wrap(c, Math.floor(((COLUMNS[i] as number) - 2 * PAD) / FONT_SIZE)));
    const height = Math.max(...lines.map((l) => l.length)) * LINE + 2 * PAD;
    if (y - height < PAGE.margin && ops.length) {
      pages.push(ops.join('\n'));
      ops = [];
      y = PAGE.height - PAGE.margin;
    }
    ops.push(`0.5 w ${PAGE.margin} ${y} m ${right} ${y} l S ${PAGE.margin} ${y - height} m ${right} ${y - height} l S`);
    let x = PAGE.margin;
    for (const [i, cellLines] of lines.entries()) {
      ops.push(`${x} ${y} m ${x} ${y - height} l S`);
      cellLines.forEach((text, k) => ops.push(`BT /F1 ${FONT_SIZE} Tf ${x + PAD} ${y - PAD - (k + 1) * LINE + 2} Td <${hex(text)}> Tj ET`));
      x += COLUMNS[i] as number;
    }
    ops.push(`${right} ${y} m ${right} ${y - height} l S`);
    y -= height;
  }
  if (ops.length) pages.push(ops.join('\n'));
  return pages;
}

export function pdfDocument(rows: readonly BenchRow[]): Buffer {
  const pages = pdfPages(NOTICE, [HEADER, ...rows]);
  const objects: Buffer[] = [];
  const add = (body: string | Buffer): number => objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // the page tree, written once the pages are numbered
  add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>');
  add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>');
  add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const kids: number[] = [];
  for (const content of pages) {
    const packed = deflateSync(Buffer.from(content, 'latin1'));
    const stream = add(Buffer.concat([Buffer.from(`<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), packed, Buffer.from('\nendstream', 'latin1')]));
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(offset);
    offset += chunk.length;
    chunks.push(chunk);
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
