// One task's deadline ("工作台账啥时候要弄好", "减税降费那个还剩几天"), every task's when they share one
// ("全部任务还剩几天截止"), and follow-ups on the last list: its deadlines, and all units of its tasks.
import type { Task } from '../../model/task.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import type { Block } from '../../model/reply.ts';
import { topicOf } from '../asks.ts';
import { firstPage, itemBlock } from '../listing.ts';
import { chatText } from '../../texts/chat.ts';
import { clip, CLIP_WIDTH, deadlineLabel, unitsLabel } from '../../texts/format.ts';
import { daysBetween } from '../../time.ts';
import { type Answer, type AnswerContext, byDue, daysLeftOf, inPlan, planOver, say, scopeLabel, tasksById, viewOf } from './context.ts';
import { answered, searchTasks } from './search.ts';

/** Hits scoring at least this share of the best are as good an answer to "when". */
const NEAR_BEST = 0.9;

/** "全部任务", "所有任务": the whole plan, not one task. */
const WHOLE_PLAN = /^(?:全部|所有|全体|整个|全年|本年度|今年)?$/;

/** The deadline as people read it, with the days left counted even when the plan is over (it was asked). */
function deadlineSaid(ctx: AnswerContext, task: Task): string {
  const due = task.deadline.due;
  // Asked about, the days are counted even for a plan that is not the current one; never for one that is over.
  const days = planOver(task.year, ctx.today) ? undefined : (daysLeftOf(ctx, task) ?? (due ? daysBetween(ctx.today, due) : undefined));
  return deadlineLabel(task, task.deadline.kind === 'dated' ? days : undefined) + (task.deadline.kind !== 'dated' && due && days !== undefined && days >= 0 ? chatText.daysLeftPlain(days) : '');
}

export function answerDeadlineOf(ctx: AnswerContext, query: string, regions: string[], units: UnitEntry[]): Answer {
  const topic = topicOf(query);
  const plan = regions.flatMap((r) => ctx.knowledge.index.byRegion.get(r) ?? []).filter(inPlan(ctx));
  if (WHOLE_PLAN.test(topic) && !units.length) return wholePlan(ctx, plan, regions);
  const result = searchTasks(ctx, topic || query, regions, units);
  // Asked when a task is due: among hits scoring about as well, the one whose deadline is stated.
  const best = result.hits[0];
  const near = result.hits.filter((h) => best && h.score >= best.score * NEAR_BEST);
  const task = (near.find((h) => h.task.deadline.kind === 'dated' && h.task.deadline.stated) ?? best)?.task;
  if (!task || !answered(result, topic || query)) return say('due', chatText.deadlineNone(topic || query));
  const lines = [chatText.deadlineOf(result.matched.join('、') || topic, deadlineSaid(ctx, task))];
  if (task.deadline.raw) lines.push(chatText.deadlineRaw(task.deadline.raw));
  const blocks: Block[] = [...lines.map((text) => ({ type: 'paragraph' as const, text })), itemBlock(task, 1, viewOf(ctx)), { type: 'hint' as const, text: chatText.detailHint }];
  const { session } = firstPage({ intent: 'due', head: [], title: lines[0] ?? '', tasks: [task], view: viewOf(ctx) }, ctx.now);
  return { reply: { intent: 'due', blocks, tasks: [task], related: [] }, session };
}

/** Every task of the plan: one date when they share it ("全部 53 项任务：2024年12月31日截止（还剩11天）"). */
function wholePlan(ctx: AnswerContext, plan: Task[], regions: string[]): Answer {
  const dues = new Set(plan.map((t) => t.deadline.due));
  const first = plan[0];
  if (first && dues.size === 1) return say('due', chatText.allDueSame(scopeLabel(regions), plan.length, deadlineSaid(ctx, first)));
  const upcoming = plan.filter((t) => t.deadline.kind === 'dated' && (t.deadline.due ?? '') >= ctx.today).sort(byDue(ctx));
  if (!upcoming.length) return say('due', chatText.dueNone(scopeLabel(regions), chatText.upcoming));
  const heading = chatText.dueHeading(scopeLabel(regions), chatText.upcoming, upcoming.length);
  return firstPage({ intent: 'due', head: [{ type: 'heading', text: heading }], title: heading, tasks: upcoming, view: viewOf(ctx) }, ctx.now);
}

/** The tasks a follow-up asks about: the one last shown in detail, else the whole last list. */
function askedAbout(ctx: AnswerContext): Task[] {
  const session = ctx.session;
  if (!session) return [];
  return tasksById(ctx, session.focus ? [session.focus] : session.taskIds);
}

/** "啥时候到期" after a list (or a detail): its tasks by deadline. */
export function answerListDeadlines(ctx: AnswerContext): Answer {
  const tasks = askedAbout(ctx).sort(byDue(ctx));
  if (!tasks.length) return say('due', chatText.noList);
  const heading = ctx.session?.focus ? chatText.focusDeadlineHeading : chatText.listDeadlinesHeading(tasks.length);
  return firstPage({ intent: 'due', head: [{ type: 'heading', text: heading }], title: heading, tasks, view: viewOf(ctx) }, ctx.now);
}

/** "还有谁跟它一起负责" after a list (or a detail): every unit of its tasks. */
export function answerListUnits(ctx: AnswerContext): Answer {
  const tasks = askedAbout(ctx);
  if (!tasks.length) return say('unit-tasks', chatText.noList);
  const blocks: Block[] = [
    { type: 'heading', text: ctx.session?.focus ? chatText.focusUnitsHeading : chatText.listUnitsHeading(tasks.length) },
    ...tasks.map((t, i) => ({ type: 'item' as const, n: i + 1, lines: [clip(t.requirement, CLIP_WIDTH.item), chatText.itemAllUnits(unitsLabel(t))] })),
  ];
  return { reply: { intent: 'unit-tasks', blocks, tasks, related: [] } };
}
