// As a newcomer would on DingTalk: only the DingTalk variables (the app's Client ID and Secret, and
// the API roots pointing at a local fake DingTalk), `npm start`, and a group asks the robot. Stream mode
// needs no public address and no HTTP server.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEEDS_DIR, startBot, type StartedBot, tempDir, until } from '../helpers.ts';
import { FakeDingtalk } from './fakes/dingtalk.ts';

let fake: FakeDingtalk;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  fake = await FakeDingtalk.start();
});
afterEach(async () => {
  await fake.stop();
  cleanup();
});

/** The environment without anything that configures another platform (a developer's shell may have some). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ZWGK_|TELEGRAM_|WECHATY_|DINGTALK_|FEISHU_|WECOM_)/.test(k)));
}

const start = (extra: NodeJS.ProcessEnv = {}): StartedBot =>
  startBot(
    {
      ...cleanEnv(),
      DINGTALK_CLIENT_ID: fake.clientId,
      DINGTALK_CLIENT_SECRET: fake.clientSecret,
      DINGTALK_API_ROOT: fake.base,
      DINGTALK_OAPI_ROOT: fake.base,
      ZWGK_STORE: join(dir, 'store.json'),
      ZWGK_SEEDS_DIR: SEEDS_DIR,
      ZWGK_LOG_LEVEL: 'debug',
      ...extra,
    },
    join(dir, 'store.json'),
  );

describe('a newcomer starts the bot on DingTalk (Stream mode)', () => {
  it('connects with only the DingTalk variables, answers a group question in that group, and never logs the secret', async () => {
    // Without the web 台账 (on by default, it would open the HTTP server), Stream mode opens no port.
    const bot = start({ ZWGK_WEB: 'off' });
    const logs = bot.logs;
    try {
      await until(() => fake.connected(), 60_000);
      const { frame } = fake.botMessage({ text: { content: ' 汶上县民政局有哪些任务' } });
      fake.push(frame);
      await until(() => fake.textsIn('cidGroupZwgk0001==').length > 0, 15_000);
      expect(fake.textsIn('cidGroupZwgk0001==')[0]).toContain('汶上县 县民政局');
      expect(fake.acks.map((a) => a.headers.messageId)).toContain(frame.headers.messageId);
    } finally {
      await bot.stop();
    }
    await until(() => logs.join('').includes('stopping'));
    const all = logs.join('');
    expect(all).toContain('adapter started');
    expect(all).not.toContain('http: listening');
    expect(all).not.toContain(fake.clientSecret);
    expect(fake.problems).toEqual([]);
  }, 120_000);
});

describe('the DingTalk HTTP callback mode through npm start', () => {
  it('mounts /dingtalk/callback on the one HTTP server (ZWGK_WEB_HOST / ZWGK_WEB_PORT) and answers a signed callback', async () => {
    const bot = start({ DINGTALK_MODE: 'http', ZWGK_WEB_PORT: '0' });
    const logs = bot.logs;
    try {
      // The log is JSON here (not a terminal): {"msg":"http: listening",…,"port":…}.
      await until(() => /http: listening.*"port":\d+/.test(logs.join('')), 60_000);
      const port = /http: listening.*"port":(\d+)/.exec(logs.join(''))?.[1];
      const { data } = fake.botMessage({ conversationId: 'cidNewcomerHttp==', text: { content: ' 汶上县民政局有哪些任务' } });
      expect(await fake.deliver(`http://127.0.0.1:${port ?? ''}/dingtalk/callback`, data)).toBe(200);
      expect(await fake.deliver(`http://127.0.0.1:${port ?? ''}/dingtalk/callback`, data, { secret: 'forged' })).toBe(401);
      await until(() => fake.textsIn('cidNewcomerHttp==').length > 0, 15_000);
      expect(fake.textsIn('cidNewcomerHttp==')[0]).toContain('汶上县 县民政局');
      expect(fake.opens).toEqual([]);
      // The server that runs for the callback also answers health checks.
      const health = await fetch(`http://127.0.0.1:${port ?? ''}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', adapters: [{ name: 'dingtalk', state: 'up' }] });
      // The web 台账 is on the same server: a page without a session is sent to sign-in.
      const web = await fetch(`http://127.0.0.1:${port ?? ''}/web`, { redirect: 'manual' });
      expect(web.status).toBe(303);
      expect(web.headers.get('location')).toBe('/web/login');
    } finally {
      await bot.stop();
    }
    expect(logs.join('')).not.toContain(fake.clientSecret);
  }, 120_000);
});
