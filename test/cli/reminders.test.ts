// Reminders from the command line: preview, subscribe, unsubscribe, bind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StoreData } from '../../src/store/schema.ts';
import { useCli } from './run.ts';

const { cli, storePath } = useCli();

type Preview = { chats: Array<{ chat: string; items: Array<{ task: { requirement: string; deadline: { due: string } }; reason: string }> }> };

describe('reminders from the command line', () => {
  it('reminders preview --region 汶上县 --today 2022-06-24 lists the three tasks due 2022-06-30 as due soon', async () => {
    const { code, out } = await cli('reminders', 'preview', '--region', '汶上县', '--today', '2022-06-24', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as Preview;
    const soon = json.chats[0]!.items.filter((i) => i.reason === 'due-soon');
    expect(soon.map((i) => i.task.deadline.due)).toEqual(['2022-06-30', '2022-06-30', '2022-06-30']);
    for (const text of ['进一步规范流调信息发布和管理', '参考国务院有关部门印发的试点领域', '严格执行国家部委、省直部门、市直部门']) {
      expect(soon.some((i) => i.task.requirement.includes(text))).toBe(true);
    }
  });

  it('subscribe and bind set up a robot group; preview shows that subscription', async () => {
    expect((await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县', '--unit', '卫健局', '--lead', '3,0', '--time', '08:30')).code).toBe(0);
    expect((await cli('bind', '--chat', 'robot:ops', '--unit', '卫健局', '--user', '13800000000', '--name', '卫健经办')).code).toBe(0);
    const json = JSON.parse((await cli('reminders', 'preview', '--chat', 'robot:ops', '--today', '2022-06-28', '--json')).out) as Preview;
    expect(json.chats.map((c) => c.chat)).toEqual(['robot:ops']);
    expect(json.chats[0]!.items.map((i) => i.reason)).toEqual(['due-soon', 'due-soon']);
    expect((await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县', '--lead', 'x')).code).toBe(2);
    expect((await cli('unsubscribe', '--chat', 'robot:ops')).code).toBe(0);
    expect(JSON.parse((await cli('reminders', 'preview', '--today', '2022-06-28', '--json')).out)).toEqual({ today: '2022-06-28', chats: [] });
  });

  it('binding a person again replaces the binding (by chat, unit, region and user id)', async () => {
    await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县');
    await cli('bind', '--chat', 'robot:ops', '--unit', '卫健局', '--user', '13800000000', '--name', '旧名');
    await cli('bind', '--chat', 'robot:ops', '--unit', '卫健局', '--user', '13800000000', '--name', '新名');
    const { bindings } = JSON.parse(readFileSync(storePath(), 'utf8')) as StoreData;
    expect(bindings.map((b) => [b.chat, b.region, b.unitKey, b.user])).toEqual([['robot:ops', '汶上县', '卫生健康局', { platform: 'robot', userId: '13800000000', name: '新名' }]]);
  });

  it.each([
    [['reminders', 'send'], /只有 preview/],
    [['subscribe', '--region', '汶上县'], /需要 --chat/],
    [['subscribe', '--chat', 'robot:ops'], /需要 --region/],
    [['subscribe', '--chat', 'robot:ops', '--region', '火星县'], /没有地区“火星县”/],
    [['subscribe', '--chat', 'robot:ops', '--region', '汶上县', '--lead', '61'], /0–60/],
    [['subscribe', '--chat', 'robot:ops', '--region', '汶上县', '--time', '24:00'], /HH:mm/],
    [['unsubscribe'], /需要 --chat/],
    [['bind', '--chat', 'robot:ops', '--unit', '民政局'], /bind --chat 会话/],
    [['subscribe', '--chat', 'robot:nobody', '--region', '汶上县'], /没有名为“nobody”的群机器人：已配置的有 ops/],
    [['bind', '--chat', 'robot:nobody', '--unit', '民政局', '--user', '13800000000'], /没有名为“nobody”的群机器人/],
  ])('usage error %j', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
