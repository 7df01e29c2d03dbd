// DingTalk two-way: the official dingtalk-stream SDK (Stream mode), and the HTTP callback mode on the
// process's HTTP server, against a fake DingTalk on 127.0.0.1 that checks credentials, acknowledgement
// frames, reply payloads and tokens, and signs callbacks as DingTalk does.
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DINGTALK_MAX_BYTES, DingtalkAdapter } from '../../adapters/dingtalk.ts';
import { Channels } from '../../src/app/channels.ts';
import { HttpServer } from '../../src/app/http-server.ts';
import { AdapterError } from '../../src/errors.ts';
import { createLogger } from '../../src/log.ts';
import type { Block, Reply } from '../../src/model/reply.ts';
import { dispatcher } from '../../src/platform/dispatch.ts';
import { markdownInert } from '../../src/platform/render.ts';
import { ADMINS, startTestBot, type TestBot } from '../core/conversation.ts';
import { until } from '../helpers.ts';
import { FakeDingtalk } from './fakes/dingtalk.ts';

const GROUP = 'cidGroupZwgk0001==';
const ADMIN = 'admin001';
let t: TestBot;
let fake: FakeDingtalk;
let adapter: DingtalkAdapter | null = null;
let http: HttpServer | null = null;
const logs: string[] = [];
const logger = createLogger((l) => logs.push(l), 'debug');
const secretsSeen: string[] = [];

beforeAll(async () => {
  t = await startTestBot({ admins: [...ADMINS, `dingtalk:${ADMIN}`] });
});
afterAll(() => t.close());
beforeEach(async () => {
  fake = await FakeDingtalk.start();
  secretsSeen.push(fake.clientSecret);
});
afterEach(async () => {
  await http?.stop();
  await adapter?.stop();
  http = null;
  adapter = null;
  expect(fake.problems).toEqual([]);
  await fake.stop();
});

async function started(mode: 'stream' | 'http' = 'stream', secret = fake.clientSecret): Promise<DingtalkAdapter> {
  adapter = new DingtalkAdapter({ clientId: fake.clientId, clientSecret: secret, mode, apiRoot: fake.base, oapiRoot: fake.base, logger, firstRetryMs: 50 });
  await adapter.start(dispatcher(adapter, { bot: t.bot, logger, now: () => new Date() }));
  return adapter;
}

/** A group member @-mentions the robot (DingTalk strips the @ from the text, keeping a leading space). */
function ask(text: string, over: Record<string, unknown> = {}): ReturnType<FakeDingtalk['botMessage']> {
  const message = fake.botMessage({ text: { content: ` ${text}` }, ...over });
  fake.push(message.frame);
  return message;
}

/** The first page of what the bot itself answers: the reply the platform must carry. */
async function expectedTasks(question: string): Promise<string[]> {
  const reply = await t.chat(`expected-${Math.random()}`).send(question);
  return reply.blocks.flatMap((b) => (b.type === 'item' ? [markdownInert(b.lines[0] ?? '').slice(0, 12)] : []));
}

