// Word (.docx) files: the paragraphs outside the task table are the notice; a cell merged vertically
// (w:vMerge) shares the text of the cell that starts the merge, one spanning columns (w:gridSpan)
// holds its text in its first column; an empty cell stays empty. Spans are checked against the limits
// before any is laid out; the XML was checked for entity declarations and depth when unpacked.
import { XMLParser } from 'fast-xml-parser';
import { LayoutError } from '../../errors.ts';
import { importReason } from '../../texts/ingest.ts';
import type { Guard } from '../limits.ts';
import type { ParsedLayout } from '../raw-row.ts';
import { type ZipEntries, xmlPart } from '../safe-zip.ts';
import { readAsText } from '../choose-layout.ts';
import { chooseTable } from '../table/choose.ts';
import { mapTable } from '../table/map-table.ts';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  preserveOrder: true,
  trimValues: false,
  // Text as written: "1." must not become the number 1.
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
});

/** The five entities XML predefines and character references, the only ones a .docx may use. */
const decodeXmlEntities = (s: string): string =>
  s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? '',
  );

function children(node: Node): Node[] {
  for (const [key, value] of Object.entries(node)) if (key !== ':@' && Array.isArray(value)) return value as Node[];
  return [];
}

function tag(node: Node): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function attr(node: Node, name: string): string | undefined {
  const attrs = node[':@'] as Record<string, string> | undefined;
  return attrs?.[`@${name}`];
}

function textOf(node: Node): string {
  const t = tag(node);
  if (t === '#text') return decodeXmlEntities(String(node['#text'] ?? ''));
  if (t === 'w:tab') return ' ';
  if (t === 'w:br') return '\n';
  return children(node).map(textOf).join('');
}

function paragraphText(p: Node): string {
  return textOf(p);
}

function find(node: Node, name: string): Node | undefined {
  return children(node).find((c) => tag(c) === name);
}

/** A cell's text: its paragraphs, and those of tables nested in it, one a line. */
function cellText(tc: Node): string {
  const lines: string[] = [];
  const stack: Node[] = [tc];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (tag(node) === 'w:p') lines.push(paragraphText(node));
    else stack.push(...children(node).slice().reverse());
  }
  return lines.join('\n').trim();
}

/** The span a cell declares, checked against the limit before the grid is laid out. */
function gridSpan(pr: Node | undefined, col: number, guard: Guard): number {
  const el = pr && find(pr, 'w:gridSpan');
  const span = Math.max(1, Number.parseInt((el && attr(el, 'w:val')) ?? '1', 10) || 1);
  guard.check('columns', col + span);
  return span;
}

function readTable(tbl: Node, guard: Guard, cells: { count: number }): string[][] {
  const grid: string[][] = [];
  for (const tr of children(tbl).filter((c) => tag(c) === 'w:tr')) {
    guard.tick();
    guard.check('rows', grid.length + 1);
    const row: string[] = [];
    for (const tc of children(tr).filter((c) => tag(c) === 'w:tc')) {
      const pr = find(tc, 'w:tcPr');
      const col = row.length;
      const span = gridSpan(pr, col, guard);
      const vMerge = pr ? find(pr, 'w:vMerge') : undefined;
      const continues = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
      const text = continues ? (grid.at(-1)?.[col] ?? '') : cellText(tc);
      guard.check('cellChars', text.length);
      row.push(text);
      for (let k = 1; k < span; k++) row.push('');
      cells.count += span;
      guard.check('cells', cells.count);
    }
    grid.push(row);
  }
  return grid;
}

export function readDocx(entries: ZipEntries, guard: Guard): ParsedLayout {
  const xml = xmlPart(entries, 'word/document.xml', guard);
  if (!xml) throw new LayoutError(importReason.docxNoBody);
  const root = parser.parse(xml) as Node[];
  const documentNode = root.find((n) => tag(n) === 'w:document');
  const body = documentNode && find(documentNode, 'w:body');
  if (!body) throw new LayoutError(importReason.docxNoBody);

  const prose: string[] = [];
  const grids: string[][][] = [];
  const cells = { count: 0 };
  for (const node of children(body)) {
    if (tag(node) === 'w:p') prose.push(paragraphText(node));
    else if (tag(node) === 'w:tbl') grids.push(readTable(node, guard, cells));
  }
  const found = chooseTable(grids);
  if (!found) {
    const text = [...prose, ...grids.flatMap((g) => g.map((r) => r.join('\t')))].join('\n');
    return readAsText(text, 'docx', grids.length ? importReason.docxNoHeader : importReason.docxNoTable);
  }
  const above = found.above.map((r) => [...new Set(r.filter(Boolean))].join(' '));
  return {
    layout: 'docx',
    headerText: [...prose, ...above].join('\n'),
    rows: mapTable(found.header, found.body, { inheritBlankCells: false }),
  };
}
