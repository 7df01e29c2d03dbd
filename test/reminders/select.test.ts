// Reminder selection: the slot a task is in on a day (lead times, the due day, newly overdue, weekly
// follow-ups), which tasks a subscription is reminded of (not done, slot not sent, in its units), and
// which days are quiet.
import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../src/model/task.ts';
import { quietDay, remindersFor, slotOf, slotsOf, type ReminderItem } from '../../src/reminders/select.ts';
import { dated, event, indexOf, task, undated } from '../fixtures-builders.ts';

const DAY = '2022-06-15'; // a Wednesday

describe('slotOf', () => {
  // [what, deadline, lead days, expected slot]
  type Expected = Pick<ReminderItem, 'reason' | 'slot' | 'daysLeft'> | null;
  it.each<[string, Deadline, number[], Expected]>([
    ['due in 7 days', dated('2022-06-22'), [7, 1, 0], { reason: 'due-soon', slot: 'lead-7', daysLeft: 7 }],
    ['due in 5 days: within the 7-day lead', dated('2022-06-20'), [7, 1, 0], { reason: 'due-soon', slot: 'lead-7', daysLeft: 5 }],
    ['due in 8 days: before every lead', dated('2022-06-23'), [7, 1, 0], null],
    ['due tomorrow', dated('2022-06-16'), [7, 1, 0], { reason: 'due-soon', slot: 'lead-1', daysLeft: 1 }],
    ['due in 3 days, leads 3', dated('2022-06-18'), [3], { reason: 'due-soon', slot: 'lead-3', daysLeft: 3 }],
    ['due in 2 days, leads 7 and 3: the nearer lead', dated('2022-06-17'), [7, 3], { reason: 'due-soon', slot: 'lead-3', daysLeft: 2 }],
    ['due today', dated(DAY), [7, 1, 0], { reason: 'due-today', slot: 'lead-0', daysLeft: 0 }],
    ['due today, no due-day lead', dated(DAY), [7, 1], null],
    ['1 day late', dated('2022-06-14'), [7, 1, 0], { reason: 'overdue', slot: 'overdue', daysLeft: -1 }],
    ['2 days late', dated('2022-06-13'), [7, 1, 0], null],
    ['7 days late', dated('2022-06-08'), [7, 1, 0], null],
    ['8 days late', dated('2022-06-07'), [7, 1, 0], { reason: 'overdue-followup', slot: 'followup-1', daysLeft: -8 }],
    ['15 days late', dated('2022-05-31'), [7, 1, 0], { reason: 'overdue-followup', slot: 'followup-2', daysLeft: -15 }],
    ['1 day late, no leads at all', dated('2022-06-14'), [], { reason: 'overdue', slot: 'overdue', daysLeft: -1 }],
    ['year-round, due at the end of the year', undated('year-round', '2022-12-31'), [7, 1, 0], null],
    ['year-round, "due" today', undated('year-round', DAY), [7, 1, 0], null],
    ['ongoing', undated('ongoing', DAY), [7, 1, 0], null],
    ['dated without a day', { ...dated(DAY), due: null }, [7, 1, 0], null],
  ])('%s', (_what, deadline, leads, expected) => {
    const got = slotOf(task({ deadline }), DAY, leads);
    expect(got && { reason: got.reason, slot: got.slot, daysLeft: got.daysLeft }).toEqual(expected);
    if (got) expect(got).toMatchObject({ date: deadline.due, milestone: null });
  });
});

describe('slotsOf: a milestone is a slot of its own', () => {
  const plan = { date: '2022-06-22', text: '6月22日前提出方案' };
  const staged = (due: string, ...stages: Array<{ date: string; text: string }>): Deadline => ({
    ...dated(due),
    milestones: [...stages, { date: due, text: '完成' }],
  });
  // [what, deadline, expected "slot date" pairs]
  it.each<[string, Deadline, string[]]>([
    ['a milestone in 7 days, completion later', staged('2022-10-31', plan), ['milestone-2022-06-22/lead-7 2022-06-22']],
    ['a milestone due today', staged('2022-10-31', { date: DAY, text: '今天的阶段' }), [`milestone-${DAY}/lead-0 ${DAY}`]],
    ['a milestone passed is not chased', staged('2022-10-31', { date: '2022-06-14', text: '昨天的阶段' }), []],
    ['a milestone and the completion on the same day', staged('2022-06-16', { date: '2022-06-16', text: '同日' }), ['lead-1 2022-06-16']],
    [
      'a milestone soon and the completion overdue',
      { ...staged('2022-06-14', plan), milestones: [{ date: '2022-06-14', text: '完成' }, plan] },
      ['milestone-2022-06-22/lead-7 2022-06-22', 'overdue 2022-06-14'],
    ],
    ['no milestones: the completion only', dated('2022-06-16'), ['lead-1 2022-06-16']],
  ])('%s', (_what, deadline, expected) => {
    expect(slotsOf(task({ deadline }), DAY, [7, 1, 0]).map((s) => `${s.slot} ${s.date}`)).toEqual(expected);
  });

  it('carries the milestone, so the reminder can say which stage', () => {
    const [slot] = slotsOf(task({ deadline: staged('2022-10-31', plan) }), DAY, [7, 1, 0]);
    expect(slot).toMatchObject({ reason: 'due-soon', daysLeft: 7, milestone: plan });
  });

  it('reminds each milestone once, and the completion after it', () => {
    const t = task({ lead: ['县民政局'], deadline: staged('2022-06-29', plan) });
    const index = indexOf([t]);
    const sub = { region: '汶上县', units: [] as string[], leadDays: [7, 1, 0] };
    const first = remindersFor(sub, DAY, index, new Map());
    expect(first.map((i) => i.slot)).toEqual(['milestone-2022-06-22/lead-7']);
    const sent = new Set(first.map((i) => `${t.id}|${i.slot}`));
    expect(remindersFor(sub, '2022-06-16', index, new Map(), sent)).toEqual([]);
    expect(remindersFor(sub, '2022-06-22', index, new Map(), sent).map((i) => i.slot)).toEqual(['milestone-2022-06-22/lead-0', 'lead-7']);
  });
});

