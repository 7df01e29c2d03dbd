// "民政局有哪些任务": the tasks naming a unit, marked 牵头 / 责任 / 配合, and apart from them a summary of
// the tasks that bind it through a collective (县政府各部门、单位 …).
import type { Task, UnitRole } from '../../model/task.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { firstPage } from '../listing.ts';
import type { Block } from '../reply.ts';
import { chatText } from '../texts.ts';
import { type Answer, type AnswerContext, byDueThenOrder, say } from './context.ts';

export interface UnitTasks {
  named: Task[];
  roles: Record<string, UnitRole[]>;
  related: Task[];
  collectives: string[];
}

/** Named and collective tasks of one or more unit entries (the same unit in several regions). */
export function collectUnitTasks(ctx: AnswerContext, units: readonly UnitEntry[]): UnitTasks {
  const roles: Record<string, UnitRole[]> = {};
  const named: Task[] = [];
  const related = new Map<string, Task>();
  const collectives = new Set<string>();
  for (const unit of units) {
    const found = ctx.knowledge.index.tasksOfUnit(unit);
    for (const { task, roles: r } of found.named) {
      if (!roles[task.id]) named.push(task);
      roles[task.id] = [...new Set([...(roles[task.id] ?? []), ...r])];
    }
    for (const { task, collectives: c } of found.viaCollective) {
      related.set(task.id, task);
      c.forEach((name) => collectives.add(name));
    }
  }
  const namedIds = new Set(named.map((t) => t.id));
  return { named, roles, related: [...related.values()].filter((t) => !namedIds.has(t.id)), collectives: [...collectives] };
}

export function answerUnitTasks(ctx: AnswerContext, units: UnitEntry[], role: UnitRole | null): Answer {
  const found = collectUnitTasks(ctx, units);
  const tasks = (role ? found.named.filter((t) => found.roles[t.id]?.includes(role)) : found.named).sort(
    (a, b) => a.region.localeCompare(b.region) || a.documentId.localeCompare(b.documentId) || a.seq - b.seq,
  );
  const name = units[0]?.name ?? '';
  const regions = [...new Set(units.map((u) => u.region))];
  const regionLabel = regions.join('、');
  if (!tasks.length && !found.related.length) return say('unit-tasks', chatText.unitNone(`${regionLabel} ${name}`));

  const count = (r: UnitRole): number => found.named.filter((t) => found.roles[t.id]?.includes(r)).length;
  const head: Block[] = [
    {
      type: 'heading',
      text: role
        ? tasks.length
          ? chatText.unitRoleHeading(regionLabel, name, chatText.roles([role]), tasks.length)
          : chatText.unitRoleNone(regionLabel, name, chatText.roles([role]))
        : chatText.unitHeading(regionLabel, name, found.named.length, count('lead'), count('responsible'), count('cooperating')),
    },
  ];
  if (regions.length > 1) head.push({ type: 'paragraph', text: chatText.multiRegion(regionLabel) });
  const foot: Block[] = found.related.length
    ? [{ type: 'paragraph', text: chatText.relatedSummary(found.related.length, found.collectives.slice(0, 2).join('”“')) }]
    : [];
  const related = [...found.related].sort(byDueThenOrder);
  return firstPage(
    {
      intent: 'unit-tasks',
      head,
      foot,
      title: `${regionLabel} ${name}的任务`,
      tasks,
      related,
      relatedTitle: chatText.relatedHeading(name, related.length),
      roles: found.roles,
    },
    ctx.now,
  );
}
