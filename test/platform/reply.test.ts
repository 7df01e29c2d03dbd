// The plain-text reply: how each block renders, and splitRendered, which packs rendered blocks into
// messages under a size limit — blocks kept whole, a block alone longer than the limit cut, and the
// limit measured in characters or (for robots) in UTF-8 bytes.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/reply.ts';
import { renderBlock, renderPlain, splitRendered, utf8Bytes } from '../../src/platform/reply.ts';

describe('renderBlock', () => {
  it.each<[Block, string]>([
    [{ type: 'heading', text: '县民政局的任务（2项）' }, '县民政局的任务（2项）'],
    [{ type: 'paragraph', text: '没有找到。' }, '没有找到。'],
    [{ type: 'hint', text: '回复“更多”查看' }, '👉 回复“更多”查看'],
    [{ type: 'item', n: 3, lines: ['公开低保标准', '牵头：县民政局', '时限：2022-06-30'] }, '3. 公开低保标准\n   牵头：县民政局\n   时限：2022-06-30'],
    [{ type: 'item', n: 1, lines: [] }, '1. '],
  ])('%j', (block, expected) => {
    expect(renderBlock(block)).toBe(expected);
  });

  it('renderPlain puts each block on its own line', () => {
    const blocks: Block[] = [
      { type: 'heading', text: '本月到期' },
      { type: 'item', n: 1, lines: ['甲', '乙'] },
      { type: 'hint', text: '更多' },
    ];
    expect(renderPlain({ blocks })).toBe('本月到期\n1. 甲\n   乙\n👉 更多');
  });
});

describe('splitRendered', () => {
  const chars = (s: string): number => s.length;
  // [what, parts, limit, size measure, expected messages]
  it.each<[string, string[], number, (s: string) => number, string[]]>([
    ['everything fits in one message', ['a', 'b', 'c'], 100, chars, ['a\nb\nc']],
    ['nothing to send', [], 100, chars, []],
    ['exactly at the limit (newline counted)', ['aaaa', 'bbbb', 'cccc'], 9, chars, ['aaaa\nbbbb', 'cccc']],
    ['one over the limit: the next block starts a message', ['aaaa', 'bbbb', 'cccc'], 8, chars, ['aaaa', 'bbbb', 'cccc']],
    [
      'items are never cut: an item that does not fit moves whole',
      ['1. 公开低保标准', '2. 公开救助资金', '3. 公开养老补贴'],
      20,
      chars,
      ['1. 公开低保标准\n2. 公开救助资金', '3. 公开养老补贴'],
    ],
    ['a block longer than the limit is cut; its tail joins no earlier message', ['aa', 'bbbbbbbbbb', 'cc'], 4, chars, ['aa', 'bbbb', 'bbbb', 'bb', 'cc']],
    ['the tail of a cut block shares a message with what follows when it fits', ['bbbbbbb', 'c'], 5, chars, ['bbbbb', 'bb\nc']],
    ['by characters, two Chinese words fit in 6', ['低保', '救助'], 6, chars, ['低保\n救助']],
    ['by UTF-8 bytes, the same words do not (3 bytes a character)', ['低保', '救助'], 6, utf8Bytes, ['低保', '救助']],
    ['a Chinese block cut by bytes, never inside a character', ['政务公开工作'], 7, utf8Bytes, ['政务', '公开', '工作']],
    ['an emoji (4 bytes) is never split', ['👉ab'], 4, utf8Bytes, ['👉', 'ab']],
    ['an emoji (2 UTF-16 units) is never split by characters either', ['👉👉'], 3, chars, ['👉', '👉']],
  ])('%s', (_what, parts, limit, size, expected) => {
    const messages = splitRendered(parts, limit, size);
    expect(messages).toEqual(expected);
    for (const m of messages) expect(size(m)).toBeLessThanOrEqual(limit);
  });

  it('measures characters when no measure is given', () => {
    expect(splitRendered(['低保', '救助'], 5)).toEqual(['低保\n救助']);
  });

  it.each([
    ['', 0],
    ['abc', 3],
    ['低保', 6],
    ['👉', 4],
    ['a\n低', 5],
  ])('utf8Bytes(%j) = %i', (text, bytes) => {
    expect(utf8Bytes(text)).toBe(bytes);
  });
});
