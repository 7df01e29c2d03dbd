// Opens the configured store (JSON files or the database); a store that is still empty is built from the
// bundled documents in data/seeds.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedDocument } from '../model/task.ts';
import { openStorage, type StoreSettings } from '../store/open.ts';
import type { OpenOptions, TaskStore } from '../store/task-store.ts';

export interface Bootstrapped {
  store: TaskStore;
  /** The documents imported because the store was new (empty when it existed). */
  seeded: ParsedDocument[];
}

/** Opens the store (a JSON store file's path, or the configured settings), seeding it when empty. */
export async function openStore(where: string | StoreSettings, seedsDir: string, now: Date, options: OpenOptions = {}): Promise<Bootstrapped> {
  const store = await openStorage(typeof where === 'string' ? { path: where } : where, { now, ...options });
  if (store.existed || store.readOnly) return { store, seeded: [] };
  try {
    // The importers (and their Word and Excel readers) are loaded only to seed a new store.
    const { parseFiles } = await import('../ingest/parse-files.ts');
    const files = (await readdir(seedsDir)).filter((f) => !f.startsWith('.')).sort();
    const seeded = await parseFiles(files.map((f) => join(seedsDir, f)), now);
    await store.putDocuments(seeded);
    return { store, seeded };
  } catch (e) {
    await store.close();
    throw e;
  }
}
