// The web 台账 at province scale: server time (request in, last byte of the compressed page out, through
// the real HTTP server stack without a socket) of the overview, the home page, a unit's and a task's
// page, and the weight of the overview page, over a store with a ledger on a third of the tasks.
import { gzipSync } from 'node:zlib';
import { HttpServer } from '../src/app/http-server.ts';
import { silentLogger } from '../src/log.ts';
import type { LedgerEvent } from '../src/model/records.ts';
import type { StoreData } from '../src/store/schema.ts';
import type { TaskIndex } from '../src/store/indexes.ts';
import { shanghaiInstant } from '../src/time.ts';
import { SignInLinks } from '../src/web/auth/links.ts';
import { randomToken, sha256 } from '../src/web/auth/secrets.ts';
import { SESSION_COOKIE } from '../src/web/auth/sessions.ts';
import { webMounts } from '../src/web/app.ts';
import type { WebStore } from '../src/web/deps.ts';
import { paths } from '../src/web/paths.ts';
import { STYLE } from '../src/web/views/style.ts';
import { random } from './synthetic.ts';

export interface WebBench {
  overview: Timing;
  home: Timing;
  unit: Timing;
  task: Timing;
  /** The overview of a typical region-year: HTML bytes as sent (gzip) and unpacked, and the stylesheet. */
  weight: { htmlBytes: number; gzipBytes: number; cssBytes: number; cssGzipBytes: number; tasks: number };
}

export interface Timing {
  p50: number;
  p99: number;
}

const WARM_UP = 100;
const NOW = shanghaiInstant('2022-06-10', '10:00');
/** A third of the tasks have a ledger, as in a county half way through its year. */
const TASKS_WITH_EVENTS = 1 / 3;

function ledgerFor(tasks: StoreData['tasks']): LedgerEvent[] {
  const rand = random(11);
  const events: LedgerEvent[] = [];
  for (const task of tasks) {
    if (rand() >= TASKS_WITH_EVENTS) continue;
    const by = { platform: 'telegram', userId: `u${Math.floor(rand() * 500)}`, name: '经办人' };
    events.push({ taskId: task.id, action: 'sign', note: '', by, chat: 'telegram:-1', at: '2022-03-01T02:00:00.000Z' });
    if (rand() < 0.5) events.push({ taskId: task.id, action: rand() < 0.5 ? 'done' : 'progress', note: '已按要求在政府网站公开', by, chat: 'web', at: '2022-05-01T02:00:00.000Z' });
  }
  return events;
}

async function measure(fetch: (path: string) => Promise<number>, pick: () => string, n: number): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < n + WARM_UP; i++) {
    const path = pick();
    const start = performance.now();
    await fetch(path);
    if (i >= WARM_UP) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { p50: p(0.5), p99: p(0.99) };
}

export async function benchWeb(index: TaskIndex, data: StoreData, regions: readonly string[], n: number): Promise<WebBench> {
  const token = randomToken();
  const store: WebStore = {
    index,
    data: {
      ...data,
      ledger: ledgerFor(data.tasks),
      webSessions: [{ id: sha256(token), user: { platform: 'cli', userId: 'cli', name: 'bench' }, createdAt: NOW.toISOString(), expiresAt: new Date(NOW.getTime() + 3600_000).toISOString() }],
    },
    change: async () => {},
    putDocuments: async () => [],
  };
  const server = new HttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger });
  const links = new SignInLinks(Buffer.from(randomToken()), 'http://127.0.0.1:8787');
  for (const mount of webMounts({ store, admins: [], links, now: () => NOW, logger: silentLogger, secureCookies: false })) server.mount(mount);
  const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'accept-encoding': 'gzip' };
  const fetch = async (path: string): Promise<number> => {
    const response = await server.fetch(new Request(`http://127.0.0.1${path}`, { headers }));
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return (await response.arrayBuffer()).byteLength;
  };

  const rand = random(5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const planOf = (region: string): number => Math.max(...index.years(region));
  const overviewPath = (): string => {
    const region = pick(regions);
    return paths.overview(region, pick([...index.years(region)]));
  };
  const unitPath = (): string => {
    const region = pick(regions);
    return paths.unit(region, pick(index.units.entries(region)).key, planOf(region));
  };
  const tasks = data.tasks;
  const taskPath = (): string => paths.task(pick(tasks).id);

  const sample = pick(regions);
  const year = planOf(sample);
  const response = await server.fetch(new Request(`http://127.0.0.1${paths.overview(sample, year)}`, { headers: { cookie: headers.cookie } }));
  const html = Buffer.from(await response.arrayBuffer());
  const weight = {
    htmlBytes: html.byteLength,
    gzipBytes: gzipSync(html).byteLength,
    cssBytes: Buffer.byteLength(STYLE),
    cssGzipBytes: gzipSync(STYLE).byteLength,
    tasks: (index.byRegion.get(sample) ?? []).filter((t) => t.year === year).length,
  };
  return {
    overview: await measure(fetch, overviewPath, n),
    home: await measure(fetch, () => paths.home(), Math.max(20, n / 20)),
    unit: await measure(fetch, unitPath, n),
    task: await measure(fetch, taskPath, n),
    weight,
  };
}
