// WeCom (企业微信) 智能机器人 (AI bot), two-way: the one WeCom bot kind that receives group @-messages
// (a self-built app receives only its own single chats; a group robot only sends). Messages arrive
// over the official @wecom/aibot-node-sdk long connection (the default: no public address, replies
// and pushes on the same socket) or the API-mode callback (/wecom/callback: msg_signature and
// AES-256-CBC, see ./wecom/callback.ts; replies through the message's one-time response_url).
// WeCom calls back in a group only when the bot is @-mentioned, so a group message is addressed by
// definition; the callback carries no list of other people mentioned (bind staff with the CLI). The
// sender's userid is the identity. Replies are markdown (a finished stream message), files are
// uploaded and sent in long-connection mode. One bot allows one live connection: a second process
// with the same Bot ID takes it over, and this one is told and stops. The SDK loads only when WeCom is
// configured.
import { Hono } from 'hono';
import { z } from 'zod';
import type { WSClient, WsFrame } from '@wecom/aibot-node-sdk';
import { AdapterError, messageOf } from '../src/errors.ts';
import type { Logger } from '../src/log.ts';
import type { Reply } from '../src/model/reply.ts';
import type { ChatAdapter, HttpMount, MessageHandler, Target } from '../src/platform/adapter.ts';
import type { IncomingMessage } from '../src/platform/message.ts';
import { RecentMap } from '../src/platform/recent-map.ts';
import { markdownMessages, withoutFile } from '../src/platform/render.ts';
import { splitRendered, utf8Bytes } from '../src/platform/reply.ts';
import { adapterText, adminText } from '../src/texts/ops.ts';
import { checkWecomMessage, checkWecomUrl, type WecomCipher } from './wecom/callback.ts';
import { sdkLogger } from './sdk-logger.ts';

export const WECOM_WS_URL = 'wss://openws.work.weixin.qq.com';
/** A stream reply holds at most 20 480 bytes of markdown. */
export const WECOM_REPLY_MAX_BYTES = 20_000;
/** A pushed markdown message is kept to WeCom's markdown limit of 4 096 bytes. */
export const WECOM_PUSH_MAX_BYTES = 4_000;
/** start() waits this long for the long connection to authenticate. */
export const WECOM_START_TIMEOUT_MS = 20_000;
/** Authentication refused this many times in a row (revoked secret) stops the connection. */
const AUTH_ATTEMPTS = 5;
const REMEMBERED_MESSAGES = 2_000;

/** The message WeCom sends (long connection frame body, or the decrypted callback); other fields are ignored. */
const MessageSchema = z.object({
  msgid: z.string().min(1),
  chatid: z.string().optional(),
  chattype: z.enum(['single', 'group']),
  from: z.object({ userid: z.string().min(1) }),
  create_time: z.number().optional(),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  voice: z.object({ content: z.string() }).optional(),
  mixed: z.object({ msg_item: z.array(z.object({ msgtype: z.string(), text: z.object({ content: z.string() }).optional() })) }).optional(),
});
export type WecomMessage = z.infer<typeof MessageSchema>;

export interface WecomOptions {
  mode: 'websocket' | 'callback';
  /** Long connection: the bot's Bot ID and Secret. */
  botId?: string;
  secret?: string;
  /** Default wss://openws.work.weixin.qq.com (政务微信 and other private deployments have their own). */
  wsUrl?: string;
  /** Callback mode: the Token and EncodingAESKey set in the bot's API settings. */
  token?: string;
  encodingAesKey?: string;
  logger: Logger;
  alert?: (text: string) => Promise<void>;
  fetch?: typeof fetch;
  /** Reconnect backoff base; tests shorten it. */
  reconnectIntervalMs?: number;
}

/** Where to answer one received message: its long-connection frame, or its response_url. */
interface Origin {
  frame?: WsFrame;
  responseUrl?: string;
}

export class WecomAdapter implements ChatAdapter {
  readonly name = 'wecom';
  readonly http?: HttpMount;
  private client: WSClient | null = null;
  private cipher: WecomCipher | null = null;
  private handler: MessageHandler | null = null;
  private readonly origins = new RecentMap<string, Origin>(REMEMBERED_MESSAGES);

