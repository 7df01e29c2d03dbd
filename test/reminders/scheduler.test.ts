// The reminder desk on a fake clock, on the seed data (汶上县: three tasks due 2022-06-30).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreData } from '../../src/store/schema.ts';
import { shanghaiDate, shanghaiInstant, shanghaiTime } from '../../src/time.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUpload } from '../../src/ingest/import-document.ts';
import { FIXTURES_DIR, NOW, tempDir } from '../helpers.ts';
import { createDesk, RecordingChannel, runClock, scheduler, subscription, TaskStore } from './harness.ts';
import { Scheduler, type ReminderStore } from '../../src/reminders/scheduler.ts';
import { createLogger } from '../../src/log.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const JUNE_30 = ['进一步规范流调信息发布和管理', '参考国务院有关部门印发的试点领域', '严格执行国家部委、省直部门、市直部门'];

/** Shanghai wall time of an instant, "MM-DD HH:mm". */
const wall = (d: Date): string => `${shanghaiDate(d).slice(5)} ${shanghaiTime(d)}`;
/** Subscribed the morning of 23 June: no history to catch up on. */
const fresh = subscription({ at: shanghaiInstant('2022-06-23', '08:00').toISOString() });

describe.each(['Asia/Shanghai', 'UTC', 'America/New_York'])('with the machine in %s', (tz) => {
  let before: string | undefined;
  beforeEach(() => {
    before = process.env.TZ;
    process.env.TZ = tz;
  });
  afterEach(() => {
    process.env.TZ = before;
  });

  it('each lead time fires once, at 09:00 Shanghai time', async () => {
    const { store } = await createDesk(dir);
    const clock = { now: new Date() };
    const channel = new RecordingChannel(clock);
    const s = scheduler(store, channel, clock);
    await runClock(s, clock, '2022-06-20 00:00', '2022-07-02 23:00', 30);
    const about = (text: string) => channel.deliveries.filter((d) => d.reply.tasks.some((t) => t.requirement.includes(text)));
    for (const text of JUNE_30) {
      const got = about(text).map((d) => [wall(d.at), d.text.includes('今天到期') ? 'due-today' : d.text.match(/还剩 (\d+) 天|已逾期/)?.[0]]);
      expect(got.map(([at]) => at)).toEqual(['06-23 09:00', '06-29 09:00', '06-30 09:00', '07-01 09:00']);
    }
    expect(channel.deliveries.every((d) => wall(d.at).endsWith('09:00'))).toBe(true);
    // Year-round and ongoing tasks are never in a daily digest.
    expect(channel.deliveries.flatMap((d) => d.reply.tasks).every((t) => t.deadline.kind === 'dated')).toBe(true);
    expect(channel.deliveries.some((d) => d.text.includes('（补发）'))).toBe(false);
    await store.close();
  });
});

describe('downtime', () => {
  it('a digest missed while stopped is sent once on start-up, marked 补发', async () => {
    const { store } = await createDesk(dir);
    const clock = { now: new Date() };
    const channel = new RecordingChannel(clock);
    await runClock(scheduler(store, channel, clock), clock, '2022-06-22 08:00', '2022-06-22 23:00');
    const before = channel.deliveries.length;
    // Stopped from 23:00 until 15:00 the next day, across the 09:00 digest.
    const restarted = scheduler(store, channel, clock);
    await runClock(restarted, clock, '2022-06-23 15:00', '2022-06-24 08:00');
    const after = channel.deliveries.slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]?.text).toContain('（补发）');
    expect(after[0]?.reply.tasks.filter((t) => JUNE_30.some((x) => t.requirement.includes(x)))).toHaveLength(3);
    expect(wall(after[0]!.at)).toBe('06-23 15:00');
    await store.close();
  });

  it('a digest older than the grace window is logged, not sent', async () => {
    const { store } = await createDesk(dir);
    const clock = { now: shanghaiInstant('2022-06-25', '10:00') };
    const channel = new RecordingChannel(clock);
    await scheduler(store, channel, clock).tick();
    const digests = store.data.digests.filter((d) => d.chat === 'robot:zwgk');
    expect(digests.find((d) => d.day === '2022-06-23')?.state).toBe('missed');
    expect(channel.deliveries.every((d) => !d.text.includes('2022-06-23'))).toBe(true);
    await store.close();
  });
});

