// Walking a parsed HTML page (parse5's tree) without recursion, so that nesting depth is a checked
// limit and never the call stack: elements, their text as lines, tables and their rows.
import type { DefaultTreeAdapterMap } from 'parse5';
import type { Guard } from '../limits.ts';

export type HtmlNode = DefaultTreeAdapterMap['node'];
export type HtmlElement = DefaultTreeAdapterMap['element'];
export type HtmlDocument = DefaultTreeAdapterMap['document'];

/** Elements whose content is never text of the document. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'select', 'button', 'iframe', 'svg', 'object', 'canvas', 'nav', 'aside', 'footer', 'input', 'textarea']);
/** Site chrome marked by its class or id: menus, breadcrumbs, sharing and print links, footers. */
const CHROME = /(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|breadcrumb|crumb|position|share|bdshare|copyright|sidebar|toolbar|print|fontsize|wza|ewm|qrcode)(?:$|[\s_-])/i;
/** Elements that start and end a line of text. */
const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'section', 'article', 'header', 'blockquote', 'pre', 'dd', 'dt', 'dl', 'center', 'form', 'hr', 'caption', 'tbody', 'thead', 'tfoot', 'main']);

export const isElement = (node: HtmlNode): node is HtmlElement => 'tagName' in node;

export function attr(el: HtmlElement, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

const childrenOf = (node: HtmlNode): HtmlNode[] => ('childNodes' in node ? node.childNodes : []);

/** Site chrome or non-text content: left out of the document's text. */
export function isChrome(el: HtmlElement): boolean {
  if (SKIPPED.has(el.tagName)) return true;
  const marks = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  if (CHROME.test(marks)) return true;
  const style = attr(el, 'style') ?? '';
  return /display\s*:\s*none/i.test(style);
}

/** Every element below `root` in document order, with its depth; throws when nesting passes the limit. */
export function* elements(root: HtmlNode, guard: Guard): Generator<{ el: HtmlElement; depth: number }> {
  const stack: Array<{ node: HtmlNode; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop() as { node: HtmlNode; depth: number };
    guard.check('depth', depth);
    if (isElement(node)) yield { el: node, depth };
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as HtmlNode, depth: depth + 1 });
  }
}

/** Whitespace as a browser renders it: runs collapse to one space, &nbsp; included. */
const collapse = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, ' ');

export interface TextOptions {
  /** Subtrees left out (the chosen task tables when the notice around them is read). */
  skip?: ReadonlySet<HtmlElement>;
  /** Leave out site chrome (menus, footers); false inside a table cell. */
  dropChrome: boolean;
  /** Write a table's cells separated by tabs, one row a line. */
  cellsAsTabs: boolean;
}

/** The text of a subtree as lines, breaking at block elements. */
export function textLines(root: HtmlNode, options: TextOptions): string[] {
  const lines: string[] = [];
  let line = '';
  const breakLine = (): void => {
    const t = line.trim();
    if (t) lines.push(t);
    line = '';
  };
  type Step = { node: HtmlNode; exit?: HtmlElement };
  const stack: Step[] = [{ node: root }];
  while (stack.length) {
    const step = stack.pop() as Step;
    if (step.exit) {
      if (BLOCK.has(step.exit.tagName)) breakLine();
      else if (options.cellsAsTabs && (step.exit.tagName === 'td' || step.exit.tagName === 'th')) line += '\t';
      continue;
    }
    const node = step.node;
    if (node.nodeName === '#text' && 'value' in node) {
      line += collapse(node.value);
      continue;
    }
    if (!isElement(node)) continue;
    if (options.skip?.has(node) || (options.dropChrome && isChrome(node))) continue;
    if (BLOCK.has(node.tagName)) breakLine();
    stack.push({ node, exit: node });
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as HtmlNode });
  }
  breakLine();
  return options.cellsAsTabs ? lines.map((l) => l.replace(/[ ]*\t[ ]*/g, '\t').replace(/\t$/, '')) : lines;
}

/** The rows of a table, without those of tables nested in its cells. */
export function tableRows(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const tr of child.childNodes) if (isElement(tr) && tr.tagName === 'tr') rows.push(tr);
    }
  }
  return rows;
}

export const rowCells = (tr: HtmlElement): HtmlElement[] => tr.childNodes.filter((c): c is HtmlElement => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));

/** True when `inner` lies inside `outer`. */
export function contains(outer: HtmlElement, inner: HtmlElement): boolean {
  for (let p = inner.parentNode; p; p = 'parentNode' in p ? p.parentNode : null) if (p === outer) return true;
  return false;
}
