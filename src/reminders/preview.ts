// What each subscribed chat would receive on a day, without sending: the same selection and digest
// the scheduler makes (slots already sent are left out, weekends are quiet), for the CLI's and the
// web 台账's previews.
import type { Binding, LedgerEvent, ReminderRecord, Subscription } from '../model/records.ts';
import type { TaskIndex } from '../store/indexes.ts';
import { weekday } from '../time.ts';
import { buildDigest, type Digest } from './digest.ts';
import { quietDay, type ReminderItem, remindersFor, tasksInScope } from './select.ts';
import { sentSlots } from './subscriptions.ts';

export interface DayPreview {
  sub: Subscription;
  items: ReminderItem[];
  /** quiet: a weekend without anything due that day; empty: nothing to say; digest: what is sent. */
  outcome: 'quiet' | 'empty' | 'digest';
  digest: Digest | null;
}

export interface PreviewData {
  reminders: readonly ReminderRecord[];
  bindings: readonly Binding[];
}

export function previewDay(sub: Subscription, day: string, data: PreviewData, index: TaskIndex, ledger: ReadonlyMap<string, readonly LedgerEvent[]>): DayPreview {
  const items = remindersFor(sub, day, index, ledger, sentSlots(data.reminders, sub.chat));
  if (quietDay(day, items)) return { sub, items, outcome: 'quiet', digest: null };
  if (!items.length && !(sub.weekly && weekday(day) === 1)) return { sub, items, outcome: 'empty', digest: null };
  const digest = buildDigest({ sub, day, items, late: false, bindings: data.bindings, scope: tasksInScope(sub, index), ledger, chatId: sub.chat });
  return { sub, items, outcome: 'digest', digest };
}