describe('crashes', () => {
  /** A store whose writes start failing after `n` of them: the process died there. */
  function dying(store: TaskStore, n: number) {
    let writes = 0;
    return {
      get data() {
        return store.data;
      },
      get index() {
        return store.index;
      },
      async change(m: (d: StoreData) => void) {
        if (++writes > n) throw new Error('process killed');
        await store.change(m);
      },
      claimDigest: store.claimDigest.bind(store),
      refresh: store.refresh.bind(store),
      pruneRecords: store.pruneRecords.bind(store),
    };
  }

  it('between send and record: after a restart that one message is repeated, nothing else', async () => {
    const { path, store } = await createDesk(dir, fresh);
    const clock = { now: shanghaiInstant('2022-06-23', '09:00') };
    const channel = new RecordingChannel(clock);
    // Write 1: the pending records. The send happens. Write 2 (sent) never lands.
    await scheduler(dying(store, 1), channel, clock).tick();
    expect(channel.deliveries).toHaveLength(1);
    await store.close();
    const reopened = await TaskStore.open(path);
    expect(reopened.data.reminders.filter((r) => r.state === 'pending')).toHaveLength(3);
    await runClock(scheduler(reopened, channel, clock), clock, '2022-06-23 09:05', '2022-06-24 12:00');
    expect(channel.deliveries).toHaveLength(2);
    expect(channel.deliveries[1]?.reply.tasks.map((t) => t.id)).toEqual(channel.deliveries[0]?.reply.tasks.map((t) => t.id));
    await reopened.close();
  });

  it('the true guarantee: a crash repeats at most one message per chat (chats are sent side by side)', async () => {
    const { path, store } = await createDesk(dir, fresh);
    const chats = ['robot:zwgk', 'robot:a', 'robot:b'];
    await store.change((d) => {
      d.subscriptions = chats.map((chat) => ({ ...fresh, chat }));
    });
    const clock = { now: shanghaiInstant('2022-06-23', '09:00') };
    const channel = new RecordingChannel(clock);
    const desk = (s: ReminderStore) => new Scheduler({ store: s, resolve: (chat) => ({ channel, chatId: chat }), logger: createLogger(() => {}), now: () => clock.now });
    // The three chats' pending records land, the three digests go out, and the process dies before any is recorded sent.
    await desk(dying(store, chats.length)).tick();
    expect(channel.deliveries).toHaveLength(3);
    await store.close();
    const reopened = await TaskStore.open(path);
    clock.now = shanghaiInstant('2022-06-23', '09:30');
    await desk(reopened).tick();
    await runClock(desk(reopened), clock, '2022-06-23 10:00', '2022-06-25 12:00');
    const perChat = chats.map((chat) => channel.deliveries.filter((d) => d.target.chatId === chat && d.at < shanghaiInstant('2022-06-24', '00:00')).length);
    expect(perChat).toEqual([2, 2, 2]);
    await reopened.close();
  });

  it('before send: nothing is lost', async () => {
    const { path, store } = await createDesk(dir, fresh);
    const clock = { now: shanghaiInstant('2022-06-23', '09:00') };
    const channel = new RecordingChannel(clock);
    channel.failing = true;
    // The pending records land; the process dies before anything is delivered or recorded as failed.
    await scheduler(dying(store, 1), channel, clock).tick();
    expect(channel.deliveries).toHaveLength(0);
    await store.close();
    channel.failing = false;
    const reopened = await TaskStore.open(path);
    clock.now = shanghaiInstant('2022-06-23', '09:20');
    await scheduler(reopened, channel, clock).tick();
    expect(channel.deliveries).toHaveLength(1);
    expect(channel.deliveries[0]?.reply.tasks).toHaveLength(3);
    await reopened.close();
  });

  it('a target that fails is retried with backoff, and does not hold up other chats', async () => {
    const { store } = await createDesk(dir, fresh);
    await store.change((d) => {
      d.subscriptions.push({ ...d.subscriptions[0]!, chat: 'robot:other' });
    });
    const clock = { now: shanghaiInstant('2022-06-23', '09:00') };
    const dead = new RecordingChannel(clock);
    dead.failing = true;
    const alive = new RecordingChannel(clock);
    const { Scheduler } = await import('../../src/reminders/scheduler.ts');
    const { createLogger } = await import('../../src/log.ts');
    const s = new Scheduler({
      store,
      resolve: (chat) => ({ channel: chat === 'robot:zwgk' ? dead : alive, chatId: chat }),
      logger: createLogger(() => {}),
      now: () => clock.now,
      retryBaseMs: 60_000,
    });
    await s.tick();
    expect(alive.deliveries).toHaveLength(1);
    expect(store.data.digests.find((d) => d.chat === 'robot:zwgk')?.state).toBe('failed');
    clock.now = new Date(shanghaiInstant('2022-06-23', '09:00').getTime() + 30_000);
    dead.failing = false;
    await s.tick();
    expect(dead.deliveries).toHaveLength(0);
    clock.now = new Date(shanghaiInstant('2022-06-23', '09:00').getTime() + 61_000);
    await s.tick();
    expect(dead.deliveries).toHaveLength(1);
    expect(alive.deliveries).toHaveLength(1);
    await store.close();
  });
});

