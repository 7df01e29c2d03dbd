// A fake Telegram Bot API on 127.0.0.1: serves queued updates at or above the requested offset (as
// Telegram does, so an unconfirmed update comes again), records what the bot sends, and can answer
// 429 with retry_after.
import { createServer, type Server } from 'node:http';

export interface Sent {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

export const BOT_USER = { id: 999, is_bot: true, first_name: '政务助手', username: 'zwgk_bot' };

export class FakeTelegram {
  readonly sent: Sent[] = [];
  readonly calls: Sent[] = [];
  private readonly updates: Array<Record<string, unknown> & { update_id: number }> = [];
  private waiters: Array<() => void> = [];
  private server: Server | null = null;
  /** The next n sendMessage calls (to `chatId` only, when given) answer 429 with this retry_after. */
  throttle: { count: number; retryAfter: number; chatId?: string } = { count: 0, retryAfter: 1 };
  /** sendMessage to this chat fails with HTTP 400 and this description (as a proxy that echoes a URL might). */
  failSend: { chatId: string; description: string } | null = null;

  constructor(readonly token = '123456:TEST-TOKEN-abcdefghijklmnop') {}

  get apiRoot(): string {
    const address = this.server?.address();
    if (!address || typeof address !== 'object') throw new Error('not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async listen(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        void this.route(req.url ?? '', parseParams(String(req.headers['content-type'] ?? ''), body)).then(([status, json]) => {
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Queues a text message from a user in a chat; returns its update id. */
  push(message: { chatId: number; chatType?: 'private' | 'group' | 'supergroup'; text: string; fromId?: number; replyToBot?: boolean; date?: number }): number {
    const update = this.update(message);
    this.updates.push(update);
    for (const w of this.waiters.splice(0)) w();
    return update.update_id;
  }

  /** An update as Telegram would send it (the next id), without queueing it: for webhook posts. */
  update(message: { chatId: number; chatType?: 'private' | 'group' | 'supergroup'; text: string; fromId?: number; replyToBot?: boolean; date?: number; updateId?: number }): Record<string, unknown> & { update_id: number } {
    const update_id = message.updateId ?? (this.updates.at(-1)?.update_id ?? 1000) + 1;
    const text = message.text;
    const mention = /@zwgk_bot/.exec(text);
    return {
      update_id,
      message: {
        message_id: update_id * 10,
        date: message.date ?? Math.floor(Date.now() / 1000),
        chat: { id: message.chatId, type: message.chatType ?? 'group', title: '政务公开工作群' },
        from: { id: message.fromId ?? 42, is_bot: false, first_name: '经办人' },
        text,
        ...(mention ? { entities: [{ type: 'mention', offset: mention.index, length: mention[0].length }] } : {}),
        ...(message.replyToBot ? { reply_to_message: { message_id: 1, date: 0, chat: { id: message.chatId, type: 'group' }, from: BOT_USER, text: '…' } } : {}),
      },
    };
  }

  messagesTo(chatId: number): string[] {
    return this.sent.filter((s) => s.method === 'sendMessage' && String(s.params.chat_id) === String(chatId)).map((s) => String(s.params.text));
  }

  private async route(url: string, params: Record<string, unknown>): Promise<[number, unknown]> {
    const m = /^\/bot([^/]+)\/(\w+)/.exec(url);
    if (!m || m[1] !== this.token) return [401, { ok: false, error_code: 401, description: 'Unauthorized' }];
    const method = m[2] as string;
    this.calls.push({ method, params, at: Date.now() });
    switch (method) {
      case 'getMe':
        return [200, { ok: true, result: BOT_USER }];
      case 'setMyCommands':
      case 'deleteWebhook':
      case 'setWebhook':
        return [200, { ok: true, result: true }];
      case 'getUpdates': {
        const offset = Number(params.offset ?? 0);
        const pending = (): unknown[] => this.updates.filter((u) => u.update_id >= offset);
        if (!pending().length) {
          const wait = Math.min(Number(params.timeout ?? 0), 1) * 1000;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            this.waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        return [200, { ok: true, result: pending() }];
      }
      case 'sendMessage': {
        if (this.throttle.count > 0 && (this.throttle.chatId === undefined || this.throttle.chatId === String(params.chat_id))) {
          this.throttle.count--;
          return [429, { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: this.throttle.retryAfter } }];
        }
        if (this.failSend && this.failSend.chatId === String(params.chat_id)) return [400, { ok: false, error_code: 400, description: this.failSend.description }];
        this.sent.push({ method, params, at: Date.now() });
        return [200, { ok: true, result: { message_id: this.sent.length, date: 0, chat: { id: params.chat_id, type: 'group' }, text: params.text } }];
      }
      default:
        return [404, { ok: false, error_code: 404, description: `no method ${method}` }];
    }
  }
}

/** Bot API parameters arrive as JSON or form-encoded, nested values JSON-encoded. */
function parseParams(contentType: string, body: string): Record<string, unknown> {
  if (!body) return {};
  if (contentType.includes('json')) return JSON.parse(body) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    try {
      out[key] = JSON.parse(value);
    } catch {
      out[key] = value;
    }
  }
  return out;
}
