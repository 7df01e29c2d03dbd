// Decides what a file is from its bytes, never from its name: a web page, a PDF, a Word/WPS or Excel
// 97-2003 compound file, a zip (.docx, .xlsx, or an archive of documents), or text. Formats that are
// recognised but cannot be read (scans, images, RTF, OFD, RAR …) are refused with what they are and
// what to do.
import { LayoutError } from '../errors.ts';
import { type FoundFormat, importReason } from '../texts/ingest.ts';
import type { Guard } from './limits.ts';
import { unzip, type ZipEntries } from './safe-zip.ts';
import { normalizeNewlines } from './text.ts';

export type FileKind =
  | { kind: 'docx'; entries: ZipEntries }
  | { kind: 'xlsx'; entries: ZipEntries }
  | { kind: 'archive'; entries: ZipEntries }
  | { kind: 'pdf' }
  | { kind: 'ole' }
  | { kind: 'html'; text: string }
  | { kind: 'text'; text: string };

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean => magic.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** A PDF header may follow some junk; readers look this far. */
const PDF_HEADER_WINDOW = 1024;
/** How far into a page to look for its <meta charset>. */
const CHARSET_WINDOW = 4096;

/** Formats known by their first bytes that the importer does not read. */
const REFUSED: ReadonlyArray<[FoundFormat, readonly number[]]> = [
  ['image', [0x89, 0x50, 0x4e, 0x47]],
  ['image', [0xff, 0xd8, 0xff]],
  ['image', ascii('GIF8')],
  ['image', [0x49, 0x49, 0x2a, 0x00]],
  ['image', [0x4d, 0x4d, 0x00, 0x2a]],
  ['rtf', ascii('{\\rtf')],
  ['rar', ascii('Rar!\x1a\x07')],
  ['sevenZip', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['gzip', [0x1f, 0x8b]],
];

function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PDF_HEADER_WINDOW));
  return head.includes('%PDF-');
}

/** Text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (older government files). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return normalizeNewlines(new TextDecoder('utf-16le').decode(bytes));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return normalizeNewlines(new TextDecoder('utf-16be').decode(bytes));
  if (bytes.includes(0)) throw new LayoutError(importReason.binary);
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return normalizeNewlines(new TextDecoder(encoding, { fatal: true }).decode(bytes));
    } catch {
      // try the next encoding
    }
  }
  throw new LayoutError(importReason.unknownEncoding);
}

/** The charset a page declares (<meta charset>, http-equiv, <?xml encoding>), as a decoder name. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, CHARSET_WINDOW));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  if (!m?.[1]) return null;
  const name = m[1].toLowerCase();
  if (/^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(name)) return 'gb18030';
  if (/^utf-?8$/.test(name)) return 'utf-8';
  if (/^big5/.test(name)) return 'big5';
  return null;
}

/** A page's text in the charset it declares; a wrong declaration falls back to the usual decoding. */
function decodeHtml(bytes: Uint8Array): string {
  const charset = declaredCharset(bytes);
  if (charset) {
    try {
      return normalizeNewlines(new TextDecoder(charset, { fatal: true }).decode(bytes));
    } catch {
      // declared wrongly: fall back
    }
  }
  return decodeText(bytes);
}

/** HTML: a page (doctype, <html>, Word's <html xmlns:o=…>) or a pasted fragment holding a table. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, CHARSET_WINDOW).replace(/^\uFEFF/, '').trimStart();
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b/i.test(head)) return true;
  return /<table[\s>]/i.test(text) && /<\/t[dr]>/i.test(text);
}

function classifyZip(entries: ZipEntries): FileKind {
  if (entries.has('word/document.xml')) return { kind: 'docx', entries };
  if (entries.has('xl/workbook.xml')) return { kind: 'xlsx', entries };
  if (entries.has('ppt/presentation.xml')) throw new LayoutError(importReason.format('ppt'));
  if (entries.has('OFD.xml')) throw new LayoutError(importReason.format('ofd'));
  const mimetype = entries.get('mimetype');
  if (mimetype && new TextDecoder().decode(mimetype).startsWith('application/vnd.oasis.opendocument')) throw new LayoutError(importReason.format('odf'));
  return { kind: 'archive', entries };
}

export async function sniff(bytes: Uint8Array, guard: Guard): Promise<FileKind> {
  guard.check('fileBytes', bytes.byteLength);
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return classifyZip(await unzip(bytes, guard));
  if (startsWith(bytes, OLE)) return { kind: 'ole' };
  if (isPdf(bytes)) return { kind: 'pdf' };
  for (const [format, magic] of REFUSED) if (startsWith(bytes, magic)) throw new LayoutError(importReason.format(format));
  const text = looksLikeHtml(new TextDecoder('latin1').decode(bytes.subarray(0, CHARSET_WINDOW))) ? decodeHtml(bytes) : decodeText(bytes);
  return looksLikeHtml(text) ? { kind: 'html', text } : { kind: 'text', text };
}
