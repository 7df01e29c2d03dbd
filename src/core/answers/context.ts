// What every answer handler gets: the knowledge, today, and the person's remembered list in this chat.
import type { Task } from '../../model/task.ts';
import type { LedgerEvent } from '../../model/records.ts';
import type { StoreData } from '../../store/schema.ts';
import type { Action, Person } from '../roles.ts';
import type { Knowledge } from '../knowledge.ts';
import type { Reply } from '../../model/reply.ts';
import type { Session } from '../sessions.ts';

export interface AnswerContext {
  knowledge: Knowledge;
  /** The chat ("telegram:-100") and who is speaking in it. */
  person: Person;
  /** A group (others read the answer) or a private chat with the bot. */
  chatType: 'group' | 'private';
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

/** The year a month without a year means: this year if the regions have a plan for it, else their latest. */
export function planYear(ctx: Pick<AnswerContext, 'knowledge' | 'today'>, regions: readonly string[]): number {
  const thisYear = Number(ctx.today.slice(0, 4));
  const years = regions.flatMap((r) => [...ctx.knowledge.index.years(r)]);
  if (!years.length || years.includes(thisYear)) return thisYear;
  return Math.max(...years);
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
