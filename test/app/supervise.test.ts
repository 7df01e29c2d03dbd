// One failing adapter does not take the others down; the admins hear of it.
import { describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/platform/adapter.ts';
import { startAll } from '../../src/app/supervise.ts';
import { createLogger } from '../../src/log.ts';

function fakeAdapter(name: string, fails: boolean): ChatAdapter & { started: boolean; stopped: boolean } {
  return {
    name,
    started: false,
    stopped: false,
    async start() {
      if (fails) throw new Error(`${name} cannot connect`);
      this.started = true;
    },
    async stop() {
      this.stopped = true;
    },
    async send() {},
  };
}

describe('startAll', () => {
  it('starts the others when one fails, alerts the admins, and stops only what runs', async () => {
    const alerts: string[] = [];
    const logs: string[] = [];
    const a = fakeAdapter('telegram', true);
    const b = fakeAdapter('wechat', false);
    const c = fakeAdapter('console', false);
    const s = await startAll([a, b, c], () => async () => {}, createLogger((l) => logs.push(l)), async (t) => {
      alerts.push(t);
    });
    expect(s.running.map((x) => x.name)).toEqual(['wechat', 'console']);
    expect(s.failed.map((x) => x.adapter.name)).toEqual(['telegram']);
    expect(alerts[0]).toContain('telegram');
    expect(logs.join('\n')).toContain('adapter failed to start');
    await s.stopAll();
    expect([a.stopped, b.stopped, c.stopped]).toEqual([false, true, true]);
  });
});
