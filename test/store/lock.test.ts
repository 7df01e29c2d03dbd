// One writer per store, for real: hundreds of processes started at the same instant take the lock one
// at a time (no write reported done is lost); a lock is stale only when its pid is dead, never because
// it is empty; what dead contenders left beside it is cleaned up by the next owner.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, StoreLockedError, StoreLockUnreadableError } from '../../src/errors.ts';
import { StoreLock } from '../../src/store/lock.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { tempDir } from '../helpers.ts';
import { bundle, startChild } from './child-process.ts';

/** Rounds of writers started at the same instant, and writers per round: 300 starts in all. */
const ROUNDS = 6;
const WRITERS = 50;

let dir: string;
let cleanup: () => void;
let storePath: string;
let lockChild = '';
beforeAll(async () => {
  lockChild = await bundle(join(import.meta.dirname, 'lock-child.ts'));
});
afterAll(() => rmSync(lockChild, { force: true }));
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  storePath = join(dir, 'store.json');
});
afterEach(() => cleanup());

/** A pid that surely belongs to no live process: a child that has exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  return pid;
}
const lockInfo = (pid: number, nonce = '00000000-0000-4000-8000-000000000000') => JSON.stringify({ pid, host: hostname(), since: '2024-01-01T00:00:00.000Z', nonce });

/** One round: every writer ready, then all told "go" at once; returns the ids each reported done. */
async function race(round: number): Promise<{ done: string[]; errors: string[] }> {
  // A stale lock of a dead process is there from the start: all of them see it and try to break it at once.
  writeFileSync(`${storePath}.lock`, lockInfo(deadPid()));
  const children = Array.from({ length: WRITERS }, (_, i) => startChild(lockChild, [storePath, `${round}-${i}`], { stdin: true }));
  await Promise.all(children.map((c) => c.printed('ready')));
  for (const c of children) c.child.stdin?.end('go\n');
  await Promise.all(children.map((c) => c.exited));
  return {
    done: children.flatMap((c) => c.lines.filter((l) => l.startsWith('done ')).map((l) => l.slice(5))),
    errors: children.flatMap((c) => c.lines.filter((l) => l.startsWith('error '))),
  };
}

describe('the lock race', () => {
  it(`${ROUNDS} × ${WRITERS} processes started at the same instant: every write reported done is in the file`, async () => {
    const reported: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { done, errors } = await race(round);
      expect(errors).toEqual([]);
      expect(done).toHaveLength(WRITERS);
      reported.push(...done);
      const stored = JSON.parse(readFileSync(storePath, 'utf8')) as string[];
      expect(stored.filter((id) => !reported.includes(id))).toEqual([]);
      expect(reported.filter((id) => !stored.includes(id)), 'writes reported done but lost').toEqual([]);
      expect(readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
    }
    expect(reported).toHaveLength(ROUNDS * WRITERS);
  }, 180_000);
});

describe('what a lock file says', () => {
  it.each([
    ['empty', ''],
    ['garbled', '{"pid":'],
    ['without a pid', JSON.stringify({ host: hostname(), since: '' })],
  ])('an %s lock is never taken for stale: the store is refused, the lock left, reading still works', async (_name, content) => {
    writeFileSync(`${storePath}.lock`, content);
    const error = await TaskStore.open(storePath).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockUnreadableError);
    expect(String((error as Error).message)).toMatch(/没有记录进程号.*删除该锁文件/);
    expect(readFileSync(`${storePath}.lock`, 'utf8')).toBe(content);
    const reader = await TaskStore.open(storePath, { readOnly: true });
    expect(reader.readOnly).toBe(true);
  });

  it('a live pid holds it; a dead pid’s lock is taken over', async () => {
    writeFileSync(`${storePath}.lock`, lockInfo(process.pid));
    await expect(TaskStore.open(storePath)).rejects.toBeInstanceOf(StoreLockedError);
    writeFileSync(`${storePath}.lock`, lockInfo(deadPid()));
    const store = await TaskStore.open(storePath);
    expect(JSON.parse(readFileSync(`${storePath}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
    expect(existsSync(`${storePath}.lock`)).toBe(false);
  });

  it('a lock of another host is not judged: refused, naming the host', async () => {
    writeFileSync(`${storePath}.lock`, JSON.stringify({ pid: 1, host: 'other-host', since: '', nonce: '00000000-0000-4000-8000-000000000000' }));
    await expect(TaskStore.open(storePath)).rejects.toThrow(/other-host/);
  });

  it('a breaker that died mid-break (its marker left) does not block the lock forever', async () => {
    const staleNonce = '11111111-1111-4111-8111-111111111111';
    writeFileSync(`${storePath}.lock`, lockInfo(deadPid(), staleNonce));
    writeFileSync(`${storePath}.lock.break.${staleNonce}`, lockInfo(deadPid(), '22222222-2222-4222-8222-222222222222'));
    const lock = await StoreLock.acquire(storePath);
    expect(lock.info.pid).toBe(process.pid);
    await lock.release();
  });

  it('the next owner removes the temp files and markers dead contenders left', async () => {
    const dead = deadPid();
    const left = [`store.json.lock.${dead}.33333333-3333-4333-8333-333333333333.tmp`, 'store.json.lock.break.44444444-4444-4444-8444-444444444444'];
    writeFileSync(join(dir, left[0]!), lockInfo(dead));
    writeFileSync(join(dir, left[1]!), lockInfo(dead));
    const lock = await StoreLock.acquire(storePath);
    expect(readdirSync(dir).sort()).toEqual(['store.json.lock']);
    await lock.release();
  });

  it('a lock that cannot be created is a StoreError naming the file', async () => {
    await expect(StoreLock.acquire(join(dir, 'missing-dir', 'store.json'))).rejects.toBeInstanceOf(StoreError);
  });
});
