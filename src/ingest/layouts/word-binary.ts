// Word 97-2003 (.doc) and WPS (.wps) files: the WordDocument stream of the compound file (read in the
// reader worker) holds the text through a piece table, and the paragraph properties (PAPX in FKP pages)
// tell a cell end from a row end (sprmPFTtp) and give each row's cells with their widths and vertical
// merge flags (sprmTDefTable, sprmTVertMerge). So cells are rebuilt exactly: a cell merged down the
// rows is merged, an empty cell is empty, a cell spanning columns spans them. [MS-DOC] is the reference.
import { LayoutError } from '../../errors.ts';
import { importReason } from '../../texts/ingest.ts';
import { readAsText } from '../choose-layout.ts';
import type { Guard } from '../limits.ts';
import type { ParsedLayout } from '../raw-row.ts';
import { chooseTable } from '../table/choose.ts';
import { layoutSpans } from '../table/grid.ts';
import { mapTable } from '../table/map-table.ts';

const WORD_IDENT = 0xa5ec;
const FIB_FLAGS = 0x0a;
const FLAG_ENCRYPTED = 0x0100;
const FLAG_TABLE_1 = 0x0200;
const FIB_BASE_BYTES = 32;
/** fibRgLw index of ccpText (characters of the main text). */
const LW_CCP_TEXT = 3;
/** FibRgFcLcb97 pair indexes. */
const FC_PLCF_BTE_PAPX = 13;
const FC_CLX = 33;
const FKP_BYTES = 512;
const PN_MASK = 0x3fffff;
const PCD_BYTES = 8;
const COMPRESSED = 0x40000000;
const FC_MASK = 0x3fffffff;

const SPRM = {
  inTable: 0x2416,
  ttp: 0x2417,
  itap: 0x6649,
  innerTtp: 0x244c,
  defTable: 0xd608,
  vertMerge: 0xd62b,
  chgTabs: 0xc615,
} as const;
const TC80_BYTES = 20;
const VERT_MERGE_SHIFT = 5;
const VERT_MERGE_MASK = 0x3;
const VERT_MERGED = 1;

const CH = { cell: 0x07, para: 0x0d, fieldBegin: 0x13, fieldSep: 0x14, fieldEnd: 0x15 } as const;

/** Paragraph properties that matter here. */
interface Papx {
  inTable: boolean;
  ttp: boolean;
  depth: number;
  /** Row-end paragraphs: each cell's edges (twips) and vertical merge flag. */
  cells: Array<{ left: number; right: number; vMerge: number }> | null;
}

class Reader {
  constructor(private readonly data: Uint8Array) {}
  private view = (at: number, n: number): DataView => {
    if (at < 0 || at + n > this.data.byteLength) throw new LayoutError(importReason.wordBroken('Word', `offset ${at} out of range`));
    return new DataView(this.data.buffer, this.data.byteOffset + at, n);
  };
  u8 = (at: number): number => this.view(at, 1).getUint8(0);
  u16 = (at: number): number => this.view(at, 2).getUint16(0, true);
  i16 = (at: number): number => this.view(at, 2).getInt16(0, true);
  u32 = (at: number): number => this.view(at, 4).getUint32(0, true);
  bytes = (at: number, n: number): Uint8Array => {
    this.view(at, n);
    return this.data.subarray(at, at + n);
  };
}

interface Fib {
  ccpText: number;
  fcClx: number;
  lcbClx: number;
  fcBtePapx: number;
  lcbBtePapx: number;
  tableOne: boolean;
}

