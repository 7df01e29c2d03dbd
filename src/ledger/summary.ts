// The ledger (台账) at a glance, for one region and plan year: counts by status, each unit's tasks by
// status (worst first), the overdue tasks, what falls due next, and the year-round and ongoing tasks
// apart; one unit's tasks by role; and every region's completion. Pure: the index, the grouped ledger
// and today are arguments. The chat's 完成情况 and the web 台账 read the same numbers.
import type { LedgerEvent } from '../model/records.ts';
import type { Task, UnitRole } from '../model/task.ts';
import { unitRoles } from '../model/task.ts';
import type { TaskIndex } from '../store/indexes.ts';
import type { UnitEntry } from '../store/unit-directory.ts';
import { addDays } from '../time.ts';
import { type Status, statusOf } from './status.ts';

export type StatusCounts = Record<Status, number>;
export type Ledger = ReadonlyMap<string, readonly LedgerEvent[]>;

/** "What falls due next" looks this many days ahead. */
export const DUE_SOON_DAYS = 30;

export const STATUSES: readonly Status[] = ['overdue', 'not-started', 'in-progress', 'done'];

export const noCounts = (): StatusCounts => ({ 'not-started': 0, 'in-progress': 0, done: 0, overdue: 0 });

export const totalOf = (counts: StatusCounts): number => counts['not-started'] + counts['in-progress'] + counts.done + counts.overdue;

/** Done over all, 0 when there is nothing. */
export const completionRate = (counts: StatusCounts): number => {
  const total = totalOf(counts);
  return total ? counts.done / total : 0;
};

export function countStatuses(tasks: readonly Task[], ledger: Ledger, today: string): StatusCounts {
  const counts = noCounts();
  for (const task of tasks) counts[statusOf(task, ledger.get(task.id), today)]++;
  return counts;
}

export interface UnitRow {
  unit: UnitEntry;
  counts: StatusCounts;
  total: number;
}

/** Worst first: most overdue, then most still open, then the lowest completion, then by name. */
export function worstFirst(a: UnitRow, b: UnitRow): number {
  const open = (r: UnitRow): number => r.total - r.counts.done;
  return (
    b.counts.overdue - a.counts.overdue ||
    open(b) - open(a) ||
    completionRate(a.counts) - completionRate(b.counts) ||
    (a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0)
  );
}

export interface TaskState {
  task: Task;
  status: Status;
  /** The task's latest ledger event: the last progress and who recorded it. */
  last: LedgerEvent | undefined;
}

export interface Overview {
  region: string;
  year: number;
  today: string;
  counts: StatusCounts;
  total: number;
  /** Every unit the plan names (collectives too), worst first. */
  units: UnitRow[];
  /** Overdue tasks, the longest overdue first. */
  overdue: Task[];
  /** Dated tasks not done that fall due from today to DUE_SOON_DAYS ahead, earliest first. */
  dueSoon: Task[];
  /** Tasks without a date of their own (全年, 定期, 长期, 未写明), apart. */
  undated: { counts: StatusCounts; tasks: TaskState[] };
}

const byDueThenSeq = (a: Task, b: Task): number => {
  const x = a.deadline.due ?? '9999';
  const y = b.deadline.due ?? '9999';
  return x !== y ? (x < y ? -1 : 1) : a.seq - b.seq;
};

export function planTasks(index: TaskIndex, region: string, year: number): Task[] {
  return (index.byRegion.get(region) ?? []).filter((t) => t.year === year);
}

function unitRowsOf(index: TaskIndex, region: string, year: number, statusById: ReadonlyMap<string, Status>): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const unit of index.units.entries(region)) {
    const counts = noCounts();
    for (const { task } of index.namedTasks(unit)) {
      const status = task.year === year ? statusById.get(task.id) : undefined;
      if (status) counts[status]++;
    }
    const total = totalOf(counts);
    if (total) rows.push({ unit, counts, total });
  }
  return rows.sort(worstFirst);
}

export function overview(index: TaskIndex, ledger: Ledger, region: string, year: number, today: string): Overview {
  const tasks = planTasks(index, region, year);
  const horizon = addDays(today, DUE_SOON_DAYS);
  const counts = noCounts();
  const statusById = new Map<string, Status>();
  const overdue: Task[] = [];
  const dueSoon: Task[] = [];
  const undated = { counts: noCounts(), tasks: [] as TaskState[] };
  for (const task of tasks) {
    const events = ledger.get(task.id);
    const status = statusOf(task, events, today);
    statusById.set(task.id, status);
    counts[status]++;
    if (status === 'overdue') overdue.push(task);
    const { kind, due } = task.deadline;
    if (kind !== 'dated') {
      undated.counts[status]++;
      undated.tasks.push({ task, status, last: events?.at(-1) });
    } else if (status !== 'done' && due && due >= today && due <= horizon) dueSoon.push(task);
  }
  return {
    region,
    year,
    today,
    counts,
    total: tasks.length,
    units: unitRowsOf(index, region, year, statusById),
    overdue: overdue.sort(byDueThenSeq),
    dueSoon: dueSoon.sort(byDueThenSeq),
    undated,
  };
}

export interface RegionYear {
  region: string;
  year: number;
  counts: StatusCounts;
  total: number;
}

/** Every region and plan year with its counts, regions in the store's order, the latest year first. */
export function regionYears(index: TaskIndex, ledger: Ledger, today: string): RegionYear[] {
  const out: RegionYear[] = [];
  for (const [region, tasks] of index.byRegion) {
    const byYear = new Map<number, StatusCounts>();
    for (const task of tasks) {
      let counts = byYear.get(task.year);
      if (!counts) byYear.set(task.year, (counts = noCounts()));
      counts[statusOf(task, ledger.get(task.id), today)]++;
    }
    const years = [...byYear.keys()].sort((a, b) => b - a);
    for (const year of years) {
      const counts = byYear.get(year) ?? noCounts();
      out.push({ region, year, counts, total: totalOf(counts) });
    }
  }
  return out;
}

export interface UnitLedger {
  unit: UnitEntry;
  /** The unit's tasks under the first role it holds in each (牵头 before 责任 before 配合). */
  byRole: Record<UnitRole, TaskState[]>;
  /** Each task's roles for the unit. */
  roles: ReadonlyMap<string, UnitRole[]>;
  /** Tasks binding the unit only through a collective (各乡镇（街道）, 县政府各部门 …). */
  viaCollective: TaskState[];
  counts: StatusCounts;
}

/** One unit's tasks of a plan year (or of every year), by role, with status and last progress. */
export function unitLedger(index: TaskIndex, ledger: Ledger, unit: UnitEntry, year: number | null, today: string): UnitLedger {
  const state = (task: Task): TaskState => {
    const events = ledger.get(task.id);
    return { task, status: statusOf(task, events, today), last: events?.at(-1) };
  };
  const inYear = (task: Task): boolean => year === null || task.year === year;
  const found = index.tasksOfUnit(unit);
  const byRole: Record<UnitRole, TaskState[]> = { lead: [], responsible: [], cooperating: [] };
  const roles = new Map<string, UnitRole[]>();
  const counts = noCounts();
  for (const named of found.named) {
    if (!inYear(named.task)) continue;
    const first = unitRoles.find((r) => named.roles.includes(r)) ?? 'responsible';
    const s = state(named.task);
    byRole[first].push(s);
    roles.set(named.task.id, named.roles);
    counts[s.status]++;
  }
  return { unit, byRole, roles, viaCollective: found.viaCollective.filter(inYear).map(state), counts };
}
