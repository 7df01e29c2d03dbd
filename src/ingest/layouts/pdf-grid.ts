// Rebuilds a PDF page's table from positioned text and ruling lines (what Word, WPS and LibreOffice
// export): the lines give rows and columns, and a missing line between two slots means they are one
// merged cell; text goes to the cell its centre lies in. Text outside the table makes lines of its own.
import type { PdfItem, PdfPage, Rule } from '../sandbox/run-reader.ts';
import { joinBroken } from '../text.ts';

/** Points within which two rules are on one line, and a rule reaches a point. */
const SNAP = 2;
/** Rules shorter than this are glyph decoration, not table borders. */
const MIN_RULE = 4;
/** Items whose baselines differ by less than this share of their height are on one line. */
const SAME_LINE = 0.5;
/** A gap wider than this many character heights separates two columns of a ruled-less table. */
const COLUMN_GAP = 1.5;
/** Where in its height an item's centre is taken (baseline is 0): just above the baseline. */
const CENTRE = 0.3;

interface Segment {
  at: number;
  from: number;
  to: number;
}

function cluster(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (out.length === 0 || v - (out.at(-1) as number) > SNAP) out.push(v);
  return out;
}

function segments(rules: readonly Rule[]): { h: Segment[]; v: Segment[] } {
  const h: Segment[] = [];
  const v: Segment[] = [];
  for (const [x1, y1, x2, y2] of rules) {
    if (Math.abs(y1 - y2) <= SNAP / 2 && Math.abs(x2 - x1) >= MIN_RULE) h.push({ at: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
    else if (Math.abs(x1 - x2) <= SNAP / 2 && Math.abs(y2 - y1) >= MIN_RULE) v.push({ at: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
  }
  return { h, v };
}

const covers = (segs: readonly Segment[], at: number, point: number): boolean =>
  segs.some((s) => Math.abs(s.at - at) <= SNAP && s.from - SNAP <= point && point <= s.to + SNAP);

/** Items as lines of text, top to bottom; `gaps` puts a tab where a wide gap separates columns. */
export function itemLines(items: readonly PdfItem[], gaps: boolean): string[] {
  const sorted = items.filter((i) => i.s.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PdfItem[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    const first = line?.[0];
    if (line && first && Math.abs(first.y - item.y) < SAME_LINE * Math.max(first.h, item.h, 1)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const item of line) {
      const gap = item.x - end;
      const height = Math.max(item.h, 1);
      if (text && gaps && gap > COLUMN_GAP * height) text += '\t';
      else if (text && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(item.s) && gap > 0.1 * height) text += ' ';
      text += item.s.trim();
      end = item.x + item.w;
    }
    return text.trim();
  }).filter(Boolean);
}

export interface PageTable {
  /** The table's cells (empty when the page has no ruled table). */
  grid: string[][];
  /** Lines of the page outside the table. */
  outside: string[];
}

/** A union-find over the slots of the grid: slots joined where no rule divides them. */
function mergeSlots(rows: number, cols: number, joinRight: (r: number, c: number) => boolean, joinDown: (r: number, c: number) => boolean): number[] {
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && joinRight(r, c)) union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && joinDown(r, c)) union(r * cols + c, (r + 1) * cols + c);
    }
  }
  return parent.map((_, i) => find(i));
}

export function pageTable(page: PdfPage): PageTable {
  const { h, v } = segments(page.rules);
  const ys = cluster(h.map((s) => s.at)).reverse();
  const xs = cluster(v.map((s) => s.at));
  if (ys.length < 2 || xs.length < 2) return { grid: [], outside: itemLines(page.items, true) };
  const [top, bottom, left, right] = [ys[0] as number, ys.at(-1) as number, xs[0] as number, xs.at(-1) as number];
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const midY = (r: number): number => ((ys[r] as number) + (ys[r + 1] as number)) / 2;
  const midX = (c: number): number => ((xs[c] as number) + (xs[c + 1] as number)) / 2;
  const root = mergeSlots(
    rows,
    cols,
    (r, c) => !covers(v, xs[c + 1] as number, midY(r)),
    (r, c) => !covers(h, ys[r + 1] as number, midX(c)),
  );

  const inCell = new Map<number, PdfItem[]>();
  const outside: PdfItem[] = [];
  for (const item of page.items) {
    const cx = item.x + item.w / 2;
    const cy = item.y + CENTRE * item.h;
    if (cx < left || cx > right || cy > top || cy < bottom) {
      outside.push(item);
      continue;
    }
    const c = Math.max(0, xs.findIndex((x) => x > cx) - 1);
    const r = Math.max(0, ys.findIndex((y) => y < cy) - 1);
    const slot = root[r * cols + Math.min(c, cols - 1)] as number;
    const list = inCell.get(slot);
    if (list) list.push(item);
    else inCell.set(slot, [item]);
  }

  // A merged cell: its text down its first column in every row it covers, nothing across.
  const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
  const firstCol = new Map<number, number>();
  for (let i = 0; i < rows * cols; i++) {
    const slot = root[i] as number;
    if (!firstCol.has(slot)) firstCol.set(slot, i % cols);
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const slot = root[r * cols + c] as number;
      // A cell's lines are where its width wrapped the text, not breaks of the document's own.
      if (firstCol.get(slot) === c) (grid[r] as string[])[c] = joinBroken(itemLines(inCell.get(slot) ?? [], false));
    }
  }
  return { grid: grid.filter((row) => row.some(Boolean)), outside: itemLines(outside, false) };
}