describe('DingTalk Stream', () => {
  it('answers a group @-message "民政局有哪些任务" with the unit\'s list in that group, @-mentioning the asker, after the acknowledgement', async () => {
    await started();
    expect(fake.opens[0]?.subscriptions).toContainEqual({ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' });
    ask('切换到汶上县', { senderStaffId: ADMIN });
    await until(() => fake.textsIn(GROUP).length === 1);
    const { frame } = ask('民政局有哪些任务', { senderStaffId: 'staff001' });
    await until(() => fake.textsIn(GROUP).length === 2);
    const post = fake.webhookPosts[1];
    expect(post?.body.msgtype).toBe('markdown');
    expect(post?.body.at?.atUserIds).toEqual(['staff001']);
    const text = post?.body.markdown?.text ?? '';
    expect(text).toMatch(/^@staff001/);
    expect(text).toContain('汶上县 县民政局');
    const expected = await expectedTasks('汶上县民政局有哪些任务');
    expect(expected.length).toBeGreaterThan(2);
    for (const snippet of expected) expect(text).toContain(snippet);
    expect(fake.timeline.indexOf(`ack ${frame.headers.messageId}`)).toBeLessThan(fake.timeline.entries.lastIndexOf(`reply ${GROUP}`));
  });

  it('ignores a group message without @; answers a private message without one, with no @ in the reply', async () => {
    await started();
    ask('民政局有哪些任务', { conversationId: 'cidChatter==', isInAtList: false, atUsers: [] });
    ask('帮助', { conversationId: 'cidPrivate01==', conversationType: '1', isInAtList: false, senderStaffId: 'staff005' });
    await until(() => fake.textsIn('cidPrivate01==').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('cidChatter==')).toEqual([]);
    expect(fake.acks).toHaveLength(2);
    expect(fake.webhookPosts[0]?.body.at).toBeUndefined();
    expect(fake.textsIn('cidPrivate01==')[0]).toContain('民政局有哪些任务');
  });

  it('answers a redelivered message once (DingTalk re-pushes what it thinks was not acknowledged)', async () => {
    await started();
    const { frame } = ask('帮助', { conversationId: 'cidRedeliver==' });
    fake.push(frame);
    fake.push(frame);
    await until(() => fake.acks.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('cidRedeliver==')).toHaveLength(1);
  });

  it('records "完成 3" from a bound staff member with the DingTalk staff id; refuses someone not bound', async () => {
    await started();
    const chat = { conversationId: 'cidLedger==' };
    ask('切换到汶上县', { ...chat, senderStaffId: ADMIN });
    ask('绑定 民政局 @李四', { ...chat, senderStaffId: ADMIN, atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }, { dingtalkId: '$:LWCP_v1:$lisi', staffId: 'staff002' }] });
    ask('民政局有哪些任务', { ...chat, senderStaffId: 'staff002' });
    ask('完成 3', { ...chat, senderStaffId: 'staff002', senderNick: '李四' });
    // Someone not bound asks for the same list (a list number refers to the person's own list), and is refused.
    ask('民政局有哪些任务', { ...chat, senderStaffId: 'staff003' });
    ask('完成 2', { ...chat, senderStaffId: 'staff003' });
    await until(() => fake.textsIn('cidLedger==').length === 6);
    const texts = fake.textsIn('cidLedger==');
    expect(texts[1]).toContain('县民政局');
    expect(texts[3]).toMatch(/已登记：第3条（县民政局/);
    expect(texts[5]).toContain('只有管理员或该任务责任单位的经办人可以登记进展');
    const event = t.store.data.ledger.at(-1);
    expect(event).toMatchObject({ action: 'done', by: { platform: 'dingtalk', userId: 'staff002', name: '李四' }, chat: 'dingtalk:cidLedger==' });
    expect(t.store.data.bindings).toContainEqual(expect.objectContaining({ chat: 'dingtalk:cidLedger==', user: expect.objectContaining({ platform: 'dingtalk', userId: 'staff002' }) }));
  });

  it('cannot send files: "导出台账" says where to get the ledger', async () => {
    await started();
    // The ledger names staff: it is exported only in a private chat with the bot.
    ask('导出台账 汶上县', { conversationId: 'cidExport==', conversationType: '1', isInAtList: false, senderStaffId: ADMIN });
    await until(() => fake.textsIn('cidExport==').length === 1);
    expect(fake.textsIn('cidExport==')[0]).toContain('npm run -s cli -- export --region 汶上县');
  });

  it('refuses wrong credentials at start with a clear error, and logs neither secret', async () => {
    const wrong = 'wrong-dingtalk-secret-42';
    secretsSeen.push(wrong);
    const error = await started('stream', wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as Error).message).toContain('DINGTALK_CLIENT_SECRET');
    expect(fake.opens).toHaveLength(1);
  });

  it('reconnects a dropped connection with a growing delay, not a storm, and answers again', async () => {
    await started();
    fake.refuseConnections = true;
    const before = fake.opens.length;
    fake.dropConnections();
    await until(() => fake.opens.length >= before + 4, 20_000);
    // Timers never fire early, so under any load each wait is at least the doubled delay: 100, 200, 400 ms
    // (the SDK alone would schedule two retries per failure and double its calls every second).
    const at = fake.opens.slice(before, before + 4).map((o) => o.at);
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? t));
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** i - 5));
    fake.refuseConnections = false;
    await until(() => fake.connected(), 10_000);
    ask('帮助', { conversationId: 'cidAfterDrop==' });
    await until(() => fake.textsIn('cidAfterDrop==').length === 1);
  });
});

