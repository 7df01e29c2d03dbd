// The ledger (台账) from the chat: 签收 / 进展 / 完成 / 撤销完成 a task (by its number in the last list,
// or its id), and questions over it: 民政局完成情况, 完成率, 本月完成了哪些, 导出台账.
import type { Task } from '../../model/task.ts';
import { doneAt, isDone, STATUS_LABEL, type Status, statusOf } from '../../ledger/status.ts';
import { ledgerRows, ledgerXlsx } from '../../ledger/export.ts';
import type { LedgerEvent } from '../../model/records.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { firstPage } from '../listing.ts';
import { chatText } from '../../texts/chat.ts';
import { ledgerText } from '../../texts/ledger.ts';
import { deniedText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, say } from './context.ts';
import { collectUnitTasks } from './unit-tasks.ts';

export type LedgerAction = LedgerEvent['action'];

function resolveTask(ctx: AnswerContext, ref: string): Task | undefined {
  if (/^\d{1,3}$/.test(ref)) {
    const id = ctx.session?.taskIds[Number(ref) - 1];
    return id ? ctx.knowledge.index.byId.get(id) : undefined;
  }
  return ctx.knowledge.index.byId.get(ref);
}

export function answerMark(ctx: AnswerContext, action: LedgerAction, ref: string, note: string): Answer {
  const task = resolveTask(ctx, ref);
  if (!task) return say('ledger', ledgerText.noSuchTarget(ref));
  if (!ctx.may('progress', task)) return say('denied', deniedText.progress);
  const events = ctx.ledger.get(task.id) ?? [];
  if (action === 'done' && isDone(events)) return say('ledger', ledgerText.alreadyDone);
  if (action === 'undone' && !isDone(events)) return say('ledger', ledgerText.notDone);
  const event: LedgerEvent = {
    taskId: task.id,
    action,
    note: note.trim(),
    by: { platform: ctx.person.platform, userId: ctx.person.userId, name: ctx.person.name },
    chat: ctx.person.chat,
    at: ctx.now.toISOString(),
  };
  const status = STATUS_LABEL[statusOf(task, [...events, event], ctx.today)];
  return {
    ...say('ledger', ledgerText.recorded(ledgerText.action[action], ref, status)),
    write: (draft) => {
      draft.ledger.push(event);
    },
  };
}

function scopeTasks(ctx: AnswerContext, regions: readonly string[], units: readonly UnitEntry[]): { label: string; tasks: Task[] } {
  if (units.length) return { label: `${units[0]?.region ?? ''} ${units[0]?.name ?? ''} `, tasks: collectUnitTasks(ctx, units).named };
  return { label: regions.length === 1 ? `${regions[0]} ` : '', tasks: regions.flatMap((r) => ctx.knowledge.index.byRegion.get(r) ?? []) };
}

export function answerCompletion(ctx: AnswerContext, regions: readonly string[], units: readonly UnitEntry[]): Answer {
  const { label, tasks } = scopeTasks(ctx, regions, units);
  const counts: Record<Status, number> = { 'not-started': 0, 'in-progress': 0, done: 0, overdue: 0 };
  const open: Task[] = [];
  for (const task of tasks) {
    const status = statusOf(task, ctx.ledger.get(task.id), ctx.today);
    counts[status]++;
    if (status !== 'done') open.push(task);
  }
  const head = [
    ledgerText.completion(label, counts.done, tasks.length),
    (Object.keys(counts) as Status[]).map((s) => ledgerText.statusLine(STATUS_LABEL[s], counts[s])).join('，'),
  ];
  if (!units.length) return say('ledger', head.join('\n'));
  return firstPage(
    { intent: 'ledger', head: [...head.map((text) => ({ type: 'paragraph' as const, text })), { type: 'heading', text: ledgerText.openHeading(open.length) }], title: head[0] ?? '', tasks: open },
    ctx.now,
  );
}

export function answerDoneThisMonth(ctx: AnswerContext, regions: readonly string[], units: readonly UnitEntry[]): Answer {
  const month = ctx.today.slice(0, 7);
  const { label, tasks } = scopeTasks(ctx, regions, units);
  const done = tasks.filter((t) => {
    const at = doneAt(ctx.ledger.get(t.id));
    return at !== null && at.slice(0, 7) === month;
  });
  const title = ledgerText.doneThisMonth(chatText.thisMonth(label, month), done.length);
  if (!done.length) return say('ledger', ledgerText.noneDone(chatText.thisMonth(label)));
  return firstPage({ intent: 'ledger', head: [{ type: 'heading', text: title }], title, tasks: done }, ctx.now);
}

export async function answerExport(ctx: AnswerContext, regions: readonly string[]): Promise<Answer> {
  const region = regions.length === 1 ? regions[0] : ctx.region;
  if (!region) return say('ledger', ledgerText.exportNeedsRegion);
  const tasks = ctx.knowledge.index.byRegion.get(region) ?? [];
  const name = ledgerText.exportName(region, ctx.today);
  const data = await ledgerXlsx(region, ledgerRows(tasks, ctx.ledger, ctx.today));
  return { reply: { intent: 'ledger', blocks: [{ type: 'paragraph', text: ledgerText.exported(region, tasks.length, name) }], tasks: [], related: [], file: { name, data, instead: ledgerText.exportElsewhere(region) } } };
}
