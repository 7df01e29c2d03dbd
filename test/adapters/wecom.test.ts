// WeCom 智能机器人 two-way: the official @wecom/aibot-node-sdk long connection, and the API-mode
// callback (msg_signature, AES-256-CBC with the EncodingAESKey) on the process's HTTP server, against a
// fake WeCom on 127.0.0.1 that acknowledges frames by req_id, keeps one live connection per bot,
// checks reply payloads and encrypts and signs callbacks as WeCom does.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WecomAdapter } from '../../adapters/wecom.ts';
import { Channels } from '../../src/app/channels.ts';
import { HttpServer } from '../../src/app/http-server.ts';
import { AdapterError } from '../../src/errors.ts';
import { createLogger } from '../../src/log.ts';
import { dispatcher } from '../../src/platform/dispatch.ts';
import { markdownInert } from '../../src/platform/render.ts';
import { bindStaff } from '../../src/reminders/subscriptions.ts';
import { adminText } from '../../src/texts/ops.ts';
import { ADMINS, startTestBot, type TestBot } from '../core/conversation.ts';
import { until } from '../helpers.ts';
import { FakeWecom, randomEncodingAesKey, signedCallback, urlCheckQuery } from './fakes/wecom.ts';

const GROUP = 'wrkGroup0001';
const ADMIN = 'admin01';
let t: TestBot;
let fake: FakeWecom;
const adapters: WecomAdapter[] = [];
let http: HttpServer | null = null;
const logs: string[] = [];
// Every refusal is looked for line by line: the logger's counting of repeats is off here (test/log.test.ts has it).
const logger = createLogger((l) => logs.push(l), 'debug', { floodWindowMs: 0 });
const alerts: string[] = [];
const secrets = new Set<string>();

beforeAll(async () => {
  t = await startTestBot({ admins: [...ADMINS, `wecom:${ADMIN}`] });
});
afterAll(() => t.close());
beforeEach(async () => {
  fake = await FakeWecom.start();
  secrets.add(fake.secret);
});
afterEach(async () => {
  await http?.stop();
  http = null;
  for (const a of adapters.splice(0)) await a.stop();
  expect(fake.problems).toEqual([]);
  await fake.stop();
});

async function started(options: Partial<ConstructorParameters<typeof WecomAdapter>[0]> = {}): Promise<WecomAdapter> {
  const adapter = new WecomAdapter({ mode: 'websocket', botId: fake.botId, secret: fake.secret, wsUrl: fake.wsUrl, logger, alert: async (text) => void alerts.push(text), reconnectIntervalMs: 50, ...options });
  adapters.push(adapter);
  await adapter.start(dispatcher(adapter, { bot: t.bot, logger, now: () => new Date() }));
  return adapter;
}

function ask(text: string, over: Parameters<FakeWecom['message']>[1] = {}): ReturnType<FakeWecom['message']> {
  const frame = fake.message(text, over);
  fake.push(frame);
  return frame;
}

