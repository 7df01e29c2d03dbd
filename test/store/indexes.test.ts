// The task index's month lookup: a task is found in the month of its due date and of each milestone, once.
import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../src/model/task.ts';
import { dated, indexOf, task, undated } from '../fixtures-builders.ts';

const staged = (...dates: string[]): Deadline => ({
  ...dated(dates[dates.length - 1] as string),
  milestones: dates.map((date, i) => ({ date, text: `第${i + 1}阶段` })),
});

describe('TaskIndex.dueInMonth', () => {
  const plain = task({ deadline: dated('2022-06-30') });
  const twoMonths = task({ deadline: staged('2022-02-28', '2022-08-31') });
  const sameMonth = task({ deadline: staged('2022-06-10', '2022-06-30') });
  const yearRound = task({ deadline: undated('year-round', '2022-12-31') });
  const index = indexOf([plain, twoMonths, sameMonth, yearRound]);

  it.each([
    ['2022-02', [twoMonths]],
    ['2022-06', [plain, sameMonth]],
    ['2022-08', [twoMonths]],
    ['2022-12', []],
  ])('%s', (month, expected) => {
    expect(index.dueInMonth(month).map((t) => t.id)).toEqual(expected.map((t) => t.id));
  });

  it('lists the months of every milestone for range questions', () => {
    expect(index.months()).toEqual(['2022-02', '2022-06', '2022-08']);
  });
});
