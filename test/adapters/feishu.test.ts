// Feishu two-way: the official @larksuiteoapi/node-sdk (WSClient long connection, EventDispatcher,
// Client) against a fake Feishu on 127.0.0.1 that speaks the pbbp2 long connection, checks tokens
// and message JSON, and encrypts and signs webhook events as Feishu does.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FeishuAdapter } from '../../adapters/feishu.ts';
import { Channels } from '../../src/app/channels.ts';
import { HttpServer } from '../../src/app/http-server.ts';
import { AdapterError } from '../../src/errors.ts';
import { createLogger } from '../../src/log.ts';
import { dispatcher } from '../../src/platform/dispatch.ts';
import { markdownInert } from '../../src/platform/render.ts';
import { ADMINS, startTestBot, type TestBot } from '../core/conversation.ts';
import { until } from '../helpers.ts';
import { FakeFeishu } from './fakes/feishu.ts';

const GROUP = 'oc_group0001';
const ADMIN = 'ou_admin0001';
let t: TestBot;
let fake: FakeFeishu;
let adapter: FeishuAdapter | null = null;
let http: HttpServer | null = null;
const logs: string[] = [];
// Every refusal is looked for line by line: the logger's counting of repeats is off here (test/log.test.ts has it).
const logger = createLogger((l) => logs.push(l), 'debug', { floodWindowMs: 0 });
const secrets = new Set<string>();

beforeAll(async () => {
  t = await startTestBot({ admins: [...ADMINS, `feishu:${ADMIN}`] });
});
afterAll(() => t.close());
beforeEach(async () => {
  fake = await FakeFeishu.start();
  for (const s of [fake.options.appSecret, fake.options.encryptKey, fake.options.verificationToken]) secrets.add(s);
});
afterEach(async () => {
  await http?.stop();
  await adapter?.stop();
  http = null;
  adapter = null;
  expect(fake.problems).toEqual([]);
  await fake.stop();
});

async function started(mode: 'websocket' | 'webhook' = 'websocket', appSecret = fake.options.appSecret): Promise<FeishuAdapter> {
  const { appId, verificationToken, encryptKey } = fake.options;
  adapter = new FeishuAdapter({ appId, appSecret, mode, domain: fake.base, verificationToken, encryptKey, logger });
  await adapter.start(dispatcher(adapter, { bot: t.bot, logger, now: () => new Date() }));
  return adapter;
}

/** A member writes in the group (over the long connection); returns the frame id. */
function say(text: string, over: Parameters<FakeFeishu['messageEvent']>[1] = {}): string {
  return fake.pushWs(fake.messageEvent(text, over));
}

