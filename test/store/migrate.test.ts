// Stores written by older versions: migrated on open, the old file kept beside; a newer one refused.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateStore } from '../../src/store/migrate.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { parseSeed, tempDir } from '../helpers.ts';

let dir: string;
let cleanup: () => void;
let storePath: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  storePath = join(dir, 'store.json');
});
afterEach(() => cleanup());

/** A store as the first release wrote it (commit 8e19509): tasks without year and number, no records. */
async function firstReleaseStore(): Promise<string> {
  const doc = await parseSeed('000_8f567bc9b8b33b76.txt');
  const tasks = doc.tasks.map(({ year: _year, number: _number, ...rest }) => rest);
  return JSON.stringify({ version: 1, documents: [doc.document], tasks });
}

describe('a store written by an older version', () => {
  it('is migrated on open: tasks get the plan’s year, records start empty, plan and state split, the old file kept as it was', async () => {
    const old = await firstReleaseStore();
    writeFileSync(storePath, old);
    const store = await TaskStore.open(storePath);
    expect(store.migration?.steps).toEqual(['task-year-and-number', 'records', 'split-plan-and-state']);
    expect(store.data.tasks.every((t) => t.year === 2022 && t.number === null)).toBe(true);
    expect(store.data.ledger).toEqual([]);
    const kept = store.migration?.keptAt as string;
    expect(readFileSync(kept, 'utf8')).toBe(old);
    await store.close();

    // The file now has this version's shape: opened again, nothing more to migrate and no new copy.
    const again = await TaskStore.open(storePath);
    expect(again.migration).toBeNull();
    expect(again.data.tasks).toHaveLength(79);
    await again.close();
    expect(readdirSync(dir).filter((f) => f.includes('before-migration'))).toHaveLength(1);
  });

  it('opened read-only (the CLI beside a running bot) is migrated in memory, the file untouched', async () => {
    const old = await firstReleaseStore();
    writeFileSync(storePath, old);
    const store = await TaskStore.open(storePath, { readOnly: true });
    expect(store.migration).toEqual({ steps: ['task-year-and-number', 'records', 'split-plan-and-state'], keptAt: null });
    expect(store.data.tasks[0]?.year).toBe(2022);
    await store.close();
    expect(readFileSync(storePath, 'utf8')).toBe(old);
  });

  it('a current store is not migrated and no copy is made', async () => {
    const store = await TaskStore.open(storePath);
    await store.putDocuments([await parseSeed('000_8f567bc9b8b33b76.txt')]);
    await store.close();
    const again = await TaskStore.open(storePath);
    expect(again.migration).toBeNull();
    await again.close();
    expect(readdirSync(dir).some((f) => f.includes('before-migration'))).toBe(false);
  });
});

describe('a store written by a newer version', () => {
  it('is refused with what to do, and left as it is', async () => {
    const content = '{"version":9,"documents":[],"tasks":[]}';
    writeFileSync(storePath, content);
    await expect(TaskStore.open(storePath)).rejects.toThrow(/更新的版本写入.*请升级 zwgk-bot/);
    expect(readFileSync(storePath, 'utf8')).toBe(content);
    expect(existsSync(`${storePath}.lock`)).toBe(false);
  });
});

describe('migrateStore', () => {
  it.each([
    ['not an object', [1, 2], []],
    ['current', { version: 1, documents: [], tasks: [{ year: 2022, number: '1' }], chats: [], subscriptions: [], bindings: [], ledger: [], reminders: [], digests: [] }, []],
    ['a split store’s plan file (its records are in the state file)', { version: 2, documents: [], tasks: [{ year: 2022, number: '1' }] }, []],
    ['tasks lacking number only', { version: 1, documents: [], tasks: [{ year: 2022 }], chats: [], subscriptions: [], bindings: [], ledger: [], reminders: [], digests: [] }, ['task-year-and-number']],
  ])('%s → %j', (_name, json, steps) => {
    expect(migrateStore(json, 'x').applied).toEqual(steps);
  });
});
