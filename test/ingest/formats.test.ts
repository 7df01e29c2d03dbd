// Published formats: a Word and an Excel file (made by scripts/make-office-fixtures.ts) import to the
// same tasks as their text twin; a hand-written sixth layout imports without code that names it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/import-document.ts';
import type { Task } from '../../src/model/task.ts';
import { NOW, parseFixture, SEEDS_DIR } from '../helpers.ts';

const comparable = (t: Task): Omit<Task, 'id' | 'documentId'> => {
  const { id: _id, documentId: _doc, ...rest } = t;
  return rest;
};

describe('Word and Excel', () => {
  it('the text twin reads as expected', async () => {
    const { document, tasks, warnings } = await parseFixture('office/plan.txt');
    expect(document).toMatchObject({ region: '青山县', year: 2025, docNumber: '青政办字〔2025〕8号', issuedAt: '2025-03-10', layout: 'tab-cells' });
    // Plain text carries no merges: the blank unit cell is taken as merged, and said so.
    expect(warnings).toEqual(['第2条：“责任单位”一栏是空的，按合并单元格沿用上一行的“县民政局、县医保局”，请核对原文']);
    expect(tasks.map((t) => [t.section.at(-1), t.responsible.join('、'), t.deadline.due, t.deadline.kind])).toEqual([
      ['（一）做好社会救助信息公开', '县民政局、县医保局', '2025-12-31', 'year-round'],
      ['（一）做好社会救助信息公开', '县民政局、县医保局', '2025-12-31', 'recurring'],
      ['（一）做好社会救助信息公开', '县财政局', '2025-06-30', 'dated'],
      ['（二）加强就业信息公开', '县人力资源和社会保障局、各乡镇（街道）', '2025-09-30', 'dated'],
      ['（三）优化政府网站', '县政府各部门、单位', '2025-04-09', 'dated'],
    ]);
    expect(tasks[3]?.deadline.ongoing).toBe(true);
    expect(tasks[0]?.section[0]).toBe('一、深化重点领域信息公开');
  });

  it.each(['office/plan.docx', 'office/plan.xlsx'])('%s imports to the same tasks as plan.txt', async (file) => {
    const twin = await parseFixture('office/plan.txt');
    const parsed = await parseFixture(file);
    expect(parsed.document).toMatchObject({ region: '青山县', year: 2025, docNumber: '青政办字〔2025〕8号', issuedAt: '2025-03-10' });
    expect(parsed.tasks.map(comparable)).toEqual(twin.tasks.map(comparable));
    expect(parsed.warnings).toEqual([]);
  });
});

describe('a sixth layout: a pipe table with 序号 / 责任科室 / 时限要求 and merged cells', () => {
  it('imports every task with its units, deadline and section', async () => {
    const { document, tasks, warnings } = await parseFixture('sixth-layout.md');
    expect(document).toMatchObject({ region: '临河区', year: 2024, docNumber: '临政办发〔2024〕21号', issuedAt: '2024-04-02', layout: 'pipe-table' });
    expect(warnings).toEqual([
      '第2条：“责任单位”一栏是空的，按合并单元格沿用上一行的“区政府办公室”，请核对原文',
      '第2条：“配合单位”一栏是空的，按合并单元格沿用上一行的“区大数据中心”，请核对原文',
    ]);
    expect(tasks).toHaveLength(5);
    expect(tasks.map((t) => t.number)).toEqual(['1', '2', '3', '4', '5']);
    expect(tasks[1]).toMatchObject({
      title: '政府网站',
      responsible: ['区政府办公室'],
      cooperating: ['区大数据中心'],
      remarks: '每月检查',
      deadline: { due: '2024-06-30', kind: 'dated' },
    });
    expect(tasks[2]?.requirement).toBe('加强政务公开专区建设，做强政府信息查询服务。');
    expect(tasks[3]).toMatchObject({ section: ['二、深化重点领域公开', '社会救助'], responsible: ['区民政局'], cooperating: ['各街道', '区财政局'], deadline: { kind: 'recurring' } });
    expect(tasks[4]).toMatchObject({ responsible: ['区教体局'], cooperating: [], deadline: { due: '2024-08-31' }, remarks: '招生前' });
  });
});

