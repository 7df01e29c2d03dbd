// "这个月有什么到期": tasks with a concrete due date or a milestone in the range, earliest first;
// year-round and ongoing tasks are counted, not listed. "已经逾期的": completion due before today
// (a milestone passed is not the task overdue: the ledger records the task, not its stages).
import { deadlineStages, type Task } from '../../model/task.ts';
import { isDone } from '../../ledger/status.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { firstPage } from '../listing.ts';
import type { Block } from '../../model/reply.ts';
import type { DueRange } from '../time-range.ts';
import { chatText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, daysLeftOf, inPlan, planOver, say, scopeLabel } from './context.ts';
import { viewOf } from './context.ts';
import { collectUnitTasks } from './unit-tasks.ts';

/** The first date of a task (a milestone, or the completion when overdue is asked) within the range, or null. */
function dateInRange(task: Task, range: DueRange): string | null {
  const dates = range.overdue ? [task.deadline.due ?? ''] : deadlineStages(task.deadline).map((s) => s.date);
  return dates.find((d) => d !== '' && (!range.from || d >= range.from) && (!range.to || d <= range.to)) ?? null;
}

/** Dated tasks of the regions due, or with a milestone, within the range (bounds included), by that date. */
export function tasksDue(ctx: AnswerContext, range: DueRange, regions: readonly string[]): Task[] {
  const fromMonth = range.from?.slice(0, 7) ?? '0000-00';
  const toMonth = range.to?.slice(0, 7) ?? '9999-99';
  const found = new Map<Task, string>();
  for (const month of ctx.knowledge.index.months()) {
    if (month < fromMonth || month > toMonth) continue;
    for (const task of ctx.knowledge.index.dueInMonth(month, regions)) {
      if (found.has(task)) continue;
      const date = dateInRange(task, range);
      if (date) found.set(task, date);
    }
  }
  const { index } = ctx.knowledge;
  const date = (t: Task): string => found.get(t) ?? '';
  return [...found.keys()].sort((a, b) => (date(a) !== date(b) ? (date(a) < date(b) ? -1 : 1) : index.position(a) - index.position(b)));
}

/** "6月底前", "年底前": a range that began before today; tasks already overdue in it are listed apart, last. */
function lateApart(ctx: AnswerContext, range: DueRange, tasks: Task[]): { tasks: Task[]; late: number } {
  if (range.overdue || !range.to || range.to < ctx.today || (range.from !== null && range.from >= ctx.today)) return { tasks, late: 0 };
  const late = tasks.filter((t) => (t.deadline.due ?? '') < ctx.today && !isDone(ctx.ledger.get(t.id)) && daysLeftOf(ctx, t) !== undefined);
  return { tasks: [...tasks.filter((t) => !late.includes(t)), ...late], late: late.length };
}

export function answerDue(ctx: AnswerContext, range: DueRange, regions: string[], units: UnitEntry[]): Answer {
  // Each region's current plan; overdue means not done and a plan not yet over (the ledger decides).
  let tasks = tasksDue(ctx, range, regions).filter(inPlan(ctx));
  if (range.overdue) tasks = tasks.filter((t) => !isDone(ctx.ledger.get(t.id)) && !planOver(t.year, ctx.today));
  let kinds = ctx.knowledge.index.kindCounts(regions);
  let who = scopeLabel(regions);
  if (units.length) {
    const { named } = collectUnitTasks(ctx, units);
    const ids = new Set(named.map((t) => t.id));
    tasks = tasks.filter((t) => ids.has(t.id));
    kinds = { dated: 0, 'year-round': 0, recurring: 0, ongoing: 0, none: 0 };
    for (const t of named) kinds[t.deadline.kind]++;
    who = `${[...new Set(units.map((u) => u.region))].join('、')} ${units[0]?.name ?? ''} `;
  }
  const yearRound = kinds['year-round'];
  const other = kinds.recurring + kinds.ongoing + kinds.none;
  const foot: Block[] = !range.overdue && yearRound + other ? [{ type: 'paragraph', text: chatText.notListed(yearRound, other) }] : [];

  if (!tasks.length) return nothingDue(ctx, range, regions, who, foot);
  const apart = lateApart(ctx, range, tasks);
  if (apart.late) foot.unshift({ type: 'paragraph', text: chatText.dueOverdueApart(apart.late) });
  const heading = range.overdue ? chatText.overdueHeading(who, ctx.today, tasks.length) : chatText.dueHeading(who, range.label, tasks.length);
  const regionsInList = new Set(tasks.map((t) => t.region));
  const head: Block[] = [{ type: 'heading', text: heading }];
  if (regionsInList.size > 1) head.push({ type: 'paragraph', text: chatText.multiRegion([...regionsInList].join('、')) });
  return firstPage({ view: viewOf(ctx), intent: 'due', head, foot, title: heading, tasks: apart.tasks }, ctx.now);
}

function nothingDue(ctx: AnswerContext, range: DueRange, regions: readonly string[], who: string, foot: Block[]): Answer {
  const index = ctx.knowledge.index;
  const over = regions.filter((r) => planOver(index.currentYear(r) ?? Number(ctx.today.slice(0, 4)), ctx.today));
  const years = [...new Set(regions.flatMap((r) => [...index.years(r)]))].sort().join('、');
  const text = range.overdue ? (over.length === regions.length && over.length ? chatText.overduePlanOver(over.join('、')) : chatText.overdueNone(who, ctx.today)) : chatText.dueNone(who, range.label);
  return say('due', [text, ...foot.map((b) => (b.type === 'paragraph' ? b.text : '')), years ? chatText.planYears(years) : ''].filter(Boolean).join('\n'));
}
