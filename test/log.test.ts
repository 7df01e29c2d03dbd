// No registered secret ever reaches a log line, however it is wrapped; and the one redaction hides a
// secret in every form it travels in, and credentials inside URLs whether registered or not.
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../src/errors.ts';
import { createLogger, redact, registerSecret } from '../src/log.ts';

describe('logger', () => {
  it('redacts registered secrets in messages, fields and error causes', () => {
    const secret = '987654:SECRET-token-for-tests';
    registerSecret(secret);
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), 'debug');
    log.info(`calling https://api.telegram.org/bot${secret}/getMe`);
    log.error('send failed', { url: `https://x/?key=${secret}`, error: new AdapterError('outer', { cause: new Error(`inner ${secret}`) }) });
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).toContain('***');
    expect(lines.join('\n')).toContain('inner ***');
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), 'warn');
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});

const SECRET = 'puppet_Zw/gk+tok=en 01"x';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('redact', () => {
  registerSecret(SECRET);
  it.each([
    ['as written', `token ${SECRET} end`],
    ['URL-encoded', `?token=${encodeURIComponent(SECRET)}&x=1`],
    ['URL-encoded, lower-case hex', `path/${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`],
    ['form-encoded', new URLSearchParams({ t: SECRET }).toString()],
    ['encodeURI', encodeURI(`https://x.example/${SECRET}`)],
    ['JSON-escaped', JSON.stringify({ token: SECRET })],
    ['base64', `Authorization: Basic ${b64(SECRET)}`],
    ['base64 inside a longer base64 (offset 1)', b64(`a${SECRET}zz`)],
    ['base64 inside a longer base64 (offset 2)', b64(`ab${SECRET}z`)],
    ['URL-safe base64', b64(`user:${SECRET}`).replace(/\+/g, '-').replace(/\//g, '_')],
  ])('a registered secret %s', (_form, text) => {
    const out = redact(text);
    expect(out).toContain('***');
    for (const form of [SECRET, encodeURIComponent(SECRET), b64(SECRET).replace(/=+$/, '')]) expect(out).not.toContain(form);
  });

  it.each([
    ['a WeCom webhook key', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx', 'key=***'],
    ['a DingTalk signed URL', 'https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1700000000000&sign=Zm9v%2Bbar%3D', 'access_token=***&timestamp=1700000000000&sign=***'],
    ['a Telegram bot path', 'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage', '/bot***/sendMessage'],
    ['a secret parameter', 'https://x.example/cb?client_secret=s3cr3t&state=1', 'client_secret=***&state=1'],
  ])('credentials inside URLs, registered or not: %s', (_name, text, expected) => {
    expect(redact(text)).toContain(expected);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['民政局有哪些任务', '已在网站发布解读 https://www.wenshang.gov.cn/art/2022/6/1/art_1.html', 'key: value']) expect(redact(text)).toBe(text);
  });
});
