// Backup and restore from the command line. A backup reads the store as its engine does (for the JSON
// file: one read of a file only ever replaced whole, so it is consistent while the bot runs) and writes
// a checked snapshot (src/store/backup.ts). A restore checks the snapshot first, needs the store's
// lock (the bot stopped), refuses to replace data without --force, and keeps what it replaces as a
// snapshot of its own (restorable the same way): beside the JSON store file, or for a database beside
// the backup restored.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { StoreError, StoreLockedError, UsageError } from '../errors.ts';
import { countsOf, readSnapshot, snapshotText, writeSnapshot } from '../store/backup.ts';
import { openStorage, type StoreSettings } from '../store/open.ts';
import type { TaskStore } from '../store/task-store.ts';
import { cliText, commandText } from '../texts/cli.ts';
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
  const { store: settings } = loadConfig(io.env);
  // A backup never creates a store (withStore would build one from the seeds).
  if (!settings.databaseUrl && !existsSync(settings.path)) throw new StoreError(cliText.noStore(settings.path));
  const { text, counts } = await withStore(io, 'read', async (store) => ({ text: snapshotText(store.data, store.location, now), counts: countsOf(store.data) }));
  await writeSnapshot(file, text);
  io.out(values.json ? JSON.stringify({ file, ...counts }) : cliText.backedUp(file, counts));
}

/** The store, locked for writing; a running bot holding it is said plainly. */
async function openForRestore(settings: StoreSettings): Promise<TaskStore> {
  try {
    return await openStorage(settings);
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
  const { store: settings } = loadConfig(io.env);
  const store = await openForRestore(settings);
  try {
    if (store.existed && !isEmpty(store) && !values.force) throw new UsageError(cliText.restoreWouldOverwrite(store.location, countsOf(store.data), snapshot.counts));
    const stamp = stampOf(io.now());
    const keptAt = !store.existed ? null : settings.databaseUrl ? join(dirname(file), cliText.beforeRestoreFile(stamp)) : `${settings.path}.before-restore-${stamp}.json`;
    if (keptAt) {
      if (existsSync(keptAt)) throw new UsageError(cliText.backupExists(keptAt));
      await writeSnapshot(keptAt, snapshotText(store.data, store.location, io.now()));
    }
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
