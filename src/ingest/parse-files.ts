// Reads files from disk and parses each into documents and their tasks; the first bad file stops it,
// so a caller writes nothing when any file fails. Only regular files are read (never a FIFO, a device
// or a link to one), and a file over the size limit is refused before it is read.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError, messageOf } from '../errors.ts';
import type { ParsedDocument } from '../model/task.ts';
import { importReason, limitReason } from '../texts/ingest.ts';
import { type ImportOptions, parseUpload } from './import-document.ts';
import { DEFAULT_LIMITS } from './limits.ts';

/** What a path that is not a regular file is, for the error. */
function kindOf(s: import('node:fs').Stats): string {
  if (s.isFIFO()) return 'FIFO';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  if (s.isSocket()) return 'socket';
  if (s.isDirectory()) return 'directory';
  return 'special';
}

/** The bytes of a regular file within the size limit. */
async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const file = basename(path);
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ImportError(file, missing ? importReason.fileMissing : importReason.cannotReadFile(messageOf(cause)), { cause });
  }
  if (!info.isFile()) throw new ImportError(file, importReason.notRegularFile(kindOf(info)));
  if (info.size > maxBytes) throw new ImportError(file, limitReason.fileBytes(info.size, maxBytes));
  // O_NONBLOCK: should the path have been swapped for a FIFO since, opening it does not hang.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((cause: unknown) => {
    throw new ImportError(file, importReason.cannotReadFile(messageOf(cause)), { cause });
  });
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new ImportError(file, importReason.notRegularFile(kindOf(opened)));
    if (opened.size > maxBytes) throw new ImportError(file, limitReason.fileBytes(opened.size, maxBytes));
    const buffer = Buffer.alloc(opened.size);
    const { bytesRead } = await handle.read(buffer, 0, opened.size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function parseFiles(paths: readonly string[], now: Date, options: Omit<ImportOptions, 'now'> = {}): Promise<ParsedDocument[]> {
  const maxBytes = options.limits?.fileBytes ?? DEFAULT_LIMITS.fileBytes;
  const parsed: ParsedDocument[] = [];
  for (const path of paths) {
    const bytes = await readRegularFile(path, maxBytes);
    parsed.push(...(await parseUpload(path, bytes, { ...options, now })));
  }
  return parsed;
}
