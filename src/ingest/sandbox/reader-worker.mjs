// Runs the third-party readers of binary formats (PDF.js, the compound-file reader, SheetJS) on an
// uploaded file inside a worker thread, so that a hostile file can cost at most the worker's memory
// limit and the time the importer gives it (the worker is terminated), and never pollutes the main
// thread's objects (SheetJS 0.18 on npm has known prototype-pollution and ReDoS reports on crafted
// files: here they stay inside a worker that is thrown away). Plain JavaScript: a worker thread does not load TypeScript. It returns plain data:
// positioned text and ruling lines (PDF), the streams of a Word file, or the cells and merges of a
// workbook. Everything people read is worded on the main thread (src/texts/ingest.ts) from `code`.
import { Buffer } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Line segments thinner than this (points) count as ruling lines when drawn as filled rectangles. */
const RULE_THICKNESS = 2.5;

class Refused extends Error {
  constructor(code, detail) {
    super(code);
    this.code = code;
    this.detail = detail;
  }
}

const multiply = (m, n) => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m, x, y) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** The straight segments of one constructPath, in page space. */
function pathSegments(ops, args, ctm, OPS) {
  const segs = [];
  const rects = [];
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  let j = 0;
  for (const op of ops) {
    if (op === OPS.rectangle) {
      const [rx, ry, w, h] = [args[j], args[j + 1], args[j + 2], args[j + 3]];
      j += 4;
      const a = apply(ctm, rx, ry);
      const b = apply(ctm, rx + w, ry + h);
      rects.push([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])]);
      x = sx = rx;
      y = sy = ry;
    } else if (op === OPS.moveTo) {
      x = sx = args[j++];
      y = sy = args[j++];
    } else if (op === OPS.lineTo) {
      const [nx, ny] = [args[j++], args[j++]];
      segs.push([...apply(ctm, x, y), ...apply(ctm, nx, ny)]);
      x = nx;
      y = ny;
    } else if (op === OPS.curveTo) {
      x = args[j + 4];
      y = args[j + 5];
      j += 6;
    } else if (op === OPS.curveTo2 || op === OPS.curveTo3) {
      x = args[j + 2];
      y = args[j + 3];
      j += 4;
    } else if (op === OPS.closePath) {
      segs.push([...apply(ctm, x, y), ...apply(ctm, sx, sy)]);
      x = sx;
      y = sy;
    }
  }
  return { segs, rects };
}

/** Ruling lines of a page: stroked segments and rectangle edges, and filled rectangles thin enough to be lines. */
async function pageRules(page, OPS) {
  const list = await page.getOperatorList();
  const rules = [];
  const stack = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  let pending = null;
  const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILLS = new Set([OPS.fill, OPS.eoFill]);
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = multiply(ctm, args);
    else if (fn === OPS.constructPath) pending = pathSegments(args[0], args[1], ctm, OPS);
    else if (pending && STROKES.has(fn)) {
      rules.push(...pending.segs);
      for (const [x0, y0, x1, y1] of pending.rects) rules.push([x0, y0, x1, y0], [x1, y0, x1, y1], [x0, y1, x1, y1], [x0, y0, x0, y1]);
      pending = null;
    } else if (pending && FILLS.has(fn)) {
      for (const [x0, y0, x1, y1] of pending.rects) {
        if (y1 - y0 <= RULE_THICKNESS && x1 - x0 > RULE_THICKNESS) rules.push([x0, (y0 + y1) / 2, x1, (y0 + y1) / 2]);
        else if (x1 - x0 <= RULE_THICKNESS && y1 - y0 > RULE_THICKNESS) rules.push([(x0 + x1) / 2, y0, (x0 + x1) / 2, y1]);
      }
      pending = null;
    } else if (fn === OPS.endPath) pending = null;
  }
  return rules.map((r) => r.map((v) => Math.round(v * 100) / 100));
}

