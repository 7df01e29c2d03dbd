// The real Telegram client (node-telegram-bot-api v2) against a fake Bot API on 127.0.0.1.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../adapters/telegram.ts';
import { dispatcher } from '../../src/platform/dispatch.ts';
import type { IncomingMessage } from '../../src/platform/message.ts';
import { createLogger } from '../../src/log.ts';
import { StateFile } from '../../src/store/state-file.ts';
import { startTestBot, type TestBot } from '../core/conversation.ts';
import { tempDir, until } from '../helpers.ts';
import { FakeTelegram } from './fake-telegram.ts';

let t: TestBot;
let fake: FakeTelegram;
let dir: string;
let cleanup: () => void;
const logs: string[] = [];
const logger = createLogger((l) => logs.push(l), 'debug');

beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  fake = await new FakeTelegram().listen();
});
afterEach(async () => {
  await fake.close();
  cleanup();
});

async function adapter(extra: Partial<ConstructorParameters<typeof TelegramAdapter>[0]> = {}): Promise<TelegramAdapter> {
  return new TelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot, state: await StateFile.open(join(dir, 'telegram.json')), logger, pollTimeoutSec: 1, ...extra });
}


describe('Telegram', () => {
  it('answers a group message that mentions the bot, in that group; registers the command menu', async () => {
    const telegram = await adapter();
    await telegram.start(dispatcher(telegram, { bot: t.bot, logger, now: () => new Date() }));
    fake.push({ chatId: -100, text: '@zwgk_bot 汶上县民政局有哪些任务' });
    await until(() => fake.messagesTo(-100).length > 0);
    expect(fake.messagesTo(-100)[0]).toContain('汶上县 县民政局');
    expect(fake.calls.find((c) => c.method === 'setMyCommands')?.params.commands).toContainEqual(expect.objectContaining({ command: 'tasks' }));
    await telegram.stop();
  });

  it('in a group, ignores plain chatter; answers commands and replies to its own messages; in private, everything', async () => {
    const telegram = await adapter();
    await telegram.start(dispatcher(telegram, { bot: t.bot, logger, now: () => new Date() }));
    fake.push({ chatId: -200, text: '大家好，今天开会' });
    fake.push({ chatId: -200, text: '/tasks 汶上县民政局' });
    fake.push({ chatId: -200, text: '更多', replyToBot: true });
    fake.push({ chatId: 7, chatType: 'private', text: '低保信息在哪公开' });
    await until(() => fake.messagesTo(-200).length >= 2 && fake.messagesTo(7).length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messagesTo(-200)).toHaveLength(2);
    expect(fake.messagesTo(-200)[0]).toContain('县民政局');
    expect(fake.messagesTo(7)[0]).toContain('民政局');
    await telegram.stop();
  });

  it('after a restart mid-batch, no update is handled twice', async () => {
    const handled: string[] = [];
    for (const text of ['第一条', '第二条', '第三条', '第四条']) fake.push({ chatId: 7, chatType: 'private', text });
    const first = await adapter();
    await first.start(async (m: IncomingMessage) => {
      handled.push(m.text);
      // Fails in the middle of a batch of four, while handling the second: the others go on.
      if (handled.length === 2) throw new Error('crash');
    });
    await until(() => logs.some((l) => l.includes('update failed')) && handled.length >= 4);
    await first.stop();
    const second = await adapter();
    await second.start(async (m) => {
      handled.push(m.text);
    });
    await until(() => handled.length >= 4);
    await new Promise((r) => setTimeout(r, 300));
    await second.stop();
    expect(handled).toEqual(['第一条', '第二条', '第三条', '第四条']);
  });

  it('waits out a 429 and still delivers', async () => {
    const telegram = await adapter();
    await telegram.start(dispatcher(telegram, { bot: t.bot, logger, now: () => new Date() }));
    fake.throttle = { count: 1, retryAfter: 1 };
    const start = Date.now();
    fake.push({ chatId: 7, chatType: 'private', text: '帮助' });
    await until(() => fake.messagesTo(7).length > 0);
    expect(Date.now() - start).toBeGreaterThanOrEqual(1000);
    await telegram.stop();
  });

  it('splits replies over 4096 characters between items', async () => {
    const telegram = await adapter();
    const item = (n: number) => ({ type: 'item' as const, n, lines: [`${'要求'.repeat(60)}${n}`, '时限：全年'] });
    await telegram.send({ chatId: '7' }, { intent: 'due', blocks: Array.from({ length: 60 }, (_, i) => item(i + 1)), tasks: [], related: [] });
    const parts = fake.messagesTo(7);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join('\n').match(/时限：全年/g)).toHaveLength(60);
    for (const p of parts) expect(p.trimEnd().endsWith('时限：全年')).toBe(true);
  });

  it('webhook mode: checks the secret token and caps the body size', async () => {
    const telegram = await adapter({ webhook: { url: 'https://bot.example.gov.cn/telegram', secret: 'hook-secret-123', port: 0 } });
    await telegram.start(dispatcher(telegram, { bot: t.bot, logger, now: () => new Date() }));
    expect(fake.calls.find((c) => c.method === 'setWebhook')?.params).toMatchObject({ secret_token: 'hook-secret-123' });
    const url = `http://127.0.0.1:${telegram.webhookPort}/telegram`;
    const update = { update_id: 1, message: { message_id: 5, date: Math.floor(Date.now() / 1000), chat: { id: 7, type: 'private' }, from: { id: 1, is_bot: false, first_name: 'a' }, text: '帮助' } };
    const post = (secret: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body });
    expect((await post('wrong', JSON.stringify(update))).status).toBe(401);
    expect((await post('hook-secret-123', 'x'.repeat(2 << 20))).status).toBe(413);
    expect((await post('hook-secret-123', JSON.stringify(update))).status).toBe(200);
    await until(() => fake.messagesTo(7).length > 0);
    expect(fake.messagesTo(7)[0]).toContain('民政局有哪些任务');
    expect((await post('hook-secret-123', JSON.stringify(update))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messagesTo(7)).toHaveLength(1);
    await telegram.stop();
  });

  it('webhook mode: updates delivered out of order are all handled, once each, in update_id order per chat', async () => {
    const hook = { url: 'https://bot.example.gov.cn/telegram', secret: 'hook-secret-123', port: 0 };
    const handled: string[] = [];
    const onMessage = async (m: IncomingMessage): Promise<void> => void handled.push(m.text);
    let telegram = await adapter({ webhook: hook });
    await telegram.start(onMessage);
    expect(fake.calls.find((c) => c.method === 'setWebhook')?.params).toMatchObject({ max_connections: 8, allowed_updates: ['message'] });
    const post = (id: number, text: string, chatId = 7) =>
      fetch(`http://127.0.0.1:${telegram.webhookPort}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': hook.secret },
        body: JSON.stringify(fake.update({ chatId, chatType: 'private', text, updateId: id })),
      });
    // Telegram delivers several at once: the later one arrives first.
    const statuses = await Promise.all([post(103, 'c'), post(102, 'b'), post(101, 'a'), post(201, 'x', 8)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await until(() => handled.length >= 4);
    expect(handled.filter((x) => x !== 'x')).toEqual(['a', 'b', 'c']);
    // A late one (after 103 was handled) is handled, not dropped; a redelivery is not handled again.
    expect((await post(100, 'late')).status).toBe(200);
    expect((await post(102, 'b')).status).toBe(200);
    await until(() => handled.includes('late'));
    await telegram.stop();
    // After a restart, what was handled stays handled; what never came is still taken.
    telegram = await adapter({ webhook: hook });
    await telegram.start(onMessage);
    for (const [id, text] of [[101, 'a'], [103, 'c'], [100, 'late'], [99, 'older']] as const) expect((await post(id, text)).status).toBe(200);
    await until(() => handled.includes('older'));
    await new Promise((r) => setTimeout(r, 300));
    await telegram.stop();
    expect(handled.sort()).toEqual(['a', 'b', 'c', 'late', 'older', 'x']);
  });

  it('reads the state an older version wrote (only the highest update id)', async () => {
    const state = await StateFile.open(join(dir, 'telegram.json'));
    await state.set('telegram.lastUpdateId', 1002);
    const handled: string[] = [];
    for (const text of ['一', '二', '三']) fake.push({ chatId: 7, chatType: 'private', text });
    const telegram = await adapter({ state });
    await telegram.start(async (m) => void handled.push(m.text));
    await until(() => handled.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    await telegram.stop();
    expect(handled).toEqual(['三']);
  });

  it('flood: 200 commands from one member get a bounded number of answers; an admin’s private reply is not delayed by the group’s 429', async () => {
    const telegram = await adapter();
    await telegram.start(dispatcher(telegram, { bot: t.bot, logger, now: () => new Date() }));
    // The group is throttled by Telegram (429, retry after 5 s) from its first reply on.
    fake.throttle = { count: 1, retryAfter: 5, chatId: '-500' };
    for (let i = 0; i < 200; i++) fake.push({ chatId: -500, text: '帮助', fromId: 66 });
    await until(() => fake.calls.some((c) => c.method === 'sendMessage'));
    const asked = Date.now();
    fake.push({ chatId: 8, chatType: 'private', text: '帮助', fromId: 8 });
    await until(() => fake.messagesTo(8).length > 0);
    const adminWaited = Date.now() - asked;
    // Not delayed by the group's 429: the admin's reply arrives while the group still waits out its 5 s
    // (no group message delivered yet), however slow this machine is otherwise.
    expect(fake.messagesTo(-500)).toHaveLength(0);
    expect(adminWaited).toBeLessThan(5000);
    // Once the group's wait is over: at most the person's limit of answers, and one notice.
    await until(() => fake.messagesTo(-500).length >= 13, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const group = fake.messagesTo(-500);
    expect(group).toHaveLength(13);
    expect(group.filter((m) => m.includes('发得太快'))).toHaveLength(1);
    await telegram.stop();
  }, 30_000);

  it('never logs the token', () => {
    expect(logs.join('\n')).not.toContain(fake.token);
  });
});
