// Alerts: their own lane (never behind the reminders' pace), to every target at once, redacted, and the
// same alert once per window with a count.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alerter, Channels } from '../../src/app/channels.ts';
import { createLogger } from '../../src/log.ts';
import type { Notifier } from '../../src/platform/adapter.ts';
import type { Reply } from '../../src/model/reply.ts';
import { FakeRobots } from '../adapters/fake-robots.ts';
import { until } from '../helpers.ts';

let fake: FakeRobots;
beforeEach(async () => {
  fake = await new FakeRobots().listen();
});
afterEach(() => fake.close());

const text = (t: string): Reply => ({ intent: 'help', blocks: [{ type: 'paragraph', text: t }], tasks: [], related: [] });
const contents = () => fake.of('wecom').map((r) => (r.body as { text: { content: string } }).text.content);
const logger = createLogger(() => {});

describe('alerts', () => {
  it('the same alert is sent once per window; the next one after it says how often it repeated', async () => {
    let now = 0;
    const channels = new Channels();
    channels.addRobot({ name: 'ops', type: 'wecom', key: fake.secrets.wecomKey, apiRoot: fake.root });
    const alert = alerter(['robot:ops'], channels, logger, { windowMs: 600_000, now: () => new Date(now) });
    for (let i = 0; i < 20; i++) {
      now = i * 1000;
      await alert('微信 连接异常：network down');
    }
    await alert('Telegram 连接异常：timeout');
    expect(contents()).toEqual(['微信 连接异常：network down', 'Telegram 连接异常：timeout']);
    now = 700_000;
    await alert('微信 连接异常：network down');
    expect(contents()[2]).toMatch(/network down（此前 10 分钟内同样的告警另有 19 次/);
  });

  it('has its own lane: a robot whose reminders wait for their pace still delivers an alert at once', async () => {
    const channels = new Channels();
    channels.addRobot({ name: 'ops', type: 'wecom', key: fake.secrets.wecomKey, apiRoot: fake.root });
    const reminders = channels.resolveChannel('robot:ops')!;
    // More reminders than a minute's pace allows: the last ones wait for the next minute.
    const pending = Array.from({ length: 20 }, (_, i) => reminders.channel.send({ chatId: 'ops' }, text(`提醒 ${i}`)));
    await until(() => contents().length >= 16);
    const started = Date.now();
    await alerter(['robot:ops'], channels, logger)('告警：适配器异常');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(contents()).toContain('告警：适配器异常');
    expect(contents().filter((c) => c.startsWith('提醒'))).toHaveLength(16);
    void Promise.allSettled(pending);
  });

  it('goes to every target at once: a target that hangs delays no other', async () => {
    const channels = new Channels();
    const hanging: Notifier = { name: 'slow', send: () => new Promise(() => {}) };
    channels.add('robot:slow', hanging);
    channels.addRobot({ name: 'ops', type: 'wecom', key: fake.secrets.wecomKey, apiRoot: fake.root });
    void alerter(['robot:slow', 'robot:ops'], channels, logger)('告警');
    await until(() => contents().length === 1, 2000);
  });
});
