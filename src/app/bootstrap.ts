// Opens the store; a store that does not exist yet is built from the bundled documents in data/seeds.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFiles } from '../ingest/parse-files.ts';
import type { ParsedDocument } from '../model/task.ts';
import { TaskStore, type OpenOptions } from '../store/task-store.ts';

export interface Bootstrapped {
  store: TaskStore;
  /** The documents imported because the store was new (empty when it existed). */
  seeded: ParsedDocument[];
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
