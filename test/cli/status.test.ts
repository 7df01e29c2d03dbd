// `cli status`: is the bot running, are its adapters up, the last send per target, reminders pending
// or retrying, the store's size and last write; exit 0 only when all is well.
import { describe, expect, it } from 'vitest';
import { Health, statusPath } from '../../src/app/health.ts';
import { botState } from '../../src/cli/status.ts';
import { silentLogger } from '../../src/log.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import type { HealthStatus } from '../../src/app/health.ts';
import { NOW } from '../helpers.ts';
import { useCli } from './run.ts';
import { hostname } from 'node:os';

const { cli, storePath } = useCli();

const status = (over: Partial<HealthStatus>): HealthStatus => ({
  pid: 1234, host: hostname(), startedAt: '2026-11-23T01:00:00.000Z', updatedAt: '2026-11-23T01:59:50.000Z', running: true,
  adapters: [], robots: [], sends: [], http: null, segmenter: 'native', ...over,
});

describe('botState', () => {
  it.each([
    ['no status file', null, true, 'unknown'],
    ['fresh, its process alive', status({}), true, 'running'],
    ['alive but silent for minutes', status({ updatedAt: '2026-11-23T01:50:00.000Z' }), true, 'unresponsive'],
    ['its process gone (killed, crashed)', status({}), false, 'stopped'],
    ['stopped cleanly', status({ running: false }), true, 'stopped'],
    ['on another machine: trusted while fresh', status({ host: 'elsewhere' }), false, 'running'],
  ] as const)('%s → %s', (_name, health, alive, state) => {
    expect(botState(health, NOW, () => alive)).toBe(state);
  });
});

/** As the running bot: its status file written by Health, with the given adapters. */
async function writeStatus(setup: (h: Health) => void | Promise<void>): Promise<void> {
  const h = new Health({ now: () => NOW, logger: silentLogger, path: statusPath(storePath()), robots: ['robot:ops'], segmenter: 'native' });
  await setup(h);
  await h.flush();
}

describe('cli status', () => {
  it('with no bot ever started: says so, shows the store, exits 1', async () => {
    await cli('docs');
    const { code, out } = await cli('status');
    expect(code).toBe(1);
    expect(out).toContain('机器人：未运行（没有状态记录');
    expect(out).toMatch(/数据文件：.*store\.json，\d+ KB，最后写入 \d{4}-\d{2}-\d{2} \d{2}:\d{2}；5 个文件、294 项任务/);
  });

  it('on a running bot with every adapter up: its adapters, last sends, next digests; exits 0', async () => {
    await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县', '--time', '09:00');
    await writeStatus(async (h) => {
      h.adapterUp('telegram');
      await h.recorded({ name: 'robot:ops', send: async () => {} }, () => 'robot:ops').send({ chatId: 'ops' }, { intent: 'help', blocks: [], tasks: [], related: [] });
    });
    const { code, out } = await cli('status');
    expect(out).toContain(`机器人：运行中（进程 ${process.pid}`);
    expect(out).toContain('telegram：正常');
    expect(out).toContain('robot:ops：最近成功发送 2026-11-23 10:00');
    expect(out).toContain('日报：上次 —，下次 2026-11-24 09:00');
    expect(out).toContain('状态：正常');
    expect(code).toBe(0);
  });

  it('a digest being retried and an adapter down: said, with when the next attempt is; exits 1', async () => {
    await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县');
    const store = await TaskStore.open(storePath());
    await store.change((d) => void d.digests.push({ chat: 'robot:ops', day: '2026-11-23', state: 'failed', late: false, attempts: 3, nextAttemptAt: '2026-11-23T02:04:00.000Z', at: NOW.toISOString() }));
    await store.close();
    await writeStatus((h) => h.adapterFailed('wechat', new Error('logged out')));
    const { code, out } = await cli('status', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { healthy: boolean; adapters: unknown[]; targets: Array<{ target: string; retrying?: unknown }>; reminders: { retrying: number } };
    expect(report.healthy).toBe(false);
    expect(report.adapters).toEqual([expect.objectContaining({ name: 'wechat', state: 'failed', error: 'logged out' })]);
    expect(report.reminders.retrying).toBe(1);
    expect(report.targets.find((t) => t.target === 'robot:ops')?.retrying).toEqual({ day: '2026-11-23', attempts: 3, nextAttemptAt: '2026-11-23T02:04:00.000Z' });
    const text = (await cli('status')).out;
    expect(text).toContain('wechat：异常');
    expect(text).toContain('2026-11-23 的日报发送失败 3 次，下次重试 2026-11-23 10:04');
  });

  it('asking about a store not built yet builds nothing', async () => {
    const { code, out } = await cli('status');
    expect(code).toBe(1);
    expect(out).toContain('0 个文件');
    const { existsSync } = await import('node:fs');
    expect(existsSync(storePath())).toBe(false);
  });
});
