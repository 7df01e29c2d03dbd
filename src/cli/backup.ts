// Backup and restore from the command line. A backup reads the store as its engine does (for the JSON
// file: one read of a file only ever replaced whole, so it is consistent while the bot runs) and writes
// a checked snapshot (src/store/backup.ts). A restore checks the snapshot first, needs the store's
// lock (the bot stopped), refuses to replace data without --force, and keeps the file it replaces.
import { existsSync, statSync } from 'node:fs';
import { copyFile, constants } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { messageOf, StoreError, StoreLockedError, UsageError } from '../errors.ts';
import { countsOf, readSnapshot, snapshotText, writeSnapshot } from '../store/backup.ts';
import { TaskStore } from '../store/task-store.ts';
import { cliText, commandText } from '../texts/cli.ts';
import { storeText } from '../texts/store.ts';
import type { Command, CommandInput } from './command.ts';
import { withStore } from './store-access.ts';

/** 2026-06-01T02:00:00.000Z → 2026-06-01T020000Z: sortable, and valid in every file system. */
const stampOf = (now: Date): string => now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '');

/** The backup file: as given, or named by the time inside a directory given. */
function backupTarget(given: string, now: Date, force: boolean): string {
  const path = resolve(given);
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, cliText.backupFile(stampOf(now))) : path;
  if (existsSync(file) && !force) throw new UsageError(cliText.backupExists(file));
  return file;
}

async function runBackup({ args, values, io }: CommandInput): Promise<void> {
  const [given] = args;
  if (!given) throw new UsageError(cliText.backupNeedsFile);
  const now = io.now();
  const file = backupTarget(given, now, values.force);
  const { storePath } = loadConfig(io.env);
  // A backup never creates a store (withStore would build one from the seeds).
  if (!existsSync(storePath)) throw new StoreError(cliText.noStore(storePath));
  const { text, counts } = await withStore(io, 'read', async (store) => ({ text: snapshotText(store.data, store.path, now), counts: countsOf(store.data) }));
  await writeSnapshot(file, text);
  io.out(values.json ? JSON.stringify({ file, ...counts }) : cliText.backedUp(file, counts));
}

/** The store, locked for writing; a running bot holding it is said plainly. */
async function openForRestore(storePath: string): Promise<TaskStore> {
  try {
    return await TaskStore.open(storePath);
  } catch (e) {
    if (e instanceof StoreLockedError) throw new StoreError(cliText.restoreWhileRunning(e.pid), { cause: e });
    throw e;
  }
}

const isEmpty = (store: TaskStore): boolean => Object.values(countsOf(store.data)).every((n) => n === 0);

async function runRestore({ args, values, io }: CommandInput): Promise<void> {
  const [given] = args;
  if (!given) throw new UsageError(cliText.restoreNeedsFile);
  const file = resolve(given);
  // Checked before anything is touched: a bad backup changes nothing.
  const snapshot = await readSnapshot(file);
  const store = await openForRestore(loadConfig(io.env).storePath);
  try {
    if (store.existed && !isEmpty(store) && !values.force) throw new UsageError(cliText.restoreWouldOverwrite(store.path, countsOf(store.data), snapshot.counts));
    const keptAt = store.existed ? `${store.path}.before-restore-${stampOf(io.now())}.json` : null;
    if (keptAt) await copyFile(store.path, keptAt, constants.COPYFILE_EXCL).catch((cause: unknown) => {
      throw new StoreError(storeText.writeFailed(keptAt, messageOf(cause)), { cause });
    });
    await store.replaceAll(snapshot.data);
    io.out(values.json ? JSON.stringify({ file, keptAt, ...snapshot.counts }) : cliText.restored(file, snapshot.counts, snapshot.createdAt, keptAt));
  } finally {
    await store.close();
  }
}

export const backupCommands = {
  backup: { ...commandText.backup, run: runBackup },
  restore: { ...commandText.restore, run: runRestore },
} satisfies Record<string, Command>;
