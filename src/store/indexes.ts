// Lookups built once at load: tasks by id, by region, by unit (named, or bound through a collective)
// and by the month they fall due.
import type { Task, TaskDocument, UnitRole } from '../model/task.ts';
import { unitRoles } from '../model/task.ts';
import { collectiveScope, type CollectiveScope, unitKey, type UnitKind } from '../ingest/unit-names.ts';
import { UnitDirectory, type UnitEntry } from './unit-directory.ts';

export interface NamedTask {
  task: Task;
  roles: UnitRole[];
}

export interface CollectiveTask {
  task: Task;
  /** The collectives through which the task binds the unit (县政府各部门、单位 …). */
  collectives: string[];
}

export interface UnitTasks {
  named: NamedTask[];
  viaCollective: CollectiveTask[];
}

const scopeBinds = (scope: CollectiveScope, kind: UnitKind): boolean =>
  scope === 'all' || (scope === 'towns' ? kind === 'town' : kind === 'department');

export class TaskIndex {
  readonly byId = new Map<string, Task>();
  readonly documents = new Map<string, TaskDocument>();
  readonly byRegion = new Map<string, Task[]>();
  readonly units: UnitDirectory;
  private readonly byUnit = new Map<string, NamedTask[]>();
  private readonly byScope = new Map<string, CollectiveTask[]>();
  private readonly byMonth = new Map<string, Task[]>();

  constructor(documents: readonly TaskDocument[], tasks: readonly Task[]) {
    for (const doc of documents) this.documents.set(doc.id, doc);
    this.units = UnitDirectory.build(tasks);
    for (const task of tasks) {
      this.byId.set(task.id, task);
      push(this.byRegion, task.region, task);

      const roles = new Map<string, UnitRole[]>();
      const scopes = new Map<CollectiveScope, string[]>();
      for (const role of unitRoles) {
        for (const name of task[role]) {
          const scope = collectiveScope(name);
          if (scope) push(scopes, scope, name);
          const key = `${task.region}|${unitKey(name)}`;
          const list = roles.get(key) ?? [];
          if (!list.includes(role)) list.push(role);
          roles.set(key, list);
        }
      }
      for (const [key, r] of roles) push(this.byUnit, key, { task, roles: r });
      for (const [scope, names] of scopes) push(this.byScope, `${task.region}|${scope}`, { task, collectives: names });

      if (task.deadline.kind === 'dated' && task.deadline.due) push(this.byMonth, task.deadline.due.slice(0, 7), task);
    }
  }

  regions(): string[] {
    return [...this.byRegion.keys()];
  }

  /** Tasks naming the unit in any role, and apart from them, tasks binding it through a collective. */
  tasksOfUnit(unit: UnitEntry): UnitTasks {
    const named = this.byUnit.get(`${unit.region}|${unit.key}`) ?? [];
    const namedIds = new Set(named.map((n) => n.task.id));
    const viaCollective: CollectiveTask[] = [];
    if (unit.kind !== 'collective') {
      const seen = new Set<string>();
      for (const scope of ['departments', 'towns', 'all'] as const) {
        if (!scopeBinds(scope, unit.kind)) continue;
        for (const entry of this.byScope.get(`${unit.region}|${scope}`) ?? []) {
          if (namedIds.has(entry.task.id) || seen.has(entry.task.id)) continue;
          seen.add(entry.task.id);
          viaCollective.push(entry);
        }
      }
      viaCollective.sort((a, b) => order(a.task, b.task));
    }
    return { named, viaCollective };
  }

  /** Tasks with a concrete deadline in a calendar month (YYYY-MM); year-round and ongoing ones are not listed. */
  dueInMonth(month: string, regions?: readonly string[]): Task[] {
    const tasks = this.byMonth.get(month) ?? [];
    return regions ? tasks.filter((t) => regions.includes(t.region)) : tasks;
  }

  /** Months that have dated tasks, for range questions. */
  months(): string[] {
    return [...this.byMonth.keys()].sort();
  }
}

function order(a: Task, b: Task): number {
  return a.documentId === b.documentId ? a.seq - b.seq : a.documentId.localeCompare(b.documentId);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
