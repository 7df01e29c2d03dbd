// The bot's own health: adapters up or not, the last send per target, /healthz, and the status file.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Health, HealthStatusSchema, MAX_TARGETS } from '../../src/app/health.ts';
import { HttpServer } from '../../src/app/http-server.ts';
import { silentLogger } from '../../src/log.ts';
import type { Reply } from '../../src/model/reply.ts';
import { tempDir, until } from '../helpers.ts';

const reply: Reply = { intent: 'help', blocks: [], tasks: [], related: [] };
let now = new Date('2026-06-01T01:00:00Z');
const health = (path?: string): Health => new Health({ now: () => now, logger: silentLogger, path, robots: ['robot:ops'], segmenter: 'native' });

afterEach(() => vi.useRealTimers());

describe('Health', () => {
  it('records the last success and the last failure per target, and passes failures on', async () => {
    const h = health();
    const ok = { name: 'robot:ops', send: async () => {} };
    const failing = { name: 'telegram', send: async () => Promise.reject(new Error('HTTP 502')) };
    await h.recorded(ok, () => 'robot:ops').send({ chatId: 'ops' }, reply);
    now = new Date('2026-06-01T02:00:00Z');
    await expect(h.recorded(failing, (t) => `telegram:${t.chatId}`).send({ chatId: '-100' }, reply)).rejects.toThrow('HTTP 502');
    expect(h.status().sends).toEqual([
      { target: 'robot:ops', lastOk: '2026-06-01T01:00:00.000Z' },
      { target: 'telegram:-100', lastFailure: { at: '2026-06-01T02:00:00.000Z', error: 'HTTP 502' } },
    ]);
  });

  it('keeps the last sends of a bounded number of targets, dropping the least recently sent to', async () => {
    const h = health();
    const ok = { name: 'telegram', send: async () => {} };
    for (let i = 0; i <= MAX_TARGETS; i++) await h.recorded(ok, (t) => `telegram:${t.chatId}`).send({ chatId: String(i) }, reply);
    await h.recorded(ok, (t) => `telegram:${t.chatId}`).send({ chatId: '1' }, reply);
    await h.recorded(ok, (t) => `telegram:${t.chatId}`).send({ chatId: 'new' }, reply);
    const targets = h.status().sends.map((s) => s.target);
    expect(targets).toHaveLength(MAX_TARGETS);
    expect(targets).not.toContain('telegram:0');
    expect(targets).not.toContain('telegram:2');
    expect(targets).toContain('telegram:1');
    expect(targets).toContain('telegram:new');
  });

  it('/healthz is 200 while every started adapter is up, 503 when one is not; it tells no chat ids or errors', async () => {
    const h = health();
    const http = new HttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger });
    http.mount(h.mount());
    expect((await http.fetch(new Request('http://x/healthz'))).status).toBe(503);
    h.adapterUp('telegram');
    h.adapterUp('wechat');
    const up = await http.fetch(new Request('http://x/healthz'));
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok', adapters: [{ name: 'telegram', state: 'up' }, { name: 'wechat', state: 'up' }] });
    await h.recorded({ name: 'telegram', send: async () => Promise.reject(new Error('secret detail chat -100')) }, () => 'telegram:-100').send({ chatId: '-100' }, reply).catch(() => undefined);
    h.adapterFailed('wechat', new Error('logged out'));
    const down = await http.fetch(new Request('http://x/healthz'));
    expect(down.status).toBe(503);
    const text = await down.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'degraded' });
    expect(text).not.toContain('-100');
    expect(text).not.toContain('logged out');
  });

  it('writes the status file at start, soon after a change, and as stopped at the end', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'store.json.status.json');
      const h = health(path);
      const read = () => HealthStatusSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      h.start();
      await until(() => {
        try {
          return read().running;
        } catch {
          return false;
        }
      });
      h.adapterUp('console');
      await until(() => read().adapters.length === 1, 5_000);
      await h.stop();
      expect(read()).toMatchObject({ running: false, pid: process.pid, robots: ['robot:ops'], segmenter: 'native', adapters: [{ name: 'console', state: 'up' }] });
    } finally {
      cleanup();
    }
  });
});
