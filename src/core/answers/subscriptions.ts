// The reminder desk from the chat: 订阅提醒, 订阅 民政局, 取消订阅, 提醒设置, 提前3天提醒, 提醒时间 08:30,
// and 绑定 民政局 @经办人. Admin-only; a refused action changes nothing and says why.
import type { UnitEntry } from '../../store/unit-directory.ts';
import type { Subscription } from '../../model/records.ts';
import { bindStaff, digestTimeOf, leadDaysWith, newSubscription, removeSubscription, upsertSubscription, validLeadDays, MAX_LEAD_DAYS } from '../../reminders/subscriptions.ts';
import { subscriptionText } from '../../texts/reminders.ts';
import { deniedText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, say } from './context.ts';

const leadsLabel = (leads: readonly number[]): string => leads.filter((l) => l > 0).join('、') || '0';

function current(ctx: AnswerContext): Subscription | undefined {
  return ctx.data.subscriptions.find((s) => s.chat === ctx.person.chat);
}

function unitNames(ctx: AnswerContext, sub: Pick<Subscription, 'region' | 'units'>): string {
  return sub.units.map((k) => ctx.knowledge.index.units.get(sub.region, k)?.name ?? k).join('、');
}

function replaceSubscription(next: Subscription): Answer['write'] {
  return (draft) => upsertSubscription(draft, next);
}

export function answerSubscribe(ctx: AnswerContext, regions: readonly string[], units: readonly UnitEntry[], unknown: readonly string[]): Answer {
  if (!ctx.may('subscribe')) return say('denied', deniedText.subscribe);
  if (unknown.length) return say('subscribe', subscriptionText.unknownUnits(unknown.join('、')));
  const region = units[0]?.region ?? (regions.length === 1 ? regions[0] : null) ?? ctx.region;
  if (!region) return say('subscribe', subscriptionText.needRegion);
  const before = current(ctx);
  const sub = newSubscription({
    chat: ctx.person.chat,
    region,
    units: [...new Set(units.filter((u) => u.region === region).map((u) => u.key))],
    leadDays: before?.leadDays,
    digestTime: before?.digestTime,
    weekly: before?.weekly,
    by: { platform: ctx.person.platform, userId: ctx.person.userId },
    at: ctx.now.toISOString(),
  });
  return { ...say('subscribe', subscriptionText.subscribed(region, unitNames(ctx, sub), leadsLabel(sub.leadDays), sub.digestTime)), write: replaceSubscription(sub) };
}

export function answerUnsubscribe(ctx: AnswerContext): Answer {
  if (!ctx.may('subscribe')) return say('denied', deniedText.subscribe);
  if (!current(ctx)) return say('subscribe', subscriptionText.notSubscribed);
  return {
    ...say('subscribe', subscriptionText.unsubscribed),
    write: (draft) => removeSubscription(draft, ctx.person.chat),
  };
}

export function answerSettings(ctx: AnswerContext): Answer {
  const sub = current(ctx);
  if (!sub) return say('subscribe', subscriptionText.notSubscribed);
  return say('subscribe', subscriptionText.settings(sub.region, unitNames(ctx, sub), leadsLabel(sub.leadDays), sub.digestTime, sub.weekly));
}

export function answerLeadDays(ctx: AnswerContext, days: number): Answer {
  if (!ctx.may('subscribe')) return say('denied', deniedText.subscribe);
  const sub = current(ctx);
  if (!sub) return say('subscribe', subscriptionText.notSubscribed);
  if (!validLeadDays([days])) return say('subscribe', subscriptionText.badLead(MAX_LEAD_DAYS));
  const leadDays = leadDaysWith(days);
  return { ...say('subscribe', subscriptionText.leadsChanged(leadsLabel(leadDays))), write: replaceSubscription({ ...sub, leadDays }) };
}

export function answerDigestTime(ctx: AnswerContext, hour: number, minute: number): Answer {
  if (!ctx.may('subscribe')) return say('denied', deniedText.subscribe);
  const digestTime = digestTimeOf(hour, minute);
  if (!digestTime) return say('subscribe', subscriptionText.badTime);
  const sub = current(ctx);
  if (!sub) return say('subscribe', subscriptionText.notSubscribed);
  return { ...say('subscribe', subscriptionText.timeChanged(digestTime)), write: replaceSubscription({ ...sub, digestTime }) };
}

export function answerBind(ctx: AnswerContext, units: readonly UnitEntry[]): Answer {
  if (!ctx.may('bind')) return say('denied', deniedText.bind);
  const unit = units.find((u) => u.region === ctx.region) ?? units[0];
  if (!unit || !ctx.mentions.length) return say('bind', subscriptionText.bindHow);
  const by = { platform: ctx.person.platform, userId: ctx.person.userId };
  const people = ctx.mentions.map((m) => ({ platform: ctx.person.platform, userId: m.userId, name: m.name }));
  return {
    ...say('bind', subscriptionText.bound(unit.name, people.map((p) => p.name ?? p.userId).join('、'))),
    write: (draft) =>
      bindStaff(draft, { chat: ctx.person.chat, region: unit.region, unit, people, by, at: ctx.now.toISOString() }),
  };
}
