// Configuration: defaults, one clear line per wrong variable, and no secret echoed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    [{ ZWGK_LOG_LEVEL: 'loud' }, /ZWGK_LOG_LEVEL 应为 debug、info、warn、error 之一（ZWGK_LOG_LEVEL must be one of debug, info, warn, error）/],
    [{ ZWGK_LOG_FORMAT: 'xml' }, /ZWGK_LOG_FORMAT 应为 text、json 之一/],
    [{ ZWGK_SEGMENTER: 'gpu' }, /ZWGK_SEGMENTER 应为 auto、native、wasm 之一/],
    [{ ZWGK_WEB_PORT: '0' }, /ZWGK_WEB_PORT 应为 1–65535 的端口号（ZWGK_WEB_PORT must be a port number from 1 to 65535）/],
  ])('%j is refused with a clear message', (env, message) => {
    expect(failure(env)).toMatch(message);
  });

  // What an operator writes into ZWGK_ROBOTS, and the one line they read back: the item, the field, what to do.
  it.each([
    ['a robot without its key', '[{"name":"ops","type":"wecom"}]', 'ZWGK_ROBOTS 第1项缺少 key（ZWGK_ROBOTS item 1: key is missing）'],
    ['a robot without a name', '[{"type":"wecom","key":"k"}]', 'ZWGK_ROBOTS 第1项缺少 name（ZWGK_ROBOTS item 1: name is missing）'],
    ['the second robot without its token', '[{"name":"a","type":"wecom","key":"k"},{"name":"b","type":"dingtalk","secret":"s"}]', 'ZWGK_ROBOTS 第2项缺少 accessToken（ZWGK_ROBOTS item 2: accessToken is missing）'],
    ['an empty secret', '[{"name":"a","type":"feishu","hookId":"h","secret":" "}]', 'ZWGK_ROBOTS 第1项缺少 secret（ZWGK_ROBOTS item 1: secret is missing）'],
    ['a key given as a number', '[{"name":"a","type":"wecom","key":5}]', 'ZWGK_ROBOTS 第1项 key 应为带引号的文字，例如 "abc"（ZWGK_ROBOTS item 1: key must be a quoted string such as "abc"）'],
    ['a bad apiRoot', '[{"name":"a","type":"wecom","key":"k","apiRoot":"intranet"}]', 'ZWGK_ROBOTS 第1项 apiRoot 应为完整网址，例如 https://…（ZWGK_ROBOTS item 1: apiRoot must be a full URL such as https://…）'],
    ['an unknown type', '[{"name":"a","type":"slack","key":"k"}]', 'ZWGK_ROBOTS 第1项 type 应为 wecom、dingtalk 或 feishu（ZWGK_ROBOTS item 1: type must be wecom, dingtalk or feishu）'],
    ['one robot, not in a list', '{"name":"a","type":"wecom","key":"k"}', 'ZWGK_ROBOTS 不是有效的 JSON 数组（示例见 .env.example）（ZWGK_ROBOTS is not a valid JSON array (see .env.example)）'],
    ['a list of names', '["ops"]', 'ZWGK_ROBOTS 第1项 应为一个对象，例如 {"name":"ops","type":"wecom","key":"…"}（ZWGK_ROBOTS item 1: must be an object such as {"name":"ops","type":"wecom","key":"…"}）'],
    ['a name used twice', '[{"name":"a","type":"wecom","key":"k"},{"name":"a","type":"wecom","key":"j"}]', 'ZWGK_ROBOTS 第2项 name 重复（ZWGK_ROBOTS item 2: name is used twice）'],
  ])('ZWGK_ROBOTS with %s: one plain line in Chinese and English', (_name, robots, line) => {
    const report = failure({ ZWGK_ROBOTS: robots }).split('\n');
    expect(report).toContain(`  ${line}`);
    expect(report.join('\n')).not.toMatch(/Invalid input|expected string|\[0\.|undefined/);
  });

  it('the robot examples of .env.example are valid robots once their placeholders are filled', () => {
    const example = readFileSync(join(import.meta.dirname, '..', '.env.example'), 'utf8');
    const robots = [...example.matchAll(/^#\s+(\{"name".*\})\s*$/gm)].map((m) => m[1]!.replace(/<[^>]+>/g, 'filled-in'));
    expect(robots.length).toBe(3);
    expect(loadConfig({ ZWGK_ROBOTS: `[${robots.join(',')}]` }).robots.map((r) => r.type)).toEqual(['wecom', 'dingtalk', 'feishu']);
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
