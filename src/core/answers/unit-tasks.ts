// "民政局有哪些任务": the tasks naming a unit, marked 牵头 / 责任 / 配合, and apart from them a summary of
// the tasks that bind it through a collective (县政府各部门、单位 …).
import type { Task, UnitRole } from '../../model/task.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { firstPage } from '../listing.ts';
import type { Block } from '../../model/reply.ts';
import { chatText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, inPlan, say } from './context.ts';
import type { StandIn } from '../catalog.ts';
import { UNIT_FUNCTIONS } from '../../model/unit-functions.ts';
import { viewOf } from './context.ts';

export interface UnitTaskList {
  named: Task[];
  roles: Record<string, UnitRole[]>;
  related: Task[];
  collectives: string[];
}

/**
 * Named and collective tasks of one or more unit entries (the same unit in several regions), of each
 * region's current plan, or of the named year's.
 */
export function collectUnitTasks(ctx: AnswerContext, units: readonly UnitEntry[], year?: number): UnitTaskList {
  const keep = inPlan(ctx, year);
  const roles: Record<string, UnitRole[]> = {};
  const named: Task[] = [];
  let related: Task[] = [];
  const collectives = new Set<string>();
  for (const unit of units) {
    const all = ctx.knowledge.index.tasksOfUnit(unit);
    const found = { named: all.named.filter((n) => keep(n.task)), viaCollective: all.viaCollective.filter(keep) };
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

export interface UnitQuestion {
  units: UnitEntry[];
  role: UnitRole | null;
  count?: boolean;
  standIns?: StandIn[];
  year?: number;
}

/**
 * For a stand-in found by the plan's tasks (a bureau holding several functions), the tasks of the
 * function asked about first (教育局 → its 义务教育 task before 乡村振兴). A unit named for the function
 * (组织部（人力资源部） for 人社) keeps the document's order: all its tasks are that work.
 */
function functionFirst(tasks: Task[], standIns: readonly StandIn[]): Task[] {
  const topics = standIns.filter((s) => s.by === 'tasks').flatMap((s) => UNIT_FUNCTIONS.find((f) => f.label === s.label)?.topics ?? []);
  if (!topics.length) return tasks;
  const weight = (t: Task): number => topics.filter((w) => t.requirement.includes(w)).length;
  return tasks.map((t, i) => ({ t, i, w: weight(t) })).sort((a, b) => b.w - a.w || a.i - b.i).map((x) => x.t);
}

/** "济宁高新区没有人社局，人社职能由区党工委组织部（人力资源部）承担：" */
function standInLines(standIns: readonly StandIn[]): Block[] {
  return standIns.map((s) => ({
    type: 'paragraph' as const,
    text: s.by === 'name' ? chatText.standInByName(s.region, s.asked, s.label, s.unit.name) : chatText.standInByTasks(s.region, s.asked, s.label, s.unit.name),
  }));
}

/** The heading: each region named once, then the unit (the same unit across regions is named once too). */
function unitHeading(q: UnitQuestion, found: UnitTaskList, tasks: readonly Task[], regionLabel: string, name: string): string {
  const count = (r: UnitRole): number => found.named.filter((t) => found.roles[t.id]?.includes(r)).length;
  if (q.role) return tasks.length ? chatText.unitRoleHeading(regionLabel, name, chatText.roles([q.role]), tasks.length) : chatText.unitRoleNone(regionLabel, name, chatText.roles([q.role]));
  const heading = q.count ? chatText.unitCountHeading : chatText.unitHeading;
  return heading(regionLabel, name, found.named.length, count('lead'), count('responsible'), count('cooperating'));
}

export function answerUnitTasks(ctx: AnswerContext, q: UnitQuestion): Answer {
  const { units, role } = q;
  const found = collectUnitTasks(ctx, units, q.year);
  const tasks = functionFirst(role ? found.named.filter((t) => found.roles[t.id]?.includes(role)) : found.named, q.standIns ?? []);
  const regions = [...new Set(units.map((u) => u.region))];
  // The same unit across regions (one key) is named once: 人力资源和社会保障局, not each county's spelling.
  const byKey = new Map(units.map((u) => [u.key, u.name.replace(/^[县区市](?!场)/, '')] as const));
  const names = [...new Set(byKey.values())];
  // One unit in one region keeps its own name (县民政局); across regions, the name without its level;
  // two units asked together are both named (县住房城乡建设局、县水务局).
  const name = regions.length > 1 ? names.join('、') : [...new Set(units.map((u) => u.name))].join('、');
  const regionLabel = regions.join('、');
  const preface = standInLines(q.standIns ?? []);
  if (!tasks.length && !found.related.length) {
    return { reply: { intent: 'unit-tasks', blocks: [...preface, { type: 'paragraph', text: chatText.unitNone(`${regionLabel} ${name}`) }], tasks: [], related: [] } };
  }
  const head: Block[] = [...preface, { type: 'heading', text: unitHeading(q, found, tasks, regionLabel, name) }];
  const foot: Block[] = found.related.length
    ? [{ type: 'paragraph', text: chatText.relatedSummary(found.related.length, found.collectives.join('”“')) }]
    : [];
  const { related } = found;
  return firstPage(
    {
      view: viewOf(ctx),
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

/** A unit word that reaches no unit: said so, with the closest real names; never a search. */
export function answerUnitUnknown(ctx: AnswerContext, asked: string, suggestions: readonly UnitEntry[], regions: readonly string[]): Answer {
  const names = [...new Set(suggestions.map((u) => u.name))].join('、');
  const text = regions.length === 1 ? chatText.unitNotFoundIn(regions[0] ?? '', asked, names) : chatText.unitNotFound(asked, names);
  return say('unit-tasks', text);
}

/** "冠县2021年的任务": the region has no plan of that year. */
export function answerNoPlan(ctx: AnswerContext, year: number, regions: readonly string[]): Answer {
  const lines = regions.map((r) => chatText.noPlanYear(r, year, [...ctx.knowledge.index.years(r)].sort().join('、')));
  return say('stats', lines.join('\n'));
}
