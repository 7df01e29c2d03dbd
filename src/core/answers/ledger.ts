// The ledger (台账) from the chat: 签收 / 进展 / 完成 / 撤销完成 a task (by its number in the person's own
// last list, or its id; the reply always names the task it changed), and questions over it: 民政局完成情况,
// 完成率, 本月完成了哪些, 导出台账 (for admins and the unit's own staff).
import { type Task, unitRoles } from '../../model/task.ts';
import { unitKey } from '../../model/unit-names.ts';
import { staffUnits } from '../roles.ts';
import { doneAt, isDone, STATUS_LABEL, type Status } from '../../ledger/status.ts';
import { countStatuses } from '../../ledger/summary.ts';
import { decideMark } from '../ledger-marks.ts';
import { ledgerRows, ledgerXlsx } from '../../ledger/export.ts';
import type { LedgerEvent } from '../../model/records.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { firstPage, unitsShort } from '../listing.ts';
import { isLive, SESSION_TTL_MS } from '../sessions.ts';
import { clip, CLIP_WIDTH } from '../../texts/format.ts';
import { chatText } from '../../texts/chat.ts';
import { ledgerText } from '../../texts/ledger.ts';
import { deniedText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, inPlan, say } from './context.ts';
import { viewOf } from './context.ts';
import { collectUnitTasks } from './unit-tasks.ts';

export type LedgerAction = LedgerEvent['action'];

/** What a ledger command's reference resolved to: the task (and its number in the person's list), or the question to ask back. */
type Resolved = { task: Task; n: number | null } | { ask: Answer };

/** The task as the person is shown it when it changes: number (or id), unit, first words. */
export function taskRef(task: Task, n: number | null): string {
  return ledgerText.taskRef(n, task.id, unitsShort(task, 1), clip(task.requirement, CLIP_WIDTH.echo));
}

/**
 * A number refers to the last list *this person* asked for (or that was addressed to them) in this
 * chat, never to somebody else's; with none, an expired one, or two lists that disagree, it asks back.
 * A task id always works.
 */
function resolveTask(ctx: AnswerContext, action: LedgerAction, ref: string): Resolved {
  const word = ledgerText.action[action];
  if (!/^\d{1,3}$/.test(ref)) {
    const task = ctx.knowledge.index.byId.get(ref);
    return task ? { task, n: null } : { ask: say('ledger', ledgerText.noSuchTarget(ref)) };
  }
  const n = Number(ref);
  const session = ctx.session;
  if (!session) return { ask: say('ledger', ctx.sessionLapsed ? ledgerText.listExpired(word, n, SESSION_TTL_MS / 60_000) : ledgerText.noList(word, n)) };
  const id = session.taskIds[n - 1];
  const task = id ? ctx.knowledge.index.byId.get(id) : undefined;
  if (!task) return { ask: say('ledger', ledgerText.noSuchItem(word, n, session.taskIds.length)) };
  const earlier = session.origin === 'addressed' && session.replaced && isLive(session.replaced, ctx.now) ? session.replaced : undefined;
  const other = earlier?.taskIds[n - 1];
  const otherTask = other && other !== task.id ? ctx.knowledge.index.byId.get(other) : undefined;
  if (earlier && otherTask) {
    const choices = [
      { list: session.title, task: taskRef(task, n), id: task.id },
      { list: earlier.title, task: taskRef(otherTask, n), id: otherTask.id },
    ];
    return { ask: say('ledger', ledgerText.ambiguous(word, n, choices)) };
  }
  return { task, n };
}

