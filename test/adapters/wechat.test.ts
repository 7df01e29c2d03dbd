// The real Wechaty, driven by wechaty-puppet-mock: a room where members talk to the bot.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { WechatAdapter } from '../../adapters/wechat.ts';
import { dispatcher } from '../../src/platform/dispatch.ts';
import type { IncomingMessage } from '../../src/platform/message.ts';
import { createLogger } from '../../src/log.ts';
import { startTestBot, type TestBot } from '../core/conversation.ts';
import { tempDir, until } from '../helpers.ts';
import { bundle, startChild } from '../store/child-process.ts';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

interface World {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  adapter: WechatAdapter;
  me: mock.ContactMock;
  member: mock.ContactMock;
  room: mock.RoomMock;
  /** What the bot said, by conversation id. */
  said: Array<{ to: string; text: string }>;
  handled: number;
  alerts: string[];
  logs: string[];
  dir: string;
  received: IncomingMessage[];
}

let w: World;
let cleanup: () => void;


const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 300));

beforeEach(async () => {
  const { dir, cleanup: c } = tempDir();
  cleanup = c;
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const alerts: string[] = [];
  const logs: string[] = [];
  const adapter = new WechatAdapter({ puppet, session: join(dir, 'wechat'), logger: createLogger((l) => logs.push(l), 'debug'), alert: async (text) => void alerts.push(text) });
  const world = { mocker, puppet, adapter, said: [], handled: 0, alerts, logs, dir, received: [] } as unknown as World;
  const dispatch = dispatcher(adapter, { bot: t.bot, logger: createLogger(() => {}), now: () => new Date() });
  await adapter.start(async (m) => {
    world.handled++;
    world.received.push(m);
    await dispatch(m);
  });
  world.me = mocker.createContact({ name: '政务助手' });
  world.member = mocker.createContact({ name: '张经办' });
  world.room = mocker.createRoom({ topic: '政务公开工作群', memberIdList: [world.me.id, world.member.id] });
  puppet.on('message', ({ messageId }) => {
    const payload = mocker.messagePayload(messageId);
    if (payload.talkerId === world.me.id) world.said.push({ to: payload.roomId ?? payload.listenerId ?? '', text: payload.text ?? '' });
  });
  mocker.login(world.me);
  await until(() => puppet.isLoggedIn);
  w = world;
});

afterEach(async () => {
  await w.adapter.stop();
  cleanup();
});

describe('WeChat (wechaty + puppet-mock)', () => {
  it('a member @-mentions the bot in a room and gets the unit’s tasks in that room', async () => {
    w.member.say('@政务助手 汶上县民政局有哪些任务', [w.me]).to(w.room);
    await until(() => w.said.length > 0);
    expect(w.said[0]?.to).toBe(w.room.id);
    expect(w.said[0]?.text).toContain('汶上县 县民政局');
    expect(w.said[0]?.text).toContain('多渠道发布养老保障');
  });

  it('a room message without mention is ignored; a command word is answered', async () => {
    w.member.say('民政局有哪些任务').to(w.room);
    await settle();
    expect(w.said).toHaveLength(0);
    w.member.say('帮助').to(w.room);
    await until(() => w.said.length > 0);
    expect(w.said[0]?.text).toContain('这个月有什么到期');
  });

  it('in a private chat, every message is answered', async () => {
    w.member.say('低保信息在哪公开').to(w.me);
    await until(() => w.said.length > 0);
    expect(w.said[0]?.to).toBe(w.member.id);
    expect(w.said[0]?.text).toContain('民政局');
  });

  it('its own messages (the echo of its replies) are ignored', async () => {
    w.member.say('@政务助手 帮助', [w.me]).to(w.room);
    await until(() => w.said.length > 0);
    await settle();
    expect(w.said).toHaveLength(1);
    expect(w.handled).toBe(1);
  });

  it('a message delivered twice (same id) is answered once', async () => {
    const message = w.mocker.MessageMock.create({
      id: 'duplicated-1',
      talkerId: w.member.id,
      roomId: w.room.id,
      mentionIdList: [w.me.id],
      text: '@政务助手 帮助',
      timestamp: Date.now(),
      type: 7,
    } as never);
    w.puppet.emit('message', { messageId: message.id });
    w.puppet.emit('message', { messageId: message.id });
    await until(() => w.said.length > 0);
    await settle();
    expect(w.said).toHaveLength(1);
  });

  it('a message older than a few minutes (delivered after a restart) is ignored', async () => {
    const message = w.mocker.MessageMock.create({
      id: 'old-1',
      talkerId: w.member.id,
      listenerId: w.me.id,
      text: '帮助',
      timestamp: Date.now() - 10 * 60_000,
      type: 7,
    } as never);
    w.puppet.emit('message', { messageId: message.id });
    await settle();
    expect(w.said).toHaveLength(0);
  });
});

