// Task-table headers: which column is which, on header rows as documents, exports and OCR write them.
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../../src/errors.ts';
import { type Columns, findHeader, headerRole, looksLikeHeader, readHeader, repeatsHeader, tableScore } from '../../../src/ingest/table/header.ts';

const none = { lead: null, responsible: null, cooperating: null, deadline: null, remarks: null, index: null, notes: [], leadFirst: false };
const cols = (c: Partial<Columns> & Pick<Columns, 'category' | 'requirement'>): Columns => ({ ...none, ...c });

describe('headerRole', () => {
  it.each([
    ['序号', 'index'],
    ['牵头单位', 'lead'],
    ['牵头', 'lead'],
    ['主责部门', 'lead'],
    ['责任单位', 'responsible'],
    ['承办部门', 'responsible'],
    ['配合单位', 'cooperating'],
    ['协办单位', 'cooperating'],
    ['完成时限', 'deadline'],
    ['时间节点', 'deadline'],
    ['进度安排', 'deadline'],
    ['备注', 'remarks'],
    ['具体要求', 'requirement'],
    ['工作内容', 'requirement'],
    ['工作任务', 'category'],
    ['重点任务', 'category'],
    ['工 作 任 务', 'category'],
    ['完 成\u3000时 限', 'deadline'],
    ['<b>责任单位</b>', 'responsible'],
    ['**具体要求**', 'requirement'],
    ['说明', null],
    ['县民政局', null],
    ['', null],
  ])('%j is %s', (cell, role) => {
    expect(headerRole(cell)).toBe(role);
  });
});

describe('readHeader', () => {
  it.each<[string, string[], Columns | null]>([
    ['the common layout', ['序号', '工作任务', '具体要求', '责任单位', '完成时限'], cols({ index: 0, category: [1], requirement: 2, responsible: 3, deadline: 4 })],
    [
      'letter-spaced by OCR',
      ['序 号', '工 作 任 务', '具 体 要 求', '牵 头 单 位', '配 合 单 位', '完 成 时 限'],
      cols({ index: 0, category: [1], requirement: 2, lead: 3, cooperating: 4, deadline: 5 }),
    ],
    ['no requirement column: the task column holds the task', ['重点任务', '牵头单位', '完成时间'], cols({ category: [], requirement: 0, lead: 1, deadline: 2 })],
    ['two category columns without requirement: the inner one holds the task', ['类别', '项目', '责任部门'], cols({ category: [0], requirement: 1, responsible: 2 })],
    ['a blank header right of a category is a deeper level', ['工作任务', '', '具体内容', '责任单位'], cols({ category: [0, 1], requirement: 2, responsible: 3 })],
    [
      'every column',
      ['序号', '工作任务', '具体要求', '牵头单位', '责任单位', '配合单位', '完成时限', '备注'],
      cols({ index: 0, category: [1], requirement: 2, lead: 3, responsible: 4, cooperating: 5, deadline: 6, remarks: 7 }),
    ],
    ['markup left by converters', ['<b>工作任务</b>', '**具体要求**', '责任单位'], cols({ category: [0], requirement: 1, responsible: 2 })],
    ['a row of the table', ['做好公开', '做好信息公开工作。', '县民政局', '年底前'], null],
    ['one known column', ['工作任务', '说明'], null],
    ['no unit and no deadline column', ['工作任务', '具体要求', '备注'], null],
    ['no task column', ['序号', '牵头单位', '完成时限'], null],
    ['empty', [], null],
  ])('%s', (_name, row, expected) => {
    expect(readHeader(row)).toEqual(expected);
  });
});

describe('finding the header', () => {
  const title = ['2022年青山县政务公开工作任务分解表'];
  const header = ['工 作 任 务', '具体要求', '责任单位', '完成时限'];
  const row = ['做好公开', '做好信息公开工作。', '县民政局', '年底前'];

  it.each<[string, string[][], number, number]>([
    ['below a title', [title, header, row], 1, 3],
    ['first', [header, row, row], 0, 3],
    ['none', [title, row], -1, 0],
    ['no rows', [], -1, 0],
  ])('%s: header at %i, score %i', (_name, rows, index, score) => {
    expect(findHeader(rows)).toBe(index);
    expect(tableScore(rows)).toBe(score);
  });

  it('a header without a task column is named in the reason, and scores 1 so that its parse can say why', () => {
    const rows = [['序号', '牵头单位', '完成时限'], ['1', '县民政局', '全年']];
    expect(() => findHeader(rows)).toThrow(LayoutError);
    expect(() => findHeader(rows)).toThrow(/序号、牵头单位、完成时限/);
    expect(tableScore(rows)).toBe(1);
    expect(looksLikeHeader(rows[0] ?? [])).toBe(true);
    expect(looksLikeHeader(rows[1] ?? [])).toBe(false);
  });

  it.each([
    [['工作任务', '具体要求', '责任单位'], true],
    [['工 作 任 务', '具体要求', '责任单位', ''], true],
    [['工作任务', '具体要求'], false],
    [['做好公开', '具体要求', '责任单位'], false],
  ])('%j repeats the header: %s', (candidate, expected) => {
    expect(repeatsHeader(candidate, ['工作任务', '具体要求', '责任单位'])).toBe(expected);
  });
});
