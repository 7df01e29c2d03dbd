// From an adapter's incoming message to the reply sent back: which messages are for the bot, once
// each, and only fresh ones. Platform-free; every adapter's messages go through here.
import type { Logger } from '../log.ts';
import type { ChatAdapter, MessageHandler, Responder } from './adapter.ts';
import type { IncomingMessage } from './message.ts';

/**
 * Group messages that are for the bot without an @-mention: a command said exactly, the whole message
 * and nothing else. "完成 3" and "完成3" are commands; "完成了，材料已经上传", "完成3项了吗？", "签收1份文件",
 * "进展1：暂无" and "订阅号文章已发" are people talking to each other.
 */
const COMMANDS: readonly RegExp[] = [
  /^\/[a-z]+(?:@\w+)?(?:\s+.*)?$/is,
  /^(?:帮助|菜单|更多|下一页|相关任务|逾期任务|导出台账|完成情况|完成率|取消订阅|提醒设置|订阅提醒|订阅到期提醒)$/,
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

export function isForBot(message: IncomingMessage): boolean {
  return message.chatType === 'private' || message.mentioned || isCommand(message.text);
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
  return async (message) => {
    const where = { adapter: adapter.name, chat: message.chatId, messageId: message.messageId };
    if (!seen.first(`${message.platform}:${message.chatId}:${message.messageId}`)) {
      options.logger.debug('duplicate message ignored', where);
      return;
    }
    if (options.now().getTime() - message.time.getTime() > maxAge) {
      options.logger.info('stale message ignored', { ...where, sent: message.time.toISOString() });
      return;
    }
    if (!isForBot(message)) return;
    try {
      const reply = await options.bot.handle(message);
      await adapter.send({ chatId: message.chatId, replyTo: message.messageId }, reply);
    } catch (error) {
      options.logger.error('reply failed', { ...where, error });
    }
  };
}
