// The reminder desk: the one component that reads the clock. On each tick, for each subscription and
// each digest day up to today, it sends the day's digest once. Slot records are written `pending`
// before sending and `sent` after, so a crash loses none and repeats at most the one digest each chat
// had in flight (chats are sent side by side, so several chats may each repeat theirs); a digest
// missed while the bot was down is sent on start-up, marked 补发, within the grace window, and only
// logged when older. A failing target retries with backoff without holding up the others.
import { eventsByTask } from '../ledger/status.ts';
import type { Logger } from '../log.ts';
import type { TaskIndex } from '../store/indexes.ts';
import type { DigestRecord, Subscription } from '../model/records.ts';
import type { StoreData } from '../store/schema.ts';
import { addDays, shanghaiDate, shanghaiInstant, weekday } from '../time.ts';
import type { Reply } from '../model/reply.ts';
import type { Task } from '../model/task.ts';
import { buildDigest, type DigestTarget } from './digest.ts';
import { quietDay, remindersFor, tasksInScope } from './select.ts';
import { sentSlots, slotKey } from './subscriptions.ts';

export interface ReminderStore {
  readonly data: Readonly<StoreData>;
  readonly index: TaskIndex;
  change(mutate: (draft: StoreData) => void): Promise<void>;
}

/** What the scheduler needs of a channel: to send. Every platform's notifier is one. */
export interface DigestChannel {
  send(target: DigestTarget, reply: Reply): Promise<void>;
}

export interface SchedulerOptions {
  store: ReminderStore;
  /** The channel that reaches a chat ("telegram:-100", "robot:ops"), and the chat id on it. */
  resolve: (chat: string) => { channel: DigestChannel; chatId: string } | undefined;
  logger: Logger;
  now: () => Date;
  /** Missed digests older than this are logged, not sent. Default 24 h. */
  graceMs?: number;
  /** A digest sent later than this after its time is marked 补发. Default 15 min. */
  lateAfterMs?: number;
  /** How long one send may take before it counts as failed. Default 60 s. */
  sendTimeoutMs?: number;
  /** First retry delay; doubles each time. Default 1 min. */
  retryBaseMs?: number;
  /** Told of each digest delivered: the people it @-mentioned may now refer to its numbers ("完成 2"). */
  onDelivered?: (delivery: Delivery) => Promise<void>;
}

/** A digest delivered to a chat: whom it @-mentioned, what it is, and the tasks it numbered. */
export interface Delivery {
  chat: string;
  mentions: readonly string[];
  title: string;
  numbered: readonly Task[];
  at: Date;
}

