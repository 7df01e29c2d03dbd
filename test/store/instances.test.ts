// Two bot instances on one real PostgreSQL server (ZWGK_TEST_DATABASE_URL; CI starts one), each a real
// process: the crash matrix. Either instance is killed (SIGKILL) while both send reminders and write the
// ledger, on different days and at different moments of the send; it is restarted and the run goes on.
// Then: no reminder lost, at most one repeated per chat, none sent by both instances, and every ledger
// write reported durable is stored exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import type { Subscription } from '../../src/model/records.ts';
import type { Reply } from '../../src/model/reply.ts';
import type { ParsedDocument, Task } from '../../src/model/task.ts';
import { renderPlain } from '../../src/platform/reply.ts';
import { Scheduler } from '../../src/reminders/scheduler.ts';
import { slotOf } from '../../src/reminders/select.ts';
import { JsonStorage } from '../../src/store/json/json-storage.ts';
import { pgDriver } from '../../src/store/postgres/pg-driver.ts';
import { PgStorage } from '../../src/store/postgres/pg-storage.ts';
import { addDays, shanghaiInstant } from '../../src/time.ts';
import { parseSeed, seedFiles, tempDir } from '../helpers.ts';
import { TEST_DATABASE_URL } from './engines.ts';

const CHATS = Array.from({ length: 8 }, (_, i) => `robot:c${i + 1}`);
const LEADS = [7, 1, 0];
/** Simulated days and, each day, the times both instances tick (a dead instance's 5-minute claim lapses by the next). */
const DAYS = Array.from({ length: 10 }, (_, i) => addDays('2022-06-22', i));
const TIMES = ['09:00', '09:10'];
/** The delivery server answers after this long, as a real platform would: kills land inside sends. */
const DELIVERY_LATENCY_MS = 25;

const subscription = (chat: string): Subscription => ({
  chat, region: '汶上县', units: [], leadDays: LEADS, digestTime: '09:00', weekly: false, by: { platform: 'cli', userId: 'cli' }, at: shanghaiInstant('2022-06-21', '08:00').toISOString(),
});
const steps = (): Date[] => DAYS.flatMap((day) => TIMES.map((time) => shanghaiInstant(day, time)));

interface Delivery {
  instance: string;
  chat: string;
  heading: string;
  taskIds: string[];
}

let seeds: ParsedDocument[];
let tasks: Map<string, Task>;

/** The (chat, task, slot) keys of a delivery: the slot from the digest's day, as the scheduler chose it. */
function keysOf(d: Delivery): string[] {
  const day = /(\d{4}-\d{2}-\d{2})/.exec(d.heading)?.[1] as string;
  return d.taskIds.map((id) => `${d.chat}|${id}|${slotOf(tasks.get(id) as Task, day, LEADS)?.slot}`);
}

/** What one instance that never dies sends over the same days. */
async function reference(): Promise<Set<string>> {
  const { dir, cleanup } = tempDir();
  const store = await JsonStorage.open(join(dir, 'store.json'));
  await store.putDocuments(seeds);
  await store.change((d) => void d.subscriptions.push(...CHATS.map(subscription)));
  const delivered: Delivery[] = [];
  const clock = { now: new Date(0) };
  const channel = { send: async (target: { chatId: string }, reply: Reply) => void delivered.push({ instance: 'ref', chat: target.chatId, heading: renderPlain(reply).split('\n')[0] ?? '', taskIds: reply.tasks.map((t) => t.id) }) };
  const s = new Scheduler({ store, resolve: (chat) => ({ channel, chatId: chat }), logger: createLogger(() => {}), now: () => clock.now });
  for (const at of steps()) {
    clock.now = at;
    await s.tick();
  }
  await store.close();
  cleanup();
  return new Set(delivered.flatMap(keysOf));
}

class Instance {
  readonly lines: string[] = [];
  private readonly child: ChildProcess;
  private waiters: Array<() => void> = [];
  readonly exited: Promise<void>;