export function answerMark(ctx: AnswerContext, action: LedgerAction, ref: string, note: string): Answer {
  const resolved = resolveTask(ctx, action, ref);
  if ('ask' in resolved) return resolved.ask;
  const { task, n } = resolved;
  const shown = taskRef(task, n);
  const outcome = decideMark({
    task,
    action,
    note,
    person: ctx.person,
    events: ctx.ledger.get(task.id) ?? [],
    allowed: ctx.may('progress', task),
    now: ctx.now,
    today: ctx.today,
  });
  switch (outcome.kind) {
    case 'denied':
      return say('denied', deniedText.progress);
    case 'already-done':
      return say('ledger', ledgerText.alreadyDone(shown));
    case 'not-done':
      return say('ledger', ledgerText.notDone(shown));
    case 'note-too-long':
      return say('ledger', ledgerText.noteTooLong(outcome.max));
    case 'recorded':
      return {
        ...say('ledger', ledgerText.recorded(ledgerText.action[action], shown, STATUS_LABEL[outcome.status])),
        write: (draft) => {
          draft.ledger.push(outcome.event);
        },
      };
  }
}

function scopeTasks(ctx: AnswerContext, regions: readonly string[], units: readonly UnitEntry[]): { label: string; tasks: Task[] } {
  if (units.length) return { label: `${units[0]?.region ?? ''} ${units[0]?.name ?? ''} `, tasks: collectUnitTasks(ctx, units).named };
  // Completion is of each region's current plan.
  return { label: regions.length === 1 ? `${regions[0]} ` : '', tasks: regions.flatMap((r) => ctx.knowledge.index.byRegion.get(r) ?? []).filter(inPlan(ctx)) };
}

export function answerCompletion(ctx: AnswerContext, regions: readonly string[], units: readonly UnitEntry[]): Answer {
  const { label, tasks } = scopeTasks(ctx, regions, units);
  const counts = countStatuses(tasks, ctx.ledger, ctx.today);
  const open = tasks.filter((task) => !isDone(ctx.ledger.get(task.id)));
  const head = [
    ledgerText.completion(label, counts.done, tasks.length),
    (Object.keys(counts) as Status[]).map((s) => ledgerText.statusLine(STATUS_LABEL[s], counts[s])).join('，'),
  ];
  if (!units.length) return say('ledger', head.join('\n'));
  return firstPage({ view: viewOf(ctx), intent: 'ledger', head: [...head.map((text) => ({ type: 'paragraph' as const, text })), { type: 'heading', text: ledgerText.openHeading(open.length) }], title: head[0] ?? '', tasks: open },
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
  return firstPage({ view: viewOf(ctx), intent: 'ledger', head: [{ type: 'heading', text: title }], title, tasks: done }, ctx.now);
}

/**
 * The ledger as a spreadsheet, for those entitled: admins get the region's every task; a unit's staff
 * (bound in that region) get their unit's tasks; everyone else is refused. The ledger names staff, so
 * it is sent only in a private chat with the bot, never into a group where others would read it.
 */
export async function answerExport(ctx: AnswerContext, regions: readonly string[]): Promise<Answer> {
  const entitled = ctx.may('export') || staffUnits(ctx.person, ctx.data.bindings).length > 0;
  if (!entitled) return say('denied', deniedText.export);
  if (ctx.chatType === 'group') return say('ledger', ledgerText.exportPrivateOnly);
  const region = regions.length === 1 ? regions[0] : ctx.region;
  if (!region) return say('ledger', ledgerText.exportNeedsRegion);
  const all = ctx.knowledge.index.byRegion.get(region) ?? [];
  const name = ledgerText.exportName(region, ctx.today);
  let tasks = all;
  let text: string;
  if (ctx.may('export')) text = ledgerText.exported(region, all.length, name);
  else {
    const own = staffUnits(ctx.person, ctx.data.bindings).filter((b) => b.region === region);
    if (!own.length) return say('denied', deniedText.export);
    const keys = new Set(own.map((b) => b.unitKey));
    tasks = all.filter((t) => unitRoles.some((r) => t[r].some((u) => keys.has(unitKey(u)))));
    text = ledgerText.exportedUnits(region, [...new Set(own.map((b) => b.unitName))].join('、'), tasks.length, name);
  }
  const data = await ledgerXlsx(region, ledgerRows(tasks, ctx.ledger, ctx.today));
  return { reply: { intent: 'ledger', blocks: [{ type: 'paragraph', text }], tasks: [], related: [], file: { name, data, instead: ledgerText.exportElsewhere(region) } } };
}