const DAY_MS = 86_400_000;
/** The retry delay doubles at most this many times (1 min → about an hour). */
const MAX_BACKOFF_DOUBLINGS = 6;
const FINAL: ReadonlySet<DigestRecord['state']> = new Set(['sent', 'empty', 'quiet', 'missed']);

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: SchedulerOptions) {}

  start(intervalMs = 60_000): void {
    const run = (): void => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = null));
    };
    run();
    this.timer = setInterval(run, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every subscription. Chats are independent: one dead target stalls none. */
  async tick(): Promise<void> {
    const now = this.options.now();
    const results = await Promise.allSettled(this.options.store.data.subscriptions.map((sub) => this.runSubscription(sub, now)));
    for (const r of results) if (r.status === 'rejected') this.options.logger.error('reminders: subscription failed', { error: r.reason });
  }

  private async runSubscription(sub: Subscription, now: Date): Promise<void> {
    const grace = this.options.graceMs ?? DAY_MS;
    const today = shanghaiDate(now);
    const from = shanghaiDate(new Date(Math.max(new Date(sub.at).getTime(), now.getTime() - grace - DAY_MS)));
    for (let day = from; day <= today; day = addDays(day, 1)) {
      const scheduled = shanghaiInstant(day, sub.digestTime);
      if (scheduled > now || scheduled.getTime() < new Date(sub.at).getTime()) continue;
      const record = this.options.store.data.digests.find((d) => d.chat === sub.chat && d.day === day);
      if (record && FINAL.has(record.state)) continue;
      if (record?.nextAttemptAt && new Date(record.nextAttemptAt) > now) continue;
      if (now.getTime() - scheduled.getTime() > grace) {
        this.options.logger.warn('reminders: digest missed while down, not sent', { chat: sub.chat, day });
        await this.recordDigest(sub.chat, day, 'missed', false, now);
        continue;
      }
      await this.sendDigest(sub, day, now.getTime() - scheduled.getTime() > (this.options.lateAfterMs ?? 15 * 60_000), now);
    }
  }

  private async sendDigest(sub: Subscription, day: string, late: boolean, now: Date): Promise<void> {
    const { store, logger } = this.options;
    const ledger = eventsByTask(store.data.ledger);
    const sent = sentSlots(store.data.reminders, sub.chat);
    const items = remindersFor(sub, day, store.index, ledger, sent);
    const weekly = sub.weekly && weekday(day) === 1;
    if (quietDay(day, items)) return this.recordDigest(sub.chat, day, 'quiet', late, now);
    if (!items.length && !weekly) return this.recordDigest(sub.chat, day, 'empty', late, now);

    const route = this.options.resolve(sub.chat);
    const record = store.data.digests.find((d) => d.chat === sub.chat && d.day === day);
    const attempts = (record?.attempts ?? 0) + 1;
    let delivery: Delivery | null = null;
    // Before sending: every slot of this message is pending.
    await store.change((draft) => {
      for (const item of items) {
        const i = draft.reminders.findIndex((r) => r.chat === sub.chat && r.taskId === item.task.id && r.slot === item.slot);
        const rec = { chat: sub.chat, taskId: item.task.id, slot: item.slot, reason: item.reason, state: 'pending' as const, day, attempts, late, updatedAt: now.toISOString() };
        if (i >= 0) draft.reminders[i] = rec;
        else draft.reminders.push(rec);
      }
    });
    try {
      if (!route) throw new Error(`no channel reaches ${sub.chat}`);
      const digest = buildDigest({ sub, day, items, late, bindings: store.data.bindings, scope: tasksInScope(sub, store.index), ledger, chatId: route.chatId });
      await withTimeout(route.channel.send(digest.target, digest.reply), this.options.sendTimeoutMs ?? 60_000);
      delivery = { chat: sub.chat, mentions: digest.target.mentions, title: digest.title, numbered: digest.numbered, at: now };
    } catch (error) {
      const delay = (this.options.retryBaseMs ?? 60_000) * 2 ** Math.min(attempts - 1, MAX_BACKOFF_DOUBLINGS);
      logger.warn('reminders: digest not delivered, will retry', { chat: sub.chat, day, attempts, error });
      await this.recordDigest(sub.chat, day, 'failed', late, now, attempts, new Date(now.getTime() + delay));
      return;
    }
    // After sending: the slots and the digest are done.
    const keys = new Set(items.map((i) => slotKey(i.task.id, i.slot)));
    await store.change((draft) => {
      draft.reminders = draft.reminders.map((r) => (r.chat === sub.chat && keys.has(slotKey(r.taskId, r.slot)) ? { ...r, state: 'sent', updatedAt: now.toISOString() } : r));
      upsertDigest(draft, { chat: sub.chat, day, state: 'sent', late, attempts, nextAttemptAt: null, at: now.toISOString() });
    });
    logger.info('reminders: digest sent', { chat: sub.chat, day, items: items.length, late });
    if (delivery && this.options.onDelivered) await this.options.onDelivered(delivery).catch((error: unknown) => logger.warn('reminders: delivery not remembered', { chat: sub.chat, error }));
  }

  private async recordDigest(chat: string, day: string, state: DigestRecord['state'], late: boolean, now: Date, attempts = 0, next: Date | null = null): Promise<void> {
    await this.options.store.change((draft) => upsertDigest(draft, { chat, day, state, late, attempts, nextAttemptAt: next?.toISOString() ?? null, at: now.toISOString() }));
  }
}

function upsertDigest(draft: StoreData, record: DigestRecord): void {
  const i = draft.digests.findIndex((d) => d.chat === record.chat && d.day === record.day);
  if (i >= 0) draft.digests[i] = record;
  else draft.digests.push(record);
}