describe('remindersFor', () => {
  const soon = task({ lead: ['县民政局'], deadline: dated('2022-06-16') });
  const today = task({ lead: ['县财政局'], deadline: dated(DAY) });
  const late = task({ lead: ['县民政局'], deadline: dated('2022-06-14') });
  const followup = task({ lead: ['县民政局'], deadline: dated('2022-06-07') });
  const week = task({ lead: ['县民政局'], deadline: dated('2022-06-22') });
  const yearRound = task({ lead: ['县民政局'], deadline: undated('year-round', '2022-12-31') });
  const elsewhere = task({ region: '冠县', lead: ['县民政局'], deadline: dated(DAY) });
  const index = indexOf([soon, today, late, followup, week, yearRound, elsewhere]);
  const region = { region: '汶上县', units: [] as string[], leadDays: [7, 1, 0] }; // the default lead times
  const short = (items: ReminderItem[]): string[] => items.map((i) => `${i.task.id} ${i.slot}`);

  it.each<[string, typeof region, Map<string, ReturnType<typeof event>[]>, Set<string>, string[]]>([
    [
      'the whole region: due today, then soonest first, then overdue, then follow-ups',
      region,
      new Map(),
      new Set(),
      [`${today.id} lead-0`, `${soon.id} lead-1`, `${week.id} lead-7`, `${late.id} overdue`, `${followup.id} followup-1`],
    ],
    [
      'one unit: only the tasks naming it',
      { ...region, units: ['财政局'] },
      new Map(),
      new Set(),
      [`${today.id} lead-0`],
    ],
    [
      'a task marked done is not reminded',
      region,
      new Map([[late.id, [event(late.id, 'done')]]]),
      new Set(),
      [`${today.id} lead-0`, `${soon.id} lead-1`, `${week.id} lead-7`, `${followup.id} followup-1`],
    ],
    [
      'done, then undone: reminded again',
      region,
      new Map([[late.id, [event(late.id, 'done'), event(late.id, 'undone')]]]),
      new Set([`${today.id}|lead-0`, `${soon.id}|lead-1`, `${week.id}|lead-7`, `${followup.id}|followup-1`]),
      [`${late.id} overdue`],
    ],
    [
      'a slot already sent is not sent again',
      region,
      new Map(),
      new Set([`${soon.id}|lead-1`, `${followup.id}|followup-1`]),
      [`${today.id} lead-0`, `${week.id} lead-7`, `${late.id} overdue`],
    ],
    [
      'leads [1]: the 7-day reminder is not due',
      { ...region, leadDays: [1] },
      new Map(),
      new Set(),
      [`${soon.id} lead-1`, `${late.id} overdue`, `${followup.id} followup-1`],
    ],
  ])('%s', (_what, sub, ledger, sent, expected) => {
    expect(short(remindersFor(sub, DAY, index, ledger, sent))).toEqual(expected);
  });
});

describe('remindersFor: plans of past years', () => {
  const sub = { region: '汶上县', units: [], leadDays: [7, 1, 0] };

  it('only the region’s current plan (the latest year imported) is reminded', () => {
    const old = task({ year: 2021, lead: ['县民政局'], deadline: dated('2022-06-14') });
    const current = task({ year: 2022, lead: ['县民政局'], deadline: dated('2022-06-14') });
    const items = remindersFor(sub, DAY, indexOf([old, current]), new Map());
    expect(items.map((i) => i.task.id)).toEqual([current.id]);
  });

  it('a plan that is over is no longer chased', () => {
    const late = task({ year: 2022, lead: ['县民政局'], deadline: dated('2022-06-14') });
    // 8 days late in its own year: chased; in 2026 the 2022 plan is over (its year + 1 has ended).
    const sameYear = remindersFor(sub, '2022-06-22', indexOf([late]), new Map());
    expect(sameYear.map((i) => i.reason)).toEqual(['overdue-followup']);
    // 2026-06-17 is 1,464 days late: a weekly follow-up day, were the plan not over.
    expect(slotOf(late, '2026-06-17', sub.leadDays)?.reason).toBe('overdue-followup');
    expect(remindersFor(sub, '2026-06-17', indexOf([late]), new Map())).toEqual([]);
  });
});

describe('quietDay', () => {
  const item = (reason: ReminderItem['reason']): ReminderItem => ({ task: task(), reason, slot: 'x', daysLeft: 0, date: '2022-06-15', milestone: null });
  // 2022-06-18 is a Saturday, 2022-06-19 a Sunday, 2022-06-20 a Monday.
  it.each<[string, ReminderItem['reason'][], boolean]>([
    ['2022-06-18', [], true],
    ['2022-06-19', ['due-soon', 'overdue'], true],
    ['2022-06-18', ['due-soon', 'due-today'], false],
    ['2022-06-20', [], false],
    ['2022-06-15', ['overdue-followup'], false],
    // 国庆: 2022-10-03 (Monday) is a public holiday; 2022-10-08 (Saturday) is worked in lieu.
    ['2022-10-03', ['due-soon'], true],
    ['2022-10-03', ['due-today'], false],
    ['2022-10-08', [], false],
    // 端午: 2022-06-03 is a Friday off.
    ['2022-06-03', ['overdue'], true],
  ])('%s with %j is quiet: %s', (day, reasons, expected) => {
    expect(quietDay(day, reasons.map(item))).toBe(expected);
  });
});
