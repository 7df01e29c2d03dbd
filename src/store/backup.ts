// Backups of the store: a snapshot is one JSON file holding everything the store keeps (the plans and
// every record: subscriptions, bindings, the ledger, the reminder log), with a header (what it is,
// when, from which format) and a SHA-256 of the data, so that a restore can check it before anything is
// overwritten. The snapshot is taken from the store as its engine reads it — for the JSON file, one
// read of a file that is only ever replaced whole by an atomic rename, so the copy is consistent even
// while the bot writes. Engine-neutral: a PostgreSQL engine provides the same StoreData from one
// read-only transaction, and restores through its own replaceAll. Snapshots of the single-file format
// (with `version: 1`) read as well.
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { messageOf, StoreError } from '../errors.ts';
import { storeText } from '../texts/store.ts';
import { migrateStore } from './migrate.ts';
import { type StoreData, StoreDataSchema } from './schema.ts';

export const SNAPSHOT_KIND = 'zwgk-bot-backup';
/** The version of the snapshot's own header (not of the store format inside it). */
export const SNAPSHOT_VERSION = 1;

const HeaderSchema = z.object({
  kind: z.literal(SNAPSHOT_KIND),
  snapshotVersion: z.literal(SNAPSHOT_VERSION),
  createdAt: z.string(),
  /** Where it was taken from (a path, or a database address without password). */
  source: z.string(),
  /** The checksum of `JSON.stringify(store)`. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: z.object({ documents: z.number(), tasks: z.number(), ledger: z.number(), subscriptions: z.number() }),
  store: z.unknown(),
});

export interface Snapshot {
  createdAt: string;
  source: string;
  data: StoreData;
  counts: { documents: number; tasks: number; ledger: number; subscriptions: number };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function countsOf(data: StoreData): Snapshot['counts'] {
  return { documents: data.documents.length, tasks: data.tasks.length, ledger: data.ledger.length, subscriptions: data.subscriptions.length };
}

/** The snapshot file's text for `data`. */
export function snapshotText(data: StoreData, source: string, now: Date): string {
  const store = JSON.stringify(data);
  const header = { kind: SNAPSHOT_KIND, snapshotVersion: SNAPSHOT_VERSION, createdAt: now.toISOString(), source, sha256: sha256(store), counts: countsOf(data) };
  // The store is spliced in as written, so that the checksum covers exactly its text.
  return `${JSON.stringify(header).slice(0, -1)},"store":${store}}\n`;
}

/**
 * Reads and checks a snapshot file: a backup of this program, complete (checksum), of a known format
 * (an older store format inside is migrated, a newer one refused). Throws StoreError saying what is wrong.
 */
export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new StoreError(storeText.backupUnreadable(file, messageOf(cause)), { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new StoreError(storeText.backupNotJson(file, messageOf(cause)), { cause });
  }
  const header = HeaderSchema.safeParse(json);
  if (!header.success) throw new StoreError(storeText.notABackup(file));
  if (sha256(JSON.stringify(header.data.store)) !== header.data.sha256) throw new StoreError(storeText.backupDamaged(file));
  const store = StoreDataSchema.safeParse(migrateStore(header.data.store, file).data);
  if (!store.success) throw new StoreError(storeText.invalid(file, store.error.issues.slice(0, 3)), { cause: store.error });
  return { createdAt: header.data.createdAt, source: header.data.source, data: store.data, counts: countsOf(store.data) };
}

/** Writes the snapshot to `file` atomically (temp file, fsync, rename): a crash leaves no half backup. */
export async function writeSnapshot(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new StoreError(storeText.backupWriteFailed(file, messageOf(cause)), { cause });
  }
}