describe('the digest', () => {
  it('is quiet on a weekend unless something is due that day', async () => {
    // 2022-07-24 is a Sunday: two 汶上县 tasks due 07-31 are 7 days away. They wait for Monday.
    const { store } = await createDesk(dir, subscription({ at: shanghaiInstant('2022-07-23', '08:00').toISOString() }));
    const clock = { now: new Date() };
    const channel = new RecordingChannel(clock);
    const s = scheduler(store, channel, clock);
    await runClock(s, clock, '2022-07-24 08:00', '2022-07-24 23:00');
    expect(channel.deliveries).toHaveLength(0);
    expect(store.data.digests.find((d) => d.day === '2022-07-24')?.state).toBe('quiet');
    await runClock(s, clock, '2022-07-25 08:00', '2022-07-25 10:00');
    expect(channel.deliveries).toHaveLength(1);
    expect(channel.deliveries[0]?.text).toContain('还剩 6 天');
    await store.close();
  });

  it('on Mondays carries the weekly summary; in December, the year-round tasks still open', async () => {
    const { store } = await createDesk(dir, subscription({ weekly: true, at: shanghaiInstant('2022-12-04', '08:00').toISOString() }));
    const clock = { now: shanghaiInstant('2022-12-05', '09:00') };
    const channel = new RecordingChannel(clock);
    await scheduler(store, channel, clock).tick();
    expect(channel.deliveries[0]?.text).toMatch(/本周概况：未开始 \d+ 项/);
    expect(channel.deliveries[0]?.text).toMatch(/临近年底，以下 \d+ 项全年性任务尚未标记完成/);
    await store.close();
  });

  it('@-mentions the staff bound to each unit, through the target’s mention field', async () => {
    const { store } = await createDesk(dir, subscription({ at: shanghaiInstant('2022-06-23', '08:00').toISOString() }));
    await store.change((d) => {
      d.bindings.push({ chat: 'robot:zwgk', region: '汶上县', unitKey: '卫生健康局', unitName: '县卫生健康局', user: { platform: 'robot', userId: '13800000000', name: '卫健经办' }, by: { platform: 'cli', userId: 'cli' }, at: '' });
    });
    const clock = { now: shanghaiInstant('2022-06-23', '09:00') };
    const channel = new RecordingChannel(clock);
    await scheduler(store, channel, clock).tick();
    expect(channel.deliveries[0]?.target.mentions).toEqual(['13800000000']);
    expect(channel.deliveries[0]?.text).toContain('■ 县卫生健康局（@卫健经办）');
    await store.close();
  });
});

describe('milestones', () => {
  it('each milestone of a task is reminded once, as a stage, and the completion after it', async () => {
    const sub = subscription({ region: '广东省卫生健康委', at: shanghaiInstant('2021-02-01', '08:00').toISOString() });
    const { store } = await createDesk(dir, sub);
    const file = join(FIXTURES_DIR, 'published', '01-guangdong-weijianwei-2021.html');
    await store.putDocuments(await parseUpload(file, readFileSync(file), { now: NOW }));
    const clock = { now: new Date() };
    const channel = new RecordingChannel(clock);
    const s = scheduler(store, channel, clock);
    await runClock(s, clock, '2021-02-20 08:00', '2021-03-02 10:00');
    await runClock(s, clock, '2021-08-23 08:00', '2021-08-25 10:00');
    const budget = channel.deliveries.filter((d) => d.reply.tasks.some((t) => t.requirement.includes('积极推进部门所属单位预算')));
    const lines = budget.map((d) => [wall(d.at), d.text.split('\n').find((l) => l.includes('积极推进部门所属单位预算'))]);
    // 21 and 27 February 2021 are a Sunday and a Saturday: the 7-day reminder waits for Monday, the
    // 1-day one is overtaken by the due day.
    expect(lines.map(([at]) => at)).toEqual(['02-22 09:00', '02-28 09:00', '08-24 09:00']);
    expect(lines.slice(0, 2).every(([, l]) => l?.includes('阶段 2021年2月28日 2021年2月公布预算信息'))).toBe(true);
    expect(lines[2]?.[1]).toMatch(/2021年8月31日截止（还剩7天），阶段节点2021年2月28日/);
    // No overdue chase for a stage: nothing on 1 March.
    expect(channel.deliveries.some((d) => wall(d.at).startsWith('03-01') && d.text.includes('积极推进部门所属单位预算'))).toBe(false);
    await store.close();
  });
});
