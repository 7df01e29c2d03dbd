// The ledger at a glance: counts by status, units worst first, the overdue and due-soon lists with their
// boundaries, undated tasks apart, every region's years, and one unit's tasks by role.
import { describe, expect, it } from 'vitest';
import { completionRate, countStatuses, DUE_SOON_DAYS, noCounts, overview, regionYears, unitLedger, type UnitRow, worstFirst } from '../../src/ledger/summary.ts';
import { eventsByTask } from '../../src/ledger/status.ts';
import type { UnitEntry } from '../../src/store/unit-directory.ts';
import { addDays } from '../../src/time.ts';
import { dated, event, indexOf, task, undated } from '../fixtures-builders.ts';

const TODAY = '2022-06-15';

describe('worstFirst', () => {
  const row = (name: string, counts: Partial<ReturnType<typeof noCounts>>): UnitRow => {
    const c = { ...noCounts(), ...counts };
    return { unit: { name } as UnitEntry, counts: c, total: c.overdue + c.done + c['in-progress'] + c['not-started'] };
  };
  // [rows in any order, the names worst first]
  it.each<[UnitRow[], string[]]>([
    [[row('甲', { done: 3 }), row('乙', { overdue: 1, done: 5 })], ['乙', '甲']],
    [[row('甲', { overdue: 1 }), row('乙', { overdue: 2 })], ['乙', '甲']],
    [[row('甲', { 'not-started': 1, done: 1 }), row('乙', { 'not-started': 3 })], ['乙', '甲']],
    [[row('甲', { 'in-progress': 1, done: 3 }), row('乙', { 'in-progress': 1 })], ['乙', '甲']],
    [[row('乙', { done: 1 }), row('甲', { done: 1 })], ['乙', '甲'].sort()],
  ])('%#', (rows, names) => {
    expect([...rows].sort(worstFirst).map((r) => r.unit.name)).toEqual(names);
  });
});

describe('overview', () => {
  const soonest = task({ lead: ['县民政局'], deadline: dated(TODAY) });
  const edge = task({ lead: ['县财政局'], deadline: dated(addDays(TODAY, DUE_SOON_DAYS)) });
  const beyond = task({ lead: ['县财政局'], deadline: dated(addDays(TODAY, DUE_SOON_DAYS + 1)) });
  const late = task({ lead: ['县民政局'], responsible: ['县财政局'], deadline: dated('2022-05-31') });
  const later = task({ lead: ['县民政局'], deadline: dated('2022-06-14') });
  const doneSoon = task({ lead: ['县财政局'], deadline: dated('2022-06-20') });
  const yearRound = task({ lead: ['县民政局'], deadline: undated('year-round', '2022-12-31') });
  const ongoing = task({ responsible: ['各乡镇（街道）'], deadline: undated('ongoing') });
  const otherYear = task({ year: 2021, lead: ['县民政局'], deadline: dated('2021-06-30') });
  const otherRegion = task({ region: '冠县', lead: ['县民政局'], deadline: dated('2022-05-01') });
  const tasks = [soonest, edge, beyond, late, later, doneSoon, yearRound, ongoing, otherYear, otherRegion];
  const index = indexOf(tasks);
  const ledger = eventsByTask([event(doneSoon.id, 'done'), event(yearRound.id, 'sign'), event(yearRound.id, 'progress', '2022-06-11T02:00:00.000Z', '已发布')]);
  const o = overview(index, ledger, '汶上县', 2022, TODAY);

  it('counts the plan year of the region only', () => {
    expect(o.total).toBe(8);
    expect(o.counts).toEqual({ overdue: 2, 'not-started': 4, 'in-progress': 1, done: 1 });
    expect(completionRate(o.counts)).toBe(1 / 8);
  });

  it('lists the overdue, longest overdue first', () => {
    expect(o.overdue.map((t) => t.id)).toEqual([late.id, later.id]);
  });

  it(`lists what falls due from today to ${DUE_SOON_DAYS} days ahead, not done, earliest first`, () => {
    expect(o.dueSoon.map((t) => t.id)).toEqual([soonest.id, edge.id]);
  });

  it('keeps undated tasks apart, with their last progress', () => {
    expect(o.undated.tasks.map((s) => s.task.id)).toEqual([yearRound.id, ongoing.id]);
    expect(o.undated.tasks[0]?.last?.note).toBe('已发布');
    expect(o.undated.counts['in-progress']).toBe(1);
  });

  it('has a row per unit named in the plan year, worst first', () => {
    expect(o.units.map((r) => [r.unit.name, r.total, r.counts.overdue])).toEqual([
      ['县民政局', 4, 2],
      ['县财政局', 4, 1],
      ['各乡镇（街道）', 1, 0],
    ]);
  });

  it('every region and year, the latest year first', () => {
    const rows = regionYears(index, ledger, TODAY);
    expect(rows.map((r) => [r.region, r.year, r.total])).toEqual([
      ['汶上县', 2022, 8],
      ['汶上县', 2021, 1],
      ['冠县', 2022, 1],
    ]);
    expect(countStatuses([otherYear, otherRegion], ledger, TODAY)).toEqual({ ...noCounts(), overdue: 2 });
  });

  it("one unit's tasks by its first role, in a year or in all", () => {
    const unit = index.units.get('汶上县', '财政局');
    if (!unit) throw new Error('no unit');
    const u = unitLedger(index, ledger, unit, 2022, TODAY);
    expect(u.byRole.lead.map((s) => s.task.id)).toEqual([edge.id, beyond.id, doneSoon.id]);
    expect(u.byRole.responsible.map((s) => s.task.id)).toEqual([late.id]);
    expect(u.roles.get(late.id)).toEqual(['responsible']);
    expect(u.viaCollective.map((s) => s.task.id)).toEqual([]);
    const mz = index.units.get('汶上县', '民政局');
    if (!mz) throw new Error('no unit');
    expect(unitLedger(index, ledger, mz, null, TODAY).byRole.lead).toHaveLength(5);
    expect(unitLedger(index, ledger, mz, 2021, TODAY).byRole.lead).toHaveLength(1);
  });
});
