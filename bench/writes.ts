// Write latency through the real store, on both engines: a "完成 3" is one ledger event appended by
// store.change, the closure an answer hands the bot. Measured at county scale (1,000 tasks) and at
// province scale (100,000), on top of a county's year of state (ledger, subscriptions, bindings,
// reminder and digest records): the write must not grow with the tasks.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { LedgerEvent } from '../src/model/records.ts';
import type { ParsedDocument } from '../src/model/task.ts';
import type { Storage } from '../src/store/contract.ts';
import { JsonStorage } from '../src/store/json/json-storage.ts';
import { pgDriver } from '../src/store/postgres/pg-driver.ts';
import { PgStorage } from '../src/store/postgres/pg-storage.ts';
import { addDays } from '../src/time.ts';
import { pgliteDriver } from '../test/store/pglite-driver.ts';
import { tempDir } from '../test/helpers.ts';
import { type Figures, fixed, quantile } from './figures.ts';
import type { Province } from './synthetic.ts';

const WRITES = 300;
const WARM_UP = 30;
/** A county's year: what the state holds besides the plan. */
const STATE = { ledger: 2_000, subscriptions: 100, bindings: 200, reminders: 5_000, digests: 2_000 };
export const WRITE_TARGETS_MS = { json: 20, postgres: 10 };

interface WriteEngine {
  name: 'json' | 'postgres' | 'pglite';
  open(): Promise<{ store: Storage; dispose: () => Promise<void> }>;
  /** The same durable write without the store: one fsync'd append, or one committed INSERT (the disk's floor). */
  floor(): Promise<{ write: () => Promise<void>; dispose: () => Promise<void> }>;
}

