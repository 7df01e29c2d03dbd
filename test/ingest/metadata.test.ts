// Notice metadata in the forms these notices take.
import { describe, expect, it } from 'vitest';
import { readMetadata, regionFromBody } from '../../src/ingest/metadata.ts';

describe('readMetadata', () => {
  it.each([
    [
      '汶政办字〔2022〕15号\n汶上县人民政府办公室\n\n关于印发2022年汶上县政务公开工作\n\n任务分解表的通知',
      { title: '关于印发2022年汶上县政务公开工作任务分解表的通知', issuer: '汶上县人民政府办公室', region: '汶上县', year: 2022, docNumber: '汶政办字〔2022〕15号', issuedAt: null },
    ],
    [
      '枣庄市台儿庄区人民政府办公室文件\n台政办发〔2022〕4号\n台儿庄区人民政府办公室 关于印发《2022年台儿庄区政务公开 工作要点实施方案》的通知\n台儿庄区人民政府办公室\n2022年6月18日',
      { region: '台儿庄区', year: 2022, docNumber: '台政办发〔2022〕4号', issuedAt: '2022-06-18', issuer: '枣庄市台儿庄区人民政府办公室' },
    ],
    [
      '# 冠县人民政府办公室文件\n冠政办发〔2023〕15号\n## 冠县人民政府办公室 关于公布2023年政务公开重点工作任务分工的 通知\n2023 年 8 月 29 日',
      { region: '冠县', year: 2023, issuedAt: '2023-08-29', title: '关于公布2023年政务公开重点工作任务分工的通知' },
    ],
    [
      '关于印发《冠县2024年政务公开工作要点》的通知\n冠县人民政府办公室\n2024年3月1日',
      { region: '冠县', year: 2024, issuedAt: '2024-03-01' },
    ],
    [
      '济宁高新区管委会办公室 关于印发 2024 年济宁高新区政务公开工作 任务分解表的通知\n济宁高新区管委会办公室 2024年6月3日',
      { region: '济宁高新区', year: 2024, issuedAt: '2024-06-03' },
    ],
    ['2019年政务公开工作任务分解表', { region: null, year: 2019, title: '2019年政务公开工作任务分解表' }],
    ['青山市人民政府办公室\n青政办发〔2021〕3号\n关于做好2021年政务公开工作的通知', { region: '青山市', year: 2021, docNumber: '青政办发〔2021〕3号' }],
  ])('%#', (text, expected) => {
    expect(readMetadata(text)).toMatchObject(expected);
  });
});

describe('regionFromBody', () => {
  it.each([
    ['县水务局、市生态环境局微山县分局', '县', '微山县'],
    ['市公共资源交易服务中心微山县分中心', '县', '微山县'],
    ['各乡镇（街道）、微山经济开发区管委会', '县', '微山县'],
    ['县民政局、县财政局', '县', null],
  ])('%s', (text, level, region) => {
    expect(regionFromBody(text, level as '县')).toBe(region);
  });
});
