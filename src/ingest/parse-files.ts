// Reads files from disk and parses each into a document and its tasks; the first bad file stops it,
// so a caller writes nothing when any file fails.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError, messageOf } from '../errors.ts';
import type { ParsedDocument } from '../model/task.ts';
import { importReason } from '../texts/ingest.ts';
import { parseDocument } from './import-document.ts';
import { MAX_IMPORT_BYTES } from './limits.ts';

export async function parseFiles(paths: readonly string[], now: Date, options: { region?: string; year?: number } = {}): Promise<ParsedDocument[]> {
  const parsed: ParsedDocument[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      // Refuse an oversized file before reading it into memory.
      const { size } = await stat(path);
      if (size > MAX_IMPORT_BYTES) throw new ImportError(basename(path), importReason.tooLarge(size, MAX_IMPORT_BYTES));
      bytes = await readFile(path);
    } catch (cause) {
      if (cause instanceof ImportError) throw cause;
      const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
      const reason = missing ? importReason.fileMissing : importReason.cannotReadFile(messageOf(cause));
      throw new ImportError(basename(path), reason, { cause });
    }
    parsed.push(await parseDocument(path, bytes, { ...options, now }));
  }
  return parsed;
}
