// Writes test/fixtures/published/: each document of scripts/published/documents.ts in the format a
// government publishes it — a saved site page (menus, scripts, breadcrumb and footer around the
// article and its table), Word's "save as web page" (MsoNormalTable, <o:p>, &nbsp; cells, GBK), an
// old site of nested layout tables (GB2312), and, converted by LibreOffice from the same article,
// PDF (text layer, ruled table), Word 97 (.doc), WPS (.wps), .docx, .xls, .xlsx and a .zip of a page
// with its .doc attachment. Run once with LibreOffice installed (`npm run fixtures:published`); the
// outputs are committed, so tests and CI never need LibreOffice.
//
// The .wps: WPS Writer's .wps is the Word 97 binary format in an OLE compound file, with WPS's own
// storage beside the WordDocument stream. It is made from LibreOffice's Word 97 file by adding that
// storage (a "WpsCustomData" stream) with the compound-file writer `cfb`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CFB from 'cfb';
import JSZip from 'jszip';
import { documents, type PublishedDocument } from './published/documents.ts';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'published');
const COVERED = '^';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface HtmlCell {
  text: string;
  rowspan: number;
  colspan: number;
}

/** The table's rows as HTML cells: "^" cells folded into the rowspan above, a lone heading spanning the row. */
function htmlCells(doc: PublishedDocument): HtmlCell[][] {
  const all = [doc.header, ...doc.rows];
  const out: Array<Array<HtmlCell | null>> = all.map((row) => row.map((text) => (text === COVERED ? null : { text, rowspan: 1, colspan: 1 })));
  all.forEach((row, r) => {
    row.forEach((text, c) => {
      if (text !== COVERED) return;
      for (let up = r - 1; up >= 0; up--) {
        const cell = out[up]?.[c];
        if (cell) {
          cell.rowspan++;
          break;
        }
      }
    });
  });
  return out.map((row, r) => {
    const cells: HtmlCell[] = [];
    const filled = row.filter((c) => c && c.text).length;
    const lead = row.findIndex((c) => c && c.text);
    row.forEach((cell, c) => {
      if (!cell) return;
      const prev = cells.at(-1);
      // The header's empty cell after a named one: that name spans both (工作任务 over the 序号 column).
      if (r === 0 && !cell.text && prev?.text) {
        prev.colspan++;
        return;
      }
      // A heading row: its one text spans the rest of the row.
      if (r > 0 && filled === 1 && c > lead && !cell.text && prev && prev.text) {
        prev.colspan++;
        return;
      }
      cells.push({ ...cell });
    });
    return cells;
  });
}

function tableHtml(doc: PublishedDocument, cell: (c: HtmlCell) => string, attrs: string): string {
  return `<table ${attrs}>\n${htmlCells(doc).map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}\n</table>`;
}

const span = (c: HtmlCell): string => `${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}`;

/** The article alone: what LibreOffice converts to the other formats. */
function articleHtml(doc: PublishedDocument): string {
  const body = doc.prose
    ? doc.prose.map((p) => `<p>${esc(p)}</p>`).join('\n')
    : tableHtml(doc, (c) => `<td${span(c)}>${esc(c.text)}</td>`, 'border="1" cellspacing="0" cellpadding="4" width="100%"');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(doc.title)}</title></head><body>
<p align="center"><b>${esc(doc.title)}</b></p>
${doc.notice.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${doc.tableTitle ? `<p align="center"><b>${esc(doc.tableTitle)}</b></p>` : ''}
${body}
</body></html>`;
}

/** A saved page of a government site: chrome around the article. */
function govPage(doc: PublishedDocument): string {
  const body = doc.prose
    ? doc.prose.map((p) => `<p style="text-indent:2em">${esc(p)}</p>`).join('\n')
    : tableHtml(doc, (c) => `<td${span(c)}><p>${c.text ? esc(c.text) : '&nbsp;'}</p></td>`, 'class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse"');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(doc.title)}_${esc(doc.site)}</title>
<script>var _hmt = _hmt || []; (function(){ var hm = document.createElement("script"); hm.src = "/stat.js"; })();</script>
<style>.nav li{float:left} table td{border:1px solid #000}</style></head>
<body>
<div class="top-bar"><span>${esc(doc.site)}</span><a href="/wza">无障碍</a><a href="/old">关怀版</a><a href="/login">登录</a></div>
<div class="header"><h2 class="site-name">${esc(doc.site)}</h2></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/2020/notice.html">2020年工作要点</a></li></ul></div>
<div class="position">当前位置：${esc(doc.breadcrumb)}</div>
<div class="article">
<h1 class="article-title">${esc(doc.title)}</h1>
<div class="article-info">${esc(doc.published)} <span class="fontsize">字号：[ 大 中 小 ]</span> <a class="print" href="javascript:window.print()">打印</a></div>
<div class="article-content">
${doc.notice.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${doc.tableTitle ? `<p style="text-align:center"><strong>${esc(doc.tableTitle)}</strong></p>` : ''}
${body}
</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">2020年政务公开工作总结</a></li></ul></div>
<div class="footer"><p>主办：${esc(doc.site)} 版权所有 备案号：皖ICP备05000000号</p><p>网站标识码：3400000000</p></div>
<script src="/js/share.js"></script>
</body></html>`;
}

