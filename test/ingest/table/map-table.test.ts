// Mapping table rows to task rows: headings and categories, merged and 同上 cells, and the repairs of
// rows broken by page breaks, OCR drift and centred labels.
import { describe, expect, it } from 'vitest';
import { mapTable } from '../../../src/ingest/table/map-table.ts';

const header = ['工作任务', '具体要求', '牵头单位', '责任单位', '完成时限'];
const map = (rows: string[][], inheritBlankCells = false) => mapTable(header, rows, { inheritBlankCells });

describe('mapTable', () => {
  it('follows heading rows and category cells into section and title', () => {
    const rows = map([
      ['一、重点领域公开', '', '', '', ''],
      ['（一）社会救助', '公开低保标准。', '县民政局', '', '6月底前'],
    ]);
    expect(rows).toEqual([
      {
        section: ['一、重点领域公开', '（一）社会救助'],
        title: '社会救助',
        number: null,
        requirement: '公开低保标准。',
        lead: '县民政局',
        responsible: '',
        cooperating: '',
        deadline: '6月底前',
        remarks: null,
      },
    ]);
  });

  it.each<[string, boolean, string[][], Array<[string, string]>]>([
    ['同上 inherits the cell above', false, [['救助', '甲。', '县民政局', '', '全年'], ['', '乙。', '同上', '', '〃']], [['县民政局', '全年'], ['县民政局', '全年']]],
    ['a blank cell inherits in a merged-cell layout', true, [['救助', '甲。', '县民政局', '', '全年'], ['', '乙。', '', '', '']], [['县民政局', '全年'], ['县民政局', '全年']]],
    ['a blank cell stays blank otherwise', false, [['救助', '甲。', '县民政局', '', '全年'], ['', '乙。', '县财政局', '', '']], [['县民政局', '全年'], ['县财政局', '']]],
    ['a new category starts a new group', true, [['救助', '甲。', '县民政局', '', '全年'], ['教育', '乙。', '', '', '']], [['县民政局', '全年'], ['', '']]],
  ])('%s', (_name, inherit, body, expected) => {
    expect(map(body, inherit).map((r) => [r.lead, r.deadline])).toEqual(expected);
  });

  it('rejoins a row split by a page break', () => {
    const rows = map([
      ['救助', '及时公开低保、特困', '县民政局', '', '全年'],
      ['', '人员救助供养标准。', '', '县财政局', ''],
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ requirement: '及时公开低保、特困人员救助供养标准。', lead: '县民政局', responsible: '县财政局' });
  });

  it('skips the header repeated on every page', () => {
    expect(map([['救助', '甲。', '县民政局', '', '全年'], ['工 作 任 务', '具体要求', '牵头单位', '责任单位', '完成时限'], ['', '乙。', '县财政局', '', '']])).toHaveLength(2);
  });

  it('splits off the task that OCR drift put into the row above', () => {
    const rows = mapTable(['具体要求', '责任单位'], [
      ['甲要求。乙要求开头', '区直有关部门、单位,各街道 区直有关部门、单'],
      ['接乙要求。', '位,各街道'],
    ], { inheritBlankCells: false });
    expect(rows.map((r) => [r.requirement, r.responsible])).toEqual([
      ['甲要求。', '区直有关部门、单位,各街道'],
      ['乙要求开头接乙要求。', '区直有关部门、单位,各街道'],
    ]);
  });

  it('joins a label centred over merged cells and broken over rows by OCR', () => {
    const rows = mapTable(['工作任务', '具体要求', '责任单位'], [
      ['(一)以公开', '甲。', '县商务局'],
      ['助推高水平开放', '乙。', '县商务局'],
      ['招商引资', '丙。', '县商务局'],
    ], { inheritBlankCells: false });
    expect(rows.map((r) => r.title)).toEqual(['以公开助推高水平开放招商引资', '以公开助推高水平开放招商引资', '以公开助推高水平开放招商引资']);
  });
});