  constructor(private readonly options: WecomOptions) {
    if (options.mode === 'callback') this.http = { prefix: '/wecom', routes: () => this.routes() };
  }

  async start(onMessage: MessageHandler): Promise<void> {
    const sdk = await import('@wecom/aibot-node-sdk');
    const { token, encodingAesKey } = this.options;
    // The receive id of an enterprise's own 智能机器人 is empty.
    if (this.options.mode === 'callback') this.cipher = new sdk.WecomCrypto(token ?? '', encodingAesKey ?? '', '');
    this.handler = onMessage;
    if (this.options.mode === 'websocket') this.client = await this.connect(sdk.WSClient);
  }

  private async connect(Client: typeof WSClient): Promise<WSClient> {
    const { botId = '', secret = '', logger } = this.options;
    const client = new Client({
      botId,
      secret,
      wsUrl: this.options.wsUrl ?? WECOM_WS_URL,
      logger: sdkLogger(logger, 'wecom', [secret]),
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: AUTH_ATTEMPTS,
      reconnectInterval: this.options.reconnectIntervalMs,
    });
    client.on('message', (frame) => this.receive(frame.body, { frame }));
    client.on('event.disconnected_event', () => {
      logger.error('wecom: another connection with this Bot ID took over; this one stopped');
      void this.options.alert?.(adminText.wecomTakenOver);
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(adapterText.startTimeout(WECOM_START_TIMEOUT_MS / 1000))), WECOM_START_TIMEOUT_MS);
        client.once('authenticated', resolve);
        client.once('error', reject);
        client.connect();
      });
    } catch (cause) {
      client.disconnect();
      throw new AdapterError(adapterText.wecomStartFailed(messageOf(cause)), { cause });
    } finally {
      clearTimeout(timer);
    }
    client.on('error', (error) => this.connectionError(error));
    return client;
  }

  /** After start the SDK reconnects by itself; only its giving up needs people. */
  private connectionError(error: Error): void {
    const code = (error as { code?: string }).code;
    if (code === 'WS_AUTH_FAILURE_EXHAUSTED' || code === 'WS_RECONNECT_EXHAUSTED') {
      this.options.logger.error('wecom: connection given up', { error });
      void this.options.alert?.(adminText.adapterFailed(adapterText.wecomName, error.message));
    } else this.options.logger.warn('wecom: connection error', { error });
  }

  async stop(): Promise<void> {
    this.handler = null;
    if (this.client?.isConnected) this.client.disconnect();
    this.client = null;
  }

  /** A message as received: translated and handed on without waiting. */
  private receive(body: unknown, origin: Origin): void {
    const parsed = MessageSchema.safeParse(body);
    if (!parsed.success) {
      this.options.logger.debug('wecom: not a message, ignored', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
      return;
    }
    const message = this.translate(parsed.data);
    const handler = this.handler;
    if (!message || !handler) return;
    this.origins.set(message.messageId, { ...origin, responseUrl: parsed.data.response_url });
    handler(message).catch((error: unknown) => this.options.logger.error('wecom: message failed', { error }));
  }

  /** A WeCom message as the core sees it, or null when it has no text. */
  translate(m: WecomMessage): IncomingMessage | null {
    const text =
      m.msgtype === 'text' ? m.text?.content
      : m.msgtype === 'voice' ? m.voice?.content
      : m.msgtype === 'mixed' ? m.mixed?.msg_item.map((i) => i.text?.content ?? '').join('')
      : undefined;
    if (text === undefined) return null;
    const group = m.chattype === 'group';
    return {
      platform: 'wecom',
      // A single chat is addressed by the person's userid (aibot_send_msg takes either).
      chatId: group && m.chatid ? m.chatid : m.from.userid,
      chatType: group ? 'group' : 'private',
      userId: m.from.userid,
      text: text.trim(),
      // WeCom calls back for a group message only when it @-mentions the bot.
      mentioned: group,
      mentions: [],
      messageId: m.msgid,
      time: m.create_time ? new Date(m.create_time * 1000) : new Date(),
    };
  }

  async send(target: Target, reply: Reply): Promise<void> {
    const origin = target.replyTo ? this.origins.get(target.replyTo) : undefined;
    if (this.options.mode === 'callback') return this.respond(target, origin, reply);
    const client = this.client;
    if (!client) throw new AdapterError(adapterText.wecomSendFailed(target.chatId, 'not started'));
    const at = target.mentions?.length ? `${target.mentions.map((id) => `<@${id.replace(/[^\w.@-]/g, '')}>`).join(' ')}\n` : '';
    const [first = '', ...rest] = markdownMessages(reply, { max: WECOM_REPLY_MAX_BYTES, size: utf8Bytes });
    const pushes = rest.length ? splitRendered(rest, WECOM_PUSH_MAX_BYTES, utf8Bytes) : [];
    if (origin?.frame) await this.acked(target, client.replyStream(origin.frame, `stream_${target.replyTo ?? ''}`, `${at}${first}`, true));
    else pushes.unshift(...splitRendered([`${at}${first}`], WECOM_PUSH_MAX_BYTES, utf8Bytes));
    for (const content of pushes) await this.acked(target, client.sendMessage(target.chatId, { msgtype: 'markdown', markdown: { content } }));
    if (reply.file) {
      const media = await client.uploadMedia(Buffer.from(reply.file.data), { type: 'file', filename: reply.file.name }).catch((cause: unknown) => {
        throw new AdapterError(adapterText.wecomSendFailed(target.chatId, messageOf(cause)), { cause });
      });
      await this.acked(target, client.sendMediaMessage(target.chatId, 'file', media.media_id));
    }
  }

  /** Callback mode: the answer goes once to the message's response_url (no files, no pushes). */
  private async respond(target: Target, origin: Origin | undefined, reply: Reply): Promise<void> {
    if (!origin?.responseUrl) throw new AdapterError(adapterText.wecomPushNeedsLongConnection(target.chatId));
    const parts = markdownMessages(withoutFile(reply), { max: WECOM_REPLY_MAX_BYTES, size: utf8Bytes });
    if (parts.length > 1) this.options.logger.warn('wecom: reply cut to one message (a response_url takes one)', { chat: target.chatId, parts: parts.length });
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(origin.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: parts[0] ?? '' } }),
      });
    } catch (cause) {
      throw new AdapterError(adapterText.wecomSendFailed(target.chatId, messageOf(cause)), { cause });
    }
    const json = (await response.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (!response.ok || (json?.errcode ?? 0) !== 0) throw new AdapterError(adapterText.wecomSendFailed(target.chatId, `HTTP ${response.status} errcode ${json?.errcode ?? '?'} ${json?.errmsg ?? ''}`.trim()));
  }

  /** Waits for WeCom's acknowledgement of a frame; a non-zero errcode or no answer is a failure. */
  private async acked(target: Target, sent: Promise<WsFrame>): Promise<void> {
    try {
      await sent;
    } catch (cause) {
      // The SDK rejects with the acknowledgement frame itself when WeCom answers a non-zero errcode.
      const ack = cause as Partial<WsFrame> | null;
      const reason = typeof ack?.errcode === 'number' ? `errcode ${ack.errcode} ${ack.errmsg ?? ''}`.trim() : messageOf(cause);
      throw new AdapterError(adapterText.wecomSendFailed(target.chatId, reason), { cause });
    }
  }

  /** The callback: the URL check, and messages acknowledged with an empty 200 at once and answered after. */
  private routes(): Hono {
    const app = new Hono();
    const refused = (reason: string): void => this.options.logger.warn('wecom: callback refused', { reason });
    app.get('/callback', (c) => {
      if (!this.cipher) return c.text('not started', 503);
      const verdict = checkWecomUrl((name) => c.req.query(name), this.cipher);
      if (verdict.kind === 'echo') return c.text(verdict.text);
      if (verdict.kind === 'refused') refused(verdict.reason);
      return c.text('refused', verdict.kind === 'refused' ? verdict.status : 400);
    });
    app.post('/callback', async (c) => {
      if (!this.cipher || !this.handler) return c.text('not started', 503);
      const verdict = checkWecomMessage((name) => c.req.query(name), await c.req.text(), this.cipher);
      if (verdict.kind === 'refused') {
        refused(verdict.reason);
        return c.text('refused', verdict.status);
      }
      if (verdict.kind === 'message') this.receive(verdict.json, {});
      return c.body(null, 200);
    });
    return app;
  }
}
