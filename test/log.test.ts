// The logger: no registered secret ever reaches a line; one line per event, as text or JSON; the
// context of one message on every line of its handling; the same error counted, not repeated; and the
// one redaction hides a secret in every form it travels in, and credentials inside URLs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdapterError } from '../src/errors.ts';
import { createLogger, logFormatFor, redact, registerSecret, withLogContext } from '../src/log.ts';
import { dispatcher } from '../src/platform/dispatch.ts';
import type { IncomingMessage } from '../src/platform/message.ts';

function capture(options: Parameters<typeof createLogger>[2] = {}, level: Parameters<typeof createLogger>[1] = 'debug') {
  const lines: string[] = [];
  return { lines, log: createLogger((l) => lines.push(l), level, options) };
}

describe('logger', () => {
  it('redacts registered secrets in messages, fields and error causes, in both formats', () => {
    const secret = '987654:SECRET-token-for-tests';
    registerSecret(secret);
    for (const format of ['text', 'json'] as const) {
      const { lines, log } = capture({ format });
      log.info(`calling https://api.telegram.org/bot${secret}/getMe`);
      log.error('send failed', { url: `https://x/?key=${secret}`, error: new AdapterError('outer', { cause: new Error(`inner ${secret}`) }) });
      expect(lines.join('\n')).not.toContain(secret);
      expect(lines.join('\n')).toContain('***');
      expect(lines.join('\n')).toContain('inner ***');
    }
  });

  it('honours the level', () => {
    const { lines, log } = capture({}, 'warn');
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });

  it('writes one JSON object per line: time, level, message and fields', () => {
    const { lines, log } = capture({ format: 'json', now: () => new Date('2026-06-01T01:02:03Z') });
    log.warn('digest not delivered\nwill retry', { chat: 'robot:ops', error: new Error('HTTP 500') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2026-06-01T01:02:03.000Z',
      level: 'warn',
      msg: 'digest not delivered\nwill retry',
      chat: 'robot:ops',
      error: { name: 'Error', message: 'HTTP 500' },
    });
  });

  it('keeps a text line on one line whatever the message holds', () => {
    const { lines, log } = capture();
    log.info('two\nlines', { note: 'a\nb' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
  });

  it.each([
    [undefined, true, 'text'],
    [undefined, false, 'json'],
    [undefined, undefined, 'json'],
    ['json', true, 'json'],
    ['text', false, 'text'],
  ] as const)('format asked %s, terminal %s → %s', (asked, isTTY, expected) => {
    expect(logFormatFor(asked, { isTTY })).toBe(expected);
  });
});

describe('context', () => {
  it('puts the fields of the context on every line inside it, across awaits, and nowhere else', async () => {
    const { lines, log } = capture({ format: 'json' });
    await withLogContext({ messageId: 'm1', chat: 'c1' }, async () => {
      log.info('first');
      await new Promise((r) => setTimeout(r, 1));
      log.info('after an await');
    });
    log.info('outside');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.slice(0, 2).map((p) => [p.messageId, p.chat])).toEqual([['m1', 'c1'], ['m1', 'c1']]);
    expect(parsed[2]).not.toHaveProperty('messageId');
  });

  it('the dispatcher names the message and chat on every line of its handling, the bot’s included', async () => {
    const { lines, log } = capture({ format: 'json' });
    const message: IncomingMessage = { platform: 'telegram', chatId: '-100', chatType: 'private', userId: 'u', text: 'hi', mentioned: true, messageId: '42', time: new Date() };
    const bot = {
      handle: async () => {
        log.info('answering');
        await Promise.resolve();
        throw new Error('boom');
      },
    };
    await dispatcher({ name: 'telegram', send: async () => {} }, { bot, logger: log, now: () => new Date() })(message);
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string });
    expect(parsed.map((p) => p.msg)).toEqual(expect.arrayContaining(['answering', 'reply failed']));
    for (const line of parsed) expect(line).toMatchObject({ messageId: '42', chat: '-100', adapter: 'telegram' });
  });
});

describe('error flood', () => {
  afterEach(() => vi.useRealTimers());

  it('writes the first of a storm, then one line counting the rest when the window closes', () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') });
    const { lines, log } = capture({ format: 'json', floodWindowMs: 60_000 });
    // Each in the context of another message: the context is not what makes lines differ.
    for (let i = 0; i < 1000; i++) withLogContext({ messageId: String(i) }, () => log.error('wechat: puppet error', { error: new Error('socket hang up') }));
    log.error('wechat: puppet error', { error: new Error('another failure') });
    expect(lines).toHaveLength(2);
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toMatchObject({ level: 'error', repeated: 999, msg: 'wechat: puppet error (repeated 999 more times)' });
    log.error('wechat: puppet error', { error: new Error('socket hang up') });
    expect(lines).toHaveLength(4);
  });

  it('lines that differ in their fields (another target) are not the same line', () => {
    vi.useFakeTimers();
    const { lines, log } = capture();
    for (const target of ['robot:a', 'robot:b', 'robot:a']) log.warn('alert failed', { target, error: new Error('HTTP 500') });
    expect(lines).toHaveLength(2);
  });

  it('never holds back info lines, and counts a storm of the same warning once', () => {
    vi.useFakeTimers();
    const { lines, log } = capture();
    for (let i = 0; i < 5; i++) log.info('digest sent', { chat: 'a' });
    for (let i = 0; i < 5; i++) log.warn('alert target not available', { target: 'robot:x' });
    expect(lines).toHaveLength(6);
  });

  it('is bounded: past the limit of distinct storms, the oldest is summed up and forgotten', () => {
    vi.useFakeTimers();
    const { lines, log } = capture({ format: 'json', floodKeys: 3 });
    for (const n of [1, 1, 2, 3, 4]) log.error('failed', { error: new Error(`e${n}`) });
    // e1 (with one repeat) was evicted when e4 arrived: its summary came out then.
    expect(lines.map((l) => (JSON.parse(l) as { repeated?: number }).repeated ?? null)).toEqual([null, null, null, 1, null]);
    log.error('failed', { error: new Error('e1') });
    expect(lines).toHaveLength(6);
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
