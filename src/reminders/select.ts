// Which tasks a subscription is reminded of on a day, and in which slot. Pure: the day, the tasks,
// the ledger and the sent slots are arguments. A task enters each slot once: a lead time (7, 1 days
// before), the due day, the day after (newly overdue), then a weekly follow-up until it is done.
// Each milestone before the completion ("7月底前提出方案") has lead and due-day slots of its own, keyed
// by its date; it is never chased as overdue, since the ledger records the task, not its stages.
import { type Milestone, planOver, type Task } from '../model/task.ts';
import { isDone } from '../ledger/status.ts';
import type { TaskIndex } from '../store/indexes.ts';
import type { LedgerEvent, ReminderRecord, Subscription } from '../model/records.ts';
import { daysBetween, isWorkingDay } from '../time.ts';
import { slotKey } from './subscriptions.ts';

export type Reason = ReminderRecord['reason'];

export interface ReminderItem {
  task: Task;
  reason: Reason;
  /** lead-7, lead-1, lead-0, overdue, followup-2 … */
  slot: string;
  /** Days until due (negative when overdue). */
  daysLeft: number;
  /** The date the slot counts to: the milestone's, or the task's due date. */
  date: string;
  /** The milestone the slot is for, or null for the task's completion. */
  milestone: Milestone | null;
}

type Slot = Omit<ReminderItem, 'task'>;

/** Slots of a milestone start with this and its date: "milestone-2022-07-31/lead-7". */
const MILESTONE_SLOT = 'milestone-';

/** Overdue tasks are chased every this many days until done. */
export const FOLLOW_UP_DAYS = 7;

/** The tasks a subscription covers: its region's current plan (the latest year imported), or those of it naming its units. */
export function tasksInScope(sub: Pick<Subscription, 'region' | 'units'>, index: TaskIndex): Task[] {
  const current = (t: Task): boolean => index.isCurrent(t);
  if (!sub.units.length) return (index.byRegion.get(sub.region) ?? []).filter(current);
  const out = new Map<string, Task>();
  for (const key of sub.units) {
    const unit = index.units.get(sub.region, key);
    if (unit) for (const { task } of index.namedTasks(unit)) if (current(task)) out.set(task.id, task);
  }
  return [...out.values()];
}

/** The lead-time or due-day slot of a date `daysLeft` away, or null. */
function leadSlot(daysLeft: number, leadDays: readonly number[]): Pick<Slot, 'reason' | 'slot' | 'daysLeft'> | null {
  if (daysLeft === 0) return leadDays.includes(0) ? { reason: 'due-today', slot: 'lead-0', daysLeft } : null;
  if (daysLeft < 0) return null;
  const tier = [...leadDays].filter((l) => l > 0 && l >= daysLeft).sort((a, b) => a - b)[0];
  return tier === undefined ? null : { reason: 'due-soon', slot: `lead-${tier}`, daysLeft };
}

/** The slot of the task's completion on a day: a lead time, the due day, overdue, a follow-up; or null. */
export function slotOf(task: Task, day: string, leadDays: readonly number[]): Slot | null {
  const due = task.deadline.due;
  if (task.deadline.kind !== 'dated' || !due) return null;
  const daysLeft = daysBetween(day, due);
  if (daysLeft >= 0) {
    const lead = leadSlot(daysLeft, leadDays);
    return lead && { ...lead, date: due, milestone: null };
  }
  const late = -daysLeft;
  const slot = { daysLeft, date: due, milestone: null };
  if (late === 1) return { ...slot, reason: 'overdue', slot: 'overdue' };
  if ((late - 1) % FOLLOW_UP_DAYS === 0) return { ...slot, reason: 'overdue-followup', slot: `followup-${(late - 1) / FOLLOW_UP_DAYS}` };
  return null;
}

/** Every slot a task is in on a day: those of its milestones before the completion, then the completion's. */
export function slotsOf(task: Task, day: string, leadDays: readonly number[]): Slot[] {
  const slots: Slot[] = [];
  if (task.deadline.kind !== 'dated') return slots;
  for (const milestone of task.deadline.milestones) {
    if (milestone.date === task.deadline.due) continue;
    const lead = leadSlot(daysBetween(day, milestone.date), leadDays);
    if (lead) slots.push({ ...lead, slot: `${MILESTONE_SLOT}${milestone.date}/${lead.slot}`, date: milestone.date, milestone });
  }
  const completion = slotOf(task, day, leadDays);
  if (completion) slots.push(completion);
  return slots;
}

const ORDER: Record<Reason, number> = { 'due-today': 0, 'due-soon': 1, overdue: 2, 'overdue-followup': 3 };

/**
 * What the subscription is reminded of on the day: tasks not done, in a slot not yet sent to the chat.
 * `sent` holds "taskId|slot" of the slots already delivered there.
 */
export function remindersFor(
  sub: Pick<Subscription, 'region' | 'units' | 'leadDays'>,
  day: string,
  index: TaskIndex,
  ledger: ReadonlyMap<string, readonly LedgerEvent[]>,
  sent: ReadonlySet<string> = new Set(),
): ReminderItem[] {
  const items: ReminderItem[] = [];
  for (const task of tasksInScope(sub, index)) {
    if (isDone(ledger.get(task.id)) || planOver(task.year, day)) continue;
    for (const slot of slotsOf(task, day, sub.leadDays)) if (!sent.has(slotKey(task.id, slot.slot))) items.push({ task, ...slot });
  }
  return items.sort((a, b) => ORDER[a.reason] - ORDER[b.reason] || a.daysLeft - b.daysLeft || index.position(a.task) - index.position(b.task));
}

/**
 * Days off are quiet unless something is due that day: weekends and public holidays (国庆节 …), while
 * a 调休 Saturday worked in lieu is a working day and gets its digest.
 */
export function quietDay(day: string, items: readonly ReminderItem[]): boolean {
  return !isWorkingDay(day) && !items.some((i) => i.reason === 'due-today');
}
