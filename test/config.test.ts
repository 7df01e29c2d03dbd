// Configuration: defaults, one clear line per wrong variable, and no secret echoed.
import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';
import { describeError } from '../src/texts/errors.ts';

/** What the operator reads when loading fails. */
function failure(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return describeError(e);
  }
  throw new Error('expected a ConfigError');
}

const TOKEN = '123456:AAbbCCddEEffGGhhIIjjKKll';

describe('loadConfig', () => {
  it('runs with no configuration at all: the console chat on the bundled data', () => {
    const config = loadConfig({});
    expect(config.storePath).toMatch(/data\/store\.json$/);
    expect(config.telegram).toBeNull();
    expect(config.wechat).toBeNull();
    expect(config.robots).toEqual([]);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(config.web).toEqual({ enabled: true, publicUrl: 'http://127.0.0.1:8787' });
  });

  it.each([
    [{ ZWGK_WEB: 'off' }, { enabled: false, publicUrl: 'http://127.0.0.1:8787' }, { host: '127.0.0.1', port: 8787 }],
    [{ ZWGK_WEB_HOST: '0.0.0.0', ZWGK_WEB_PORT: '9000' }, { enabled: true, publicUrl: 'http://127.0.0.1:9000' }, { host: '0.0.0.0', port: 9000 }],
    [{ ZWGK_WEB_HOST: '::1' }, { enabled: true, publicUrl: 'http://[::1]:8787' }, { host: '::1', port: 8787 }],
    [{ ZWGK_WEB_URL: 'https://taizhang.example.gov.cn/' }, { enabled: true, publicUrl: 'https://taizhang.example.gov.cn' }, { host: '127.0.0.1', port: 8787 }],
  ])('the web 台账 and the HTTP server from %j', (env, web, http) => {
    const config = loadConfig(env);
    expect(config.web).toEqual(web);
    expect(config.http).toEqual(http);
  });

  it('reads every platform', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.gov.cn/telegram',
      TELEGRAM_WEBHOOK_SECRET: 'a-long-webhook-secret',
      WECHATY_PUPPET: 'wechaty-puppet-wechat4u',
      ZWGK_ROBOTS: JSON.stringify([
        { name: 'ops', type: 'wecom', key: 'k1' },
        { name: 'zw', type: 'dingtalk', accessToken: 't', secret: 's' },
        { name: 'fs', type: 'feishu', hookId: 'h', secret: 's2' },
      ]),
      ZWGK_ADMINS: 'telegram:1, wechat:wxid_abc',
      ZWGK_ALERT_TARGETS: 'robot:ops',
    });
    expect(config.telegram).toMatchObject({ token: TOKEN, apiRoot: 'http://127.0.0.1:8081', webhook: { port: 8443 } });
    expect(config.robots.map((r) => r.type)).toEqual(['wecom', 'dingtalk', 'feishu']);
    expect(config.admins).toEqual(['telegram:1', 'wechat:wxid_abc']);
    expect(secretsOf(config)).toEqual(expect.arrayContaining([TOKEN, 'a-long-webhook-secret', 'k1', 't', 's', 'h', 's2']));
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token' }, /TELEGRAM_BOT_TOKEN 格式不对/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'localhost' }, /TELEGRAM_API_ROOT 应为完整网址.*must be a full URL/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.example/t' }, /TELEGRAM_WEBHOOK_SECRET 必须设置（因为设置了 TELEGRAM_WEBHOOK_URL）/],
    [{ TELEGRAM_API_ROOT: 'http://127.0.0.1:1' }, /TELEGRAM_BOT_TOKEN 必须设置/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_PORT: '99999' }, /TELEGRAM_WEBHOOK_PORT/],
    [{ WECHATY_PUPPET: 'wechaty-puppet-service' }, /WECHATY_PUPPET_SERVICE_TOKEN/],
    [{ ZWGK_ROBOTS: '[{"name":"a","type":"slack","key":"x"}]' }, /type 应为 wecom、dingtalk 或 feishu/],
    [{ ZWGK_ROBOTS: '[{"name":"a","type":"wecom"}]' }, /ZWGK_ROBOTS 第1项缺少 key（ZWGK_ROBOTS item 1: key is missing）/],
    [{ ZWGK_ADMINS: 'alice' }, /ZWGK_ADMINS 的每一项应为 平台:编号/],
    [{ ZWGK_LOG_LEVEL: 'loud' }, /ZWGK_LOG_LEVEL/],
    [{ ZWGK_WEB_PORT: '80000' }, /ZWGK_WEB_PORT 格式不对/],
    [{ ZWGK_WEB: 'maybe' }, /ZWGK_WEB 取值不在允许范围内/],
    [{ ZWGK_WEB_URL: 'taizhang' }, /ZWGK_WEB_URL 应为完整网址/],
  ])('%j is refused with a clear message', (env, message) => {
    expect(failure(env)).toMatch(message);
  });

  it('lists every problem at once', () => {
    expect(failure({ TELEGRAM_BOT_TOKEN: 'x', ZWGK_LOG_LEVEL: 'loud' })).toMatch(/TELEGRAM_BOT_TOKEN[\s\S]*ZWGK_LOG_LEVEL|ZWGK_LOG_LEVEL[\s\S]*TELEGRAM_BOT_TOKEN/);
  });

  it('never echoes a value: not a bad token, not the robots JSON', () => {
    const secret = 'super-secret-value-999';
    for (const env of [{ TELEGRAM_BOT_TOKEN: secret }, { ZWGK_ROBOTS: `[{"name":"a","type":"wecom","key":"${secret}"` }, { ZWGK_ROBOTS: `[{"name":"a","type":"x","key":"${secret}"}]` }]) {
      expect(failure(env)).not.toContain(secret);
    }
  });
});
