// As a newcomer would: `npm start` with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT pointing at a local
// fake Bot API. A group asks; the bot answers in that group. Restarted, it does not answer again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort, SEEDS_DIR, tempDir, until } from '../helpers.ts';
import { FakeTelegram } from './fake-telegram.ts';

let fake: FakeTelegram;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  fake = await new FakeTelegram().listen();
});
afterEach(async () => {
  await fake.close();
  cleanup();
});

function start(logs: string[], port: number): ChildProcess {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ZWGK_STORE: join(dir, 'store.json'), ZWGK_SEEDS_DIR: SEEDS_DIR, ZWGK_LOG_LEVEL: 'debug', ZWGK_WEB_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (c: Buffer) => logs.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => logs.push(c.toString()));
  return child;
}


/** SIGTERM to the process group, as a service manager or Ctrl+C does (npm alone would not relay it). */
const stopped = async (child: ChildProcess): Promise<number | null> => {
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (c) => resolve(c));
    process.kill(-(child.pid as number), 'SIGTERM');
  });
  // npm exits at once; the bot itself is done when its lock (released last) is gone.
  await until(() => !existsSync(join(dir, 'store.json.lock')), 30_000);
  return code;
};

describe('a newcomer starts the bot on Telegram', () => {
  it('answers a group once, in that group, across a restart; and never logs the token', async () => {
    const logs: string[] = [];
    fake.push({ chatId: -1001, text: '@zwgk_bot 汶上县民政局有哪些任务' });
    const first = start(logs, await freePort());
    // A start builds the store and its indexes: seconds on a busy two-core machine.
    await until(() => fake.messagesTo(-1001).length > 0, 30_000);
    expect(fake.messagesTo(-1001)[0]).toContain('汶上县 县民政局');
    await stopped(first);
    await until(() => logs.join('').includes('stopping'), 20_000);

    const polls = fake.calls.filter((c) => c.method === 'getUpdates').length;
    const second = start(logs, await freePort());
    // A second start loads every module again: on a busy machine that takes a while.
    await until(() => fake.calls.filter((c) => c.method === 'getUpdates').length > polls + 1, 30_000);
    await stopped(second);
    expect(fake.messagesTo(-1001)).toHaveLength(1);

    const all = logs.join('');
    expect(all).toContain('adapter started');
    expect(all).not.toContain(fake.token);
    expect(all).not.toContain(fake.token.split(':')[1]);
  }, 90_000);
});
