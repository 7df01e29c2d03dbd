// From an adapter's incoming message to the reply sent back: which messages are for the bot, once
// each, only fresh ones, not more than flood control allows (per person and per chat, a short notice
// once, then quiet), and one at a time per chat. Platform-free; every adapter's messages go through
// here. Adapters that must acknowledge a platform within seconds (DingTalk, Feishu, WeCom callbacks)
// acknowledge first and then call the handler without waiting: a redelivery that arrives meanwhile is
// recognised at once, before any answer is computed.
import { type Logger, withLogContext } from '../log.ts';
import type { Reply } from '../model/reply.ts';
import { chatText } from '../texts/chat.ts';
import type { ChatAdapter, MessageHandler, Responder } from './adapter.ts';
import { chatKey, type IncomingMessage } from './message.ts';
import { FloodControl } from './rate-limit.ts';

/** Messages delivered later than this after they were sent (a restart, a long outage) are not answered. */
export const DEFAULT_MAX_AGE_MS = 3 * 60_000;

/**
 * Group messages that are for the bot without an @-mention: a command said exactly, the whole message
 * and nothing else. "完成 3" and "完成3" are commands; "完成了，材料已经上传", "完成3项了吗？", "签收1份文件",
 * "进展1：暂无" and "订阅号文章已发" are people talking to each other.
 */
const COMMANDS: readonly RegExp[] = [
  /^\/[a-z]+(?:@\w+)?(?:\s+.*)?$/is,
  /^(?:帮助|菜单|更多|下一页|相关任务|逾期任务|导出台账|完成情况|完成率|取消订阅|提醒设置|订阅提醒|订阅到期提醒|登录台账)$/,
  /^第\s*[0-9一二三四五六七八九十]{1,3}\s*条$/,
  /^详情\s*[0-9]{1,3}$/,
  /^(?:切换到|本群绑定)\s*[\p{Script=Han}]{2,12}$/u,
  /^订阅(?:\s+[\p{Script=Han}]{2,16})+$/u,
  /^(?:签收|完成|撤销完成)\s*(?:[0-9]{1,3}|\d{4}-[0-9a-f]{8}-\d+)$/,
  /^进展\s*(?:[0-9]{1,3}|\d{4}-[0-9a-f]{8}-\d+)(?:\s+\S.*)?$/s,
];

/** Whether a group message is a command said exactly (trailing punctuation and spaces aside). */
export function isCommand(text: string): boolean {
  const t = text.trim().replace(/[。.!！]+$/u, '');
  return COMMANDS.some((re) => re.test(t));
}

/** Commands that change something (the ledger, subscriptions, bindings, the chat's region): counted apart. */
const CHANGE_WORD = /^(?:\/region\b|签收|进展|完成(?!率|情况|进度)|撤销完成|订阅|取消订阅|退订|提前\s*[0-9一二三四五六七八九十]|提醒时间|每天\s*\d|绑定|本群绑定|切换|设置地区|设定地区|地区设为)/i;

export function changesSomething(text: string): boolean {
  return CHANGE_WORD.test(text.replace(/^\s*(?:[@＠]\S+\s*)*/u, ''));
}

export function isForBot(message: IncomingMessage): boolean {
  return message.chatType === 'private' || message.mentioned || isCommand(message.text);
}

/**
 * Answers a chat's messages one after another in arrival order, chats in parallel: "完成 3" right
 * after "民政局有哪些任务" refers to that list, even when the platform delivered both at once.
 */
export class ChatQueues {
  private readonly tails = new Map<string, Promise<void>>();

  run(chat: string, job: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(chat) ?? Promise.resolve()).then(job);
    const tail = next.catch(() => undefined);
    this.tails.set(chat, tail);
    void tail.then(() => {
      if (this.tails.get(chat) === tail) this.tails.delete(chat);
    });
    return next;
  }

  /** Chats with a message being answered (for tests and shutdown). */
  get busy(): number {
    return this.tails.size;
  }
}

/** Remembers the last message ids seen, so that a platform's redelivery is answered once. */
export class SeenMessages {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True the first time an id is seen. */
  first(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}

/**
 * Update ids a platform delivers (Telegram's update_id), tracked one by one rather than by the highest:
 * an update that arrives after a later one is still taken once. Bounded: beyond `capacity` the lowest
 * ids are forgotten and the floor rises past them (anything at or below the floor counts as taken).
 */
export class HandledIds {
  private readonly ids: Set<number>;

