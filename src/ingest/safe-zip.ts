// Unpacks a zip (a .zip of documents, or the parts of a .docx / .xlsx) within the limits: the number of
// entries and their declared sizes are checked from the central directory before anything is inflated,
// and every entry is inflated as a stream that stops at its declared size (yauzl validates it), so a
// zip bomb is refused after reading at most the limit, whatever its headers claim.
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { LayoutError, LimitError, messageOf } from '../errors.ts';
import { importReason } from '../texts/ingest.ts';
import { type Guard, RATIO_CHECK_BYTES } from './limits.ts';

/** The entries of a zip by path (folders left out), in the order the zip lists them. */
export type ZipEntries = Map<string, Uint8Array>;

const GENERAL_PURPOSE_UTF8 = 0x800;

/** Entry names: UTF-8 when flagged or valid, else the GBK of zips made on Chinese Windows. */
function entryName(raw: Buffer, flags: number): string {
  if (flags & GENERAL_PURPOSE_UTF8) return raw.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('gb18030').decode(raw);
  }
}

const openZip = promisify(yauzl.fromBuffer) as (buffer: Buffer, options: yauzl.Options) => Promise<yauzl.ZipFile>;

function listEntries(zip: yauzl.ZipFile, guard: Guard): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        entries.push(entry);
        guard.check('zipEntries', entries.length);
        declared += entry.uncompressedSize;
        guard.check('unpackedBytes', declared);
        if (entry.uncompressedSize > RATIO_CHECK_BYTES) guard.check('compressionRatio', entry.uncompressedSize / Math.max(1, entry.compressedSize));
        zip.readEntry();
      } catch (error) {
        zip.close();
        reject(error);
      }
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

async function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Uint8Array> {
  const stream = await promisify(zip.openReadStream.bind(zip))(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Every file entry of the zip. Throws LimitError for a bomb, LayoutError for a zip that cannot be read. */
export async function unzip(bytes: Uint8Array, guard: Guard): Promise<ZipEntries> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (cause) {
    throw new LayoutError(importReason.badZip(messageOf(cause)), { cause });
  }
  let entries: yauzl.Entry[];
  try {
    entries = await listEntries(zip, guard);
  } catch (cause) {
    if (cause instanceof LimitError) throw cause;
    throw new LayoutError(importReason.badZip(messageOf(cause)), { cause });
  }
  const out: ZipEntries = new Map();
  let unpacked = 0;
  for (const entry of entries) {
    guard.tick();
    const name = entryName(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag);
    if (name.endsWith('/')) continue;
    if (entry.isEncrypted()) throw new LayoutError(importReason.zipEncrypted(name));
    let data: Uint8Array;
    try {
      data = await inflate(zip, entry);
    } catch (cause) {
      // yauzl stops a stream that inflates past its declared size: a bomb whose headers lie.
      if (/too many bytes/i.test(messageOf(cause))) throw new LayoutError(importReason.zipOversized(name), { cause });
      throw new LayoutError(importReason.badZip(messageOf(cause)), { cause });
    }
    unpacked += data.byteLength;
    guard.check('unpackedBytes', unpacked);
    out.set(name, data);
  }
  zip.close();
  return out;
}

// A tag ends before the next "<" (XML escapes it in attributes), so an unclosed "<a" costs a scan to the
// next tag, not to the end of the part: one pass over text full of them, not a quadratic one.
const XML_TAG = /<(\/?)[^\s<>/!?]+[^<>]*?(\/?)>/g;

/** The deepest nesting of elements in an XML text, found in one pass (a parser would recurse that deep). */
function xmlDepth(text: string, guard: Guard): number {
  let depth = 0;
  let max = 0;
  for (const m of text.matchAll(XML_TAG)) {
    if (m[1]) depth--;
    else if (!m[2]) {
      depth++;
      if (depth > max) {
        max = depth;
        guard.check('depth', max);
      }
    }
  }
  return max;
}

/**
 * An XML part of an Office file as text. Refuses any DOCTYPE or entity declaration (entities are never
 * expanded, external ones never fetched) and nesting deeper than the limit.
 */
export function xmlPart(entries: ZipEntries, path: string, guard: Guard): string | null {
  const data = entries.get(path);
  if (!data) return null;
  const text = new TextDecoder('utf-8').decode(data);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new LayoutError(importReason.xmlDoctype(path));
  xmlDepth(text, guard);
  return text;
}

/** Checks every XML part of a package (see xmlPart) before a library parses it. */
export function checkXmlParts(entries: ZipEntries, guard: Guard): void {
  for (const path of entries.keys()) if (/\.(?:xml|rels|vml)$/i.test(path)) xmlPart(entries, path, guard);
}
