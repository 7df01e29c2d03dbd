// Following up on the person's last list in a chat: "第3条" (detail), "更多" (next page), "相关任务".
import type { Task } from '../../model/task.ts';
import { unitRoles } from '../../model/task.ts';
import { firstPage, nextLinesPage, nextPage } from '../listing.ts';
import type { Block } from '../../model/reply.ts';
import { chatText } from '../../texts/chat.ts';
import { deadlineLabel, milestonesLabel } from '../../texts/format.ts';
import { type Answer, type AnswerContext, say, tasksById } from './context.ts';
import { viewOf } from './context.ts';
import { collectUnitTasks } from './unit-tasks.ts';

export function detailOf(ctx: AnswerContext, task: Task, n: number | null): Answer {
  const doc = ctx.knowledge.index.documents.get(task.documentId);
  const lines: string[] = [chatText.detailRequirement(task.requirement)];
  const roles = unitRoles.filter((r) => task[r].length);
  lines.push(...(roles.length ? roles.map((r) => chatText.detailRole(r, task[r])) : [chatText.detailNoUnits]));
  // With several milestones they get a line of their own.
  const staged = task.deadline.milestones.length > 0;
  lines.push(chatText.detailDeadline(task.deadline.raw, deadlineLabel(task, undefined, { stages: !staged })));
  if (staged) lines.push(chatText.detailMilestones(milestonesLabel(task)));
  lines.push(chatText.detailSource(doc?.title ?? chatText.planTitle(task.region, task.year), doc?.docNumber ?? null, task.section.join(' / ')));
  if (task.remarks) lines.push(chatText.detailRemarks(task.remarks));
  lines.push(chatText.detailId(task.id));
  const blocks: Block[] = [{ type: 'heading', text: chatText.detailTitle(n) }, ...lines.map((text) => ({ type: 'paragraph' as const, text }))];
  return { reply: { intent: 'detail', blocks, tasks: [task], related: [] } };
}

/** No live list of this person's: an expired one is named as such. */
const noList = (ctx: AnswerContext, intent: 'detail' | 'more' | 'related'): Answer => say(intent, ctx.sessionLapsed ? chatText.listExpired : chatText.noList);

export function answerDetail(ctx: AnswerContext, n: number): Answer {
  if (!ctx.session) return noList(ctx, 'detail');
  const id = ctx.session.taskIds[n - 1];
  const task = id ? ctx.knowledge.index.byId.get(id) : undefined;
  if (!task) return say('detail', chatText.noSuchItem(n, ctx.session.taskIds.length));
  // The list stays; follow-ups ("谁负责", "啥时候到期") now ask about this task.
  return { ...detailOf(ctx, task, n), session: { ...ctx.session, focus: task.id } };
}

export function answerDetailById(ctx: AnswerContext, id: string): Answer {
  const task = ctx.knowledge.index.byId.get(id);
  return task ? detailOf(ctx, task, null) : say('detail', chatText.noSuchTask(id));
}

export function answerMore(ctx: AnswerContext): Answer {
  if (!ctx.session) return noList(ctx, 'more');
  if (ctx.session.lines) return nextLinesPage(ctx.session, ctx.now);
  return nextPage(ctx.session, tasksById(ctx, ctx.session.taskIds), ctx.now, viewOf(ctx));
}

export function answerRelated(ctx: AnswerContext): Answer {
  if (!ctx.session) return noList(ctx, 'related');
  const units = ctx.session.relatedUnits.flatMap((u) => ctx.knowledge.index.units.get(u.region, u.key) ?? []);
  const tasks = collectUnitTasks(ctx, units).related;
  if (!tasks.length) return say('related', chatText.noRelated);
  const heading = ctx.session.relatedTitle;
  return firstPage({ view: viewOf(ctx), intent: 'related', head: [{ type: 'heading', text: heading }], title: heading, tasks }, ctx.now);
}
