// Subscriptions and bindings as data: the defaults, checking what a person typed (lead days, digest
// time, a chat's key), and replacing or removing one record. Pure; the chat, the CLI and the web
// 台账 all edit through these, and the caller writes the result.
import type { Binding, Subscription } from '../model/records.ts';

/** Platforms a subscription or a binding can name ("robot:ops", "telegram:-100" …). */
export const CHAT_KEY = /^(?:telegram|wechat|console|robot|wecom|dingtalk|feishu):\S{1,200}$/;
/** Lead days a subscription may ask for (the schema's bounds). */
export const MAX_LEAD_DAYS = 60;
const DIGEST_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "7,1,0" or "7，1，0" → [7, 1, 0] (largest first, no repeats), or null when any item is not 0–60. */
export function parseLeadDays(text: string): number[] | null {
  const items = text.split(/[,，、\s]+/).filter(Boolean);
  if (!items.length) return null;
  const days = items.map((d) => (/^\d{1,2}$/.test(d) ? Number(d) : NaN));
  if (days.some((d) => !Number.isInteger(d) || d < 0 || d > MAX_LEAD_DAYS)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}

export function isDigestTime(text: string): boolean {
  return DIGEST_TIME.test(text);
}

export function isChatKey(text: string): boolean {
  return CHAT_KEY.test(text);
}

/** The subscriptions with the chat's replaced by (or added as) this one: one subscription per chat. */
export function withSubscription(subs: readonly Subscription[], next: Subscription): Subscription[] {
  return [...subs.filter((s) => s.chat !== next.chat), next];
}

export function withoutSubscription(subs: readonly Subscription[], chat: string): Subscription[] {
  return subs.filter((s) => s.chat !== chat);
}

const sameBinding = (a: Pick<Binding, 'chat' | 'region' | 'unitKey' | 'user'>, b: Pick<Binding, 'chat' | 'region' | 'unitKey' | 'user'>): boolean =>
  a.chat === b.chat && a.region === b.region && a.unitKey === b.unitKey && a.user.platform === b.user.platform && a.user.userId === b.user.userId;

/** The bindings with this person bound to this unit in this chat once (a repeat replaces the old). */
export function withBinding(bindings: readonly Binding[], next: Binding): Binding[] {
  return [...bindings.filter((b) => !sameBinding(b, next)), next];
}

export function withoutBinding(bindings: readonly Binding[], gone: Pick<Binding, 'chat' | 'region' | 'unitKey' | 'user'>): Binding[] {
  return bindings.filter((b) => !sameBinding(b, gone));
}