describe('DingTalk pushes', () => {
  const reply = (blocks: Block[]): Reply => ({ intent: 'due', blocks, tasks: [], related: [] });

  it('is a reminder target: dingtalk:<conversation id> resolves to the robot, which pushes through the OpenAPI with one cached token', async () => {
    const robot = await started();
    const channels = new Channels();
    channels.add(robot.name, robot);
    const group = channels.resolveChannel(`dingtalk:${GROUP}`);
    const person = channels.resolveChannel('dingtalk:user:staff001');
    expect(group?.chatId).toBe(GROUP);
    await group?.channel.send({ chatId: group.chatId, mentions: ['staff009'] }, reply([{ type: 'heading', text: '本周到期 1 项' }]));
    await group?.channel.send({ chatId: group.chatId }, reply([{ type: 'paragraph', text: '第二条提醒' }]));
    await person?.channel.send({ chatId: person.chatId }, reply([{ type: 'paragraph', text: '私聊提醒' }]));
    expect(fake.pushes.map((p) => p.path)).toEqual(['/v1.0/robot/groupMessages/send', '/v1.0/robot/groupMessages/send', '/v1.0/robot/oToMessages/batchSend']);
    expect(fake.pushes[2]?.body.userIds).toEqual(['staff001']);
    expect(fake.textsIn(GROUP)[0]).toContain('本周到期 1 项');
    expect(fake.tokensIssued).toBe(1);
    fake.revokeTokens();
    await group?.channel.send({ chatId: group.chatId }, reply([{ type: 'paragraph', text: '令牌过期后' }]));
    expect(fake.tokensIssued).toBe(2);
  });

  it('splits a long reply under 20 000 bytes between items', async () => {
    const robot = await started();
    const items: Block[] = Array.from({ length: 120 }, (_, i) => ({ type: 'item', n: i + 1, lines: [`${'公开要求'.repeat(40)}${i + 1}`, '时限：全年'] }));
    await robot.send({ chatId: GROUP }, reply(items));
    const texts = fake.textsIn(GROUP);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(DINGTALK_MAX_BYTES);
    expect(texts.join('\n').match(/时限：全年/g)).toHaveLength(120);
    for (const text of texts) expect(text.trimEnd().endsWith('时限：全年')).toBe(true);
  });
});

describe('DingTalk HTTP callback mode', () => {
  it('answers signed callbacks once; refuses a bad signature or an hour-old timestamp and logs why, not the secret', async () => {
    const robot = await started('http');
    http = new HttpServer({ host: '127.0.0.1', port: 0, logger });
    if (robot.http) http.mount(robot.http);
    await http.start();
    const url = `http://127.0.0.1:${http.port}/dingtalk/callback`;
    const { data } = fake.botMessage({ conversationId: 'cidHttp==', text: { content: ' 民政局有哪些任务' } });
    expect(await fake.deliver(url, data)).toBe(200);
    expect(await fake.deliver(url, data)).toBe(200);
    await until(() => fake.textsIn('cidHttp==').length === 1);
    const forged = fake.botMessage({ conversationId: 'cidForged==' }).data;
    expect(await fake.deliver(url, forged, { secret: 'not-the-app-secret' })).toBe(401);
    expect(await fake.deliver(url, forged, { timestamp: Date.now() - 61 * 60_000 })).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('cidHttp==')).toHaveLength(1);
    expect(fake.textsIn('cidForged==')).toEqual([]);
    expect(logs.filter((l) => l.includes('dingtalk: callback refused')).map((l) => /"reason":"(\w+)"/.exec(l)?.[1])).toEqual(['signature', 'timestamp']);
  });

  it('never posts to a sessionWebhook outside the DingTalk root (the sign does not cover the body): it pushes through the OpenAPI', async () => {
    const robot = await started('http');
    http = new HttpServer({ host: '127.0.0.1', port: 0, logger });
    if (robot.http) http.mount(robot.http);
    await http.start();
    const stolen: string[] = [];
    const thief = new HttpServer({ host: '127.0.0.1', port: 0, logger });
    thief.mount({ prefix: '/steal', routes: () => new Hono().post('/', async (c) => (stolen.push(await c.req.text()), c.json({ errcode: 0 }))) });
    await thief.start();
    try {
      const { data } = fake.botMessage({ conversationId: 'cidReplayed==', text: { content: ' 帮助' }, sessionWebhook: `http://127.0.0.1:${thief.port}/steal` });
      expect(await fake.deliver(`http://127.0.0.1:${http.port}/dingtalk/callback`, data)).toBe(200);
      await until(() => fake.textsIn('cidReplayed==').length === 1);
      expect(stolen).toEqual([]);
      expect(fake.pushes[0]?.body.openConversationId).toBe('cidReplayed==');
      expect(logs.some((l) => l.includes('sessionWebhook outside DINGTALK_OAPI_ROOT'))).toBe(true);
    } finally {
      await thief.stop();
    }
  });
});

describe('DingTalk logs', () => {
  it('never contain a secret', () => {
    const all = logs.join('\n');
    expect(all).toContain('dingtalk:');
    for (const secret of secretsSeen) expect(all).not.toContain(secret);
  });
});
