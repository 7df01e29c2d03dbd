// Unit resolution: what a person types, resolved against the units that exist in the region asked
// about — names as written, generated forms, the curated national table, homophones, stand-ins for a
// function the region has no unit for, and did-you-mean for unit words that reach nothing.
import { describe, expect, it } from 'vitest';
import { Catalog, regionAliases } from '../../src/core/catalog.ts';
import { indexOf, task } from '../fixtures-builders.ts';

const tasks = [
  task({ region: '汶上县', responsible: ['县人力资源和社会保障局'], requirement: '做好就业创业政策公开。' }),
  task({ region: '汶上县', responsible: ['县住房保障和房地产发展中心'], requirement: '公布房地产违法违规查处情况。' }),
  task({ region: '汶上县', responsible: ['县卫生健康局', '县医疗保障局'], requirement: '公开医疗服务信息。' }),
  task({ region: '冠县', year: 2023, responsible: ['县商务和投资促进局'], requirement: '发布外贸政策。' }),
  task({ region: '冠县', year: 2023, responsible: ['国家税务总局冠县税务局'], requirement: '抓好减税降费信息公开。' }),
  task({ region: '济宁高新区', year: 2024, lead: ['区党工委组织部（人力资源部）'], requirement: '更新就业创业政策清单。' }),
  task({ region: '济宁高新区', year: 2024, lead: ['区发展软环境保障局'], requirement: '持续推进义务教育、学前教育信息公开。' }),
  task({ region: '济宁高新区', year: 2024, lead: ['区综合行政执法局'], requirement: '垃圾分类进学校。' }),
  task({ region: '微山县', year: 2019, responsible: ['县人行'], cooperating: ['微山经济开发区管委会'], requirement: '缓解企业融资难融资贵问题。' }),
];
const catalog = new Catalog(indexOf(tasks));

/** What a text reads as in a region: units "name", stand-ins "name（label，by）", unresolved "?word→suggestions". */
function read(text: string, region: string): string[] {
  const r = catalog.readUnits(text, [region]);
  return [
    ...r.units.map((u) => u.name),
    ...r.standIns.map((s) => `${s.unit.name}（${s.label}，${s.by}）`),
    ...r.unresolved.map((u) => `?${u.asked}→${u.suggestions.map((s) => s.name).join('、')}`),
  ];
}

describe('readUnits', () => {
  it.each<[string, string, string[]]>([
    ['民政局有哪些任务', '汶上县', ['?民政局→']],
    ['人社局有啥任务', '汶上县', ['县人力资源和社会保障局']],
    ['人力资源局的任务', '汶上县', ['县人力资源和社会保障局']],
    ['住保中心有啥任务', '汶上县', ['县住房保障和房地产发展中心']],
    ['房地产发展中心', '汶上县', ['县住房保障和房地产发展中心']],
    ['卫健局和医保局', '汶上县', ['县卫生健康局', '县医疗保障局']],
    ['商务局有什么任务', '冠县', ['县商务和投资促进局']],
    ['投促局', '冠县', ['县商务和投资促进局']],
    ['税务局有啥任务', '冠县', ['国家税务总局冠县税务局']],
    // Not a name of anything: unitWordIn reports it with suggestions.
    ['商投局有啥任务', '冠县', []],
    ['人社局有啥任务', '济宁高新区', ['区党工委组织部（人力资源部）（人社，name）']],
    ['教育局有啥任务', '济宁高新区', ['区发展软环境保障局（教育，tasks）']],
    ['人力资源部负责啥', '济宁高新区', ['区党工委组织部（人力资源部）']],
    ['软环境保障局负责啥', '济宁高新区', ['区发展软环境保障局']],
    ['税务局有啥任务', '济宁高新区', ['?税务局→']],
    ['人行有啥任务', '微山县', ['县人行']],
    ['人行有啥任务', '汶上县', ['?人行→']],
    ['开发区管委会配合的有几项', '微山县', ['微山经济开发区管委会']],
    ['微山经济开发区管委会有哪些任务', '微山县', ['微山经济开发区管委会']],
  ])('%j in %s → %j', (text, region, expected) => {
    expect(read(text, region)).toEqual(expected);
  });
});

describe('unitWordIn: homophones and unknown unit words', () => {
  it.each<[string, string, string[], string[]]>([
    ['卫建局的任务', '汶上县', ['县卫生健康局'], []],
    ['医宝局有啥任务', '汶上县', ['县医疗保障局'], []],
    ['商投局有啥任务', '冠县', [], ['县商务和投资促进局']],
    ['商投委有啥任务', '冠县', [], ['县商务和投资促进局']],
  ])('%j in %s', (text, region, units, suggestions) => {
    const word = catalog.unitWordIn(text, [region]);
    expect(word?.units.map((u) => u.name) ?? []).toEqual(units);
    expect(word?.suggestions.map((u) => u.name) ?? []).toEqual(suggestions);
  });

  it.each(['哪个部门负责', '低保信息在哪公开', '找工作的政策哪儿能看到'])('%j has no unit word', (text) => {
    expect(catalog.unitWordIn(text, ['汶上县'])).toBeNull();
  });
});

describe('regions', () => {
  it.each<[string, string[]]>([
    ['汶上县', ['汶上']],
    ['冠县', []],
    ['济宁高新区', ['济宁高新', '高新区']],
    ['台儿庄区', ['台儿庄']],
  ])('%s is also called %j', (region, aliases) => {
    expect(regionAliases(region)).toEqual(aliases);
  });

  it('a region inside a unit’s name is the unit’s', () => {
    expect(catalog.regionsIn('微山经济开发区管委会有哪些任务')).toEqual([]);
    expect(catalog.regionsIn('微山县人行有啥任务').map((r) => r.value)).toEqual(['微山县']);
    expect(catalog.regionsIn('冠县商务局有几项任务').map((r) => r.value)).toEqual(['冠县']);
    expect(catalog.regionsIn('高新区的').map((r) => r.value)).toEqual(['济宁高新区']);
  });
});
