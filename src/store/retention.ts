// How long the store keeps what only grows: reminder and digest records, and handled message ids.
import { addDays, shanghaiDate } from '../time.ts';
import type { StoreData } from './schema.ts';

/**
 * Reminder and digest records are kept 180 days after their day. A slot can come round again only
 * within its task's lead window (at most 60 days, MAX_LEAD_DAYS) and a digest is looked at only within
 * the catch-up grace (a day), so a record this old can never be needed to stop a repeat; the ledger
 * itself is never pruned.
 */
export const RECORD_RETENTION_DAYS = 180;

/** Handled message ids are kept a day: a message delivered later than three minutes is ignored anyway. */
export const HANDLED_RETENTION_MS = 86_400_000;

/** A session is kept a day after it expires, so the bot can say a list has expired rather than guess. */
export const SESSION_KEPT_AFTER_EXPIRY_MS = 86_400_000;

/** The first day whose records are kept at `now`. */
export function retentionStart(now: Date): string {
  return addDays(shanghaiDate(now), -RECORD_RETENTION_DAYS);
}

/** Removes from the draft the reminder and digest records older than the window; returns how many. */
export function pruneOldRecords(draft: StoreData, now: Date): number {
  const keepFrom = retentionStart(now);
  const before = draft.reminders.length + draft.digests.length;
  if (draft.reminders.some((r) => r.day < keepFrom)) draft.reminders = draft.reminders.filter((r) => r.day >= keepFrom);
  if (draft.digests.some((d) => d.day < keepFrom)) draft.digests = draft.digests.filter((d) => d.day >= keepFrom);
  return before - draft.reminders.length - draft.digests.length;
}
