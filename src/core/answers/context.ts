// What every answer handler gets: the knowledge, today, and the person's remembered list in this chat.
import { planOver, type Task } from '../../model/task.ts';
import { daysBetween } from '../../time.ts';
import type { LedgerEvent } from '../../model/records.ts';
import type { StoreData } from '../../store/schema.ts';
import type { Action, Person } from '../roles.ts';
import type { Knowledge } from '../knowledge.ts';
import type { TaskIndex } from '../../store/indexes.ts';
import type { Reply } from '../../model/reply.ts';
import type { Session } from '../sessions.ts';
import type { ItemView } from '../listing.ts';
import { chatText } from '../../texts/chat.ts';

export interface AnswerContext {
  knowledge: Knowledge;
  /** The chat ("telegram:-100") and who is speaking in it. */
  person: Person;
  /** A group (others read the answer) or a private chat with the bot. */
  chatType: 'group' | 'private';
  /** Admins as "platform:userId" (ZWGK_ADMINS). */
  admins: readonly string[];
  /** May this person take the action (on the task)? */
  may: (action: Action, task?: Task) => boolean;
  /** The region questions default to: the chat's binding, or the only region there is. */
  region: string | null;
  /** The store's data, read-only: ledger, subscriptions, bindings. */
  data: Readonly<StoreData>;
  ledger: ReadonlyMap<string, readonly LedgerEvent[]>;
  /** People the message @-mentions (other than the bot). */
  mentions: ReadonlyArray<{ userId: string; name?: string }>;
  now: Date;
  /** Today in Asia/Shanghai. */
  today: string;
  /** The last list this person asked for (or that was addressed to them) in this chat, while it lives. */
  session: Session | undefined;
  /** The person had a list here that has expired: say so rather than guess. */
  sessionLapsed: boolean;
}

export interface Answer {
  reply: Reply;
  /** A new remembered list for the person in this chat. */
  session?: Session;
  /** The chat binds itself to this region. */
  bindRegion?: string;
  /** A change to the store, applied (durably) before the reply is sent. */
  write?: (draft: StoreData) => void;
}

export const say = (intent: Reply['intent'], text: string): Answer => ({
  reply: { intent, blocks: [{ type: 'paragraph', text }], tasks: [], related: [] },
});

export function tasksById(ctx: AnswerContext, ids: readonly string[]): Task[] {
  return ids.flatMap((id) => {
    const t = ctx.knowledge.index.byId.get(id);
    return t ? [t] : [];
  });
}

/** "汶上县" when one region is in play, else "" (the items name their regions). */
export function scopeLabel(regions: readonly string[]): string {
  return regions.length === 1 ? `${regions[0]} ` : '';
}

/**
 * The year a month without a year means: this year if the regions have a plan for it or tasks falling
 * due in it (in January 2023 the 2022 plan's 1月 is January 2023), else their latest plan's.
 */
export function planYear(ctx: { knowledge: { index: Pick<TaskIndex, 'years' | 'months' | 'dueInMonth' | 'isCurrent'> }; today: string }, regions: readonly string[]): number {
  const thisYear = Number(ctx.today.slice(0, 4));
  const index = ctx.knowledge.index;
  const years = regions.flatMap((r) => [...index.years(r)]);
  if (!years.length || years.includes(thisYear)) return thisYear;
  const dueThisYear = index.months().some((m) => m.startsWith(`${thisYear}-`) && index.dueInMonth(m, regions).some((t) => index.isCurrent(t)));
  return dueThisYear ? thisYear : Math.max(...years);
}

export { planOver };

/** Days from today to a dated task's deadline, while its plan is current and not over; else undefined. */
export function daysLeftOf(ctx: Pick<AnswerContext, 'knowledge' | 'today'>, task: Task): number | undefined {
  const due = task.deadline.due;
  if (task.deadline.kind !== 'dated' || !due || !ctx.knowledge.index.isCurrent(task) || planOver(task.year, ctx.today)) return undefined;
  return daysBetween(ctx.today, due);
}

/** The tasks of the regions' current plans (or of the named year's plans). */
export function inPlan(ctx: Pick<AnswerContext, 'knowledge'>, year?: number): (task: Task) => boolean {
  return year ? (t) => t.year === year : (t) => ctx.knowledge.index.isCurrent(t);
}

/** Earliest due first, then the store's order. Plain comparisons: localeCompare is slow in hot paths. */
export function byDue(ctx: Pick<AnswerContext, 'knowledge'>): (a: Task, b: Task) => number {
  const { index } = ctx.knowledge;
  return (a, b) => {
    const x = a.deadline.due ?? '9999';
    const y = b.deadline.due ?? '9999';
    return x !== y ? (x < y ? -1 : 1) : index.position(a) - index.position(b);
  };
}

/**
 * The plan's own title from its notice's: 《关于印发《2022年台儿庄区政务公开工作要点实施方案》的通知》 →
 * 2022年台儿庄区政务公开工作要点实施方案; the region is put first when the title does not name it.
 */
export function planTitleOf(noticeTitle: string, region: string): string {
  const inner = /《([^《》]+)》/.exec(noticeTitle)?.[1];
  const title = (inner ?? noticeTitle.replace(/^关于(?:印发|公布|下发|转发|做好)?/, '').replace(/的通知$/, '')).trim();
  return title.includes(region) || title.includes(region.slice(0, -1)) ? title : `${region}${title}`;
}

/** How this chat's items are shown: the plan's own title (a 工作要点实施方案 is not a 任务分解表), days left. */
export function viewOf(ctx: Pick<AnswerContext, 'knowledge' | 'today'>, matched?: ItemView['matched']): ItemView {
  const { documents } = ctx.knowledge.index;
  return {
    sourceTitle: (task) => {
      const doc = documents.get(task.documentId);
      return doc ? planTitleOf(doc.title, task.region) : chatText.planTitle(task.region, task.year);
    },
    daysLeft: (task) => daysLeftOf(ctx, task),
    ...(matched ? { matched } : {}),
  };
}