async function timed(n: number, warmUp: number, write: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n + warmUp; i++) {
    const t0 = performance.now();
    await write(i);
    if (i >= warmUp) times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** The plan as imports: documents with their tasks. */
function asImports(province: Province, tasks: number): ParsedDocument[] {
  const chosen = province.tasks.slice(0, tasks);
  const byDoc = new Map<string, ParsedDocument>();
  for (const task of chosen) {
    let doc = byDoc.get(task.documentId);
    if (!doc) byDoc.set(task.documentId, (doc = { document: province.documents.find((d) => d.id === task.documentId)!, tasks: [], warnings: [] }));
    doc.tasks.push(task);
  }
  return [...byDoc.values()];
}

const by = { platform: 'wechat', userId: 'wxid_bench', name: '经办人' };
const event = (taskId: string, n: number): LedgerEvent => ({ taskId, action: 'progress', note: `第${n}次进展`, by, chat: 'wechat:room', at: new Date(Date.UTC(2022, 5, 1, 0, 0, n)).toISOString() });

async function countyYear(store: Storage): Promise<void> {
  const ids = store.data.tasks.slice(0, 500).map((t) => t.id);
  const id = (i: number): string => ids[i % ids.length] as string;
  await store.change((d) => {
    for (let i = 0; i < STATE.ledger; i++) d.ledger.push(event(id(i), i));
    for (let i = 0; i < STATE.subscriptions; i++) d.subscriptions.push({ chat: `robot:r${i}`, region: store.data.tasks[0]!.region, units: [], leadDays: [7, 1, 0], digestTime: '09:00', weekly: true, by, at: '2022-01-01T00:00:00.000Z' });
    for (let i = 0; i < STATE.bindings; i++) d.bindings.push({ chat: `robot:r${i % 100}`, region: '汶上县', unitKey: `单位${i}`, unitName: `县单位${i}`, user: { platform: 'robot', userId: `1380000${i}` }, by, at: '2022-01-01T00:00:00.000Z' });
    for (let i = 0; i < STATE.reminders; i++) d.reminders.push({ chat: `robot:r${i % 100}`, taskId: id(i), slot: `lead-${i % 7}`, reason: 'due-soon', state: 'sent', day: addDays('2022-06-01', i % 150), attempts: 1, late: false, updatedAt: '2022-06-01T01:00:00.000Z' });
    for (let i = 0; i < STATE.digests; i++) d.digests.push({ chat: `robot:r${i % 100}`, day: addDays('2022-01-01', Math.floor(i / 100)), state: 'sent', late: false, attempts: 1, nextAttemptAt: null, at: '2022-06-01T01:00:00.000Z' });
  });
}

export function writeEngines(databaseUrl: string | undefined): WriteEngine[] {
  let schemas = 0;
  const json: WriteEngine = {
    name: 'json',
    async open() {
      const { dir, cleanup } = tempDir();
      const store = await JsonStorage.open(join(dir, 'store.json'));
      return { store, dispose: async () => (await store.close(), cleanup()) };
    },
    async floor() {
      const { dir, cleanup } = tempDir();
      const file = await open(join(dir, 'floor.log'), 'a');
      const line = `${JSON.stringify(event('t', 1))}\n`;
      const write = async (): Promise<void> => {
        await file.write(line);
        await file.datasync();
      };
      return { write, dispose: async () => (await file.close(), cleanup()) };
    },
  };
  const postgres: WriteEngine = {
    name: databaseUrl ? 'postgres' : 'pglite',
    async open() {
      const schema = `bench_${process.pid}_${++schemas}`;
      if (databaseUrl) {
        const store = await PgStorage.open(await pgDriver(databaseUrl, schema), { location: schema, channel: `zwgk_${schema}` });
        const drop = async (): Promise<void> => {
          await store.close();
          const admin = await pgDriver(databaseUrl, schema);
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.close();
        };
        return { store, dispose: drop };
      }
      const db = await PGlite.create();
      const store = await PgStorage.open(await pgliteDriver(db, schema), { location: schema, channel: `zwgk_${schema}` });
      return { store, dispose: async () => (await store.close(), await db.close()) };
    },
    async floor() {
      const schema = `bench_floor_${process.pid}`;
      const db = databaseUrl ? await pgDriver(databaseUrl, schema) : await pgliteDriver(await PGlite.create(), schema);
      await db.query('CREATE TABLE IF NOT EXISTS floor (id bigserial PRIMARY KEY, body jsonb NOT NULL)');
      const body = JSON.stringify(event('t', 1));
      const write = async (): Promise<void> => void (await db.query('INSERT INTO floor (body) VALUES ($1::jsonb)', [body]));
      return { write, dispose: async () => (await db.query(`DROP SCHEMA ${schema} CASCADE`), await db.close()) };
    },
  };
  return [json, postgres];
}

export async function benchWrites(figures: Figures, province: Province, engines: readonly WriteEngine[], scales: readonly number[]): Promise<void> {
  for (const engine of engines) {
    const bare = await engine.floor();
    const floor = await timed(WRITES, WARM_UP, bare.write);
    await bare.dispose();
    figures.add(`write.floor.${engine.name}.p50`, { value: quantile(floor, 0.5), unit: 'ms', note: 'the bare durable write on this disk, without the store' });
    figures.add(`write.floor.${engine.name}.p99`, { value: quantile(floor, 0.99), unit: 'ms', note: 'the bare durable write on this disk, without the store' });
    figures.say(`the disk's floor for ${engine.name} (${engine.name === 'json' ? "one fsync'd append" : 'one committed INSERT'}): p50 ${fixed(quantile(floor, 0.5))} ms, p99 ${fixed(quantile(floor, 0.99))} ms`);
    const p99s: number[] = [];
    for (const scale of scales) {
      const { store, dispose } = await engine.open();
      const t0 = performance.now();
      await store.putDocuments(asImports(province, scale));
      const importMs = performance.now() - t0;
      await countyYear(store);
      const taskId = store.data.tasks[0]!.id;
      const times = await timed(WRITES, WARM_UP, (i) => store.change((d) => void d.ledger.push(event(taskId, STATE.ledger + i))));
      const p50 = quantile(times, 0.5);
      const p99 = quantile(times, 0.99);
      p99s.push(p99);
      const label = `${scale >= 1000 ? `${scale / 1000}k` : scale}`;
      const target = engine.name === 'json' ? WRITE_TARGETS_MS.json : engine.name === 'postgres' ? WRITE_TARGETS_MS.postgres : undefined;
      figures.add(`write.ledger.${engine.name}.${label}.p50`, { value: p50, unit: 'ms' });
      figures.add(`write.ledger.${engine.name}.${label}.p99`, { value: p99, unit: 'ms', target, note: engine.name === 'pglite' ? 'in-process PGlite (no server configured): not a server figure' : undefined });
      figures.add(`write.import.${engine.name}.${label}`, { value: importMs, unit: 'ms' });
      figures.say(`ledger write (${engine.name}, ${scale} tasks, ${STATE.ledger} events in the ledger): p50 ${fixed(p50)} ms, p99 ${fixed(p99)} ms${target ? ` (target ≤ ${target})` : ''}; import of the plan ${fixed(importMs, 0)} ms`);
      await dispose();
    }
    if (p99s.length === 2) {
      const growth = (p99s[1] as number) / (p99s[0] as number);
      figures.add(`write.ledger.${engine.name}.p99-growth`, { value: growth, unit: 'x', note: `p99 at ${scales[1]} tasks over p99 at ${scales[0]}` });
      figures.say(`  ${engine.name}: p99 at ${scales[1]} tasks is ${fixed(growth, 2)}× the p99 at ${scales[0]}`);
    }
  }
}
