// Telegram through node-telegram-bot-api v2: long polling (or a webhook), translated to the core's
// message type. Each update id is recorded (durably) before the update is handled, so a crash and
// restart never answer an update twice (at worst the replies in flight are lost). Ids are tracked one
// by one, not only the highest: a webhook update that arrives after a later one is still handled. Each
// chat has its own lane, in update_id order: a 429 wait in one chat never delays another.
import { createServer, type IncomingMessage as HttpRequest, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Api, InputFile, longPoll, type Message, type Update } from 'node-telegram-bot-api';
import type { ChatAdapter, MessageHandler, Target } from '../src/platform/adapter.ts';
import { HandledIds } from '../src/platform/dispatch.ts';
import type { IncomingMessage } from '../src/platform/message.ts';
import { Lanes, TargetPacers } from '../src/platform/pace.ts';
import { plainMessages } from '../src/platform/render.ts';
import type { Reply } from '../src/model/reply.ts';
import { commandMenu } from '../src/texts/chat.ts';
import { AdapterError, messageOf } from '../src/errors.ts';
import { adapterText } from '../src/texts/ops.ts';
import type { Logger } from '../src/log.ts';
import type { StateFile } from '../src/store/state-file.ts';

export const TELEGRAM_MAX_CHARS = 4096;
/** State keys: the highest update id taken (the polling offset), the floor below which all are taken, the ids above it. */
const OFFSET_KEY = 'telegram.lastUpdateId';
const FLOOR_KEY = 'telegram.floor';
const HANDLED_KEY = 'telegram.handled';
/** Update ids remembered above the floor. */
const HANDLED_CAPACITY = 512;
/** Only messages are asked for: the bot reads nothing else. */
const ALLOWED_UPDATES = ['message'];
/**
 * Webhook connections Telegram may open at once (its default is 40). Updates are taken in a few
 * milliseconds (recorded, then queued in their chat's lane), so a few connections carry any county's
 * traffic, and fewer parallel deliveries means fewer arriving out of order.
 */
export const WEBHOOK_MAX_CONNECTIONS = 8;
/** A webhook chat lane waits this long before it starts, so that updates delivered in parallel run in update_id order. */
const WEBHOOK_GATHER_MS = 150;
/** Telegram lets a bot send about 20 messages a minute into one group. */
const GROUP_MESSAGES_PER_MINUTE = 20;
/** On stop, replies still in their lanes get this long to go out. */
const STOP_GRACE_MS = 10_000;

export interface TelegramWebhook {
  /** The public URL Telegram posts to. */
  url: string;
  secret: string;
  port: number;
  host?: string;
  path?: string;
  /** Larger request bodies are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface TelegramOptions {
  token: string;
  apiRoot?: string;
  state: StateFile;
  logger: Logger;
  webhook?: TelegramWebhook;
  /** Long-poll seconds. Default 30. */
  pollTimeoutSec?: number;
  /** Webhook: parallel connections Telegram may open. Default WEBHOOK_MAX_CONNECTIONS. */
  maxConnections?: number;
}

export class TelegramAdapter implements ChatAdapter {
  readonly name = 'telegram';
  private readonly api: Api;
  private me: { id: number; username: string } | null = null;
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private server: Server | null = null;
  private readonly handled: HandledIds;
  private lanes: Lanes;
  /** Group chats are paced under Telegram's per-group limit; each chat on its own. */
  private readonly groupPacers = new TargetPacers({ limit: GROUP_MESSAGES_PER_MINUTE, windowMs: 60_000 });

  constructor(private readonly options: TelegramOptions) {
    this.api = new Api(options.token, { apiRoot: options.apiRoot, maxRetries: 3 });
    const { state } = options;
    const ids = state.get(HANDLED_KEY);
    // An older state file holds only the highest id handled: everything up to it counts as handled.
    const floor = Number(state.get(FLOOR_KEY) ?? state.get(OFFSET_KEY) ?? 0);
    this.handled = new HandledIds(floor, Array.isArray(ids) ? ids : [], HANDLED_CAPACITY);
    this.lanes = this.newLanes(0);
  }

  private newLanes(gatherMs: number): Lanes {
    return new Lanes((error, chat) => this.options.logger.error('telegram: update failed', { chat, error }), gatherMs);
  }

  /** The webhook server's address, once listening (tests bind port 0). */
  get webhookPort(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    try {
      const me = await this.api.getMe();
      this.me = { id: me.id, username: me.username ?? '' };
    } catch (cause) {
      throw new AdapterError(adapterText.telegramUnreachable(messageOf(cause)), { cause });
    }
    await this.api.setMyCommands({ commands: [...commandMenu] }).catch((error: unknown) => this.options.logger.warn('telegram: setMyCommands failed', { error }));
    const receive = (update: Update): Promise<boolean> => this.receive(update, onMessage);
    if (this.options.webhook) {
      this.lanes = this.newLanes(WEBHOOK_GATHER_MS);
      await this.startWebhook(this.options.webhook, receive);
      return;
    }
    await this.api.deleteWebhook({ drop_pending_updates: false });
    const last = this.handled.highest;
    this.loop = (async () => {
      try {
        const updates = longPoll(
          this.api,
          {
            offset: last ? last + 1 : undefined,
            timeout: this.options.pollTimeoutSec ?? 30,
            allowedUpdates: ALLOWED_UPDATES,
            onError: (error) => this.options.logger.warn('telegram: polling error, retrying', { error }),
          },
          this.abort.signal,
        );
        // Taking an update only records it and queues it in its chat's lane: the loop never waits for a reply.
        for await (const update of updates) await receive(update);
      } catch (error) {
        if (!this.abort.signal.aborted) this.options.logger.error('telegram: polling stopped', { error });
      }
    })();
  }