function readFib(word: Reader, format: string): Fib {
  if (word.u16(0) !== WORD_IDENT) throw new LayoutError(importReason.wordBroken(format, 'no Word header'));
  const flags = word.u16(FIB_FLAGS);
  if (flags & FLAG_ENCRYPTED) throw new LayoutError(importReason.format('officeEncrypted'));
  const csw = word.u16(FIB_BASE_BYTES);
  const lwAt = FIB_BASE_BYTES + 2 + csw * 2;
  const cslw = word.u16(lwAt);
  const fcAt = lwAt + 2 + cslw * 4 + 2;
  const pair = (i: number): [number, number] => [word.u32(fcAt + i * 8), word.u32(fcAt + i * 8 + 4)];
  const [fcClx, lcbClx] = pair(FC_CLX);
  const [fcBtePapx, lcbBtePapx] = pair(FC_PLCF_BTE_PAPX);
  return { ccpText: word.u32(lwAt + 2 + LW_CCP_TEXT * 4), fcClx, lcbClx, fcBtePapx, lcbBtePapx, tableOne: (flags & FLAG_TABLE_1) !== 0 };
}

interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

function readPieces(table: Reader, fib: Fib): Piece[] {
  let at = fib.fcClx;
  const end = fib.fcClx + fib.lcbClx;
  while (at < end) {
    const type = table.u8(at);
    if (type === 1) at += 3 + table.i16(at + 1);
    else if (type === 2) {
      const lcb = table.u32(at + 1);
      const n = (lcb - 4) / (4 + PCD_BYTES);
      const base = at + 5;
      const pieces: Piece[] = [];
      for (let i = 0; i < n; i++) {
        const raw = table.u32(base + (n + 1) * 4 + i * PCD_BYTES + 2);
        const compressed = (raw & COMPRESSED) !== 0;
        const fc = raw & FC_MASK;
        pieces.push({ cpStart: table.u32(base + i * 4), cpEnd: table.u32(base + (i + 1) * 4), fc: compressed ? fc / 2 : fc, compressed });
      }
      return pieces;
    } else break;
  }
  throw new LayoutError(importReason.wordBroken('Word', 'no piece table'));
}

/** The operand length of a sprm at `at` (after its two code bytes). */
function operandLength(reader: Reader, sprm: number, at: number): number {
  const spra = sprm >> 13;
  if (spra === 6) {
    if (sprm === SPRM.defTable) return 2 + reader.u16(at) - 1;
    return 1 + reader.u8(at);
  }
  return [1, 1, 2, 4, 2, 2, 0, 3][spra] ?? 1;
}

function readTDefTable(reader: Reader, at: number): Papx['cells'] {
  const cb = reader.u16(at);
  const count = reader.u8(at + 2);
  const edges = Array.from({ length: count + 1 }, (_, i) => reader.i16(at + 3 + i * 2));
  const tcAt = at + 3 + (count + 1) * 2;
  const tcCount = Math.max(0, Math.floor((at + 2 + cb - 1 - tcAt) / TC80_BYTES));
  return Array.from({ length: count }, (_, i) => ({
    left: edges[i] ?? 0,
    right: edges[i + 1] ?? 0,
    vMerge: i < tcCount ? (reader.u16(tcAt + i * TC80_BYTES) >> VERT_MERGE_SHIFT) & VERT_MERGE_MASK : 0,
  }));
}

function readGrpprl(reader: Reader, at: number, end: number): Papx {
  const papx: Papx = { inTable: false, ttp: false, depth: 0, cells: null };
  const merges: Array<[number, number]> = [];
  while (at + 2 <= end) {
    const sprm = reader.u16(at);
    const len = operandLength(reader, sprm, at + 2);
    const op = at + 2;
    if (sprm === SPRM.inTable) papx.inTable = reader.u8(op) !== 0;
    else if (sprm === SPRM.ttp || sprm === SPRM.innerTtp) papx.ttp = reader.u8(op) !== 0;
    else if (sprm === SPRM.itap) papx.depth = reader.u32(op);
    else if (sprm === SPRM.defTable) papx.cells = readTDefTable(reader, op);
    else if (sprm === SPRM.vertMerge) merges.push([reader.u8(op + 1), reader.u8(op + 2)]);
    at = op + len;
  }
  if (papx.inTable && papx.depth === 0) papx.depth = 1;
  for (const [itc, flag] of merges) {
    const cell = papx.cells?.[itc];
    if (cell) cell.vMerge = flag;
  }
  return papx;
}

