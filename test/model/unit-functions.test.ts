// The curated national table of everyday unit names and functions, and residents' topics.
import { describe, expect, it } from 'vitest';
import { everydayUnitNames, residentFunction, UNIT_FUNCTIONS, unitFunctionOf } from '../../src/model/unit-functions.ts';

describe('unitFunctionOf', () => {
  it.each<[string, string | undefined]>([
    ['人社局', '人社'],
    ['县人社局', '人社'],
    ['医保局', '医保'],
    ['住建局', '住建'],
    ['自规局', '自然资源和规划'],
    ['资规局', '自然资源和规划'],
    ['市场监管局', '市场监管'],
    ['环保局', '生态环境'],
    ['人行', '人民银行'],
    ['国资中心', '国资'],
    ['卫健委', '卫生健康'],
    ['教体局', '教育'],
    ['不存在局', undefined],
  ])('%s → %s', (name, label) => {
    expect(unitFunctionOf(name)?.label).toBe(label);
  });

  it('vertically managed services never stand in for a local bureau', () => {
    for (const label of ['公安', '税务', '人民银行', '住房公积金', '消防']) {
      expect(UNIT_FUNCTIONS.find((f) => f.label === label)?.absorbable).toBe(false);
    }
  });

  it('every everyday name belongs to one function, and none is a bare topic word', () => {
    const names = everydayUnitNames();
    expect(new Set(names).size).toBe(names.length);
    for (const topic of ['医保', '民政', '财政', '公安', '税务', '退役军人']) expect(names).not.toContain(topic);
  });
});

describe('residentFunction', () => {
  it.each<[string, string | undefined]>([
    ['低保一个月能领多少钱', '民政'],
    ['养老金今年涨多少', '人社'],
    ['医保报销比例多少', '医保'],
    ['孩子上学要准备什么材料', '教育'],
    ['办身份证要带啥材料', '公安'],
    ['公积金怎么提取', '住房公积金'],
    ['明天下雨不', undefined],
  ])('%s → %s', (text, label) => {
    expect(residentFunction(text)?.label).toBe(label);
  });
});