  constructor(readonly name: string, schema: string, port: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'instance-child.ts'), TEST_DATABASE_URL as string, schema, name, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buffer = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const w of this.waiters.splice(0)) w();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => {
      for (const w of this.waiters.splice(0)) w();
      resolve();
    }));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  send(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  /** Resolves when a line is printed (true), or the process is gone (false). */
  async until(line: string): Promise<boolean> {
    while (!this.lines.includes(line)) {
      if (!this.alive) return false;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return true;
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

function deliveryServer(deliveries: Delivery[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      deliveries.push(JSON.parse(body) as Delivery);
      setTimeout(() => res.writeHead(200).end(), DELIVERY_LATENCY_MS);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

interface Outcome {
  deliveries: Delivery[];
  ledgerReported: string[];
  ledgerStored: string[];
  victimName: string;
}

async function runScenario(victim: 'A' | 'B', killAt: Date, delayMs: number): Promise<Outcome> {
  const schema = `crash_${process.pid}_${victim.toLowerCase()}_${killAt.getTime().toString(36)}_${delayMs}`;
  const setup = await PgStorage.open(await pgDriver(TEST_DATABASE_URL as string, schema), { location: schema, channel: `zwgk_${schema}` });
  await setup.putDocuments(seeds);
  await setup.change((d) => void d.subscriptions.push(...CHATS.map(subscription)));
  await setup.close();
  const deliveries: Delivery[] = [];
  const { server, port } = await deliveryServer(deliveries);
  const generation = { A: 1, B: 1 };
  const start = async (which: 'A' | 'B'): Promise<Instance> => {
    const instance = new Instance(`${which}${generation[which]++}`, schema, port);
    expect(await instance.until('ready')).toBe(true);
    instance.send('ledger-start');
    return instance;
  };
  const live: Record<'A' | 'B', Instance> = { A: await start('A'), B: await start('B') };
  const all = [live.A, live.B];
  const victimName = `${victim}1`;
  for (const at of steps()) {
    const tick = `tick ${at.toISOString()}`;
    for (const i of Object.values(live)) i.send(tick);
    if (at.getTime() === killAt.getTime()) {
      await new Promise((r) => setTimeout(r, delayMs));
      await live[victim].kill();
      live[victim] = await start(victim);
      all.push(live[victim]);
      live[victim].send(tick);
    }
    for (const i of Object.values(live)) expect(await i.until(`ticked ${at.toISOString()}`)).toBe(true);
  }
  for (const i of Object.values(live)) i.send('ledger-stop');
  for (const i of Object.values(live)) expect(await i.until('ledger-stopped')).toBe(true);
  for (const i of Object.values(live)) await i.kill();
  server.close();
  const check = await PgStorage.open(await pgDriver(TEST_DATABASE_URL as string, schema), { location: schema, channel: `zwgk_${schema}` });
  const ledgerStored = check.data.ledger.filter((e) => e.taskId === 'crash-matrix').map((e) => e.note);
  await check.close();
  const admin = await pgDriver(TEST_DATABASE_URL as string, schema);
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.close();
  const ledgerReported = all.flatMap((i) => i.lines.filter((l) => l.startsWith('ledger ')).map((l) => l.slice('ledger '.length)));
  return { deliveries, ledgerReported, ledgerStored, victimName };
}

/** Per chat: repeated messages; and the keys repeated by an instance that did not die (sent by both). */
function judge(outcome: Outcome, expected: Set<string>) {
  const seen = new Map<string, Delivery>();
  const repeatedMessages = new Map<string, number>();
  let sentByBoth = 0;
  for (const d of outcome.deliveries) {
    const repeats = keysOf(d).filter((k) => seen.has(k));
    if (repeats.length) repeatedMessages.set(d.chat, (repeatedMessages.get(d.chat) ?? 0) + 1);
    // A repeat is the crash's only when the first copy came from the instance that was killed.
    sentByBoth += repeats.filter((k) => seen.get(k)?.instance !== outcome.victimName).length;
    for (const k of keysOf(d)) if (!seen.has(k)) seen.set(k, d);
  }
  const lost = [...expected].filter((k) => !seen.has(k));
  const unexpected = [...seen.keys()].filter((k) => !expected.has(k));
  return { lost, unexpected, maxRepeatedPerChat: Math.max(0, ...repeatedMessages.values()), sentByBoth, messages: outcome.deliveries.length };
}

describe.runIf(TEST_DATABASE_URL)('two instances on one PostgreSQL server, either killed mid-work', () => {
  let expected: Set<string>;
  const rows: string[] = [];
  beforeAll(async () => {
    seeds = await Promise.all(seedFiles().map((f) => parseSeed(f)));
    tasks = new Map(seeds.flatMap((s) => s.tasks).map((t) => [t.id, t]));
    expected = await reference();
  });
  afterAll(() => console.log(`crash matrix (victim, kill time, delay → messages, lost, max repeated per chat, sent by both, ledger reported/stored):\n${rows.join('\n')}`));

  it.each([
    ['A', '2022-06-23', 5],
    ['B', '2022-06-23', 40],
    ['A', '2022-06-29', 90],
    ['B', '2022-06-29', 15],
    ['A', '2022-06-30', 60],
    ['B', '2022-06-30', 120],
  ] as const)('kill %s on %s at 09:00 + %i ms', async (victim, day, delay) => {
    const outcome = await runScenario(victim, shanghaiInstant(day, '09:00'), delay);
    const verdict = judge(outcome, expected);
    const reported = new Set(outcome.ledgerReported);
    rows.push(`  ${victim} ${day} +${delay}ms → ${verdict.messages} messages, ${verdict.lost.length} lost, ≤ ${verdict.maxRepeatedPerChat} repeated per chat, ${verdict.sentByBoth} sent by both; ledger ${reported.size} reported, ${outcome.ledgerStored.length} stored`);
    expect(expected.size).toBeGreaterThan(CHATS.length * 3);
    expect(verdict.lost).toEqual([]);
    expect(verdict.unexpected).toEqual([]);
    expect(verdict.maxRepeatedPerChat).toBeLessThanOrEqual(1);
    expect(verdict.sentByBoth).toBe(0);
    // Every ledger write reported durable is there, once; nothing is there twice.
    expect(outcome.ledgerStored.length).toBe(new Set(outcome.ledgerStored).size);
    for (const note of reported) expect(outcome.ledgerStored).toContain(note);
    expect(reported.size).toBeGreaterThan(10);
  }, 120_000);
});