/** Paragraph properties by the file offset of the paragraph's end, through the FKP pages. */
function papxLookup(word: Reader, table: Reader, fib: Fib): (fc: number) => Papx | null {
  const n = (fib.lcbBtePapx - 4) / 8;
  const fcs = Array.from({ length: n + 1 }, (_, i) => table.u32(fib.fcBtePapx + i * 4));
  const pns = Array.from({ length: n }, (_, i) => table.u32(fib.fcBtePapx + (n + 1) * 4 + i * 4) & PN_MASK);
  const pages = new Map<number, { fcs: number[]; papx: Array<Papx | null> }>();
  const page = (pn: number): { fcs: number[]; papx: Array<Papx | null> } => {
    let p = pages.get(pn);
    if (p) return p;
    const base = pn * FKP_BYTES;
    const crun = word.u8(base + FKP_BYTES - 1);
    const runFcs = Array.from({ length: crun + 1 }, (_, i) => word.u32(base + i * 4));
    const papx = Array.from({ length: crun }, (_, i) => {
      const offset = word.u8(base + (crun + 1) * 4 + i * 13) * 2;
      if (!offset) return null;
      const cb = word.u8(base + offset);
      const [start, len] = cb === 0 ? [base + offset + 2, word.u8(base + offset + 1) * 2] : [base + offset + 1, cb * 2 - 1];
      return readGrpprl(word, start + 2, start + len);
    });
    p = { fcs: runFcs, papx };
    pages.set(pn, p);
    return p;
  };
  return (fc) => {
    let i = upperBound(fcs, fc) - 1;
    if (i < 0 || i >= n) return null;
    const p = page(pns[i] as number);
    i = upperBound(p.fcs, fc) - 1;
    return i >= 0 && i < p.papx.length ? (p.papx[i] ?? null) : null;
  };
}

