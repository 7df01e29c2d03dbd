// Feishu (飞书) / Lark bot (an enterprise self-built app with the bot capability), two-way, through the
// official @larksuiteoapi/node-sdk. im.message.receive_v1 arrives over the long connection (WSClient,
// the default: no public address needed) or the event subscription callback (/feishu/callback,
// checked by ./feishu/webhook.ts). An event becomes an IncomingMessage: the sender's open_id is the
// identity, the bot is addressed when the message's `mentions` hold the bot's own open_id (read from
// /open-apis/bot/v3/info at start), and the other mentions are listed. Replies are im.v1.message.reply
// posts with a markdown (md) element; pushes im.v1.message.create; files are uploaded and sent. Every
// handler returns at once (Feishu re-pushes an event not acknowledged within 3 s): the answer follows.
// The SDK (6 MB) is loaded only when Feishu is configured.
import type { ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import { AdapterError, messageOf } from '../src/errors.ts';
import type { Logger } from '../src/log.ts';
import type { Reply } from '../src/model/reply.ts';
import type { ChatAdapter, HttpMount, MessageHandler, Target } from '../src/platform/adapter.ts';
import type { IncomingMessage } from '../src/platform/message.ts';
import { markdownMessages } from '../src/platform/render.ts';
import { utf8Bytes } from '../src/platform/reply.ts';
import { adapterText } from '../src/texts/ops.ts';
import { checkFeishuCallback } from './feishu/webhook.ts';
import { sdkLogger } from './sdk-logger.ts';

type Lark = typeof import('@larksuiteoapi/node-sdk');
type LarkClient = InstanceType<Lark['Client']>;
type LarkWsClient = InstanceType<Lark['WSClient']>;
type LarkDispatcher = InstanceType<Lark['EventDispatcher']>;

export const FEISHU_DOMAIN = 'https://open.feishu.cn';
/** A post message may be 30 KB; room is left for the JSON around the markdown. */
export const FEISHU_MAX_BYTES = 25_000;
/** start() waits this long for the long connection before it fails. */
export const FEISHU_START_TIMEOUT_MS = 20_000;
const RECEIVE_EVENT = 'im.message.receive_v1';

const MentionSchema = z.object({ key: z.string(), id: z.object({ open_id: z.string().optional() }).optional(), name: z.string().optional() });
/** im.message.receive_v1 as the SDK hands it over (header and event flattened); other fields are ignored. */
const ReceiveEventSchema = z.object({
  sender: z.object({ sender_id: z.object({ open_id: z.string().optional() }).optional(), sender_type: z.string().optional() }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    create_time: z.string().optional(),
    mentions: z.array(MentionSchema).optional(),
  }),
});
export type FeishuReceiveEvent = z.infer<typeof ReceiveEventSchema>;

export interface FeishuOptions {
  /** cli_ followed by 16 hex digits. */
  appId: string;
  appSecret: string;
  mode: 'websocket' | 'webhook';
  /** Default https://open.feishu.cn (Lark: https://open.larksuite.com; or a private deployment). */
  domain?: string;
  /** Webhook mode: both are required. */
  verificationToken?: string;
  encryptKey?: string;
  logger: Logger;
  now?: () => Date;
}

export class FeishuAdapter implements ChatAdapter {
  readonly name = 'feishu';
  readonly http?: HttpMount;
  private lark: Lark | null = null;
  private client: LarkClient | null = null;
  private ws: LarkWsClient | null = null;
  private events: LarkDispatcher | null = null;
  private handler: MessageHandler | null = null;
  private botOpenId = '';

  constructor(private readonly options: FeishuOptions) {
    if (options.mode === 'webhook') this.http = { prefix: '/feishu', routes: () => this.routes() };
  }

  private get domain(): string {
    return (this.options.domain ?? FEISHU_DOMAIN).replace(/\/+$/, '');
  }

  async start(onMessage: MessageHandler): Promise<void> {
    const { appId, appSecret, logger, encryptKey, verificationToken } = this.options;
    const lark = await import('@larksuiteoapi/node-sdk');
    const sdkLog = sdkLogger(logger, 'feishu', [appSecret, encryptKey, verificationToken]);
    const common = { appId, appSecret, domain: this.domain, logger: sdkLog, loggerLevel: lark.LoggerLevel.warn };
    // A token cache of its own: the SDK's default cache is shared by the whole process.
    this.client = new lark.Client({ ...common, cache: new TokenCache() });
    this.botOpenId = await this.fetchBotOpenId(this.client);
    this.events = new lark.EventDispatcher({ logger: sdkLog, loggerLevel: lark.LoggerLevel.warn }).register({
      [RECEIVE_EVENT]: async (data: unknown) => {
        this.receive(data);
        return {};
      },
    });
    this.lark = lark;
    this.handler = onMessage;
    if (this.options.mode === 'websocket') await this.connect(lark, common);
  }