describe('numbered prose variants', () => {
  it('reads units on their own line, a 完成时限 in the parenthesis, and tasks numbered （一） with their own units', async () => {
    const { document, tasks, warnings } = await parseFixture('prose-variants.txt');
    expect(document).toMatchObject({ region: '青山区', year: 2025, layout: 'numbered-prose' });
    expect(warnings).toEqual([]);
    expect(tasks.map((t) => t.requirement)).toEqual([
      '做好社会救助信息公开，及时公布低保标准。',
      '做好义务教育入学政策公开。',
      '加强政府网站建设，提升搜索功能。',
      '做好政务新媒体管理，定期开展检查。',
      '做好政府公报工作。',
    ]);
    expect(tasks[0]).toMatchObject({ lead: ['区民政局'], cooperating: ['各街道'], deadline: { due: '2025-06-30', raw: '2025年6月底前' } });
    expect(tasks[1]).toMatchObject({ responsible: ['区教育和体育局'], section: ['一、重点领域公开'] });
    expect(tasks[3]).toMatchObject({ responsible: ['区直各部门单位'], section: ['二、平台建设'], number: '2' });
  });

  it('closes an item whose units parenthesis a page break split, even inside the label', async () => {
    const text = [
      '2025年青山区政务公开工作要点',
      '一、重点领域公开',
      '1．做好社会救助信息公开，',
      '及时公布低保标准。（责',
      '任单位：区民政局，',
      '区财政局）',
      '2．做好义务教育入学政策公开。（责任单位：区教育和体育局）',
      '3．做好政府公报工作。（牵头单位：区政府办公室）',
      '4．这一条没有写单位，',
      '一直写到文末。',
    ].join('\n');
    const { tasks } = await parseDocument('split.txt', new TextEncoder().encode(text), { now: NOW });
    expect(tasks.map((t) => [t.requirement, t.responsible, t.lead])).toEqual([
      ['做好社会救助信息公开，及时公布低保标准。', ['区民政局', '区财政局'], []],
      ['做好义务教育入学政策公开。', ['区教育和体育局'], []],
      ['做好政府公报工作。', [], ['区政府办公室']],
      ['这一条没有写单位，一直写到文末。', [], []],
    ]);
  });
});

describe('detection', () => {
  it.each([
    ['000_8f567bc9b8b33b76.txt', 'tab-cells'],
    ['001_0e95c71143a3993b.txt', 'numbered-prose'],
    ['002_ce2e3d2878fcf9e2.txt', 'tsv'],
    ['003_14e4deccb793e04d.txt', 'tsv'],
    ['004_4f104c0ea9693da1.txt', 'tab-cells'],
  ])('%s is read as %s, whatever the file is called', async (file, layout) => {
    const bytes = readFileSync(join(SEEDS_DIR, file));
    for (const name of [file, 'table.xlsx', 'noname']) {
      const { document } = await parseDocument(name, bytes, { now: NOW });
      expect(document.layout).toBe(layout);
    }
  });
});

describe('TSV exported from a spreadsheet', () => {
  it('reads empty unit and deadline cells under the same task as merged cells, and not across tasks', async () => {
    const tsv = [
      '2025年青山县政务公开工作任务分解表',
      '序号\t工作任务\t具体要求\t责任单位\t完成时限',
      '1\t做好救助信息公开\t公开低保标准。\t县民政局\t全年',
      '2\t\t公开临时救助情况。\t\t',
      '3\t做好就业信息公开\t发布岗位信息。\t县人力资源和社会保障局\t2025年9月底',
      '4\t做好网站建设\t完善站内检索。\t\t2025年6月底',
    ].join('\n');
    const { tasks, warnings } = await parseDocument('export.tsv', new TextEncoder().encode(tsv), { now: NOW });
    expect(tasks.map((t) => [t.title, t.responsible.join('、'), t.deadline.raw])).toEqual([
      ['做好救助信息公开', '县民政局', '全年'],
      ['做好救助信息公开', '县民政局', '全年'],
      ['做好就业信息公开', '县人力资源和社会保障局', '2025年9月底'],
      ['做好网站建设', '', '2025年6月底'],
    ]);
    expect(warnings.join('\n')).toMatch(/第4条：没有找到责任单位/);
  });
});
