// Lookups built once at load: tasks by id, by region, by unit (named, or bound through a collective)
// and by the months they (or any of their milestones) fall due. Kept lean (arrays of task references, role bitmasks): at province
// scale there are hundreds of thousands of entries.
import type { Task, TaskDocument, UnitRole } from '../model/task.ts';
import { deadlineStages, unitRoles } from '../model/task.ts';
import { collectiveScope, type CollectiveScope, unitKey, type UnitKind } from '../model/unit-names.ts';
import { UnitDirectory, type UnitEntry } from './unit-directory.ts';

export interface NamedTask {
  task: Task;
  roles: UnitRole[];
}

export interface UnitTasks {
  named: NamedTask[];
  /** Tasks binding the unit only through a collective (县政府各部门、单位 …), in document order. */
  viaCollective: Task[];
}

type Kind = Task['deadline']['kind'];
export type KindCounts = Record<Kind, number>;

const ROLE_BIT: Record<UnitRole, number> = { lead: 1, responsible: 2, cooperating: 4 };
const emptyCounts = (): KindCounts => ({ dated: 0, 'year-round': 0, recurring: 0, ongoing: 0, none: 0 });

const scopeBinds = (scope: CollectiveScope, kind: UnitKind): boolean =>
  scope === 'all' || (scope === 'towns' ? kind === 'town' : kind === 'department');

export class TaskIndex {
  readonly byId = new Map<string, Task>();
  private readonly positions = new Map<string, number>();
  readonly documents = new Map<string, TaskDocument>();
  readonly byRegion = new Map<string, Task[]>();
  readonly units: UnitDirectory;
  private readonly byUnit = new Map<string, { tasks: Task[]; roles: number[] }>();
  private readonly byScope = new Map<string, Task[]>();
  private readonly byMonth = new Map<string, Task[]>();
  private readonly yearsByRegion = new Map<string, Set<number>>();
  private readonly kinds = new Map<string, KindCounts>();
  private readonly sortedMonths: string[];
  private readonly currentYears = new Map<string, number>();

  constructor(documents: readonly TaskDocument[], tasks: readonly Task[]) {
    for (const doc of documents) this.documents.set(doc.id, doc);
    this.units = UnitDirectory.build(tasks);
    for (const task of tasks) {
      this.byId.set(task.id, task);
      this.positions.set(task.id, this.positions.size);
      push(this.byRegion, task.region, task);

      const roles = new Map<string, number>();
      const scopes = new Set<CollectiveScope>();
      for (const role of unitRoles) {
        for (const name of task[role]) {
          const scope = collectiveScope(name);
          if (scope) scopes.add(scope);
          const key = `${task.region}|${unitKey(name)}`;
          roles.set(key, (roles.get(key) ?? 0) | ROLE_BIT[role]);
        }
      }
      for (const [key, bits] of roles) {
        let entry = this.byUnit.get(key);
        if (!entry) this.byUnit.set(key, (entry = { tasks: [], roles: [] }));
        entry.tasks.push(task);
        entry.roles.push(bits);
      }
      for (const scope of scopes) push(this.byScope, `${task.region}|${scope}`, task);

      for (const month of new Set(deadlineStages(task.deadline).map((s) => s.date.slice(0, 7)))) push(this.byMonth, month, task);
      const years = this.yearsByRegion.get(task.region) ?? new Set<number>();
      years.add(task.year);
      this.yearsByRegion.set(task.region, years);
      const kindKey = `${task.region}|${task.year}`;
      const counts = this.kinds.get(kindKey) ?? emptyCounts();
      counts[task.deadline.kind]++;
      this.kinds.set(kindKey, counts);
    }
    this.sortedMonths = [...this.byMonth.keys()].sort();
  }

  /** A task's place in the store: the order lists are given in. */
  position(task: Task): number {
    return this.positions.get(task.id) ?? Number.MAX_SAFE_INTEGER;
  }

  regions(): string[] {
    return [...this.byRegion.keys()];
  }

  /** The region's current plan: the latest year imported. Lists, overdue, completion and reminders use it. */
  currentYear(region: string): number | undefined {
    let year = this.currentYears.get(region);
    if (year === undefined) {
      const years = this.yearsByRegion.get(region);
      if (!years?.size) return undefined;
      this.currentYears.set(region, (year = Math.max(...years)));
    }
    return year;
  }

  /** Whether a task belongs to its region's current plan. */
  isCurrent(task: Task): boolean {
    return task.year === this.currentYear(task.region);
  }

  /** The plan years a region has tasks for. */
  years(region: string): ReadonlySet<number> {
    return this.yearsByRegion.get(region) ?? new Set();
  }

  /** How many tasks of the regions (of one plan year, or all) have each kind of deadline. */
  kindCounts(regions: readonly string[], year?: number): KindCounts {
    const total = emptyCounts();
    for (const region of regions) {
      for (const y of year === undefined ? this.years(region) : [year]) {
        const counts = this.kinds.get(`${region}|${y}`);
        if (counts) for (const k of Object.keys(total) as Kind[]) total[k] += counts[k];
      }
    }
    return total;
  }

  /** How many tasks name the unit. */
  namedCount(unit: UnitEntry): number {
    return this.byUnit.get(`${unit.region}|${unit.key}`)?.tasks.length ?? 0;
  }

  /** Tasks naming the unit in any role. */
  namedTasks(unit: UnitEntry): NamedTask[] {
    const entry = this.byUnit.get(`${unit.region}|${unit.key}`);
    return (entry?.tasks ?? []).map((task, i) => ({
      task,
      roles: unitRoles.filter((r) => ((entry?.roles[i] ?? 0) & ROLE_BIT[r]) !== 0),
    }));
  }

  /** Tasks naming the unit in any role, and apart from them, tasks binding it through a collective. */
  tasksOfUnit(unit: UnitEntry): UnitTasks {
    const named = this.namedTasks(unit);
    if (unit.kind === 'collective') return { named, viaCollective: [] };
    const namedIds = new Set(named.map((n) => n.task.id));
    const lists = (['departments', 'towns', 'all'] as const)
      .filter((scope) => scopeBinds(scope, unit.kind))
      .map((scope) => this.byScope.get(`${unit.region}|${scope}`) ?? [])
      .filter((l) => l.length);
    // Each list is in index order already; only a unit bound by two kinds of collective needs a merge.
    const merged = lists.length > 1 ? [...new Set(lists.flat())].sort((a, b) => this.position(a) - this.position(b)) : (lists[0] ?? []);
    return { named, viaCollective: merged.filter((t) => !namedIds.has(t.id)) };
  }

  /** The collectives of a task that bind a unit of this kind. */
  collectivesBinding(task: Task, kind: UnitKind): string[] {
    return unitRoles.flatMap((r) => task[r]).filter((name) => {
      const scope = collectiveScope(name);
      return scope !== null && scopeBinds(scope, kind);
    });
  }

  /**
   * Tasks with a concrete deadline or a milestone in a calendar month (YYYY-MM), each once; year-round
   * and ongoing ones are not listed.
   */
  dueInMonth(month: string, regions?: readonly string[]): Task[] {
    const tasks = this.byMonth.get(month) ?? [];
    if (!regions) return tasks;
    const wanted = new Set(regions);
    return tasks.filter((t) => wanted.has(t.region));
  }

  /** Months that have dated tasks or milestones, in order, for range questions. */
  months(): readonly string[] {
    return this.sortedMonths;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
