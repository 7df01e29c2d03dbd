// A task's status from its ledger events: 未开始, 进行中, 已完成, 逾期. Pure: today is an argument.
import { ledgerText } from '../texts/ledger.ts';
import { planOver, type Task } from '../model/task.ts';
import type { LedgerEvent } from '../model/records.ts';

export type Status = 'not-started' | 'in-progress' | 'done' | 'overdue';

export const STATUS_LABEL: Record<Status, string> = ledgerText.status;

/** The events of each task, in the order they happened. */
export function eventsByTask(events: readonly LedgerEvent[]): Map<string, LedgerEvent[]> {
  const out = new Map<string, LedgerEvent[]>();
  for (const e of events) {
    const list = out.get(e.taskId);
    if (list) list.push(e);
    else out.set(e.taskId, [e]);
  }
  return out;
}

const grouped = new WeakMap<readonly LedgerEvent[], Map<string, LedgerEvent[]>>();

/**
 * eventsByTask, remembered per ledger array: the store replaces the array on every change and never
 * changes one in place, so readers that look often (the web pages) group it once per change.
 */
export function ledgerByTask(events: readonly LedgerEvent[]): ReadonlyMap<string, readonly LedgerEvent[]> {
  let byTask = grouped.get(events);
  if (!byTask) {
    byTask = eventsByTask(events);
    grouped.set(events, byTask);
  }
  return byTask;
}

export function isDone(events: readonly LedgerEvent[] = []): boolean {
  for (let i = events.length - 1; i >= 0; i--) {
    const action = events[i]?.action;
    if (action === 'done') return true;
    if (action === 'undone') return false;
  }
  return false;
}

/** Only tasks with a concrete date can be late; year-round and ongoing ones never are. */
export function statusOf(task: Task, events: readonly LedgerEvent[] = [], today: string): Status {
  if (isDone(events)) return 'done';
  // A plan that is over (model/task.ts planOver) no longer makes its open tasks late.
  if (task.deadline.kind === 'dated' && task.deadline.due && task.deadline.due < today && !planOver(task.year, today)) return 'overdue';
  return events.length ? 'in-progress' : 'not-started';
}

/** When the task was last marked done (for "本月完成了哪些"), if it is done. */
export function doneAt(events: readonly LedgerEvent[] = []): string | null {
  if (!isDone(events)) return null;
  for (let i = events.length - 1; i >= 0; i--) if (events[i]?.action === 'done') return events[i]?.at ?? null;
  return null;
}