describe('WeChat mentions', () => {
  it('people a message @-mentions are taken by the ids the puppet reports, never by a display name anyone can copy', async () => {
    const impostor = w.mocker.createContact({ name: '张经办' });
    await w.room.add(impostor);
    const emit = (id: string, extra: Record<string, unknown>) => {
      const message = w.mocker.MessageMock.create({ id, talkerId: w.member.id, roomId: w.room.id, text: '@政务助手 绑定 民政局 @张经办', timestamp: Date.now(), type: 7, ...extra } as never);
      w.puppet.emit('message', { messageId: message.id });
    };
    emit('by-name-1', {});
    emit('by-id-1', { mentionIdList: [w.me.id, w.member.id] });
    await until(() => w.received.length >= 2);
    const byName = w.received.find((m) => m.messageId === 'by-name-1');
    const byId = w.received.find((m) => m.messageId === 'by-id-1');
    expect(byName?.mentions).toEqual([]);
    expect(byId?.mentions?.map((m) => m.userId)).toEqual([w.member.id]);
  });
});

describe('WeChat logout', () => {
  it('alerts the admins; a reply sent while logged out waits for the next login', async () => {
    await w.puppet.logout();
    await until(() => w.alerts.length > 0);
    expect(w.alerts[0]).toContain('退出登录');
    const reply = { intent: 'help' as const, blocks: [{ type: 'paragraph' as const, text: '稍后送达' }], tasks: [], related: [] };
    let delivered = false;
    const sending = w.adapter.send({ chatId: w.room.id }, reply).then(() => (delivered = true));
    await settle();
    expect(delivered).toBe(false);
    w.mocker.login(w.me);
    await sending;
    await until(() => w.said.some((s) => s.text === '稍后送达'));
  });
});


describe('WeChat login', () => {
  it('shows the login QR code in the terminal', async () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    try {
      w.mocker.scan('https://login.weixin.qq.com/l/zwgk-test', 2);
      await until(() => printed.length > 0, 2000);
      expect(printed.join('\n')).toMatch(/[█▀▄]/);
    } finally {
      log.mockRestore();
    }
  });
});

describe('WeChat puppet error storm', () => {
  it('300 errors are one incident: one alert, one full log line; once the puppet works again the next error is a new incident', async () => {
    for (let i = 0; i < 300; i++) w.puppet.emit('error', { data: `network unreachable (attempt ${i})` } as never);
    await settle();
    expect(w.alerts).toHaveLength(1);
    expect(w.alerts[0]).toContain('连接异常');
    expect(w.logs.filter((l) => l.includes('ERROR'))).toHaveLength(1);
    expect(w.logs.filter((l) => /WARN|ERROR/.test(l)).length).toBeLessThanOrEqual(2);
    // A message arrives: the puppet works again.
    w.member.say('帮助').to(w.room);
    await until(() => w.logs.some((l) => l.includes('recovered') && l.includes('"failures":300')));
    w.puppet.emit('error', { data: 'network unreachable again' } as never);
    await until(() => w.alerts.length === 2);
  });
});

describe('the WeChat session file', () => {
  it('is written atomically: killed at random moments while saving, it always parses', async () => {
    const script = await bundle(join(import.meta.dirname, 'session-child.ts'));
    const { dir, cleanup: done } = tempDir();
    try {
      const name = join(dir, 'wechat');
      for (let round = 0; round < 12; round++) {
        const child = startChild(script, [name]);
        await child.printed('ready');
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
        child.child.kill(round % 2 ? 'SIGKILL' : 'SIGTERM');
        await child.exited;
        const text = readFileSync(`${name}.memory-card.json`, 'utf8');
        expect(() => JSON.parse(text), `round ${round}: ${text.length} bytes`).not.toThrow();
      }
      expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    } finally {
      rmSync(script, { force: true });
      done();
    }
  }, 60_000);

  it('an empty session file (left by an older version) is set aside with a warning; the bot starts', async () => {
    const { dir, cleanup: done } = tempDir();
    try {
      writeFileSync(join(dir, 'wechat.memory-card.json'), '');
      const logs: string[] = [];
      const mocker = new mock.Mocker();
      const adapter = new WechatAdapter({ puppet: new PuppetMock({ mocker }), session: join(dir, 'wechat'), logger: createLogger((l) => logs.push(l)) });
      await adapter.start(async () => {});
      expect(logs.join('\n')).toMatch(/WARN side file unreadable; set aside/);
      expect(readdirSync(dir).some((f) => f.startsWith('wechat.memory-card.json.corrupt-'))).toBe(true);
      await adapter.stop();
      if (existsSync(join(dir, 'wechat.memory-card.json'))) expect(() => JSON.parse(readFileSync(join(dir, 'wechat.memory-card.json'), 'utf8'))).not.toThrow();
    } finally {
      done();
    }
  });
});
