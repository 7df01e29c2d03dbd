// Marking a task's progress (签收 / 进展 / 完成 / 撤销完成): the one decision that the chat's "完成 3" and
// the web 台账's buttons both go through, under the same roles. Pure: the task's events, the person,
// whether they may, and the clock are arguments; the caller writes the event.
import type { LedgerEvent } from '../model/records.ts';
import type { Task } from '../model/task.ts';
import { isDone, type Status, statusOf } from '../ledger/status.ts';
import type { TaskStore } from '../store/task-store.ts';
import type { Person } from './roles.ts';

export type MarkAction = LedgerEvent['action'];
export const MARK_ACTIONS: readonly MarkAction[] = ['sign', 'progress', 'done', 'undone'];

/** A note longer than a chat message could never come from the chat; the web is held to the same. */
export const MAX_NOTE_CHARS = 500;

export interface MarkRequest {
  task: Task;
  action: MarkAction;
  note: string;
  person: Person;
  /** The task's events so far, in order. */
  events: readonly LedgerEvent[];
  /** Whether the person may record progress on this task (roles.may('progress', …)). */
  allowed: boolean;
  now: Date;
  /** Today in Asia/Shanghai, for the status after the mark. */
  today: string;
}

export type MarkOutcome =
  | { kind: 'recorded'; event: LedgerEvent; status: Status }
  | { kind: 'denied' }
  | { kind: 'already-done' }
  | { kind: 'not-done' }
  | { kind: 'note-too-long'; max: number };

export function decideMark(request: MarkRequest): MarkOutcome {
  const { task, action, person, events } = request;
  if (!request.allowed) return { kind: 'denied' };
  const note = request.note.trim();
  if (Array.from(note).length > MAX_NOTE_CHARS) return { kind: 'note-too-long', max: MAX_NOTE_CHARS };
  if (action === 'done' && isDone(events)) return { kind: 'already-done' };
  if (action === 'undone' && !isDone(events)) return { kind: 'not-done' };
  const event: LedgerEvent = {
    taskId: task.id,
    action,
    note,
    by: { platform: person.platform, userId: person.userId, name: person.name },
    chat: person.chat,
    at: request.now.toISOString(),
  };
  return { kind: 'recorded', event, status: statusOf(task, [...events, event], request.today) };
}

/**
 * Decides and, when recorded, appends the event durably. The decision and the start of the write
 * run without a pause in between, so two marks at once cannot both pass the same check.
 */
export async function recordMark(store: Pick<TaskStore, 'change'>, request: MarkRequest): Promise<MarkOutcome> {
  const outcome = decideMark(request);
  if (outcome.kind === 'recorded') {
    await store.change((draft) => {
      draft.ledger.push(outcome.event);
    });
  }
  return outcome;
}
