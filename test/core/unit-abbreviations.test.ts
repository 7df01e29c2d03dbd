// Abbreviation generation: the names people use, generated from a unit's full name (first characters of
// its words, its own parts and tail, its second name, without level, region or party prefix).
import { describe, expect, it } from 'vitest';
import { abbreviations, conjunctsOf, splitSuffix } from '../../src/core/unit-abbreviations.ts';
import { nameWords } from '../../src/search/tokenizer.ts';

const forms = (name: string, region: string): string[] => abbreviations(name, region, nameWords);

describe('abbreviations', () => {
  // [full name, region, forms that must be generated, forms that must not]
  it.each<[string, string, string[], string[]]>([
    ['县人力资源和社会保障局', '汶上县', ['人社局', '人力资源社会保障局', '人力资源局', '社会保障局'], ['县社局']],
    ['区人力资源社会保障局', '台儿庄区', ['人力资源社会保障局'], []],
    ['县住房保障和房地产发展中心', '汶上县', ['住保中心', '房地产发展中心', '住房保障中心'], ['发展中心']],
    ['县发展和改革局', '汶上县', ['发改局', '发展改革局'], ['发展局', '改革局']],
    ['县发展和改革委员会', '冠县', ['发改委', '发改委员会'], ['发展委']],
    ['县卫生健康局', '汶上县', ['卫健局', '卫生局'], ['健康局']],
    ['区发展软环境保障局（城乡统筹）', '济宁高新区', ['软环境保障局', '发展软环境保障局'], ['保障局']],
    ['区党工委组织部（人力资源部）', '济宁高新区', ['人力资源部', '组织部', '党工委组织部'], []],
    ['区发展改革局（统计局）', '济宁高新区', ['统计局', '发改局'], []],
    ['县商务和投资促进局', '冠县', ['商务局', '投资促进局', '投促局'], ['商投局']],
    ['区投资促进局', '济宁高新区', ['投促局'], []],
    ['县国有资产管理服务中心', '冠县', ['国有资产管理服务中心'], ['管理服务中心']],
    ['微山经济开发区管委会', '微山县', ['经济开发区管委会', '开发区管委会', '经济开发区', '开发区'], ['微山管委会']],
    ['国家税务总局冠县税务局', '冠县', ['税务局'], ['国家税务总局局']],
    ['市生态环境局汶上县分局', '汶上县', ['生态环境局'], ['市局分局']],
    ['市公共资源交易服务中心微山县分中心', '微山县', ['公共资源交易中心', '公共资源交易服务中心'], []],
    ['县委编办', '微山县', ['县委编办'], []],
    ['县扶贫开发办', '微山县', ['扶贫办', '扶贫开发办'], []],
    ['区城乡建设和交通局', '济宁高新区', ['城乡建设局', '交通局'], []],
    ['县政府办公室', '冠县', ['政府办', '政府办公室'], []],
  ])('%s (%s)', (name, region, must, mustNot) => {
    const got = forms(name, region);
    expect(got[0]).toBe(name);
    for (const f of must) expect(got, f).toContain(f);
    for (const f of mustNot) expect(got, f).not.toContain(f);
  });
});

describe('splitSuffix and conjunctsOf', () => {
  it.each([
    ['人力资源和社会保障局', '人力资源和社会保障', '局'],
    ['发展和改革委员会', '发展和改革', '委员会'],
    ['政府办公室', '政府', '办公室'],
    ['经济开发区管委会', '经济开发区', '管委会'],
    ['大数据中心', '大数据', '中心'],
    ['局', '局', ''],
  ])('%s → %s + %s', (name, core, suffix) => {
    expect(splitSuffix(name)).toEqual({ core, suffix });
  });

  it.each<[string, string[][]]>([
    ['住房保障和房地产发展', [['住房', '保障'], ['房地产', '发展']]],
    ['人力资源和社会保障', [['人力资源'], ['社会保障']]],
    ['大数据', [['大数据']]],
    ['商务和投资促进', [['商务'], ['投资', '促进']]],
  ])('%s → %j', (core, expected) => {
    expect(conjunctsOf(core, nameWords)).toEqual(expected);
  });
});
