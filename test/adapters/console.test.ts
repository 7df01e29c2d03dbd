// The console chat: a greeting, then one reply per line, in order; and `npm start` end to end.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../adapters/console.ts';
import { startTestBot, type TestBot } from '../core/conversation.ts';
import { SEEDS_DIR, tempDir } from '../helpers.ts';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

describe('ConsoleAdapter', () => {
  it('greets, answers each line in order, and closes at the end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => (text += c.toString()));
    const closed = new Promise<void>((resolve) => {
      const adapter = new ConsoleAdapter({ input, output, exportDir: tempDir().dir, greeting: '您好！', onClose: resolve });
      void adapter.start(async (message) => adapter.send({ chatId: message.chatId }, await t.bot.handle(message)));
    });
    input.write('汶上县民政局有哪些任务\n第1条\n');
    input.end();
    await closed;
    expect(text.startsWith('您好！')).toBe(true);
    expect(text.indexOf('汶上县 县民政局')).toBeLessThan(text.indexOf('【第1条】'));
    expect(text).toContain('多渠道发布养老保障');
  });
});

describe('npm start', () => {
  it('with no tokens configured, opens the console chat on the bundled data', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const child = spawn('npm', ['start', '--silent'], {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { ...process.env, ZWGK_STORE: join(dir, 'store.json'), ZWGK_SEEDS_DIR: SEEDS_DIR },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stdin.write('低保信息在哪公开？找哪个部门？\n');
      child.stdin.end();
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      expect(out).toContain('政务公开任务助手');
      expect(out).toContain('汶上县民政局有哪些任务');
      expect(out).toContain('民政局');
      expect(out).toContain('12345');
    } finally {
      cleanup();
    }
  }, 60_000);
});

describe('files on the console', () => {
  it('导出台账 saves the spreadsheet and prints where', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const input = new PassThrough();
      const output = new PassThrough();
      let text = '';
      output.on('data', (c: Buffer) => (text += c.toString()));
      const closed = new Promise<void>((resolve) => {
        const adapter = new ConsoleAdapter({ input, output, exportDir: dir, onClose: resolve });
        void adapter.start(async (message) => adapter.send({ chatId: message.chatId }, await t.bot.handle({ ...message, time: new Date('2022-06-10T02:00:00Z') })));
      });
      input.write('导出 汶上县\n');
      input.end();
      await closed;
      expect(text).toContain(join(dir, '汶上县政务公开台账-2022-06-10.xlsx'));
      expect(readFileSync(join(dir, '汶上县政务公开台账-2022-06-10.xlsx')).subarray(0, 2).toString()).toBe('PK');
    } finally {
      cleanup();
    }
  });
});