  /**
   * Takes an update once: queues its message in its chat's lane at once (so that the lane orders by
   * update_id what arrives together) and records its id durably; the message is handled only once the
   * id is recorded. Resolves false for an update taken before (a redelivery); rejects when the id cannot
   * be recorded (the update is given back, and the platform will deliver it again).
   */
  private receive(update: Update, onMessage: MessageHandler): Promise<boolean> {
    const id = update.update_id;
    if (!Number.isInteger(id) || !this.handled.claim(id)) return Promise.resolve(false);
    const recorded = this.options.state.setMany({ [OFFSET_KEY]: this.handled.highest, [FLOOR_KEY]: this.handled.floor, [HANDLED_KEY]: this.handled.list() });
    const message = 'message' in update && update.message ? this.translate(update.message) : null;
    if (message) {
      this.lanes.push(message.chatId, id, async () => {
        if (await recorded.then(() => true, () => false)) await onMessage(message);
      });
    }
    return recorded.then(
      () => true,
      (error: unknown) => {
        this.handled.release(id);
        throw error;
      },
    );
  }

  /** A Telegram message as the core sees it, or null when it is not text. */
  translate(m: Message): IncomingMessage | null {
    // Without a sender there is nobody to answer or to identify (channel posts).
    if (!m.text || !m.from) return null;
    const username = this.me?.username ?? '';
    const atMe = username ? new RegExp(`@${username}\\b`, 'gi') : null;
    // Addressed means @-mentioned or replied to; whether a /command is for the bot is the dispatcher's call.
    const mentioned = (atMe !== null && atMe.test(m.text)) || (m.reply_to_message?.from?.id !== undefined && m.reply_to_message.from.id === this.me?.id);
    return {
      platform: 'telegram',
      chatId: String(m.chat.id),
      chatType: m.chat.type === 'private' ? 'private' : 'group',
      // An anonymous group admin or a linked channel speaks as a chat, not as a person: never a person's id.
      userId: m.sender_chat ? `chat:${m.sender_chat.id}` : String(m.from.id),
      userName: m.from?.first_name,
      text: m.text,
      mentioned,
      // People the message mentions by account (text_mention), for "绑定 民政局 @经办人".
      mentions: (m.entities ?? []).flatMap((e) => (e.type === 'text_mention' && 'user' in e && e.user ? [{ userId: String(e.user.id), name: e.user.first_name }] : [])),
      messageId: String(m.message_id),
      time: new Date(m.date * 1000),
    };
  }

  /** Group chats (negative ids) are paced each on its own; a private chat is sent to at once. */
  send(target: Target, reply: Reply): Promise<void> {
    return target.chatId.startsWith('-') ? this.groupPacers.run(target.chatId, () => this.sendNow(target, reply)) : this.sendNow(target, reply);
  }

  private async sendNow(target: Target, reply: Reply): Promise<void> {
    if (reply.file) {
      try {
        await this.api.sendDocument({ chat_id: target.chatId, document: new InputFile(reply.file.data, { filename: reply.file.name }) });
      } catch (cause) {
        throw new AdapterError(adapterText.telegramFileFailed(target.chatId, messageOf(cause)), { cause });
      }
    }
    const parts = plainMessages(reply, { max: TELEGRAM_MAX_CHARS });
    for (const [i, text] of parts.entries()) {
      try {
        await this.api.sendMessage({
          chat_id: target.chatId,
          text,
          ...(i === 0 && target.replyTo ? { reply_parameters: { message_id: Number(target.replyTo), allow_sending_without_reply: true } } : {}),
        });
      } catch (cause) {
        throw new AdapterError(adapterText.telegramSendFailed(target.chatId, messageOf(cause)), { cause });
      }
    }
  }

  private async startWebhook(hook: TelegramWebhook, receive: (update: Update) => Promise<boolean>): Promise<void> {
    const path = hook.path ?? '/telegram';
    const limit = hook.maxBodyBytes ?? 1 << 20;
    const expected = Buffer.from(hook.secret);
    this.server = createServer((req, res) => {
      const finish = (status: number): void => {
        res.writeHead(status).end();
      };
      if (req.method !== 'POST' || req.url !== path) return finish(404);
      const given = Buffer.from(String(req.headers['x-telegram-bot-api-secret-token'] ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return finish(401);
      readBody(req, limit)
        .then(async (body) => {
          if (body === null) return finish(413);
          let update: Update;
          try {
            update = JSON.parse(body) as Update;
          } catch {
            return finish(400);
          }
          // Answered once the update is recorded and queued: Telegram need not wait for the reply.
          await receive(update);
          finish(200);
        })
        .catch((error: unknown) => {
          this.options.logger.error('telegram: webhook update failed', { error });
          finish(500);
        });
    });
    await new Promise<void>((resolve) => this.server?.listen(hook.port, hook.host ?? '127.0.0.1', resolve));
    await this.api.setWebhook({ url: hook.url, secret_token: hook.secret, max_connections: this.options.maxConnections ?? WEBHOOK_MAX_CONNECTIONS, allowed_updates: ALLOWED_UPDATES });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
    await this.lanes.idle(STOP_GRACE_MS);
  }
}

/** The request body, or null when it is larger than the limit. */
function readBody(req: HttpRequest, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
