// Opening the store for one command, and closing it whatever happens. To write, the command takes the
// lock; to read, it may share the store with the process that holds the lock (the running bot).
import { openStore } from '../app/bootstrap.ts';
import { type Config, loadConfig, secretsOf } from '../config.ts';
import { registerSecret } from '../log.ts';
import { StoreLockedError, StoreLockUnreadableError } from '../errors.ts';
import type { TaskStore } from '../store/task-store.ts';
import type { Io } from './command.ts';

export type StoreMode = 'write' | 'read';

async function open(config: Config, now: Date, mode: StoreMode): Promise<TaskStore> {
  try {
    return (await openStore(config.storePath, config.seedsDir, now)).store;
  } catch (e) {
    if (mode === 'read' && (e instanceof StoreLockedError || e instanceof StoreLockUnreadableError)) {
      return (await openStore(config.storePath, config.seedsDir, now, { readOnly: true })).store;
    }
    throw e;
  }
}

/** Runs `fn` with the store open (built from the seeds when new), and closes it after. */
export async function withStore<T>(io: Io, mode: StoreMode, fn: (store: TaskStore, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  for (const secret of secretsOf(config)) registerSecret(secret);
  const store = await open(config, io.now(), mode);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}