/** The first index whose value is greater than `v` (values ascending). */
function upperBound(values: readonly number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One character of the main text with the file offset it is stored at. */
function* characters(word: Reader, pieces: readonly Piece[], ccpText: number, guard: Guard): Generator<{ code: number; fc: number }> {
  for (const piece of pieces) {
    guard.tick();
    const end = Math.min(piece.cpEnd, ccpText);
    for (let cp = piece.cpStart; cp < end; cp++) {
      const fc = piece.compressed ? piece.fc + (cp - piece.cpStart) : piece.fc + (cp - piece.cpStart) * 2;
      yield { code: piece.compressed ? word.u8(fc) : word.u16(fc), fc };
    }
  }
}

interface Block {
  kind: 'para' | 'row';
  text: string;
  cells: string[];
  props: Papx['cells'];
}

/** The text as paragraphs and table rows (cells ended by cell marks, rows by their terminating mark). */
function readBlocks(word: Reader, table: Reader, fib: Fib, guard: Guard): Block[] {
  const papxAt = papxLookup(word, table, fib);
  const blocks: Block[] = [];
  let text = '';
  let cells: string[] = [];
  let field = 0;
  let fieldCode = false;
  for (const { code, fc } of characters(word, readPieces(table, fib), fib.ccpText, guard)) {
    if (code === CH.fieldBegin) {
      field++;
      fieldCode = true;
      continue;
    }
    if (code === CH.fieldSep) {
      fieldCode = false;
      continue;
    }
    if (code === CH.fieldEnd) {
      field = Math.max(0, field - 1);
      fieldCode = false;
      continue;
    }
    if (field && fieldCode) continue;
    if (code !== CH.cell && code !== CH.para) {
      text += code === 0x0b || code === 0x0c ? '\n' : code === 0x09 ? ' ' : code < 0x20 ? '' : String.fromCharCode(code);
      continue;
    }
    const papx = papxAt(fc);
    guard.check('depth', papx?.depth ?? 0);
    if (code === CH.para && !papx?.ttp) {
      if (papx?.inTable) text += '\n';
      else {
        blocks.push({ kind: 'para', text, cells: [], props: null });
        text = '';
      }
      continue;
    }
    if (papx?.ttp) {
      guard.check('columns', cells.length);
      blocks.push({ kind: 'row', text: '', cells, props: papx.cells });
      cells = [];
    } else {
      guard.check('cellChars', text.length);
      cells.push(text.trim());
    }
    text = '';
  }
  if (text.trim()) blocks.push({ kind: 'para', text, cells: [], props: null });
  return blocks;
}

/** Cell edges closer than this (twips) are one grid line: rows are often a few twips apart. */
const EDGE_TOLERANCE = 20;

/** The grid lines of a table: every cell edge of every row, near ones taken as one. */
function gridLines(rows: readonly Block[]): number[] {
  const all = [...new Set(rows.flatMap((r) => (r.props ?? []).flatMap((c) => [c.left, c.right])))].sort((a, b) => a - b);
  const lines: number[] = [];
  for (const x of all) if (lines.length === 0 || x - (lines.at(-1) as number) > EDGE_TOLERANCE) lines.push(x);
  return lines;
}

const lineIndex = (lines: readonly number[], x: number): number => lines.findIndex((l) => Math.abs(l - x) <= EDGE_TOLERANCE);

/** A table's rows on a grid: column spans from the cell edges, vertical merges from the merge flags. */
function tableGrid(rows: readonly Block[], guard: Guard): string[][] {
  const lines = gridLines(rows);
  guard.check('columns', lines.length - 1);
  const spanOf = (row: Block, i: number): number => {
    const prop = row.props?.[i];
    if (!prop) return 1;
    return Math.max(1, lineIndex(lines, prop.right) - lineIndex(lines, prop.left));
  };
  const cells = rows.map((row) => row.cells.map((text, i) => ({ text, rowSpan: 1, colSpan: spanOf(row, i) })));
  const flags = rows.map((row) => row.cells.map((_, i) => ({ text: String(row.props?.[i]?.vMerge ?? 0), rowSpan: 1, colSpan: spanOf(row, i) })));
  const grid = layoutSpans(cells, guard);
  const merged = layoutSpans(flags, guard);
  // A continuing cell shows nothing of its own: it shares the text of the cell that starts the merge.
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] as string[];
    for (let c = 0; c < row.length; c++) if (Number(merged[r]?.[c]) === VERT_MERGED) row[c] = grid[r - 1]?.[c] ?? '';
  }
  return grid;
}

export function readWordBinary(streams: { word: Uint8Array; table0: Uint8Array | null; table1: Uint8Array | null; producer: 'word' | 'wps' }, guard: Guard): ParsedLayout {
  const format = streams.producer === 'wps' ? 'WPS（.wps）' : 'Word（.doc）';
  // The layout names the file as people know it: a .doc or a .wps.
  const layout = streams.producer === 'wps' ? 'wps' : 'doc';
  const word = new Reader(streams.word);
  const fib = readFib(word, format);
  const tableStream = fib.tableOne ? streams.table1 : streams.table0;
  if (!tableStream) throw new LayoutError(importReason.wordBroken(format, fib.tableOne ? 'no 1Table stream' : 'no 0Table stream'));
  const blocks = readBlocks(word, new Reader(tableStream), fib, guard);
  guard.check('rows', blocks.length);

  const grids: string[][][] = [];
  const prose: string[] = [];
  let run: Block[] = [];
  const flush = (): void => {
    if (run.length) grids.push(tableGrid(run, guard));
    run = [];
  };
  for (const block of blocks) {
    if (block.kind === 'row') run.push(block);
    else {
      flush();
      prose.push(block.text);
    }
  }
  flush();
  const found = chooseTable(grids);
  if (!found) {
    const text = [...prose, ...grids.flatMap((g) => g.map((r) => r.join('\t')))].join('\n');
    return readAsText(text, layout, importReason.wordNoTable(format));
  }
  const above = found.above.map((r) => [...new Set(r.filter(Boolean))].join(' '));
  return {
    layout,
    headerText: [...prose, ...above].join('\n'),
    rows: mapTable(found.header, found.body, { inheritBlankCells: false }),
  };
}
