// Opens the store; a store that does not exist yet is built from the bundled documents in data/seeds.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ImportError } from '../errors.ts';
import { parseDocument, type ParsedDocument } from '../ingest/import-document.ts';
import { TaskStore, type OpenOptions } from './task-store.ts';

export interface Bootstrapped {
  store: TaskStore;
  /** The documents imported because the store was new (empty when it existed). */
  seeded: ParsedDocument[];
}

export async function parseFiles(paths: readonly string[], now: Date, options: { region?: string; year?: number } = {}): Promise<ParsedDocument[]> {
  const parsed: ParsedDocument[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (cause) {
      const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在，请检查路径' : `无法读取：${(cause as Error).message}`;
      throw new ImportError(basename(path), reason, { cause });
    }
    parsed.push(await parseDocument(path, bytes, { ...options, now }));
  }
  return parsed;
}

export async function openStore(storePath: string, seedsDir: string, now: Date, options: OpenOptions = {}): Promise<Bootstrapped> {
  const store = await TaskStore.open(storePath, options);
  if (store.existed || store.readOnly) return { store, seeded: [] };
  try {
    const files = (await readdir(seedsDir)).filter((f) => !f.startsWith('.')).sort();
    const seeded = await parseFiles(files.map((f) => join(seedsDir, f)), now);
    await store.putDocuments(seeded);
    return { store, seeded };
  } catch (e) {
    await store.close();
    throw e;
  }
}
