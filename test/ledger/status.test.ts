// Ledger status from a task's events: done and undone in any order (the last one counts), 逾期 only
// for tasks with a concrete due date, when a task was last marked done, and events grouped per task.
import { describe, expect, it } from 'vitest';
import { doneAt, eventsByTask, isDone, STATUS_LABEL, statusOf, type Status } from '../../src/ledger/status.ts';
import type { LedgerEvent } from '../../src/model/records.ts';
import type { Deadline } from '../../src/model/task.ts';
import { dated, event, task, undated } from '../fixtures-builders.ts';

type Action = LedgerEvent['action'];
const TODAY = '2022-06-15';
const events = (actions: Action[]): LedgerEvent[] => actions.map((a, i) => event('t1', a, `2022-06-${String(i + 1).padStart(2, '0')}T02:00:00.000Z`));

describe('isDone and doneAt', () => {
  // [actions in order, done?, when last marked done]
  it.each<[Action[], boolean, string | null]>([
    [[], false, null],
    [['sign'], false, null],
    [['sign', 'progress'], false, null],
    [['done'], true, '2022-06-01T02:00:00.000Z'],
    [['sign', 'progress', 'done'], true, '2022-06-03T02:00:00.000Z'],
    [['done', 'undone'], false, null],
    [['done', 'undone', 'done'], true, '2022-06-03T02:00:00.000Z'],
    [['done', 'progress'], true, '2022-06-01T02:00:00.000Z'],
    [['done', 'undone', 'progress'], false, null],
    [['undone'], false, null],
    [['done', 'done'], true, '2022-06-02T02:00:00.000Z'],
  ])('%j → done %s, at %s', (actions, done, at) => {
    expect(isDone(events(actions))).toBe(done);
    expect(doneAt(events(actions))).toBe(at);
  });
});

describe('statusOf', () => {
  // [what, deadline, actions, expected status] on 2022-06-15
  it.each<[string, Deadline, Action[], Status]>([
    ['dated, not yet due, nothing recorded', dated('2022-06-30'), [], 'not-started'],
    ['dated, not yet due, signed', dated('2022-06-30'), ['sign'], 'in-progress'],
    ['dated, due today, nothing recorded', dated(TODAY), [], 'not-started'],
    ['dated, due yesterday, nothing recorded', dated('2022-06-14'), [], 'overdue'],
    ['dated, past due, with progress', dated('2022-05-31'), ['sign', 'progress'], 'overdue'],
    ['dated, past due, done', dated('2022-05-31'), ['done'], 'done'],
    ['dated, past due, done then undone', dated('2022-05-31'), ['done', 'undone'], 'overdue'],
    ['not yet due, done then undone', dated('2022-06-30'), ['done', 'undone'], 'in-progress'],
    ['year-round, its year-end "due" passed', undated('year-round', '2021-12-31'), [], 'not-started'],
    ['ongoing, past its date, signed', undated('ongoing', '2022-01-31'), ['sign'], 'in-progress'],
    ['no deadline, done', undated('none'), ['done'], 'done'],
  ])('%s → %s', (_what, deadline, actions, expected) => {
    expect(statusOf(task({ deadline }), events(actions), TODAY)).toBe(expected);
  });

  it.each<[Status, string]>([
    ['not-started', '未开始'],
    ['in-progress', '进行中'],
    ['done', '已完成'],
    ['overdue', '逾期'],
  ])('%s reads %s', (status, label) => {
    expect(STATUS_LABEL[status]).toBe(label);
  });
});

describe('eventsByTask', () => {
  it('groups events per task, each in the order they happened', () => {
    const all = [event('a', 'sign'), event('b', 'done'), event('a', 'progress'), event('a', 'done')];
    const grouped = eventsByTask(all);
    expect([...grouped.keys()]).toEqual(['a', 'b']);
    expect(grouped.get('a')?.map((e) => e.action)).toEqual(['sign', 'progress', 'done']);
    expect(grouped.get('b')?.map((e) => e.action)).toEqual(['done']);
  });
});
