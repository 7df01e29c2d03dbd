// The console chat: a greeting, then one reply per line, in order; and `npm start` end to end.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../adapters/console.ts';
import { startTestBot, type TestBot } from '../core/conversation.ts';
import { freePort, SEEDS_DIR, tempDir } from '../helpers.ts';

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

/** A stand-in terminal: input that says it is a TTY, output that records what was drawn. */
function terminal(): { input: PassThrough & { isTTY: boolean }; output: PassThrough; drawn: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString()));
  return { input, output, drawn: () => text };
}

describe('a line logged while the prompt waits', () => {
  it('goes above the prompt, and the prompt comes back with what was being typed', async () => {
    const { input, output, drawn } = terminal();
    const adapter = new ConsoleAdapter({ input, output, exportDir: tempDir().dir, greeting: '您好！' });
    await adapter.start(async () => {});
    input.write('民政局有');
    await new Promise((r) => setImmediate(r));
    const logs = new PassThrough();
    let logged = '';
    logs.on('data', (c: Buffer) => (logged += c.toString()));
    const before = drawn().length;
    adapter.writeAbove('WARN reminders: digest not delivered', logs);
    const after = drawn().slice(before);
    // The prompt line is cleared (ESC[2K, cursor to column 1) before the log line is written …
    expect(after.startsWith('\x1b[2K\x1b[1G')).toBe(true);
    expect(logged).toBe('WARN reminders: digest not delivered\n');
    // … and drawn again after it, with the half-typed question.
    expect(after).toContain('> 民政局有');
    await adapter.stop();
  });

  it('while a reply is being worked out (no prompt showing), is written as it is', async () => {
    const { input, output, drawn } = terminal();
    let release = (): void => {};
    const adapter = new ConsoleAdapter({ input, output, exportDir: tempDir().dir });
    await adapter.start(() => new Promise<void>((r) => (release = r)));
    input.write('问题\r');
    await new Promise((r) => setImmediate(r));
    const before = drawn().length;
    const logs = new PassThrough();
    adapter.writeAbove('INFO working', logs);
    expect(drawn().slice(before)).toBe('');
    release();
    await adapter.stop();
  });
});

describe('npm start', () => {
  it('with no tokens configured, opens the console chat on the bundled data', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const child = spawn('npm', ['start', '--silent'], {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { ...process.env, ZWGK_STORE: join(dir, 'store.json'), ZWGK_SEEDS_DIR: SEEDS_DIR, ZWGK_WEB_PORT: String(await freePort()) },
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
