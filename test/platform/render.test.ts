// Platform rendering: plainMessages splits a reply between blocks under a platform's limit (characters
// for Telegram and WeChat, UTF-8 bytes for WeCom), after a per-block transform; inert() takes the @ out
// of "@所有人" / "@all" so that document text never addresses a whole group.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/reply.ts';
import { inert, markdownInert, markdownMessages, type MarkdownStyle, plainMessages, renderMarkdownBlock, withoutFile, type Limit } from '../../src/platform/render.ts';
import type { Reply } from '../../src/model/reply.ts';
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

describe('markdownInert', () => {
  it.each([
    ['**加粗**', '＊＊加粗＊＊'],
    ['[链接](http://x.example)', '［链接］(http://x.example)'],
    ['<at user_id="ou_1"></at>', '＜at user＿id="ou＿1"＞＜/at＞'],
    ['<@zhangsan>', '＜@zhangsan＞'],
    ['# 标题', '＃ 标题'],
    ['a_b~c`d|e\\f', 'a＿b～c｀d｜e＼f'],
    ['@所有人 请注意', '@\u200b所有人 请注意'],
    ['公开低保标准（2022年）', '公开低保标准（2022年）'],
  ])('%j → %j', (text, expected) => {
    expect(markdownInert(text)).toBe(expected);
  });
});

describe('markdown rendering', () => {
  const DINGTALK: MarkdownStyle = { lineBreak: '  \n', blockBreak: '\n\n' };
  const PLAIN: MarkdownStyle = { lineBreak: '\n', blockBreak: '\n' };

  it.each<[Block, MarkdownStyle, string]>([
    [{ type: 'heading', text: '县民政局的任务（2项）' }, PLAIN, '**县民政局的任务（2项）**'],
    [{ type: 'paragraph', text: '第一行\n第二行' }, DINGTALK, '第一行  \n第二行'],
    [{ type: 'hint', text: '回复“更多”查看' }, PLAIN, '👉 回复“更多”查看'],
    [{ type: 'item', n: 3, lines: ['公开*低保*标准', '牵头：县民政局'] }, PLAIN, '**3.** 公开＊低保＊标准\n\u3000牵头：县民政局'],
    [{ type: 'item', n: 1, lines: ['要求', '时限：全年'] }, DINGTALK, '**1.** 要求  \n\u3000时限：全年'],
  ])('%j in %j', (block, style, expected) => {
    expect(renderMarkdownBlock(block, style)).toBe(expected);
  });

  it('splits between blocks with the style\'s block break, under the limit', () => {
    const list = reply({ type: 'heading', text: '本月到期' }, item(1, '公开低保标准'), item(2, '公开救助资金'));
    expect(markdownMessages(list, { max: 1000 }, DINGTALK)).toEqual(['**本月到期**\n\n**1.** 公开低保标准  \n\u3000牵头：县民政局\n\n**2.** 公开救助资金  \n\u3000牵头：县民政局']);
    const parts = markdownMessages(list, { max: 60, size: utf8Bytes }, DINGTALK);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(60);
  });
});

describe('withoutFile', () => {
  const base: Reply = { intent: 'ledger', blocks: [{ type: 'paragraph', text: '已导出' }], tasks: [], related: [] };
  it.each<[string, Reply, string[]]>([
    ['no file: unchanged', base, ['已导出']],
    ['a file: replaced by where to get it', { ...base, file: { name: 'a.xlsx', data: new Uint8Array([1]), instead: '请在服务器导出' } }, ['已导出', '请在服务器导出']],
    ['a file without instead: dropped', { ...base, file: { name: 'a.xlsx', data: new Uint8Array([1]) } }, ['已导出']],
  ])('%s', (_what, r, texts) => {
    const out = withoutFile(r);
    expect(out.file).toBeUndefined();
    expect(out.blocks.map((b) => (b.type === 'item' ? '' : b.text))).toEqual(texts);
  });
});
