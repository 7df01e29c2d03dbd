// Store access: a command that reads shares the store with the process holding the lock; a command
// that writes is refused with the name of that process, and nothing is written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withStore } from '../../src/cli/store-access.ts';
import { StoreError, StoreLockedError } from '../../src/errors.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { FIXTURES_DIR, NOW, SEEDS_DIR } from '../helpers.ts';
import { useCli } from './run.ts';

const { cli, storePath } = useCli();

/** Runs `fn` while this process holds the store's lock, as the running bot would. */
async function whileLocked<T>(fn: () => Promise<T>): Promise<T> {
  const holder = await TaskStore.open(storePath());
  try {
    return await fn();
  } finally {
    await holder.close();
  }
}

describe('withStore', () => {
  it('a locked store is a StoreLockedError naming the process, and still a StoreError', async () => {
    await cli('docs');
    const error = await whileLocked(() => TaskStore.open(storePath()).then(() => null, (e: unknown) => e));
    expect(error).toBeInstanceOf(StoreLockedError);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreLockedError).pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse((error as StoreLockedError).since))).toBe(false);
  });

  it.each([
    ['read', 'opens the store read-only', true],
    ['write', 'is refused', false],
  ] as const)('in %s mode, a store locked by another process %s', async (mode, _, opens) => {
    await cli('docs');
    const io = { out: () => {}, err: () => {}, now: () => NOW, env: { ZWGK_STORE: storePath(), ZWGK_SEEDS_DIR: SEEDS_DIR } };
    const run = whileLocked(() => withStore(io, mode, async (store) => store.readOnly));
    if (opens) await expect(run).resolves.toBe(true);
    else await expect(run).rejects.toBeInstanceOf(StoreLockedError);
  });

  it('closes the store when the command fails, so the next command can take the lock', async () => {
    const io = { out: () => {}, err: () => {}, now: () => NOW, env: { ZWGK_STORE: storePath(), ZWGK_SEEDS_DIR: SEEDS_DIR } };
    await expect(withStore(io, 'write', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withStore(io, 'write', async (store) => store.readOnly)).resolves.toBe(false);
  });
});

describe('commands on a locked store', () => {
  it('docs, tasks, ask, preview and export read it', async () => {
    await cli('docs');
    await whileLocked(async () => {
      expect((await cli('docs', '--json')).code).toBe(0);
      expect((await cli('tasks', '--region', '汶上县', '--json')).code).toBe(0);
      expect((await cli('ask', '民政局有哪些任务', '--region', '汶上县')).code).toBe(0);
      expect((await cli('reminders', 'preview', '--region', '汶上县', '--today', '2022-06-24')).code).toBe(0);
    });
  });

  it('import and subscribe are refused, saying which process holds it, and write nothing', async () => {
    await cli('docs');
    const before = readFileSync(storePath(), 'utf8');
    await whileLocked(async () => {
      for (const argv of [['import', join(FIXTURES_DIR, 'sixth-layout.md')], ['subscribe', '--chat', 'robot:ops', '--region', '汶上县']]) {
        const { code, err } = await cli(...argv);
        expect(code).toBe(1);
        expect(err).toContain(String(process.pid));
      }
    });
    expect(readFileSync(storePath(), 'utf8')).toBe(before);
  });
});