describe('Feishu long connection', () => {
  it('answers a group @-message "民政局有哪些任务" with the unit\'s list, as a reply in that group, after the acknowledgement', async () => {
    await started();
    say('切换到汶上县', { openId: ADMIN });
    await until(() => fake.textsIn(GROUP).length === 1);
    const frameId = say('民政局有哪些任务');
    await until(() => fake.textsIn(GROUP).length === 2);
    const text = fake.textsIn(GROUP)[1] ?? '';
    expect(text).toContain('**汶上县 县民政局');
    const expected = await t.chat(`expected-${Math.random()}`).send('汶上县民政局有哪些任务');
    const items = expected.blocks.flatMap((b) => (b.type === 'item' ? [markdownInert(b.lines[0] ?? '').slice(0, 12)] : []));
    expect(items.length).toBeGreaterThan(2);
    for (const snippet of items) expect(text).toContain(snippet);
    expect(fake.sent[1]).toMatchObject({ kind: 'reply', msgType: 'post' });
    expect(fake.timeline.indexOf(`ack ${frameId}`)).toBeLessThan(fake.timeline.entries.lastIndexOf(`reply ${fake.sent[1]?.to ?? ''}`));
    expect(fake.tokensIssued).toBe(1);
  });

  it('ignores a group message that does not @ the bot (even one that @s someone else); answers a private message', async () => {
    await started();
    say('民政局有哪些任务', { chatId: 'oc_chatter', atBot: false });
    say('民政局有哪些任务 @王五', { chatId: 'oc_chatter', atBot: false, mentions: [{ openId: 'ou_wangwu', name: '王五' }] });
    say('帮助', { chatId: 'oc_p2p01', chatType: 'p2p' });
    await until(() => fake.textsIn('oc_p2p01').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('oc_chatter')).toEqual([]);
    expect(fake.wsAcks).toHaveLength(3);
  });

  it('answers a re-pushed event once (Feishu re-pushes an event not acknowledged within 3 s)', async () => {
    await started();
    const event = fake.messageEvent('帮助', { chatId: 'oc_repush' });
    fake.pushWs(event);
    fake.pushWs(event);
    await until(() => fake.wsAcks.length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('oc_repush')).toHaveLength(1);
  });

  it('records "完成 3" from a staff member bound by "绑定 民政局 @李四", with the Feishu open_id', async () => {
    await started();
    const chat = { chatId: 'oc_ledger' };
    say('切换到汶上县', { ...chat, openId: ADMIN });
    say('绑定 民政局', { ...chat, openId: ADMIN, mentions: [{ openId: 'ou_lisi', name: '李四' }] });
    say('民政局有哪些任务', { ...chat, openId: 'ou_lisi' });
    say('完成 3', { ...chat, openId: 'ou_lisi' });
    // Someone not bound asks for the same list (a list number refers to the person's own list), and is refused.
    say('民政局有哪些任务', { ...chat, openId: 'ou_stranger' });
    say('完成 2', { ...chat, openId: 'ou_stranger' });
    await until(() => fake.textsIn('oc_ledger').length === 6);
    const texts = fake.textsIn('oc_ledger');
    expect(texts[1]).toContain('李四');
    expect(texts[3]).toMatch(/已登记：第3条（县民政局/);
    expect(texts[5]).toContain('只有管理员或该任务责任单位的经办人可以登记进展');
    expect(t.store.data.ledger.at(-1)).toMatchObject({ action: 'done', by: { platform: 'feishu', userId: 'ou_lisi' }, chat: 'feishu:oc_ledger' });
  });

  it('sends the exported ledger as a file', async () => {
    await started();
    // The ledger names staff: it is exported only in a private chat with the bot.
    say('导出台账 汶上县', { chatId: 'oc_export', chatType: 'p2p', openId: ADMIN });
    await until(() => fake.sent.some((m) => m.msgType === 'file'));
    expect(fake.uploads[0]).toMatchObject({ type: 'xls', name: expect.stringMatching(/^汶上县政务公开台账-.*\.xlsx$/) });
    expect(fake.uploads[0]?.bytes).toBeGreaterThan(1000);
    await until(() => fake.textsIn('oc_export').length === 1);
    expect(fake.textsIn('oc_export')[0]).not.toContain('npm run');
  });

  it('refuses a wrong app secret at start with a clear error', async () => {
    secrets.add('wrong-feishu-secret-77');
    const error = await started('websocket', 'wrong-feishu-secret-77').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as Error).message).toContain('FEISHU_APP_SECRET');
  });

  it('is a reminder target: feishu:<chat_id> gets a new message, @-mentioning the bound people', async () => {
    const bot = await started();
    const channels = new Channels();
    channels.add(bot.name, bot);
    const route = channels.resolveChannel('feishu:oc_reminders');
    await route?.channel.send({ chatId: route.chatId, mentions: ['ou_lisi'] }, { intent: 'due', blocks: [{ type: 'heading', text: '明天到期 1 项' }], tasks: [], related: [] });
    expect(fake.sent[0]).toMatchObject({ kind: 'create', to: 'oc_reminders' });
    expect(fake.textsIn('oc_reminders')[0]).toBe('<at user_id="ou_lisi"></at>\n**明天到期 1 项**');
  });
});

describe('Feishu event subscription (webhook)', () => {
  async function callbackUrl(): Promise<string> {
    const bot = await started('webhook');
    http = new HttpServer({ host: '127.0.0.1', port: 0, logger });
    if (bot.http) http.mount(bot.http);
    await http.start();
    return `http://127.0.0.1:${http.port}/feishu/callback`;
  }

  it('answers the URL challenge only with the verification token', async () => {
    const url = await callbackUrl();
    const ok = await fake.pushHttp(url, { challenge: 'ch-123', token: fake.options.verificationToken, type: 'url_verification' });
    expect(ok).toEqual({ status: 200, body: '{"challenge":"ch-123"}' });
    const forged = await fake.pushHttp(url, { challenge: 'ch-456', token: 'not-the-token', type: 'url_verification' });
    expect(forged.status).toBe(401);
  });

  it('answers an encrypted, signed event once; refuses a bad signature, a wrong AES key and a wrong token, logging why and no secret', async () => {
    const url = await callbackUrl();
    const logsBefore = logs.length;
    const event = fake.messageEvent('民政局有哪些任务', { chatId: 'oc_http' });
    expect((await fake.pushHttp(url, event)).status).toBe(200);
    expect((await fake.pushHttp(url, event)).status).toBe(200);
    await until(() => fake.textsIn('oc_http').length === 1);
    expect(fake.textsIn('oc_http')[0]).toMatch(/民政局：点名负责 \d+ 项任务/);

    const forged = fake.messageEvent('帮助', { chatId: 'oc_forged' });
    expect((await fake.pushHttp(url, forged, { signKey: 'another-key' })).status).toBe(401);
    expect((await fake.pushHttp(url, forged, { encryptKey: 'another-aes-key' })).status).toBe(400);
    const wrongToken = { ...forged, header: { ...(forged.header as object), token: 'stolen' } };
    expect((await fake.pushHttp(url, wrongToken)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('oc_forged')).toEqual([]);
    expect(fake.textsIn('oc_http')).toHaveLength(1);
    expect(logs.slice(logsBefore).filter((l) => l.includes('feishu: callback refused')).map((l) => /"reason":"([\w-]+)"/.exec(l)?.[1])).toEqual(['signature', 'decrypt', 'token']);
  });
});

describe('Feishu logs', () => {
  it('never contain a secret', () => {
    const all = logs.join('\n');
    expect(all).toContain('feishu:');
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
