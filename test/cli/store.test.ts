// migrate-store: the seed store with a ledger, subscriptions and bindings made through the command line,
// copied JSON → PostgreSQL → JSON (a real server when ZWGK_TEST_DATABASE_URL is set; PGlite through the
// same copy otherwise) and JSON → JSON, comes back the same. A target with data is refused.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../../src/store/contract.ts';
import { copyStore } from '../../src/store/copy.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { pgliteEngine, TEST_DATABASE_URL } from '../store/engines.ts';
import { seed, useCli } from './run.ts';

const { cli, dir, storePath } = useCli();

/** The seed store, with a ledger, a subscription, a binding and a chat's region, all made by the CLI. */
async function busyStore(): Promise<void> {
  expect((await cli('ask', '民政局有哪些任务', '--region', '汶上县', '--chat', 'c1')).code).toBe(0);
  expect((await cli('ask', '签收 1', '--chat', 'c1')).out).toMatch(/签收/);
  expect((await cli('ask', '进展 2 已在网站发布解读', '--chat', 'c1')).code).toBe(0);
  expect((await cli('ask', '完成 3', '--chat', 'c1')).code).toBe(0);
  expect((await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县', '--unit', '民政局')).code).toBe(0);
  expect((await cli('bind', '--chat', 'robot:ops', '--unit', '民政局', '--user', '13800000000', '--name', '张三')).code).toBe(0);
}

const snapshot = async (path: string): Promise<Storage['data']> => {
  const store = await TaskStore.open(path, { readOnly: true });
  const data = store.data;
  await store.close();
  return data;
};

/** The state of keyed collections in a canonical order; the plan and the ledger as they are. */
const canonical = (data: Storage['data']) => ({
  ...data,
  ...Object.fromEntries((['chats', 'subscriptions', 'bindings', 'reminders', 'digests'] as const).map((c) => [c, data[c].map((r) => JSON.stringify(r)).sort()])),
});

describe('migrate-store', () => {
  it('JSON → JSON: everything is copied and checked; the source is untouched', async () => {
    await busyStore();
    const before = await snapshot(storePath());
    expect(before.ledger.map((e) => e.action)).toEqual(['sign', 'progress', 'done']);
    const copy = join(dir(), 'copy.json');
    const result = await cli('migrate-store', '--to', copy, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).copied).toMatchObject({ documents: 5, tasks: before.tasks.length, ledger: 3, subscriptions: 1, bindings: 1 });
    expect(canonical(await snapshot(copy))).toEqual(canonical(before));
    expect(canonical(await snapshot(storePath()))).toEqual(canonical(before));
  });

  it('refuses a target that holds data, and a source that is empty', async () => {
    await busyStore();
    const copy = join(dir(), 'copy.json');
    expect((await cli('migrate-store', '--to', copy)).code).toBe(0);
    const again = await cli('migrate-store', '--to', copy);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/已有数据/);
    const empty = await cli('migrate-store', '--from', join(dir(), 'nothing.json'), '--to', join(dir(), 'other.json'));
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/没有数据/);
    expect((await cli('migrate-store')).err).toMatch(/需要 --to/);
  });

  it('JSON → PostgreSQL (in process) → JSON comes back the same', async () => {
    await busyStore();
    const before = await snapshot(storePath());
    const db = await pgliteEngine.fresh();
    try {
      const source = await TaskStore.open(storePath());
      const pg = await db.open();
      const summary = await copyStore(source, pg);
      await source.close();
      expect(summary).toMatchObject({ documents: 5, ledger: 3, subscriptions: 1, bindings: 1 });
      await pg.close();
      const reopened = await db.open();
      const back = await TaskStore.open(join(dir(), 'back.json'));
      await copyStore(reopened, back);
      await reopened.close();
      await back.close();
      expect(canonical(await snapshot(join(dir(), 'back.json')))).toEqual(canonical(before));
    } finally {
      await db.dispose();
    }
  });

  it.runIf(TEST_DATABASE_URL)('JSON → a PostgreSQL server → JSON through the command line', async () => {
    await busyStore();
    const before = await snapshot(storePath());
    const schema = `migrate_${process.pid}_${Date.now().toString(36)}`;
    const url = TEST_DATABASE_URL as string;
    const there = await cli('migrate-store', '--to', url, '--schema', schema);
    expect(there.code, there.err).toBe(0);
    expect(there.out).toMatch(/核对一致/);
    expect(there.out).not.toContain(new URL(url).password || '\u0000');
    const back = join(dir(), 'back.json');
    const home = await cli('migrate-store', '--from', url, '--schema', schema, '--to', back);
    expect(home.code, home.err).toBe(0);
    expect(canonical(await snapshot(back))).toEqual(canonical(before));
    // The bot's commands work against the database as the configured store.
    const env = { ZWGK_DATABASE_URL: url, ZWGK_DATABASE_SCHEMA: schema };
    const { runCli } = await import('../../src/cli/index.ts');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), now: () => new Date('2026-11-23T02:00:00Z'), env: { ...env, ZWGK_SEEDS_DIR: 'data/seeds' } };
    expect(await runCli(['docs', '--json'], io)).toBe(0);
    expect(JSON.parse(out[0] as string).documents).toHaveLength(5);
    expect(await runCli(['import', seed('000_8f567bc9b8b33b76.txt'), '--json'], io)).toBe(0);
    expect(JSON.parse(out[1] as string).imported[0]).toMatchObject({ tasks: 79, replaced: true });
    expect(await runCli(['ask', '逾期任务', '--region', '汶上县', '--today', '2022-07-05', '--json'], io)).toBe(0);
    const { pgDriver } = await import('../../src/store/postgres/pg-driver.ts');
    const admin = await pgDriver(url, schema);
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  });
});