  private async connect(lark: Lark, common: ConstructorParameters<Lark['WSClient']>[0]): Promise<void> {
    let settle: { ready: () => void; failed: (e: Error) => void } = { ready: () => undefined, failed: () => undefined };
    const connected = new Promise<void>((resolve, reject) => {
      settle = { ready: resolve, failed: reject };
    });
    this.ws = new lark.WSClient({ ...common, autoReconnect: true, onReady: () => settle.ready(), onError: (e) => settle.failed(e) });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(adapterText.startTimeout(FEISHU_START_TIMEOUT_MS / 1000))), FEISHU_START_TIMEOUT_MS);
    });
    try {
      await this.ws.start({ eventDispatcher: this.events as LarkDispatcher });
      await Promise.race([connected, timeout]);
    } catch (cause) {
      this.ws.close({ force: true });
      this.ws = null;
      throw new AdapterError(adapterText.feishuStartFailed(messageOf(cause)), { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The bot's own open_id: how a mention of the bot is told from a mention of a person. */
  private async fetchBotOpenId(client: LarkClient): Promise<string> {
    try {
      const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as { code?: number; msg?: string; bot?: { open_id?: string } };
      if (res.code !== 0 || !res.bot?.open_id) throw new Error(`code ${res.code ?? '?'} ${res.msg ?? ''}`.trim());
      return res.bot.open_id;
    } catch (cause) {
      throw new AdapterError(adapterText.feishuStartFailed(messageOf(cause)), { cause });
    }
  }

  async stop(): Promise<void> {
    this.handler = null;
    this.ws?.close({ force: true });
    this.ws = null;
  }

  /** An im.message.receive_v1 event: translated and handed on without waiting. */
  private receive(data: unknown): void {
    const parsed = ReceiveEventSchema.safeParse(data);
    if (!parsed.success) {
      this.options.logger.warn('feishu: event not understood, ignored', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
      return;
    }
    const message = this.translate(parsed.data);
    const handler = this.handler;
    if (!message || !handler) return;
    handler(message).catch((error: unknown) => this.options.logger.error('feishu: message failed', { error }));
  }

  /** A Feishu message event as the core sees it, or null when it has no text or comes from another bot. */
  translate(e: FeishuReceiveEvent): IncomingMessage | null {
    const userId = e.sender.sender_id?.open_id;
    if (!userId || (e.sender.sender_type && e.sender.sender_type !== 'user')) return null;
    const mentions = e.message.mentions ?? [];
    let text = textOf(e.message.message_type, e.message.content);
    if (text === null) return null;
    // Mentions come as @_user_1 placeholders: shown as the names people saw.
    for (const m of mentions) text = text.split(m.key).join(`@${m.name ?? ''}`);
    const group = e.message.chat_type !== 'p2p';
    return {
      platform: 'feishu',
      chatId: e.message.chat_id,
      chatType: group ? 'group' : 'private',
      userId,
      text: text.trim(),
      mentioned: group && mentions.some((m) => m.id?.open_id === this.botOpenId),
      mentions: mentions.flatMap((m) => (m.id?.open_id && m.id.open_id !== this.botOpenId ? [{ userId: m.id.open_id, name: m.name }] : [])),
      messageId: e.message.message_id,
      time: new Date(Number(e.message.create_time) || (this.options.now?.() ?? new Date()).getTime()),
    };
  }

  async send(target: Target, reply: Reply): Promise<void> {
    const client = this.client;
    if (!client) throw new AdapterError(adapterText.feishuSendFailed(target.chatId, 'not started'));
    if (reply.file) await this.sendFile(client, target, reply.file);
    const parts = markdownMessages(reply, { max: FEISHU_MAX_BYTES, size: utf8Bytes });
    for (const [i, text] of parts.entries()) {
      const at = i === 0 && target.mentions?.length ? `${target.mentions.map((id) => `<at user_id="${id.replace(/[^\w-]/g, '')}"></at>`).join(' ')}\n` : '';
      const content = JSON.stringify({ zh_cn: { content: [[{ tag: 'md', text: `${at}${text}` }]] } });
      await this.post(client, target, i === 0 ? target.replyTo : undefined, 'post', content);
    }
  }

  private async sendFile(client: LarkClient, target: Target, file: NonNullable<Reply['file']>): Promise<void> {
    const uploaded = await client.im.v1.file
      .create({ data: { file_type: fileTypeOf(file.name), file_name: file.name, file: namedStream(file) } })
      .catch((cause: unknown) => {
        throw new AdapterError(adapterText.feishuSendFailed(target.chatId, messageOf(cause)), { cause });
      });
    if (!uploaded?.file_key) throw new AdapterError(adapterText.feishuSendFailed(target.chatId, 'upload'));
    await this.post(client, target, target.replyTo, 'file', JSON.stringify({ file_key: uploaded.file_key }));
  }

  /** A reply to the message when there is one, else a new message in the chat. */
  private async post(client: LarkClient, target: Target, replyTo: string | undefined, msgType: string, content: string): Promise<void> {
    let res: { code?: number; msg?: string };
    try {
      res = replyTo
        ? await client.im.v1.message.reply({ path: { message_id: replyTo }, data: { msg_type: msgType, content } })
        : await client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: target.chatId, msg_type: msgType, content } });
    } catch (cause) {
      throw new AdapterError(adapterText.feishuSendFailed(target.chatId, messageOf(cause)), { cause });
    }
    if (res.code !== 0) throw new AdapterError(adapterText.feishuSendFailed(target.chatId, `code ${res.code ?? '?'} ${res.msg ?? ''}`.trim()));
  }

  /** The event subscription callback: checked, acknowledged at once, answered after. */
  private routes(): Hono {
    const app = new Hono();
    app.post('/callback', async (c) => {
      const { lark, events } = this;
      if (!lark || !events || !this.handler) return c.json({ msg: 'not started' }, 503);
      const secrets = { encryptKey: this.options.encryptKey ?? '', verificationToken: this.options.verificationToken ?? '' };
      const cipher = new lark.AESCipher(secrets.encryptKey);
      const verdict = checkFeishuCallback(await c.req.text(), (name) => c.req.header(name), secrets, (s) => cipher.decrypt(s));
      if (verdict.kind === 'refused') {
        this.options.logger.warn('feishu: callback refused', { reason: verdict.reason });
        return c.json({ msg: 'refused' }, verdict.status);
      }
      if (verdict.kind === 'challenge') return c.json({ challenge: verdict.challenge });
      await events.invoke(verdict.event, { needCheck: false });
      return c.json({});
    });
    return app;
  }
}

