// 50 reminders to one WeCom robot go out merged into a few messages, under 20 a minute.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wecomRobot } from '../../adapters/robots/wecom.ts';
import { createLogger } from '../../src/log.ts';
import { Scheduler } from '../../src/reminders/scheduler.ts';
import { shanghaiInstant } from '../../src/time.ts';
import { FakeRobots } from '../adapters/fake-robots.ts';
import { tempDir } from '../helpers.ts';
import { createDesk, subscription } from './harness.ts';

let dir: string;
let cleanup: () => void;
let fake: FakeRobots;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  fake = await new FakeRobots().listen();
});
afterEach(async () => {
  await fake.close();
  cleanup();
});

describe('pace', () => {
  it('50 tasks due together reach a WeCom group merged, well under 20 messages a minute', async () => {
    const { store } = await createDesk(dir, subscription({ at: shanghaiInstant('2022-06-23', '08:00').toISOString() }));
    // Fifty more 汶上县 tasks due 2022-06-30, copies of a real one.
    const template = store.data.tasks.find((t) => t.region === '汶上县')!;
    await store.change((d) => {
      for (let i = 1; i <= 47; i++) d.tasks.push({ ...template, id: `${template.documentId}-x${i}`, seq: 1000 + i, deadline: { ...template.deadline, kind: 'dated', due: '2022-06-30', raw: '2022年6月底' } });
    });
    const robot = wecomRobot({ key: fake.secrets.wecomKey, apiRoot: fake.root }, { name: 'zwgk' });
    const now = shanghaiInstant('2022-06-23', '09:00');
    const scheduler = new Scheduler({ store, resolve: () => ({ channel: robot, chatId: 'zwgk' }), logger: createLogger(() => {}), now: () => now });
    await scheduler.tick();
    const messages = fake.of('wecom').map((r) => (r.body as { text: { content: string } }).text.content);
    const ids = messages.join('\n').match(/编号：\S+/g) ?? [];
    expect(ids.length).toBeGreaterThanOrEqual(50);
    expect(messages.length).toBeLessThan(20);
    expect(messages.every((m) => Buffer.byteLength(m) <= 2048)).toBe(true);
    expect(store.data.reminders.filter((r) => r.state === 'sent').length).toBeGreaterThanOrEqual(50);
    await store.close();
  });
});
