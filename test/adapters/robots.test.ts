// Group robots against local fake endpoints: signatures, errors in 200 answers, size limits, mentions,
// inert text, and the pace.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dingtalkRobot } from '../../adapters/robots/dingtalk.ts';
import { feishuRobot } from '../../adapters/robots/feishu.ts';
import { wecomRobot } from '../../adapters/robots/wecom.ts';
import type { Reply } from '../../src/model/reply.ts';
import { AdapterError } from '../../src/errors.ts';
import { FakeRobots } from './fake-robots.ts';

let fake: FakeRobots;
beforeEach(async () => {
  fake = await new FakeRobots().listen();
});
afterEach(() => fake.close());

const text = (t: string): Reply => ({ intent: 'help', blocks: [{ type: 'paragraph', text: t }], tasks: [], related: [] });
const items = (n: number): Reply => ({
  intent: 'due',
  blocks: Array.from({ length: n }, (_, i) => ({ type: 'item' as const, n: i + 1, lines: [`${'做好城乡低保信息公开'.repeat(8)}（${i + 1}）`, '时限：2022-06-30'] })),
  tasks: [],
  related: [],
});

describe('WeCom robot', () => {
  const robot = (windowMs?: number) => wecomRobot({ key: fake.secrets.wecomKey, apiRoot: fake.root }, { name: 'ops', windowMs });

  it('sends text, @-mentions by mobile number, splits under 2048 bytes between items', async () => {
    await robot().send({ chatId: 'ops', mentions: ['13800000000'] }, items(30));
    const sent = fake.of('wecom').map((r) => r.body as { msgtype: string; text: { content: string; mentioned_mobile_list?: string[] } });
    expect(sent.length).toBeGreaterThan(1);
    for (const m of sent) {
      expect(m.msgtype).toBe('text');
      expect(Buffer.byteLength(m.text.content)).toBeLessThanOrEqual(2048);
      expect(m.text.content.trimEnd().endsWith('时限：2022-06-30')).toBe(true);
      expect(m.text.mentioned_mobile_list).toEqual(['13800000000']);
    }
    expect(sent.map((m) => m.text.content).join('\n').match(/时限/g)).toHaveLength(30);
  });

  it('a 200 answer with a non-zero errcode is a failure', async () => {
    fake.wecomError = { count: 1, errcode: 45009 };
    await expect(robot().send({ chatId: 'ops' }, text('测试'))).rejects.toThrow(AdapterError);
    await expect(wecomRobot({ key: 'wrong-key', apiRoot: fake.root }, { name: 'x' }).send({ chatId: 'x' }, text('测试'))).rejects.toThrow(/93000/);
  });

  it('paces sends: never more than 20 in a window, the rest wait', async () => {
    const r = robot(600);
    await Promise.all(Array.from({ length: 45 }, (_, i) => r.send({ chatId: 'ops' }, text(`提醒 ${i}`))));
    const times = fake.of('wecom').map((x) => x.at);
    expect(times).toHaveLength(45);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 600).length).toBeLessThanOrEqual(20);
    expect((times[44] as number) - (times[0] as number)).toBeGreaterThanOrEqual(1200);
    expect(fake.of('wecom').map((x) => (x.body as { text: { content: string } }).text.content)).toEqual(Array.from({ length: 45 }, (_, i) => `提醒 ${i}`));
  });

  it('text from documents cannot @ everyone', async () => {
    await robot().send({ chatId: 'ops' }, text('请@所有人 注意，@all'));
    const content = (fake.of('wecom')[0]?.body as { text: { content: string } }).text.content;
    expect(content).not.toMatch(/@所有人|@all/);
  });
});

describe('DingTalk robot', () => {
  it('signs each request; the fake verifies the HMAC-SHA256 signature', async () => {
    const robot = dingtalkRobot({ accessToken: fake.secrets.dingToken, secret: fake.secrets.dingSecret, apiRoot: fake.root }, { name: 'ding' });
    await robot.send({ chatId: 'ding', mentions: ['13900000000'] }, text('本月有 3 项任务到期'));
    const body = fake.of('dingtalk')[0]?.body as { msgtype: string; text: { content: string }; at: { atMobiles: string[]; isAtAll: boolean } };
    expect(body.msgtype).toBe('text');
    expect(body.at).toEqual({ atMobiles: ['13900000000'], isAtAll: false });
    expect(body.text.content).toContain('@13900000000');
  });

  it('a wrong secret is reported as a failure, not a success', async () => {
    const robot = dingtalkRobot({ accessToken: fake.secrets.dingToken, secret: 'SECwrong', apiRoot: fake.root }, { name: 'ding' });
    await expect(robot.send({ chatId: 'ding' }, text('x'))).rejects.toThrow(/310000/);
    expect(fake.of('dingtalk')).toHaveLength(0);
  });
});

describe('Feishu robot', () => {
  it('signs the body; @ through <at> tags; "<" in text is neutralised', async () => {
    const robot = feishuRobot({ hookId: fake.secrets.feishuHook, secret: fake.secrets.feishuSecret, apiRoot: fake.root }, { name: 'fs' });
    await robot.send({ chatId: 'fs', mentions: ['ou_123'] }, text('<at user_id="all">所有人</at> 本月到期'));
    const body = fake.of('feishu')[0]?.body as { msg_type: string; content: { text: string } };
    expect(body.msg_type).toBe('text');
    expect(body.content.text).toContain('<at user_id="ou_123"></at>');
    expect(body.content.text).not.toContain('<at user_id="all">');
  });

  it('a wrong secret is a failure', async () => {
    const robot = feishuRobot({ hookId: fake.secrets.feishuHook, secret: 'wrong', apiRoot: fake.root }, { name: 'fs' });
    await expect(robot.send({ chatId: 'fs' }, text('x'))).rejects.toThrow(/19021/);
  });
});
