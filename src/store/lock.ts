// One process owns the store file. The lock is a file holding the owner's pid, host and a nonce; it
// comes into being whole (written to a temp file, fsynced, then hard-linked into place, which fails
// when the lock exists), so a reader never sees it empty. A lock is stale only when its pid is dead on
// this host. Breaking a stale lock is itself exclusive: the breaker must first create a marker named
// after the stale lock's nonce, so two processes can never both remove it (and the second remove a
// fresh lock). A lock that holds no pid (an empty or garbled file) is never taken for stale.
import { randomUUID } from 'node:crypto';
import { link, open, readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { messageOf, StoreError, StoreLockedError, StoreLockUnreadableError } from '../errors.ts';
import { storeText } from '../texts/store.ts';

/** Rounds of link / inspect / break before giving up: each round either takes the lock or learns something. */
const LOCK_ATTEMPTS = 20;
/** A breaker that died while breaking leaves a marker; markers of markers are broken at most this deep. */
const MAX_BREAK_DEPTH = 4;
/** How long to wait for another process that is breaking the same stale lock. */
const BREAK_WAIT_MS = 5;

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
  nonce: string;
}

type Holder = LockInfo | 'missing' | 'unreadable';

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const NONCE = /^[0-9a-f-]{36}$/;

async function readHolder(path: string): Promise<Holder> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'unreadable';
  }
  try {
    const info = JSON.parse(text) as Partial<LockInfo>;
    const ok = Number.isInteger(info.pid) && typeof info.host === 'string' && typeof info.since === 'string' && NONCE.test(String(info.nonce));
    return ok ? (info as LockInfo) : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Hard-links `from` to `to`; false when `to` exists. */
async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** Writes the lock's content to a temp file beside it, durably, and returns the temp file's path. */
async function writeTemp(lockPath: string, info: LockInfo): Promise<string> {
  const tmp = `${lockPath}.${process.pid}.${info.nonce}.tmp`;
  const file = await open(tmp, 'wx');
  try {
    await file.writeFile(JSON.stringify(info));
    await file.sync();
  } finally {
    await file.close();
  }
  return tmp;
}

const sameLock = (a: Holder, b: LockInfo): boolean => typeof a === 'object' && a.nonce === b.nonce && a.pid === b.pid;

/**
 * Removes `path` if it still holds the dead `stale` lock. Exclusive per stale lock: only the process
 * that creates `<path>.break.<nonce>` may look again and remove it. Returns when the caller should try
 * to take the lock again.
 */
async function breakStale(path: string, stale: LockInfo, tmp: string, depth = 0): Promise<void> {
  if (depth > MAX_BREAK_DEPTH) throw new StoreError(storeText.cannotLock(path));
  const marker = `${path}.break.${stale.nonce}`;
  if (!(await tryLink(tmp, marker))) {
    const breaker = await readHolder(marker);
    if (breaker === 'missing') return;
    if (breaker === 'unreadable') throw new StoreLockUnreadableError(storeText.lockUnreadable(marker));
    if (breaker.host !== hostname() || alive(breaker.pid)) return sleep(BREAK_WAIT_MS);
    // The breaker died while breaking: break its marker first, then start again.
    return breakStale(marker, breaker, tmp, depth + 1);
  }
  try {
    if (sameLock(await readHolder(path), stale)) await rm(path, { force: true });
  } finally {
    await rm(marker, { force: true });
  }
}

/** Throws unless the lock is missing or stale (a dead pid on this host). */
function refuseLiveHolder(storePath: string, holder: Holder): void {
  if (holder === 'missing') return;
  if (holder === 'unreadable') throw new StoreLockUnreadableError(storeText.lockUnreadable(`${storePath}.lock`));
  if (holder.host !== hostname()) throw new StoreError(storeText.lockedByHost(storePath, holder.host, holder.pid));
  if (alive(holder.pid)) throw new StoreLockedError(holder.pid, holder.since, storeText.lockedByProcess(storePath, holder.pid, holder.since));
}

export class StoreLock {
  private constructor(
    readonly path: string,
    readonly info: LockInfo,
  ) {}

  /**
   * Takes the lock of the store at `storePath`, or throws: StoreLockedError naming the live process that
   * holds it, StoreLockUnreadableError for a lock file holding no pid, StoreError otherwise.
   */
  static async acquire(storePath: string): Promise<StoreLock> {
    const path = `${storePath}.lock`;
    // A look first, so that a process refused by a live owner writes (and fsyncs) nothing.
    refuseLiveHolder(storePath, await readHolder(path));
    const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), nonce: randomUUID() };
    let tmp: string;
    try {
      tmp = await writeTemp(path, info);
    } catch (cause) {
      throw new StoreError(storeText.cannotCreateLock(path, messageOf(cause)), { cause });
    }
    try {
      for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
        if (await tryLink(tmp, path)) {
          const lock = new StoreLock(path, info);
          await lock.removeLeftovers();
          return lock;
        }
        const holder = await readHolder(path);
        if (holder === 'missing') continue;
        refuseLiveHolder(storePath, holder);
        await breakStale(path, holder as LockInfo, tmp);
      }
      throw new StoreError(storeText.cannotLock(storePath));
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError(storeText.cannotCreateLock(path, messageOf(e)), { cause: e });
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * Removes what processes that died while taking or breaking this lock left beside it: their temp
   * files and break markers. Only the owner does this, and only for dead pids.
   */
  private async removeLeftovers(): Promise<void> {
    const dir = dirname(this.path);
    const name = basename(this.path);
    const own = new RegExp(`^${escapeRegExp(name)}\\.(?:(\\d+)\\.[0-9a-f-]{36}\\.tmp|break\\.[0-9a-f-]{36}(?:\\.break\\.[0-9a-f-]{36})*)$`);
    for (const entry of await readdir(dir).catch(() => [] as string[])) {
      const m = own.exec(entry);
      if (!m) continue;
      const path = join(dir, entry);
      const pid = m[1] ? Number(m[1]) : await readHolder(path).then((h) => (typeof h === 'object' ? h.pid : null));
      if (pid !== null && pid !== process.pid && !alive(pid)) await rm(path, { force: true });
    }
  }

  /** Gives the lock up, if it is still this process's. */
  async release(): Promise<void> {
    if (sameLock(await readHolder(this.path), this.info)) await rm(this.path, { force: true });
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
