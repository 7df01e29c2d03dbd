// The secret sweep: the whole app (startApp) runs with every secret of the configuration set to a
// recognisable value, against fake Telegram and robot servers and a mock WeChat puppet; every error
// path that can carry a secret is provoked (a puppet error quoting the service token raw, URL-encoded,
// base64 and inside a URL; a Telegram error echoing the token; a robot error echoing its key; a robot
// that cannot be reached; a person typing a key into the chat). Then the logs, every reply and alert,
// and every body the fake servers received are searched for each secret in each of its forms.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { type App, startApp } from '../../src/app/main.ts';
import { secretsOf } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { FakeRobots } from '../adapters/fake-robots.ts';
import { FakeTelegram } from '../adapters/fake-telegram.ts';
import { SEEDS_DIR, tempDir, until } from '../helpers.ts';

const SECRETS = {
  telegram: '987654321:SWEEP-telegram-token-abcdefghij',
  webhook: 'SWEEP_webhook_secret_0123456789',
  puppet: 'puppet_service_SWEEP/token+0001=',
  wecomKey: 'SWEEP-wecom-key/0001+x',
  dingToken: 'SWEEPdingToken0001',
  dingSecret: 'SECSWEEPdingSecret0001',
  feishuHook: 'SWEEPfeishuHook0001',
  feishuSecret: 'SWEEPfeishuSecret0001',
  deadKey: 'SWEEPdeadRobotKey0001',
};

/** The forms a secret travels in: as written, URL-encoded, base64 (standard and URL-safe). */
function formsOf(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64').replace(/=+$/, '');
  return [secret, encodeURIComponent(secret), b64, b64.replace(/\+/g, '-').replace(/\//g, '_')];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === 'object' && address ? address.port : 0;
}

let app: App;
let telegram: FakeTelegram;
let robots: FakeRobots;
let mocker: mock.Mocker;
let puppet: PuppetMock;
let port: number;
const logs: string[] = [];
let cleanup: () => void;

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  telegram = await new FakeTelegram(SECRETS.telegram).listen();
  robots = await new FakeRobots({ wecomKey: SECRETS.wecomKey, dingToken: SECRETS.dingToken, dingSecret: SECRETS.dingSecret, feishuHook: SECRETS.feishuHook, feishuSecret: SECRETS.feishuSecret }).listen();
  mocker = new mock.Mocker();
  puppet = new PuppetMock({ mocker });
  port = await freePort();
  const root = robots.root;
  app = await startApp({
    env: {
      ZWGK_STORE: join(temp.dir, 'store.json'),
      ZWGK_SEEDS_DIR: SEEDS_DIR,
      ZWGK_LOG_LEVEL: 'debug',
      ZWGK_ADMINS: 'telegram:8',
      ZWGK_ALERT_TARGETS: 'robot:ops,robot:ding,robot:fs,robot:dead,telegram:8',
      ZWGK_ROBOTS: JSON.stringify([
        { name: 'ops', type: 'wecom', key: SECRETS.wecomKey, apiRoot: root },
        { name: 'ding', type: 'dingtalk', accessToken: SECRETS.dingToken, secret: SECRETS.dingSecret, apiRoot: root },
        { name: 'fs', type: 'feishu', hookId: SECRETS.feishuHook, secret: SECRETS.feishuSecret, apiRoot: root },
        { name: 'dead', type: 'wecom', key: SECRETS.deadKey, apiRoot: 'http://127.0.0.1:9' },
      ]),
      TELEGRAM_BOT_TOKEN: SECRETS.telegram,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.gov.cn/telegram',
      TELEGRAM_WEBHOOK_SECRET: SECRETS.webhook,
      TELEGRAM_WEBHOOK_PORT: String(port),
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: SECRETS.puppet,
      WECHATY_SESSION: join(temp.dir, 'wechat'),
    },
    // Every error path is looked for line by line: the logger's counting of repeats is off here.
    logger: createLogger((l) => logs.push(l), 'debug', { floodWindowMs: 0 }),
    wechatPuppet: puppet,
    console: false,
  });
});
afterAll(async () => {
  await app?.stop();
  await telegram.close();
  await robots.close();
  cleanup();
});

const post = (update: Record<string, unknown>) =>
  fetch(`http://127.0.0.1:${port}/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRETS.webhook }, body: JSON.stringify(update) });

describe('the secret sweep', () => {
  it('every configured secret is one of the recognisable values', () => {
    expect(new Set(secretsOf(app.config))).toEqual(new Set(Object.values(SECRETS)));
  });

  it('provokes every error path, then finds no secret in any form in logs, replies, alerts or bodies received', async () => {
    const token = SECRETS.puppet;
    // 1. The puppet fails, quoting its token every way it travels: one incident, one alert to every target.
    puppet.emit('error', { data: `dial https://puppet.example.com/v0?token=${encodeURIComponent(token)} failed; token ${token}; auth ${Buffer.from(`user:${token}`).toString('base64')}` } as never);
    await until(() => robots.of('wecom').length >= 1 && robots.of('dingtalk').length >= 1 && robots.of('feishu').length >= 1 && telegram.messagesTo(8).length >= 1);
    // 2. A Telegram error that echoes the token (and the URL it was called with).
    telegram.failSend = { chatId: '9', description: `Bad Request: https://api.telegram.org/bot${SECRETS.telegram}/sendMessage ${encodeURIComponent(SECRETS.telegram)}` };
    expect((await post(telegram.update({ chatId: 9, chatType: 'private', text: '帮助', fromId: 9, updateId: 5001 }))).status).toBe(200);
    await until(() => logs.some((l) => l.includes('reply failed')));
    // 3. A robot error that echoes its key; 4. a robot that cannot be reached (the alert to robot:dead).
    robots.wecomError = { count: 1, errcode: 93000, errmsg: `invalid webhook url ?key=${SECRETS.wecomKey} (${encodeURIComponent(SECRETS.wecomKey)})` };
    await app.alert(`测试告警 ${SECRETS.dingSecret}`);
    await until(() => logs.filter((l) => l.includes('alert failed')).length >= 3);
    // 5. A person types a key into the chat: the reply quotes the question.
    expect((await post(telegram.update({ chatId: 8, chatType: 'private', text: `低保 ${SECRETS.feishuSecret}`, fromId: 8, updateId: 5002 }))).status).toBe(200);
    await until(() => telegram.messagesTo(8).length >= 3);

    const bodies = [
      ...robots.received.map((r) => JSON.stringify(r.body)),
      // setWebhook carries the webhook secret to Telegram by protocol: every other call is searched.
      ...telegram.calls.map((c) => JSON.stringify(c.method === 'setWebhook' ? { ...c.params, secret_token: undefined } : c.params)),
    ];
    const everything = [...logs, ...bodies].join('\n');
    for (const secret of Object.values(SECRETS)) for (const form of formsOf(secret)) expect(everything.includes(form), `${secret} as ${form}`).toBe(false);
    // The paths were taken: the alert reached the robots and the admin, redacted.
    expect(robots.of('wecom').some((r) => JSON.stringify(r.body).includes('***'))).toBe(true);
    expect(telegram.messagesTo(8).some((m) => m.includes('连接异常') && m.includes('***'))).toBe(true);
    expect(logs.some((l) => l.includes('ERROR wechat: puppet: failing'))).toBe(true);
  });
});