async function readPdf(bytes, limits) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
      cMapUrl: join(root, 'cmaps') + '/',
      cMapPacked: true,
      standardFontDataUrl: join(root, 'standard_fonts') + '/',
    }).promise;
  } catch (e) {
    if (e && e.name === 'PasswordException') throw new Refused('encrypted');
    throw new Refused('broken', String(e && e.message ? e.message : e));
  }
  if (doc.numPages > limits.pages) throw new Refused('limit', { limit: 'pages', value: doc.numPages });
  const pages = [];
  let itemCount = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , width, height] = page.view;
    const content = await page.getTextContent({ disableNormalization: false });
    const items = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str) continue;
      const [a, b, , d, e, f] = item.transform;
      items.push({ s: item.str, x: e, y: f, w: item.width, h: item.height || Math.hypot(b, d) || Math.abs(a), eol: item.hasEOL });
    }
    itemCount += items.length;
    if (itemCount > limits.cells) throw new Refused('limit', { limit: 'cells', value: itemCount });
    pages.push({ width, height, items, rules: await pageRules(page, pdfjs.OPS) });
    page.cleanup();
  }
  await doc.destroy();
  return { kind: 'pdf', pages };
}

/** What a compound file holds: a Word (or WPS) text, a workbook, or something else. */
async function readOle(bytes, limits) {
  const CFB = require('cfb');
  let container;
  try {
    container = CFB.read(Buffer.from(bytes), { type: 'buffer' });
  } catch (e) {
    throw new Refused('broken', String(e && e.message ? e.message : e));
  }
  const stream = (name) => {
    const entry = CFB.find(container, name);
    return entry && entry.content ? new Uint8Array(entry.content) : null;
  };
  const names = container.FullPaths.map((p) => p.replace(/\/$/, '').split('/').pop());
  if (names.includes('EncryptedPackage')) return { kind: 'encrypted' };
  const word = stream('WordDocument');
  if (word) {
    const isWps = names.some((n) => /^(?:WpsCustomData|KSOProductBuildVer|KSO)/i.test(n));
    return { kind: 'word', word, table0: stream('0Table'), table1: stream('1Table'), producer: isWps ? 'wps' : 'word' };
  }
  if (names.includes('Workbook') || names.includes('Book')) return readXls(bytes, limits);
  if (names.includes('PowerPoint Document')) return { kind: 'presentation' };
  return { kind: 'other' };
}

/** A cell as the document means it: a date cell as a Chinese date (deadline phrases read it), else its text. */
function cellText(XLSX, cell) {
  if (cell.t === 'n' && cell.z && XLSX.SSF.is_date(cell.z)) {
    const d = XLSX.SSF.parse_date_code(cell.v);
    if (d) return `${d.y}年${d.m}月${d.d}日`;
  }
  if (cell.t === 'n' || cell.t === 'b') return String(cell.v);
  return cell.w ?? (cell.v === undefined || cell.v === null ? '' : String(cell.v));
}

async function readXls(bytes, limits) {
  const XLSX = require('xlsx');
  let workbook;
  try {
    workbook = XLSX.read(Buffer.from(bytes), {
      type: 'buffer',
      sheetRows: limits.rows + 1,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
    });
  } catch (e) {
    if (/password|encrypt/i.test(String(e && e.message))) throw new Refused('encrypted');
    throw new Refused('broken', String(e && e.message ? e.message : e));
  }
  const sheets = [];
  let count = 0;
  for (const name of workbook.SheetNames) {
    const ws = workbook.Sheets[name];
    const cells = [];
    for (const key of Object.keys(ws)) {
      if (key.startsWith('!')) continue;
      const cell = ws[key];
      const text = cellText(XLSX, cell);
      if (!text) continue;
      const { r, c } = XLSX.utils.decode_cell(key);
      cells.push([r, c, text]);
      if (++count > limits.cells) throw new Refused('limit', { limit: 'cells', value: count });
    }
    sheets.push({ name, cells, merges: (ws['!merges'] ?? []).map((m) => [m.s.r, m.s.c, m.e.r, m.e.c]) });
  }
  return { kind: 'workbook', sheets };
}

async function main() {
  const { kind, bytes, limits } = workerData;
  try {
    const result = kind === 'pdf' ? await readPdf(bytes, limits) : kind === 'workbook' ? await readXls(bytes, limits) : await readOle(bytes, limits);
    parentPort.postMessage({ ok: true, result });
  } catch (e) {
    if (e instanceof Refused) parentPort.postMessage({ ok: false, code: e.code, detail: e.detail });
    else parentPort.postMessage({ ok: false, code: 'broken', detail: String(e && e.message ? e.message : e) });
  }
}

await main();