/** Word's "save as web page", in GBK: MsoNormalTable, <o:p>, &nbsp; in empty cells, conditional comments. */
function wordHtml(doc: PublishedDocument): string {
  const cell = (c: HtmlCell): string =>
    `<td width=120 valign=top${span(c)} style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal><span style='font-family:仿宋_GB2312'>${c.text ? esc(c.text) : '&nbsp;'}<o:p></o:p></span></p></td>`;
  return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=Generator content="Microsoft Word 15 (filtered)">
<style><!-- p.MsoNormal {margin:0cm; font-size:10.5pt; font-family:"Times New Roman"} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN style='text-justify-trim:punctuation'><div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:16.0pt'>${esc(doc.title)}<o:p></o:p></span></b></p>
<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>
${htmlCells(doc).map((row) => `<tr style='height:20.0pt'>${row.map(cell).join('')}</tr>`).join('\n')}
<![if !supportMisalignedColumns]><tr height=0>${doc.header.map(() => '<td width=120 style="border:none"></td>').join('')}</tr><![endif]>
</table>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></div></body></html>`;
}

/** An old site laid out with nested tables, declared GB2312. */
function layoutTablesPage(doc: PublishedDocument): string {
  const inner = tableHtml(doc, (c) => `<td${span(c)} bgcolor="#FFFFFF">${c.text ? esc(c.text) : '&nbsp;'}</td>`, 'width="96%" border="0" cellpadding="3" cellspacing="1" bgcolor="#000000"');
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>${esc(doc.title)}-${esc(doc.site)}</title></head>
<body><table width="1000" border="0" align="center"><tr><td><img src="/images/banner.jpg"></td></tr>
<tr><td class="menu"><a href="/">首页</a> | <a href="/xxgk">信息公开</a> | <a href="/bszn">办事指南</a></td></tr>
<tr><td><table width="100%"><tr><td width="200" valign="top" class="sidebar"><a href="/xxgkzn">信息公开指南</a><br><a href="/xxgknb">信息公开年报</a></td>
<td valign="top"><table width="100%"><tr><td align="center"><font size="4"><b>${esc(doc.title)}</b></font></td></tr>
<tr><td align="center">${esc(doc.published)}</td></tr>
<tr><td>${inner}</td></tr></table></td></tr></table></td></tr>
<tr><td class="copyright" align="center">版权所有：${esc(doc.site)}</td></tr></table></body></html>`;
}

function convert(html: string, stem: string, target: string, filter: string, inFilter: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-lo-'));
  try {
    writeFileSync(join(dir, `${stem}.html`), html);
    execFileSync('soffice', ['--headless', `--infilter=${inFilter}`, '--convert-to', `${target}:${filter}`, '--outdir', dir, join(dir, `${stem}.html`)], { stdio: 'ignore' });
    return readFileSync(join(dir, `${stem}.${target}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const WRITER = 'HTML (StarWriter)';
const CALC = 'HTML (StarCalc)';
const toPdf = (d: PublishedDocument): Buffer => convert(articleHtml(d), d.stem, 'pdf', 'writer_pdf_Export', WRITER);
const toDoc = (d: PublishedDocument): Buffer => convert(articleHtml(d), d.stem, 'doc', 'MS Word 97', WRITER);
const toDocx = (d: PublishedDocument): Buffer => convert(articleHtml(d), d.stem, 'docx', 'MS Word 2007 XML', WRITER);
const toXls = (d: PublishedDocument): Buffer => convert(articleHtml(d), d.stem, 'xls', 'MS Excel 97', CALC);
const toXlsx = (d: PublishedDocument): Buffer => convert(articleHtml(d), d.stem, 'xlsx', 'Calc MS Excel 2007 XML', CALC);
const gbk = (text: string): Buffer => Buffer.from(new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text })));

function toWps(d: PublishedDocument): Buffer {
  const container = CFB.read(toDoc(d), { type: 'buffer' });
  CFB.utils.cfb_add(container, '/WpsCustomData', Buffer.from('KSO_WPS_WRITER', 'utf16le'));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

async function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { date: new Date('2022-06-20T08:00:00Z') });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const byStem = (prefix: string): PublishedDocument => documents.find((d) => d.stem.startsWith(prefix)) as PublishedDocument;

/** Which formats each document is published in. */
const outputs: Record<string, (d: PublishedDocument) => Promise<Record<string, Buffer | string>> | Record<string, Buffer | string>> = {
  '01': (d) => ({ html: govPage(d), pdf: toPdf(d) }),
  '02': (d) => ({ html: gbk(wordHtml(d)) }),
  '03': (d) => ({ doc: toDoc(d) }),
  '04': (d) => ({ docx: toDocx(d) }),
  '05': (d) => ({ wps: toWps(d) }),
  '06': (d) => ({ pdf: toPdf(d) }),
  '07': (d) => ({ xls: toXls(d) }),
  '08': (d) => ({ xlsx: toXlsx(d) }),
  '09': (d) => ({ htm: gbk(layoutTablesPage(d)) }),
  '10': (d) => ({ html: govPage(d), docx: toDocx(d) }),
  '11': async (d) => ({ zip: await zipOf({ [`${d.stem}.html`]: govPage(d), [`附件：${d.stem}.doc`]: toDoc(d) }) }),
  '12': (d) => ({ docx: toDocx(d) }),
  '13': (d) => ({ html: govPage(d), pdf: toPdf(d) }),
  '14': (d) => ({ html: govPage(d) }),
};

mkdirSync(OUT, { recursive: true });
for (const [prefix, make] of Object.entries(outputs)) {
  const doc = byStem(prefix);
  for (const [ext, data] of Object.entries(await make(doc))) {
    writeFileSync(join(OUT, `${doc.stem}.${ext}`), data);
    console.log(`${doc.stem}.${ext}`);
  }
}

