// One web 台账 for tests (and the screenshot script): a store built from data/seeds in a temporary
// directory, an admin and a bound 县民政局 staff member, a clock the test moves, and — when asked — the
// real HTTP server on 127.0.0.1 (port 0).
import { join } from 'node:path';
import type { Hono } from 'hono';
import { openStore } from '../../src/app/bootstrap.ts';
import { HttpServer } from '../../src/app/http-server.ts';
import { silentLogger } from '../../src/log.ts';
import type { Actor } from '../../src/model/records.ts';
import { bindStaff } from '../../src/reminders/subscriptions.ts';
import type { TaskStore } from '../../src/store/task-store.ts';
import { shanghaiInstant } from '../../src/time.ts';
import { type MarkAction, recordMark } from '../../src/core/ledger-marks.ts';
import { ledgerByTask } from '../../src/ledger/status.ts';
import { linkKeyPath, loadLinkKey } from '../../src/web/auth/link-key.ts';
import { SignInLinks } from '../../src/web/auth/links.ts';
import { webMounts } from '../../src/web/app.ts';
import type { WebDeps } from '../../src/web/deps.ts';
import { paths } from '../../src/web/paths.ts';
import { NOW, SEEDS_DIR, tempDir } from '../helpers.ts';

export const ADMIN: Actor = { platform: 'telegram', userId: 'admin1', name: '公开办张主任' };
export const STAFF: Actor = { platform: 'telegram', userId: 'mz9', name: '民政局李经办' };
export const READER: Actor = { platform: 'telegram', userId: 'reader7', name: '路人' };
export const REGION = '汶上县';
/** The day the tests look at the 2022 plan: mid-June, with work overdue, due soon and done. */
export const TODAY = '2022-06-20';

/**
 * A few weeks of work on the 2022 plan, recorded through the same core path as the chat and the pages:
 * 县民政局's staff signs, reports and completes, the office completes others, some are only signed.
 */
export async function recordSomeWork(h: Pick<WebHarness, 'store' | 'deps'>): Promise<void> {
  const tasks = h.store.index.byRegion.get(REGION) ?? [];
  const at = (day: string): Date => shanghaiInstant(day, '09:30');
  const mark = async (seq: number, action: MarkAction, note: string, by: Actor, day: string): Promise<void> => {
    const task = tasks.find((t) => t.seq === seq);
    if (!task) throw new Error(`no task ${seq}`);
    const person = { ...by, chat: by === STAFF ? 'telegram:-200' : 'web' };
    const events = ledgerByTask(h.store.data.ledger).get(task.id) ?? [];
    const outcome = await recordMark(h.store, { task, action, note, person, events, allowed: true, now: at(day), today: day });
    if (outcome.kind !== 'recorded') throw new Error(`mark ${seq} ${action}: ${outcome.kind}`);
  };
  const work: Array<[number, MarkAction, string, Actor, string]> = [
    [25, 'sign', '', STAFF, '2022-03-10'],
    [25, 'progress', '已在政府网站发布养老补贴政策解读', STAFF, '2022-04-02'],
    [26, 'sign', '', STAFF, '2022-03-10'],
    [26, 'done', '社会救助信息已按季度更新', STAFF, '2022-05-20'],
    [39, 'sign', '', STAFF, '2022-06-01'],
    [1, 'done', '已在“两高”专栏公开', ADMIN, '2022-03-30'],
    [3, 'done', '减税降费政策已集成推送', ADMIN, '2022-05-06'],
    [10, 'progress', '已组织媒体宣传两次', ADMIN, '2022-04-18'],
    [17, 'progress', '流调信息发布规范已起草', ADMIN, '2022-06-01'],
    [20, 'done', '教育信息专栏已上线', ADMIN, '2022-06-08'],
    [56, 'done', '标准目录已编制完成', ADMIN, '2022-06-15'],
    [59, 'sign', '', ADMIN, '2022-06-02'],
  ];
  for (const [seq, action, note, by, day] of work) await mark(seq, action, note, by, day);
}

export interface WebHarness {
  dir: string;
  store: TaskStore;
  links: SignInLinks;
  clock: { now: Date };
  deps: WebDeps;
  /** The server's app, for requests without a socket: app.request(path, init). */
  app: Pick<Hono, 'request'>;
  /** "http://127.0.0.1:PORT" when listening. */
  base: string;
  /** A one-time sign-in link (path and query) for a person, signed now. */
  linkPath(person: Actor): string;
  close(): Promise<void>;
}

export async function startWeb(options: { listen?: boolean; today?: string; secureCookies?: boolean } = {}): Promise<WebHarness> {
  const { dir, cleanup } = tempDir();
  const storePath = join(dir, 'store.json');
  const { store } = await openStore(storePath, SEEDS_DIR, NOW);
  await store.change((d) => {
    bindStaff(d, { chat: 'telegram:-200', region: REGION, unit: { key: '民政局', name: '县民政局' }, people: [STAFF], by: ADMIN, at: NOW.toISOString() });
  });
  const clock = { now: shanghaiInstant(options.today ?? TODAY, '10:00') };
  const key = await loadLinkKey(linkKeyPath(storePath));
  const links = new SignInLinks(key, 'http://127.0.0.1');
  const deps: WebDeps = { store, admins: [`${ADMIN.platform}:${ADMIN.userId}`], links, now: () => clock.now, logger: silentLogger, secureCookies: options.secureCookies ?? false };
  // Through the HTTP server even without a socket: its body limits and mounts are part of what is tested.
  const server = new HttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger });
  for (const mount of webMounts(deps)) server.mount(mount);
  let base = 'http://127.0.0.1';
  if (options.listen) {
    await server.start();
    base = `http://127.0.0.1:${server.port}`;
  }
  const app = { request: (input: string, init?: RequestInit) => server.fetch(new Request(new URL(input, base), init)) } as unknown as Hono;
  return {
    dir,
    store,
    links,
    clock,
    deps,
    app,
    base,
    linkPath: (person) => paths.signIn(links.token(person, clock.now)),
    async close() {
      if (options.listen) await server.stop();
      await store.close();
      cleanup();
    },
  };
}