  constructor(
    private floorId = 0,
    ids: Iterable<number> = [],
    private readonly capacity = 1000,
  ) {
    this.ids = new Set([...ids].filter((id) => id > floorId));
  }

  /** Takes the id if it is new (true), so that a concurrent delivery of the same id is refused. */
  claim(id: number): boolean {
    if (id <= this.floorId || this.ids.has(id)) return false;
    this.ids.add(id);
    while (this.ids.size > this.capacity) {
      const lowest = Math.min(...this.ids);
      this.ids.delete(lowest);
      this.floorId = Math.max(this.floorId, lowest);
    }
    return true;
  }

  /** Gives a claimed id back (its recording failed; the platform will deliver it again). */
  release(id: number): void {
    this.ids.delete(id);
  }

  get floor(): number {
    return this.floorId;
  }

  get highest(): number {
    return Math.max(this.floorId, ...this.ids);
  }

  /** The ids above the floor, lowest first, for persisting. */
  list(): number[] {
    return [...this.ids].sort((a, b) => a - b);
  }
}

export interface DispatchOptions {
  bot: Responder;
  logger: Logger;
  /** The clock, to tell stale messages (delivered late after a restart). */
  now: () => Date;
  /** Messages older than this are ignored. Default 3 minutes. */
  maxAgeMs?: number;
  /** Message ids this process has handled (checked at once, before anything waits). */
  seen?: SeenMessages;
  /** Message ids handled by any instance (the store's): a redelivery to another instance is answered once too. */
  shared?: { first(id: string): Promise<boolean> };
  queues?: ChatQueues;
  /** Per person and per chat limits; one instance per adapter (default limits); null: none (the console, the operator at the machine). */
  flood?: FloodControl | null;
}

const notice = (text: string): Reply => ({ intent: 'fallback', blocks: [{ type: 'paragraph', text }], tasks: [], related: [] });

/** The handler an adapter is started with: filter, answer, reply; never throws. */
export function dispatcher(adapter: Pick<ChatAdapter, 'name' | 'send'>, options: DispatchOptions): MessageHandler {
  const seen = options.seen ?? new SeenMessages();
  const queues = options.queues ?? new ChatQueues();
  const flood = options.flood === undefined ? new FloodControl() : options.flood;
  const maxAge = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  // Every line logged while one message is handled (here, in the bot, in the store) names it.
  return (message) => withLogContext({ adapter: adapter.name, chat: message.chatId, messageId: message.messageId }, () => handle(message));
  async function handle(message: IncomingMessage): Promise<void> {
    // Checked before the first await: a redelivery arriving while the first copy is answered is dropped.
    const id = `${message.platform}:${message.chatId}:${message.messageId}`;
    if (!seen.first(id)) {
      options.logger.debug('duplicate message ignored');
      return;
    }
    if (options.now().getTime() - message.time.getTime() > maxAge) {
      options.logger.info('stale message ignored', { sent: message.time.toISOString() });
      return;
    }
    // Debug only: how an operator finds the ids for ZWGK_ADMINS and ZWGK_ALERT_TARGETS.
    options.logger.debug('message received', { user: message.userId, addressed: isForBot(message) });
    if (!isForBot(message)) return;
    const verdict = flood?.admit(`${message.platform}:${message.userId}`, `${message.platform}:${message.chatId}`, changesSomething(message.text), options.now().getTime()) ?? { kind: 'answer' };
    if (verdict.kind === 'quiet') return options.logger.debug('flood: message not answered');
    await queues.run(chatKey(message), async () => {
      try {
        // Asked inside the chat's queue, so that waiting on the store never reorders a chat's messages.
        if (options.shared && !(await options.shared.first(id))) return options.logger.debug('duplicate message ignored (handled by another instance)');
        if (verdict.kind === 'notice') {
          options.logger.info('flood: limit reached, told once', { who: verdict.who });
          const text = verdict.who === 'chat' ? chatText.floodChat : chatText.floodPerson;
          return await adapter.send({ chatId: message.chatId, replyTo: message.messageId }, notice(text));
        }
        const reply = await options.bot.handle(message);
        await adapter.send({ chatId: message.chatId, replyTo: message.messageId }, reply);
      } catch (error) {
        options.logger.error('reply failed', { error });
      }
    });
  }
}
