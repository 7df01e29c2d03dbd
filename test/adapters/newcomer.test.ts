// As a newcomer would: `npm start` with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT pointing at a local
// fake Bot API. A group asks; the bot answers in that group. Restarted, it does not answer again.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort, SEEDS_DIR, startBot, type StartedBot, tempDir, until } from '../helpers.ts';
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

const start = (port: number): StartedBot =>
  startBot({ ...process.env, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ZWGK_STORE: join(dir, 'store.json'), ZWGK_SEEDS_DIR: SEEDS_DIR, ZWGK_LOG_LEVEL: 'debug', ZWGK_WEB_PORT: String(port) }, join(dir, 'store.json'));

describe('a newcomer starts the bot on Telegram', () => {
  it('answers a group once, in that group, across a restart; and never logs the token', async () => {
    fake.push({ chatId: -1001, text: '@zwgk_bot 汶上县民政局有哪些任务' });
    const first = start(await freePort());
    // A start builds the store and its indexes: seconds on a busy two-core machine.
    await until(() => fake.messagesTo(-1001).length > 0, 30_000);
    expect(fake.messagesTo(-1001)[0]).toContain('汶上县 县民政局');
    await first.stop();
    await until(() => first.logs.join('').includes('stopping'), 20_000);

    const polls = fake.calls.filter((c) => c.method === 'getUpdates').length;
    const second = start(await freePort());
    // A second start loads every module again: on a busy machine that takes a while.
    await until(() => fake.calls.filter((c) => c.method === 'getUpdates').length > polls + 1, 30_000);
    await second.stop();
    expect(fake.messagesTo(-1001)).toHaveLength(1);

    const all = [...first.logs, ...second.logs].join('');
    expect(all).toContain('adapter started');
    expect(all).not.toContain(fake.token);
    expect(all).not.toContain(fake.token.split(':')[1]);
  }, 90_000);
});
