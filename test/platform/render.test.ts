// Platform rendering: plainMessages splits a reply between blocks under a platform's limit (characters
// for Telegram and WeChat, UTF-8 bytes for WeCom), after a per-block transform; inert() takes the @ out
// of "@所有人" / "@all" so that document text never addresses a whole group.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/reply.ts';
import { inert, plainMessages, type Limit } from '../../src/platform/render.ts';
import { utf8Bytes } from '../../src/platform/reply.ts';

const item = (n: number, text: string): Block => ({ type: 'item', n, lines: [text, '牵头：县民政局'] });
const reply = (...blocks: Block[]): { blocks: Block[] } => ({ blocks });

describe('plainMessages', () => {
  const list = reply({ type: 'heading', text: '本月到期（3项）' }, item(1, '公开低保标准'), item(2, '公开救助资金'), item(3, '公开养老补贴'));
  // "本月到期（3项）" is 8 characters / 22 bytes; each item "1. 公开低保标准\n   牵头：县民政局" is 20 characters / 46 bytes.

  it.each<[string, Limit, number[]]>([
    ['a Telegram-sized limit: one message', { max: 4096 }, [4]],
    ['50 characters: heading and two items exactly, then one', { max: 50 }, [3, 1]],
    ['41 characters: heading and an item, then two items', { max: 41 }, [2, 2]],
    ['40 characters: two items no longer fit together', { max: 40 }, [2, 1, 1]],
    ['20 characters: one block a message', { max: 20 }, [1, 1, 1, 1]],
    ['50 UTF-8 bytes: one block a message', { max: 50, size: utf8Bytes }, [1, 1, 1, 1]],
    ['100 UTF-8 bytes: heading and an item, then two items', { max: 100, size: utf8Bytes }, [2, 2]],
  ])('%s', (_what, limit, blocksPerMessage) => {
    const messages = plainMessages(list, limit);
    const measure = limit.size ?? ((s: string) => s.length);
    expect(messages.map((m) => m.split(/\n(?! {3})/).length)).toEqual(blocksPerMessage);
    for (const m of messages) expect(measure(m)).toBeLessThanOrEqual(limit.max);
    // Items are whole: every item keeps its detail line right after it.
    expect(messages.join('\n')).toBe('本月到期（3项）\n1. 公开低保标准\n   牵头：县民政局\n2. 公开救助资金\n   牵头：县民政局\n3. 公开养老补贴\n   牵头：县民政局');
  });

  it('applies the transform to each block before measuring', () => {
    const messages = plainMessages(reply({ type: 'paragraph', text: '请@所有人注意' }, { type: 'paragraph', text: 'abc' }), { max: 100 }, inert);
    expect(messages).toEqual(['请@\u200b所有人注意\nabc']);
  });

  it('cuts a paragraph longer than the limit', () => {
    expect(plainMessages(reply({ type: 'paragraph', text: '一二三四五六七' }), { max: 9, size: utf8Bytes })).toEqual(['一二三', '四五六', '七']);
  });
});

describe('inert', () => {
  it.each([
    ['@所有人 请注意', '@\u200b所有人 请注意'],
    ['＠所有人', '@\u200b所有人'],
    ['请 @ 所有人 注意', '请 @\u200b 所有人 注意'],
    ['@all', '@\u200ball'],
    ['@ALL please', '@\u200bALL please'],
    ['@everyone @here', '@\u200beveryone @\u200bhere'],
    ['@allen 你好', '@allen 你好'],
    ['联系 @张三', '联系 @张三'],
    ['没有at', '没有at'],
  ])('%j → %j', (text, expected) => {
    expect(inert(text)).toBe(expected);
  });
});
