// Web pages: a government site's saved page (menus, scripts, footer around the notice and its table),
// Word's "save as web page" (MsoNormalTable, <o:p>, &nbsp; cells), or HTML pasted as text. Parsed by a
// real HTML parser (parse5); the task table is laid out by its rowspan/colspan, so a spanned cell is
// merged and an empty cell is empty. A page without a task table is read as text (numbered prose, units
// on a line of their own …) from its article, the site chrome left out.
import { parse } from 'parse5';
import { importReason } from '../../texts/ingest.ts';
import { readAsText } from '../choose-layout.ts';
import type { Guard } from '../limits.ts';
import type { ParsedLayout } from '../raw-row.ts';
import { chooseTable } from '../table/choose.ts';
import { layoutSpans, spanOf } from '../table/grid.ts';
import { mapTable } from '../table/map-table.ts';
import { attr, contains, elements, type HtmlDocument, type HtmlElement, rowCells, tableRows, textLines } from './html-dom.ts';

/** A page title's site suffix: "关于印发…的通知_政务公开_某某县人民政府". */
const TITLE_SUFFIX = /\s*[_|｜—–-]{1,2}\s*[^_|｜—–-]*$/;

function tableGrid(table: HtmlElement, guard: Guard): string[][] {
  const rows = tableRows(table).map((tr) =>
    rowCells(tr).map((td) => ({
      text: textLines(td, { dropChrome: false, cellsAsTabs: false }).join('\n'),
      rowSpan: spanOf(attr(td, 'rowspan')),
      colSpan: Math.max(1, spanOf(attr(td, 'colspan'))),
    })),
  );
  return layoutSpans(rows, guard).filter((r) => r.some((c) => c.trim()));
}

/** The page's <title>, without the site's name after it. */
function pageTitle(root: HtmlDocument, guard: Guard): string | null {
  for (const { el } of elements(root, guard)) {
    if (el.tagName !== 'title') continue;
    const text = textLines(el, { dropChrome: false, cellsAsTabs: false }).join(' ');
    let title = text;
    while (TITLE_SUFFIX.test(title) && /政务公开|任务|通知|方案|要点/.test(title.replace(TITLE_SUFFIX, ''))) title = title.replace(TITLE_SUFFIX, '');
    return title.trim() || null;
  }
  return null;
}

export function readHtml(html: string, guard: Guard): ParsedLayout {
  const root: HtmlDocument = parse(html);
  const tables: HtmlElement[] = [];
  let body: HtmlElement | null = null;
  for (const { el } of elements(root, guard)) {
    guard.tick();
    if (el.tagName === 'table') tables.push(el);
    if (el.tagName === 'body') body = el;
  }
  const title = pageTitle(root, guard);
  const grids = tables.map((t) => tableGrid(t, guard));
  const found = chooseTable(grids, (i, j) => !contains(tables[i] as HtmlElement, tables[j] as HtmlElement));
  const article = body ?? root;
  if (found) {
    const skip = new Set(found.used.map((i) => tables[i] as HtmlElement));
    const notice = textLines(article, { skip, dropChrome: true, cellsAsTabs: false });
    const above = found.above.map((r) => [...new Set(r.filter(Boolean))].join(' '));
    return {
      layout: 'html',
      headerText: [...notice, ...above, ...(title ? [title] : [])].join('\n'),
      rows: mapTable(found.header, found.body, { inheritBlankCells: false }),
    };
  }
  // No task table: the article as text, its tables one row a line with tab-separated cells.
  const text = textLines(article, { dropChrome: true, cellsAsTabs: true }).join('\n');
  const parsed = readAsText(text, 'html', importReason.htmlNoTable);
  return { ...parsed, headerText: title ? `${parsed.headerText}\n${title}` : parsed.headerText };
}


