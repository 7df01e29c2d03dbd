// One process owns the store file: a lock file holds its pid. A lock whose process is gone is stale.
import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { messageOf, StoreError, StoreLockedError } from '../errors.ts';
import { storeText } from '../texts/store.ts';

/** Tries to take the lock: once, and once more after removing a stale lock. */
const LOCK_ATTEMPTS = 2;

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class StoreLock {
  private constructor(readonly path: string) {}

  /** Takes the lock, or throws StoreError naming the process that holds it. */
  static async acquire(storePath: string): Promise<StoreLock> {
    const path = `${storePath}.lock`;
    for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
      try {
        const file = await open(path, 'wx');
        const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
        await file.writeFile(JSON.stringify(info));
        await file.close();
        return new StoreLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new StoreError(storeText.cannotCreateLock(path, messageOf(e)), { cause: e });
        }
      }
      const holder = await readLock(path);
      if (holder && holder.host === hostname() && alive(holder.pid)) {
        throw new StoreLockedError(holder.pid, holder.since, storeText.lockedByProcess(storePath, holder.pid, holder.since));
      }
      if (holder && holder.host !== hostname()) {
        throw new StoreError(storeText.lockedByHost(storePath, holder.host, holder.pid));
      }
      await rm(path, { force: true });
    }
    throw new StoreError(storeText.cannotLock(storePath));
  }

  async release(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

async function readLock(path: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' && typeof info.host === 'string' ? (info as LockInfo) : null;
  } catch {
    return null;
  }
}
