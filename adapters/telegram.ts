// Telegram through node-telegram-bot-api v2: long polling (or a webhook), translated to the core's
// message type. The last update id is written before an update is handled, so a crash and restart
// never answer an update twice (at worst one reply is lost).
import { createServer, type IncomingMessage as HttpRequest, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Api, InputFile, longPoll, type Message, type Update } from 'node-telegram-bot-api';
import type { ChatAdapter, MessageHandler, Target } from '../src/platform/adapter.ts';
import type { IncomingMessage } from '../src/platform/message.ts';
import { plainMessages } from '../src/platform/render.ts';
import type { Reply } from '../src/model/reply.ts';
import { commandMenu } from '../src/texts/chat.ts';
import { AdapterError, messageOf } from '../src/errors.ts';
import { adapterText } from '../src/texts/ops.ts';
import type { Logger } from '../src/log.ts';
import type { PlatformState } from '../src/store/contract.ts';

export const TELEGRAM_MAX_CHARS = 4096;
const OFFSET_KEY = 'telegram.lastUpdateId';

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
  state: PlatformState;
  logger: Logger;
  webhook?: TelegramWebhook;
  /** Long-poll seconds. Default 30. */
  pollTimeoutSec?: number;
}

export class TelegramAdapter implements ChatAdapter {
  readonly name = 'telegram';
  private readonly api: Api;
  private me: { id: number; username: string } | null = null;
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private server: Server | null = null;

  constructor(private readonly options: TelegramOptions) {
    this.api = new Api(options.token, { apiRoot: options.apiRoot, maxRetries: 3 });
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
    const handle = (update: Update): Promise<void> => this.handleUpdate(update, onMessage);
    if (this.options.webhook) {
      await this.startWebhook(this.options.webhook, handle);
      return;
    }
    await this.api.deleteWebhook({ drop_pending_updates: false });
    const last = Number(this.options.state.get(OFFSET_KEY) ?? 0);
    this.loop = (async () => {
      try {
        const updates = longPoll(
          this.api,
          { offset: last ? last + 1 : undefined, timeout: this.options.pollTimeoutSec ?? 30, onError: (error) => this.options.logger.warn('telegram: polling error, retrying', { error }) },
          this.abort.signal,
        );
        for await (const update of updates) await handle(update);
      } catch (error) {
        if (!this.abort.signal.aborted) this.options.logger.error('telegram: polling stopped', { error });
      }
    })();
  }

  private async handleUpdate(update: Update, onMessage: MessageHandler): Promise<void> {
    const last = Number(this.options.state.get(OFFSET_KEY) ?? 0);
    if (update.update_id <= last) return;
    await this.options.state.set(OFFSET_KEY, update.update_id);
    const message = 'message' in update && update.message ? this.translate(update.message) : null;
    if (message) await onMessage(message);
  }

  /** A Telegram message as the core sees it, or null when it is not text. */
  translate(m: Message): IncomingMessage | null {
    if (!m.text) return null;
    const username = this.me?.username ?? '';
    const atMe = username ? new RegExp(`@${username}\\b`, 'gi') : null;
    // Addressed means @-mentioned or replied to; whether a /command is for the bot is the dispatcher's call.
    const mentioned = (atMe !== null && atMe.test(m.text)) || (m.reply_to_message?.from?.id !== undefined && m.reply_to_message.from.id === this.me?.id);
    return {
      platform: 'telegram',
      chatId: String(m.chat.id),
      chatType: m.chat.type === 'private' ? 'private' : 'group',
      userId: String(m.from?.id ?? m.chat.id),
      userName: m.from?.first_name,
      text: m.text,
      mentioned,
      // People the message mentions by account (text_mention), for "绑定 民政局 @经办人".
      mentions: (m.entities ?? []).flatMap((e) => (e.type === 'text_mention' && 'user' in e && e.user ? [{ userId: String(e.user.id), name: e.user.first_name }] : [])),
      messageId: String(m.message_id),
      time: new Date(m.date * 1000),
    };
  }

  async send(target: Target, reply: Reply): Promise<void> {
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

  private async startWebhook(hook: TelegramWebhook, handle: (update: Update) => Promise<void>): Promise<void> {
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
          await handle(update);
          finish(200);
        })
        .catch((error: unknown) => {
          this.options.logger.error('telegram: webhook update failed', { error });
          finish(500);
        });
    });
    await new Promise<void>((resolve) => this.server?.listen(hook.port, hook.host ?? '127.0.0.1', resolve));
    await this.api.setWebhook({ url: hook.url, secret_token: hook.secret });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
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
