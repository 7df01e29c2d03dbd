// "民政局有哪些任务": the tasks naming a unit, marked 牵头 / 责任 / 配合, and apart from them a summary of
// the tasks that bind it through a collective (县政府各部门、单位 …).
import type { Task, UnitRole } from '../../model/task.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { firstPage } from '../listing.ts';
import type { Block } from '../../model/reply.ts';
import { chatText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, say } from './context.ts';

export interface UnitTaskList {
  named: Task[];
  roles: Record<string, UnitRole[]>;
  related: Task[];
  collectives: string[];
}

/** Named and collective tasks of one or more unit entries (the same unit in several regions). */
export function collectUnitTasks(ctx: AnswerContext, units: readonly UnitEntry[]): UnitTaskList {
  const roles: Record<string, UnitRole[]> = {};
  const named: Task[] = [];
  let related: Task[] = [];
  const collectives = new Set<string>();
  for (const unit of units) {
    const found = ctx.knowledge.index.tasksOfUnit(unit);
    for (const { task, roles: r } of found.named) {
      if (roles[task.id]) roles[task.id] = [...new Set([...(roles[task.id] ?? []), ...r])];
      else {
        named.push(task);
        roles[task.id] = r;
      }
    }
    related = related.length ? related.concat(found.viaCollective) : found.viaCollective;
    // The summary names a couple of collectives: the first tasks are enough.
    for (const task of found.viaCollective.slice(0, 5)) ctx.knowledge.index.collectivesBinding(task, unit.kind).forEach((c) => collectives.add(c));
  }
  if (units.length > 1) related = related.filter((t) => !roles[t.id]);
  return { named, roles, related, collectives: [...collectives].slice(0, 2) };
}

export function answerUnitTasks(ctx: AnswerContext, units: UnitEntry[], role: UnitRole | null): Answer {
  const found = collectUnitTasks(ctx, units);
  const tasks = role ? found.named.filter((t) => found.roles[t.id]?.includes(role)) : found.named;
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
    ? [{ type: 'paragraph', text: chatText.relatedSummary(found.related.length, found.collectives.join('”“')) }]
    : [];
  const { related } = found;
  return firstPage(
    {
      intent: 'unit-tasks',
      head,
      foot,
      title: chatText.unitListTitle(regionLabel, name),
      tasks,
      related,
      relatedUnits: units.map((u) => ({ region: u.region, key: u.key })),
      relatedTitle: chatText.relatedHeading(name, related.length),
      roles: found.roles,
    },
    ctx.now,
  );
}
