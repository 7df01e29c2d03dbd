// Reads files from disk and parses each into a document and its tasks; the first bad file stops it,
// so a caller writes nothing when any file fails.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError } from '../errors.ts';
import type { ParsedDocument } from '../model/task.ts';
import { parseDocument } from './import-document.ts';
import { MAX_IMPORT_BYTES } from './limits.ts';
import { errorText } from '../texts/errors.ts';

export async function parseFiles(paths: readonly string[], now: Date, options: { region?: string; year?: number } = {}): Promise<ParsedDocument[]> {
  const parsed: ParsedDocument[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      // Refuse an oversized file before reading it into memory.
      const { size } = await stat(path);
      if (size > MAX_IMPORT_BYTES) throw new ImportError(basename(path), errorText.tooLarge(size, MAX_IMPORT_BYTES));
      bytes = await readFile(path);
    } catch (cause) {
      if (cause instanceof ImportError) throw cause;
      const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在，请检查路径' : `无法读取：${(cause as Error).message}`;
      throw new ImportError(basename(path), reason, { cause });
    }
    parsed.push(await parseDocument(path, bytes, { ...options, now }));
  }
  return parsed;
}