describe('WeCom long connection', () => {
  it('answers a group @-message "民政局有哪些任务" with the unit\'s list, as a stream reply in that group', async () => {
    await started();
    ask('切换到汶上县', { userid: ADMIN });
    await until(() => fake.textsIn(GROUP).length === 1);
    const frame = ask('民政局有哪些任务', { userid: 'zhangsan' });
    await until(() => fake.textsIn(GROUP).length === 2);
    const text = fake.textsIn(GROUP)[1] ?? '';
    expect(text).toContain('**汶上县 县民政局');
    const expected = await t.chat(`expected-${Math.random()}`).send('汶上县民政局有哪些任务');
    const items = expected.blocks.flatMap((b) => (b.type === 'item' ? [markdownInert(b.lines[0] ?? '').slice(0, 12)] : []));
    expect(items.length).toBeGreaterThan(2);
    for (const snippet of items) expect(text).toContain(snippet);
    expect(fake.frames.find((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === frame.headers.req_id)?.body).toMatchObject({ msgtype: 'stream', stream: { finish: true } });
  });

  it('answers only messages: WeCom calls back in a group only when the bot is @-mentioned, and events get no answer', async () => {
    await started();
    const event = (eventtype: string, chattype: 'group' | 'single') => ({
      cmd: 'aibot_event_callback',
      headers: { req_id: `evt_${eventtype}` },
      body: { msgid: `evt-${eventtype}`, aibotid: fake.botId, chatid: 'wrkEvents', chattype, from: { userid: 'zhangsan' }, create_time: Math.floor(Date.now() / 1000), msgtype: 'event', event: { eventtype } },
    });
    fake.push(event('enter_chat', 'single'));
    fake.push(event('feedback_event', 'group'));
    ask('帮助', { chattype: 'single', userid: 'lisi' });
    await until(() => fake.textsIn('lisi').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('wrkEvents')).toEqual([]);
    expect(fake.textsIn('zhangsan')).toEqual([]);
  });

  it('answers a redelivered message once', async () => {
    await started();
    const frame = ask('帮助', { chatid: 'wrkRedeliver' });
    fake.push(frame);
    await until(() => fake.textsIn('wrkRedeliver').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('wrkRedeliver')).toHaveLength(1);
  });

  it('records "完成 3" from a staff member bound (as `cli bind --chat wecom:… --user …` does) with the WeCom userid', async () => {
    await started();
    const chat = { chatid: 'wrkLedger' };
    ask('切换到汶上县', { ...chat, userid: ADMIN });
    await until(() => fake.textsIn('wrkLedger').length === 1);
    const unit = t.store.index.units.find('民政局', ['汶上县'])[0];
    if (!unit) throw new Error('no 民政局 in 汶上县');
    await t.store.change((draft) => bindStaff(draft, { chat: 'wecom:wrkLedger', region: '汶上县', unit, people: [{ platform: 'wecom', userId: 'wangwu' }], by: { platform: 'cli', userId: 'cli' }, at: new Date().toISOString() }));
    ask('民政局有哪些任务', { ...chat, userid: 'wangwu' });
    ask('完成 3', { ...chat, userid: 'wangwu' });
    // Someone not bound asks for the same list (a list number refers to the person's own list), and is refused.
    ask('民政局有哪些任务', { ...chat, userid: 'zhaoliu' });
    ask('完成 2', { ...chat, userid: 'zhaoliu' });
    await until(() => fake.textsIn('wrkLedger').length === 5);
    const texts = fake.textsIn('wrkLedger');
    expect(texts[2]).toMatch(/已登记：第3条（县民政局/);
    expect(texts[4]).toContain('只有管理员或该任务责任单位的经办人可以登记进展');
    expect(t.store.data.ledger.at(-1)).toMatchObject({ action: 'done', by: { platform: 'wecom', userId: 'wangwu' }, chat: 'wecom:wrkLedger' });
  });

  it('sends the exported ledger as a file into the chat', async () => {
    await started();
    // The ledger names staff: it is exported only in a private chat with the bot.
    ask('导出台账 汶上县', { chatid: 'wrkExport', chattype: 'single', userid: ADMIN });
    await until(() => fake.filesIn(ADMIN).length === 1);
    const media = fake.media.get(fake.filesIn(ADMIN)[0] ?? '');
    expect(media?.filename).toMatch(/^汶上县政务公开台账-.*\.xlsx$/);
    expect(media?.bytes).toBeGreaterThan(1000);
  });

  it('refuses a wrong secret at start with a clear error', async () => {
    secrets.add('wrong-wecom-secret-99');
    const error = await started({ secret: 'wrong-wecom-secret-99' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as Error).message).toContain('WECOM_BOT_SECRET');
  });

  it('tells the admins when another process with the same Bot ID takes the connection over', async () => {
    await started();
    alerts.length = 0;
    await started();
    await until(() => alerts.length === 1);
    expect(alerts[0]).toBe(adminText.wecomTakenOver);
    expect(logs.some((l) => l.includes('wecom: another connection with this Bot ID took over'))).toBe(true);
  });

  it('is a reminder target: wecom:<chatid> gets a pushed markdown message @-mentioning the bound people', async () => {
    const bot = await started();
    const channels = new Channels();
    channels.add(bot.name, bot);
    const route = channels.resolveChannel('wecom:wrkReminders');
    await route?.channel.send({ chatId: route.chatId, mentions: ['wangwu'] }, { intent: 'due', blocks: [{ type: 'heading', text: '明天到期 1 项' }], tasks: [], related: [] });
    expect(fake.textsIn('wrkReminders')).toEqual(['<@wangwu>\n**明天到期 1 项**']);
  });
});

describe('WeCom callback (API mode)', () => {
  const token = 'fakeWecomToken01';
  const aesKey = randomEncodingAesKey();

  async function callbackUrl(): Promise<{ url: string; bot: WecomAdapter }> {
    secrets.add(token);
    secrets.add(aesKey);
    const bot = await started({ mode: 'callback', botId: undefined, secret: undefined, token, encodingAesKey: aesKey });
    http = new HttpServer({ host: '127.0.0.1', port: 0, logger });
    if (bot.http) http.mount(bot.http);
    await http.start();
    return { url: `http://127.0.0.1:${http.port}/wecom/callback`, bot };
  }

  const post = (url: string, signed: { query: string; body: string }): Promise<Response> => fetch(`${url}?${signed.query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: signed.body });

  it('passes the URL check, answers a signed, encrypted group message once through its response_url, and refuses forgeries without logging a secret', async () => {
    const { url } = await callbackUrl();
    const check = await fetch(`${url}?${urlCheckQuery(token, aesKey, 'echo-4711')}`);
    expect([check.status, await check.text()]).toEqual([200, 'echo-4711']);
    const logsBefore = logs.length;

    const message = fake.message('民政局有哪些任务', { chatid: 'wrkHttp', responseUrl: true }).body;
    const first = await post(url, signedCallback(token, aesKey, message));
    expect([first.status, await first.text()]).toEqual([200, '']);
    expect((await post(url, signedCallback(token, aesKey, message))).status).toBe(200);
    await until(() => fake.textsIn('wrkHttp').length === 1);
    expect(fake.textsIn('wrkHttp')[0]).toMatch(/民政局：点名负责 \d+ 项任务/);

    const forged = fake.message('帮助', { chatid: 'wrkForged', responseUrl: true }).body;
    expect((await post(url, signedCallback('not-the-token', aesKey, forged))).status).toBe(401);
    expect((await post(url, signedCallback(token, randomEncodingAesKey(), forged))).status).toBe(400);
    expect((await fetch(`${url}?${urlCheckQuery('not-the-token', aesKey, 'x')}`)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.textsIn('wrkForged')).toEqual([]);
    expect(fake.textsIn('wrkHttp')).toHaveLength(1);
    expect(logs.slice(logsBefore).filter((l) => l.includes('wecom: callback refused')).map((l) => /"reason":"([\w-]+)"/.exec(l)?.[1])).toEqual(['signature', 'decrypt', 'signature']);
  });

  it('cannot push or send files: a reminder fails with the reason, "导出台账" says where to get the ledger', async () => {
    const { url, bot } = await callbackUrl();
    const error = await bot.send({ chatId: 'wrkHttp' }, { intent: 'due', blocks: [{ type: 'paragraph', text: '提醒' }], tasks: [], related: [] }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('WECOM_MODE=websocket');
    await post(url, signedCallback(token, aesKey, fake.message('导出台账 汶上县', { chatid: 'wrkFiles', chattype: 'single', userid: ADMIN, responseUrl: true }).body));
    await until(() => fake.textsIn(ADMIN).length === 1);
    expect(fake.textsIn(ADMIN)[0]).toContain('npm run -s cli -- export --region 汶上县');
  });
});

describe('WeCom logs', () => {
  it('never contain a secret', () => {
    const all = logs.join('\n');
    expect(all).toContain('wecom:');
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
