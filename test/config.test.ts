// Configuration: defaults, one clear line per wrong variable, and no secret echoed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
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
    [{ ZWGK_LOG_LEVEL: 'loud' }, /ZWGK_LOG_LEVEL 应为 debug、info、warn、error 之一（ZWGK_LOG_LEVEL must be one of debug, info, warn, error）/],
    [{ ZWGK_LOG_FORMAT: 'xml' }, /ZWGK_LOG_FORMAT 应为 text、json 之一/],
    [{ ZWGK_SEGMENTER: 'gpu' }, /ZWGK_SEGMENTER 应为 auto、native、wasm 之一/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_PORT: '0' }, /TELEGRAM_WEBHOOK_PORT 应为 1–65535 的端口号（TELEGRAM_WEBHOOK_PORT must be a port number from 1 to 65535）/],
    [{ ZWGK_WEB_PORT: 'eighty' }, /ZWGK_WEB_PORT 应为 1–65535 的端口号/],
    [{ ZWGK_DATABASE_URL: 'mysql://u:p@h/db' }, /ZWGK_DATABASE_URL 应为 PostgreSQL 连接地址/],
    [{ ZWGK_DATABASE_URL: 'postgres://' }, /ZWGK_DATABASE_URL/],
    [{ ZWGK_DATABASE_SCHEMA: 'Drop Table' }, /ZWGK_DATABASE_SCHEMA 应为小写字母/],
    [{ ZWGK_ALERT_TARGETS: 'robot:ops' }, /ZWGK_ALERT_TARGETS 中的“robot:ops”不存在/],
    [{ ZWGK_ALERT_TARGETS: 'robot:ops', ZWGK_ROBOTS: '[{"name":"zwgk","type":"wecom","key":"k1"}]' }, /“robot:ops”不存在/],
    [{ ZWGK_ALERT_TARGETS: 'telegram:123' }, /“telegram:123”不存在.*telegram: and wechat: need that platform configured/],
    [{ ZWGK_ALERT_TARGETS: 'wechat:wxid_1' }, /“wechat:wxid_1”不存在/],
    [{ ZWGK_ALERT_TARGETS: 'console:x' }, /“console:x”不存在/],
    [{ ZWGK_WEB_PORT: '80000' }, /ZWGK_WEB_PORT 应为 1–65535 的端口号/],
    [{ ZWGK_WEB: 'maybe' }, /ZWGK_WEB 应为 on、off 之一/],
    [{ ZWGK_WEB_URL: 'taizhang' }, /ZWGK_WEB_URL 应为完整网址/],
  ])('%j is refused with a clear message', (env, message) => {
    expect(failure(env)).toMatch(message);
  });

  it('ZWGK_DATABASE_URL switches the store to PostgreSQL, its password kept out of logs', () => {
    const config = loadConfig({ ZWGK_DATABASE_URL: 'postgres://zwgk:p%40ss-w0rd@127.0.0.1:5432/zwgk', ZWGK_DATABASE_SCHEMA: 'county_a' });
    expect(config.store).toMatchObject({ databaseUrl: 'postgres://zwgk:p%40ss-w0rd@127.0.0.1:5432/zwgk', databaseSchema: 'county_a' });
    expect(secretsOf(config)).toContain('p@ss-w0rd');
    expect(loadConfig({}).store.databaseUrl).toBeUndefined();
    expect(failure({ ZWGK_DATABASE_URL: 'mysql://zwgk:hunter2-secret@h/db' })).not.toContain('hunter2-secret');
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

  it('alert targets that reach a configured robot or platform are accepted', () => {
    const config = loadConfig({ ZWGK_ALERT_TARGETS: 'robot:ops,telegram:1', ZWGK_ROBOTS: '[{"name":"ops","type":"wecom","key":"k1"}]', TELEGRAM_BOT_TOKEN: TOKEN });
    expect(config.alertTargets).toEqual(['robot:ops', 'telegram:1']);
  });

  it('.env.example copied as it is starts, grants nobody anything and alerts nowhere', () => {
    const env = parseEnv(readFileSync(join(import.meta.dirname, '..', '.env.example'), 'utf8'));
    const config = loadConfig(env);
    expect(config.admins).toEqual([]);
    expect(config.alertTargets).toEqual([]);
    expect(config.robots).toEqual([]);
    expect(config.telegram).toBeNull();
    expect(config.wechat).toBeNull();
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

describe('two-way DingTalk, Feishu and WeCom bots', () => {
  const FEISHU = { FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 'feishu-secret' };
  const AES_KEY = 'a'.repeat(43);

  it('reads each platform, its mode and API root, and the one HTTP server (ZWGK_WEB_HOST / ZWGK_WEB_PORT)', () => {
    const config = loadConfig({
      DINGTALK_CLIENT_ID: 'dingapp',
      DINGTALK_CLIENT_SECRET: 'ding-secret',
      DINGTALK_API_ROOT: 'https://api.zwdd.example.gov.cn',
      ...FEISHU,
      FEISHU_MODE: 'webhook',
      FEISHU_VERIFICATION_TOKEN: 'verify-token',
      FEISHU_ENCRYPT_KEY: 'encrypt-key',
      WECOM_MODE: 'callback',
      WECOM_TOKEN: 'wecom-token',
      WECOM_ENCODING_AES_KEY: AES_KEY,
      ZWGK_WEB_PORT: '9090',
      ZWGK_ADMINS: 'dingtalk:manager01,feishu:ou_abc,wecom:zhangsan',
    });
    expect(config.dingtalk).toEqual({ clientId: 'dingapp', clientSecret: 'ding-secret', mode: 'stream', apiRoot: 'https://api.zwdd.example.gov.cn', robotCode: undefined });
    expect(config.feishu).toMatchObject({ mode: 'webhook', verificationToken: 'verify-token', encryptKey: 'encrypt-key' });
    expect(config.wecom).toMatchObject({ mode: 'callback', token: 'wecom-token', encodingAesKey: AES_KEY });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 9090 });
    expect(config.admins).toEqual(['dingtalk:manager01', 'feishu:ou_abc', 'wecom:zhangsan']);
    expect(secretsOf(config)).toEqual(expect.arrayContaining(['ding-secret', 'feishu-secret', 'verify-token', 'encrypt-key', 'wecom-token', AES_KEY]));
    expect(secretsOf(config)).not.toContain('dingapp');
  });

  it('defaults: Stream, long connections, and the HTTP server on 127.0.0.1:8787; none configured without variables', () => {
    const config = loadConfig({ WECOM_BOT_ID: 'aib1', WECOM_BOT_SECRET: 's' });
    expect(config.wecom).toMatchObject({ mode: 'websocket', botId: 'aib1' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8787 });
    expect([config.dingtalk, config.feishu]).toEqual([null, null]);
  });

  it.each([
    [{ DINGTALK_CLIENT_ID: 'dingapp' }, ['DINGTALK_CLIENT_SECRET 必须设置（因为设置了 DINGTALK_CLIENT_ID）']],
    [{ DINGTALK_MODE: 'http' }, ['DINGTALK_CLIENT_ID 必须设置（因为设置了 DINGTALK_MODE）', 'DINGTALK_CLIENT_SECRET 必须设置（因为设置了 DINGTALK_MODE）']],
    [{ DINGTALK_CLIENT_ID: 'a', DINGTALK_CLIENT_SECRET: 'b', DINGTALK_MODE: 'socket' }, ['DINGTALK_MODE 应为 stream、http 之一（DINGTALK_MODE must be one of stream, http）']],
    [{ DINGTALK_CLIENT_ID: 'a', DINGTALK_CLIENT_SECRET: 'b', DINGTALK_API_ROOT: 'api.dingtalk.com' }, ['DINGTALK_API_ROOT 应为完整网址']],
    [{ ...FEISHU, FEISHU_APP_ID: 'cli_123' }, ['FEISHU_APP_ID 格式不对，应形如 cli_ 加 16 位十六进制']],
    [{ ...FEISHU, FEISHU_MODE: 'webhook' }, ['FEISHU_VERIFICATION_TOKEN 必须设置（因为设置了 FEISHU_MODE=webhook）', 'FEISHU_ENCRYPT_KEY 必须设置（因为设置了 FEISHU_MODE=webhook）']],
    [{ FEISHU_ENCRYPT_KEY: 'k' }, ['FEISHU_APP_ID 必须设置（因为设置了 FEISHU_ENCRYPT_KEY）', 'FEISHU_APP_SECRET 必须设置']],
    [{ WECOM_BOT_ID: 'aib' }, ['WECOM_BOT_SECRET 必须设置（因为设置了 WECOM_BOT_ID）']],
    [{ WECOM_MODE: 'callback', WECOM_TOKEN: 't', WECOM_ENCODING_AES_KEY: 'short' }, ['WECOM_ENCODING_AES_KEY 应为 43 位字母和数字']],
    [{ WECOM_MODE: 'callback' }, ['WECOM_TOKEN 必须设置（因为设置了 WECOM_MODE=callback）', 'WECOM_ENCODING_AES_KEY 必须设置（因为设置了 WECOM_MODE=callback）']],
    [{ WECOM_BOT_ID: 'a', WECOM_BOT_SECRET: 'b', WECOM_WS_URL: 'https://openws.example' }, ['WECOM_WS_URL 应为 wss:// 或 ws:// 开头的完整地址']],
    [{ ZWGK_WEB_PORT: '70000' }, ['ZWGK_WEB_PORT']],
    [{ ZWGK_ADMINS: 'dingtalk' }, ['ZWGK_ADMINS 的每一项应为 平台:编号']],
  ])('%j: one line per problem', (env, lines) => {
    const report = failure(env).split('\n').filter((l) => l.startsWith('  '));
    expect(report).toHaveLength(lines.length);
    lines.forEach((line, i) => expect(report[i]).toContain(line));
  });

  it('never echoes a secret in a problem', () => {
    const secret = 'wecom-aes-key-that-is-wrong';
    expect(failure({ WECOM_MODE: 'callback', WECOM_TOKEN: 'tok-secret-1', WECOM_ENCODING_AES_KEY: secret })).not.toMatch(/wecom-aes-key-that-is-wrong|tok-secret-1/);
  });
});
