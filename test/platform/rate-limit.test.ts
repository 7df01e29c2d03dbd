// Flood control: per person and per chat, answers and changes, one notice per flood, then quiet.
import { describe, expect, it } from 'vitest';
import { changesSomething } from '../../src/platform/dispatch.ts';
import { FloodControl, type FloodLimits } from '../../src/platform/rate-limit.ts';

const LIMITS: FloodLimits = {
  personAnswers: { limit: 3, windowMs: 1000 },
  chatAnswers: { limit: 5, windowMs: 1000 },
  personChanges: { limit: 2, windowMs: 1000 },
  chatChanges: { limit: 4, windowMs: 1000 },
};
const kinds = (verdicts: ReturnType<FloodControl['admit']>[]): string[] => verdicts.map((v) => (v.kind === 'notice' ? `notice:${v.who}` : v.kind));

describe('FloodControl', () => {
  it('one person: their limit of answers, one notice, then quiet; room again after the window', () => {
    const flood = new FloodControl(LIMITS);
    const verdicts = Array.from({ length: 10 }, (_, i) => flood.admit('p1', 'c1', false, i));
    expect(kinds(verdicts)).toEqual(['answer', 'answer', 'answer', 'notice:person', 'quiet', 'quiet', 'quiet', 'quiet', 'quiet', 'quiet']);
    expect(flood.admit('p1', 'c1', false, 1000).kind).toBe('answer');
  });

  it('a flood of one person does not silence another in the same chat, until the chat’s own limit', () => {
    const flood = new FloodControl(LIMITS);
    for (let i = 0; i < 10; i++) flood.admit('p1', 'c1', false, i);
    // p1 took 3 answers and 1 notice of the chat's 5.
    expect(kinds([flood.admit('p2', 'c1', false, 20), flood.admit('p3', 'c1', false, 21), flood.admit('p4', 'c1', false, 22)])).toEqual(['answer', 'notice:chat', 'quiet']);
    expect(flood.admit('p2', 'c2', false, 23).kind).toBe('answer');
  });

  it('changes have their own, lower limit, and count as answers too', () => {
    const flood = new FloodControl(LIMITS);
    expect(kinds([0, 1, 2, 3].map((t) => flood.admit('p1', 'c1', true, t)))).toEqual(['answer', 'answer', 'notice:person', 'quiet']);
    expect(flood.admit('p1', 'c1', false, 4).kind).toBe('answer');
    expect(flood.admit('p1', 'c1', false, 5).kind).toBe('quiet');
  });
});

describe('changesSomething', () => {
  it.each([
    ['完成 3', true],
    ['@政务助手 完成 3', true],
    ['撤销完成 2022-abc-1', true],
    ['进展 3 已发布', true],
    ['订阅 民政局', true],
    ['取消订阅', true],
    ['提前3天提醒', true],
    ['提醒时间 08:30', true],
    ['绑定 民政局', true],
    ['切换到冠县', true],
    ['/region 冠县', true],
    ['民政局有哪些任务', false],
    ['第3条', false],
    ['完成率', false],
    ['民政局完成情况', false],
    ['帮助', false],
  ])('%s → %s', (text, expected) => {
    expect(changesSomething(text)).toBe(expected);
  });
});
