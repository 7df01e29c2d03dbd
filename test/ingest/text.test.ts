// Text preparation shared by every layout: markup, letter-spacing, broken lines, overlapping fragments.
import { describe, expect, it } from 'vitest';
import { cellText, cleanText, collapseCjkSpaces, joinBroken, joinLetterSpacing, mergeOverlap, stripMarkup } from '../../src/ingest/text.ts';

describe('stripMarkup', () => {
  it.each([
    ['<b>加粗</b>文字', '加粗文字'],
    ['**重点**任务', '重点任务'],
    ['任务[bookmark: _Toc1]一', '任务一'],
    ['a < b 且 c > d', 'a < b 且 c > d'],
    ['<a 未闭合 <b>闭合</b>', '<a 未闭合 闭合'],
    ['[bookmark: 未闭合 [bookmark: x]正文', '[bookmark: 未闭合 正文'],
    ['没有标记的文字', '没有标记的文字'],
  ])('%s', (text, expected) => {
    expect(stripMarkup(text)).toBe(expected);
  });
});

describe('joinLetterSpacing and collapseCjkSpaces', () => {
  it.each([
    ['助 推 监 管', '助推监管', '助推监管'],
    ['工　作　任　务', '工作任务', '工作任务'],
    ['2023 年 8 月', '2023 年 8 月', '2023年8月'],
    ['县 民政局 ， 县财政局', '县民政局，县财政局', '县民政局，县财政局'],
    ['Policy 2022 rev', 'Policy 2022 rev', 'Policy 2022 rev'],
    ['中\u00a0国 𠀀 文', '中国𠀀文', '中国𠀀文'],
    ['10 个工作日内', '10 个工作日内', '10个工作日内'],
    [' 前后 ', ' 前后 ', ' 前后 '],
  ])('%s', (text, joined, collapsed) => {
    expect(joinLetterSpacing(text)).toBe(joined);
    expect(collapseCjkSpaces(text)).toBe(collapsed);
  });
});

describe('joinBroken', () => {
  it.each<[string[], string]>([
    [['做好政务', '公开工作'], '做好政务公开工作'],
    [['open', 'data'], 'open data'],
    [['2022', '年'], '2022年'],
    [['版本 v2', '3 号'], '版本 v2 3 号'],
    [['  ', '', '文字 ', ' 接续'], '文字接续'],
    [[], ''],
  ])('%j', (parts, expected) => {
    expect(joinBroken(parts)).toBe(expected);
  });
});

describe('cleanText and cellText', () => {
  it.each([
    ['  <b>县 民 政 局</b>\t ', '县民政局'],
    ['县民政局', '县民政局'],
    ['word  and\tword', 'word and word'],
  ])('cleanText(%j)', (text, expected) => {
    expect(cleanText(text)).toBe(expected);
  });
  it.each([
    ['县民\n政局', '县民政局'],
    ['Open\nData', 'Open Data'],
    [' 县财政局 ', '县财政局'],
  ])('cellText(%j)', (text, expected) => {
    expect(cellText(text)).toBe(expected);
  });
});

describe('mergeOverlap', () => {
  it.each([
    ['五、持续提高公', '公开平台', '五、持续提高公开平台'],
    ['五、持续提高', '持续提高', '五、持续提高'],
    ['提高', '五、持续提高公开', '五、持续提高公开'],
    ['第一段', '第二段', '第一段第二段'],
    ['', '后', '后'],
  ])('%s + %s', (a, b, expected) => {
    expect(mergeOverlap(a, b)).toBe(expected);
  });
});
