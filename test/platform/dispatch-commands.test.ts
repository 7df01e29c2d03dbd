// Which group messages are for the bot: @-mentions, private chats, and commands said exactly.
import { describe, expect, it } from 'vitest';
import { isCommand, isForBot } from '../../src/platform/dispatch.ts';
import type { IncomingMessage } from '../../src/platform/message.ts';

const group = (text: string, mentioned = false): IncomingMessage => ({
  platform: 'telegram',
  chatId: '-1',
  chatType: 'group',
  userId: 'u',
  text,
  mentioned,
  messageId: '1',
  time: new Date(0),
});

describe('isCommand', () => {
  it.each<[string, boolean]>([
    ['完成 3', true],
    ['完成3', true],
    ['签收 12', true],
    ['撤销完成 3', true],
    ['进展 3 已在网站发布解读', true],
    ['第3条', true],
    ['第 三 条', true],
    ['详情 3', true],
    ['更多', true],
    ['帮助', true],
    ['/tasks 民政局', true],
    ['切换到冠县', true],
    ['订阅提醒', true],
    ['订阅 民政局 人社局', true],
    ['导出台账', true],
    ['完成了，材料已经上传', false],
    ['完成3项了吗？', false],
    ['完成3项了吗', false],
    ['签收1份文件', false],
    ['进展1：暂无', false],
    ['订阅号文章已发', false],
    ['第3条我看了，没问题', false],
    ['更多的材料明天发', false],
    ['帮助一下小王', false],
    ['完成率怎么这么低', false],
    ['你好', false],
  ])('%j → %s', (text, expected) => {
    expect(isCommand(text)).toBe(expected);
  });
});

describe('isForBot', () => {
  it('answers chatter in a group only when @-mentioned', () => {
    expect(isForBot(group('完成了，材料已经上传'))).toBe(false);
    expect(isForBot(group('完成了，材料已经上传', true))).toBe(true);
    expect(isForBot({ ...group('完成3项了吗？'), chatType: 'private' })).toBe(true);
    expect(isForBot(group('完成 3'))).toBe(true);
  });
});
