// From an adapter's incoming message to the reply sent back: which messages are for the bot, once
// each, and only fresh ones. Platform-free; every adapter's messages go through here.
import { type Logger, withLogContext } from '../log.ts';
import type { ChatAdapter, MessageHandler, Responder } from './adapter.ts';
import type { IncomingMessage } from './message.ts';

/** A group message starting with one of these is for the bot even without an @-mention. */
const COMMAND_WORD =
  /^\s*(?:\/[a-z]+|帮助|菜单|更多|下一页|相关任务|第\s*[0-9一二三四五六七八九十]+\s*[条项]|详情|切换到|本群绑定|订阅|取消订阅|提醒设置|签收|进展|完成|撤销完成|逾期任务|导出台账|完成情况|完成率)/i;

export function isForBot(message: IncomingMessage): boolean {
  return message.chatType === 'private' || message.mentioned || COMMAND_WORD.test(message.text);
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

export interface DispatchOptions {
  bot: Responder;
  logger: Logger;
  /** The clock, to tell stale messages (delivered late after a restart). */
  now: () => Date;
  /** Messages older than this are ignored. Default 3 minutes. */
  maxAgeMs?: number;
  seen?: SeenMessages;
}

/** The handler an adapter is started with: filter, answer, reply; never throws. */
export function dispatcher(adapter: Pick<ChatAdapter, 'name' | 'send'>, options: DispatchOptions): MessageHandler {
  const seen = options.seen ?? new SeenMessages();
  const maxAge = options.maxAgeMs ?? 3 * 60_000;
  // Every line logged while one message is handled (here, in the bot, in the store) names it.
  return (message) => withLogContext({ adapter: adapter.name, chat: message.chatId, messageId: message.messageId }, () => handle(message));
  async function handle(message: IncomingMessage): Promise<void> {
    if (!seen.first(`${message.platform}:${message.chatId}:${message.messageId}`)) {
      options.logger.debug('duplicate message ignored');
      return;
    }
    if (options.now().getTime() - message.time.getTime() > maxAge) {
      options.logger.info('stale message ignored', { sent: message.time.toISOString() });
      return;
    }
    if (!isForBot(message)) return;
    try {
      const reply = await options.bot.handle(message);
      await adapter.send({ chatId: message.chatId, replyTo: message.messageId }, reply);
    } catch (error) {
      options.logger.error('reply failed', { error });
    }
  }
}
