// Subscriptions and staff bindings, the one copy the chat and the command line both call: the defaults,
// the limits, replacing and removing a chat's subscription, binding people to a unit, and the slots
// already sent to a chat. Pure: each function changes only the draft it is given.
import { type Actor, type Binding, MAX_LEAD_DAYS, type ReminderRecord, type Subscription } from '../model/records.ts';
import type { StoreData } from '../store/schema.ts';
import type { UnitEntry } from '../store/unit-directory.ts';

export { MAX_LEAD_DAYS };

/** Remind 7 days before, the day before, and on the due day. */
export const DEFAULT_LEAD_DAYS = [7, 1, 0];
export const DEFAULT_DIGEST_TIME = '09:00';
/** Lead times kept whatever lead a chat asks for: the day before and the due day. */
export const KEPT_LEAD_DAYS: readonly number[] = [1, 0];

const DIGEST_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A subscription with the defaults filled in for what the caller leaves out. */
export function newSubscription(
  base: Pick<Subscription, 'chat' | 'region' | 'units' | 'by' | 'at'> & Partial<Pick<Subscription, 'leadDays' | 'digestTime' | 'weekly'>>,
): Subscription {
  const { leadDays, digestTime, weekly, ...rest } = base;
  return { ...rest, leadDays: leadDays ?? DEFAULT_LEAD_DAYS, digestTime: digestTime ?? DEFAULT_DIGEST_TIME, weekly: weekly ?? true };
}

/** Whole days from 0 (the due day) to MAX_LEAD_DAYS. */
export function validLeadDays(days: readonly number[]): boolean {
  return days.every((d) => Number.isInteger(d) && d >= 0 && d <= MAX_LEAD_DAYS);
}

/** A chat's "remind N days ahead": N, and the kept lead times, latest first. */
export function leadDaysWith(days: number): number[] {
  return [...new Set([days, ...KEPT_LEAD_DAYS])].sort((a, b) => b - a);
}

/** "7,1,0", "7，1，0" or "7 1 0" as typed in a form → [7, 1, 0] (latest first, no repeats), or null. */
export function parseLeadDays(text: string): number[] | null {
  const items = text.split(/[,，、\s]+/).filter(Boolean);
  if (!items.length || items.some((d) => !/^\d{1,2}$/.test(d))) return null;
  const days = items.map(Number);
  return validLeadDays(days) ? [...new Set(days)].sort((a, b) => b - a) : null;
}

/** Platforms a subscription or a binding can name: "robot:ops", "telegram:-100123", "wechat:…@chatroom". */
export const CHAT_KEY = /^(?:telegram|wechat|console|robot|wecom|dingtalk|feishu):\S{1,200}$/;

export const isChatKey = (text: string): boolean => CHAT_KEY.test(text);

/** "HH:mm" on a 24-hour clock. */
export function isDigestTime(text: string): boolean {
  return DIGEST_TIME.test(text);
}

/** The digest time "HH:mm" of an hour and a minute, or null when there is no such time. */
export function digestTimeOf(hour: number, minute: number): string | null {
  const text = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return isDigestTime(text) ? text : null;
}

/** Sets the chat's subscription, replacing the one it had. */
export function upsertSubscription(draft: Pick<StoreData, 'subscriptions'>, sub: Subscription): void {
  draft.subscriptions = [...draft.subscriptions.filter((s) => s.chat !== sub.chat), sub];
}

/** Removes the chat's subscription, if any. */
export function removeSubscription(draft: Pick<StoreData, 'subscriptions'>, chat: string): void {
  draft.subscriptions = draft.subscriptions.filter((s) => s.chat !== chat);
}

export interface StaffBinding {
  chat: string;
  region: string;
  unit: Pick<UnitEntry, 'key' | 'name'>;
  people: readonly Actor[];
  by: Actor;
  at: string;
}

/** Binds people to a unit in a chat; a person already bound there to that unit of that region is bound anew. */
export function bindStaff(draft: Pick<StoreData, 'bindings'>, binding: StaffBinding): void {
  const { chat, region, unit, people, by, at } = binding;
  const ids = new Set(people.map((p) => p.userId));
  const same = (b: Binding): boolean => b.chat === chat && b.unitKey === unit.key && b.region === region && ids.has(b.user.userId);
  draft.bindings = [...draft.bindings.filter((b) => !same(b)), ...people.map((user) => ({ chat, region, unitKey: unit.key, unitName: unit.name, user, by, at }))];
}

/** Removes one person's binding to a unit in a chat (the other units, chats and people stay). */
export function unbindStaff(draft: Pick<StoreData, 'bindings'>, gone: Pick<Binding, 'chat' | 'region' | 'unitKey'> & { user: Pick<Actor, 'platform' | 'userId'> }): void {
  draft.bindings = draft.bindings.filter(
    (b) => !(b.chat === gone.chat && b.region === gone.region && b.unitKey === gone.unitKey && b.user.platform === gone.user.platform && b.user.userId === gone.user.userId),
  );
}

/** The key of a task's slot in the reminder log. */
export const slotKey = (taskId: string, slot: string): string => `${taskId}|${slot}`;

/** The "taskId|slot" keys already delivered to the chat. */
export function sentSlots(reminders: readonly ReminderRecord[], chat: string): Set<string> {
  return new Set(reminders.filter((r) => r.chat === chat && r.state === 'sent').map((r) => slotKey(r.taskId, r.slot)));
}