/** The text of a text or post (rich text) message; null for other kinds. */
function textOf(type: string, content: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return null;
  }
  if (type === 'text') return typeof (json as { text?: unknown }).text === 'string' ? (json as { text: string }).text : null;
  if (type !== 'post') return null;
  const rows = (json as { content?: Array<Array<{ tag?: string; text?: string; user_name?: string }>> }).content ?? [];
  return rows.map((row) => row.map((el) => (el.tag === 'text' ? (el.text ?? '') : el.tag === 'at' ? `@${el.user_name ?? ''}` : '')).join('')).join('\n');
}

/**
 * The file as a stream that carries its name: the SDK's multipart body names a part's file only from
 * a stream's `path` (a Buffer goes without a filename, which Feishu refuses).
 */
function namedStream(file: { name: string; data: Uint8Array }): ReadStream {
  // The SDK types the file as Buffer | fs.ReadStream; of a ReadStream the encoder uses only the stream and its path.
  return Object.assign(Readable.from([Buffer.from(file.data)]), { path: file.name }) as unknown as ReadStream;
}

/** Feishu's upload file types: spreadsheets as xls, anything else as a stream. */
function fileTypeOf(name: string): 'xls' | 'stream' {
  return /\.(xlsx?|csv)$/i.test(name) ? 'xls' : 'stream';
}

/** A token cache for one client (the SDK's Cache interface, whose keys are typed `string | Symbol`). */
class TokenCache {
  private readonly entries = new Map<string, { value: unknown; until?: number }>();

  // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- the SDK's own signature
  async set(key: string | Symbol, value: unknown, until?: number, options?: { namespace?: string }): Promise<boolean> {
    this.entries.set(`${options?.namespace ?? ''}:${String(key)}`, { value, until });
    return true;
  }

  // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- the SDK's own signature
  async get(key: string | Symbol, options?: { namespace?: string }): Promise<unknown> {
    const hit = this.entries.get(`${options?.namespace ?? ''}:${String(key)}`);
    return hit && (!hit.until || hit.until > Date.now()) ? hit.value : undefined;
  }
}
