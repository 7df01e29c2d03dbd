// Short follow-ups read against the frame of the chat's last question.
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/catalog.ts';
import { followUp } from '../../src/core/follow-up.ts';
import type { Frame } from '../../src/core/sessions.ts';
import { indexOf, smallPlan } from '../fixtures-builders.ts';

const ctx = { catalog: new Catalog(indexOf(smallPlan())), today: '2022-06-15', planYear: () => 2022 };
const W = ['汶上县'];
const frames: Record<string, Frame> = {
  unit: { kind: 'unit-tasks', text: '民政局有哪些任务', regions: W, unitText: '民政局', topic: '民政局' },
  search: { kind: 'search', text: '低保谁管', regions: W, topic: '低保' },
  due: { kind: 'due', text: '这个月有啥到期的', regions: W, topic: '这个月有啥' },
};

describe('followUp', () => {
  it.each<[string, keyof typeof frames, unknown]>([
    ['冠县的呢', 'search', { question: '低保谁管', regions: ['冠县'] }],
    ['冠县呢', 'unit', { question: '民政局有哪些任务', regions: ['冠县'] }],
    ['几项', 'unit', { question: '民政局有哪些任务几项', regions: W }],
    ['一共几项', 'due', { question: '这个月有啥到期的几项', regions: W }],
    ['那财政局呢', 'unit', { question: '财政局有哪些任务', regions: W }],
    ['那财政局呢', 'due', { question: '财政局这个月有啥到期的', regions: W }],
    ['下个月呢', 'unit', { question: '民政局下个月', regions: W }],
    ['找哪个部门', 'search', { question: '低保谁管', regions: W }],
    ['还有谁跟它一起负责', 'unit', { intent: { kind: 'list-units' } }],
    ['啥时候到期', 'unit', { intent: { kind: 'list-deadlines' } }],
    ['还剩几天', 'search', { question: '低保还剩几天', regions: W }],
    ['配合的呢', 'unit', { question: '民政局配合的任务', regions: W }],
    ['一个月能领多少钱', 'search', { question: '低保一个月能领多少钱', regions: W }],
    ['医保的呢', 'search', { question: '医保', regions: W }],
    ['民政局有哪些任务今年一共多少', 'unit', null],
    ['你好', 'unit', null],
  ])('%j after %s', (text, frame, expected) => {
    expect(followUp(text, frames[frame] as Frame, ctx)).toEqual(expected);
  });
});
