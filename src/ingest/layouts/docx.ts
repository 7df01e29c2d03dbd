// Word (.docx) files: the paragraphs before the first table are the notice; table cells merged
// vertically (w:vMerge) or horizontally (w:gridSpan) are filled from the cell that holds the text.
import { XMLParser } from 'fast-xml-parser';
import type JSZip from 'jszip';
import { LayoutError } from '../../errors.ts';
import { importReason } from '../../texts/ingest.ts';
import type { ParsedLayout } from '../raw-row.ts';
import { findHeader } from '../table/header.ts';
import { mapTable } from '../table/map-table.ts';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  preserveOrder: true,
  trimValues: false,
});

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
  if (t === '#text') return String(node['#text'] ?? '');
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

function readTable(tbl: Node): string[][] {
  const grid: string[][] = [];
  for (const tr of children(tbl).filter((c) => tag(c) === 'w:tr')) {
    const row: string[] = [];
    for (const tc of children(tr).filter((c) => tag(c) === 'w:tc')) {
      const pr = find(tc, 'w:tcPr');
      const span = Number((pr && find(pr, 'w:gridSpan') && attr(find(pr, 'w:gridSpan') as Node, 'w:val')) ?? 1);
      const vMerge = pr ? find(pr, 'w:vMerge') : undefined;
      const continues = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
      const col = row.length;
      const text = continues
        ? (grid.at(-1)?.[col] ?? '')
        : children(tc).filter((c) => tag(c) === 'w:p').map(paragraphText).join('\n').trim();
      row.push(text);
      for (let k = 1; k < span; k++) row.push(continues ? (grid.at(-1)?.[col + k] ?? '') : '');
    }
    grid.push(row);
  }
  return grid;
}

export async function readDocx(zip: JSZip): Promise<ParsedLayout> {
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new LayoutError(importReason.docxNoBody);
  const root = parser.parse(xml) as Node[];
  const documentNode = root.find((n) => tag(n) === 'w:document');
  const body = documentNode && find(documentNode, 'w:body');
  if (!body) throw new LayoutError(importReason.docxNoBody);

  const prose: string[] = [];
  const rows: string[][] = [];
  for (const node of children(body)) {
    if (tag(node) === 'w:p') prose.push(paragraphText(node));
    else if (tag(node) === 'w:tbl') rows.push(...readTable(node));
  }
  if (rows.length === 0) throw new LayoutError(importReason.docxNoTable);
  const headerIndex = findHeader(rows);
  if (headerIndex < 0) throw new LayoutError(importReason.docxNoHeader);
  return {
    layout: 'docx',
    headerText: prose.join('\n'),
    rows: mapTable(rows[headerIndex] ?? [], rows.slice(headerIndex + 1), { inheritBlankCells: false }),
  };
}
