// DingTalk (钉钉) enterprise robot (企业内部应用机器人), two-way. Messages arrive through Stream mode
// (a long connection, the default) or the HTTP callback (mounted on the process's HTTP server at
// /dingtalk/callback, signed with the AppSecret). A message becomes an IncomingMessage: the sender's
// staff id is the identity, `isInAtList` says whether the robot was @-mentioned, and the other
// @-mentioned staff are listed (for "绑定 民政局 @经办人"). Replies are markdown, through the
// message's sessionWebhook with the asker @-mentioned; pushes (reminders) go through the OpenAPI.
// DingTalk robots cannot send files here: the reply says where to get one instead.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Logger } from '../src/log.ts';
import type { Reply } from '../src/model/reply.ts';
import type { ChatAdapter, HttpMount, MessageHandler, Target } from '../src/platform/adapter.ts';
import type { IncomingMessage } from '../src/platform/message.ts';
import { RecentMap } from '../src/platform/recent-map.ts';
import { markdownMessages, type MarkdownStyle, withoutFile } from '../src/platform/render.ts';
import { renderBlock, utf8Bytes } from '../src/platform/reply.ts';
import { chatText } from '../src/texts/chat.ts';
import { DINGTALK_API_ROOT, DINGTALK_OAPI_ROOT, DingtalkApi, type DingtalkMarkdown } from './dingtalk/api.ts';
import { checkDingtalkCallback } from './dingtalk/callback.ts';
import { DingtalkStream, GATEWAY_PATH } from './dingtalk/stream.ts';

/** DingTalk refuses robot messages over 20 000 bytes; room is left for the JSON and the @-mentions. */
export const DINGTALK_MAX_BYTES = 18_000;
/** DingTalk's markdown joins single line breaks: a line ends with two spaces, blocks are paragraphs. */
export const DINGTALK_MARKDOWN: MarkdownStyle = { lineBreak: '  \n', blockBreak: '\n\n' };
/** A private chat's id is the person's staff id behind this prefix; a group's is its open conversation id. */
export const PRIVATE_CHAT_PREFIX = 'user:';
/** The notification title: the reply's first line, this long at most. */
const TITLE_CHARS = 20;
/** Where to reply is remembered for this many recent messages. */
const REMEMBERED_MESSAGES = 2_000;

/** The robot message DingTalk sends (Stream `data`, or the HTTP callback's body); other fields are ignored. */
const RobotMessageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  conversationId: z.string().min(1),
  conversationType: z.enum(['1', '2']),
  senderId: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderNick: z.string().optional(),
  chatbotUserId: z.string().optional(),
  isInAtList: z.boolean().optional(),
  atUsers: z.array(z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() })).optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  createAt: z.number().optional(),
  text: z.object({ content: z.string() }).optional(),
  content: z.object({ richText: z.array(z.object({ text: z.string().optional() })).optional() }).optional(),
});
export type DingtalkRobotMessage = z.infer<typeof RobotMessageSchema>;

export interface DingtalkOptions {
  /** The app's Client ID (AppKey) and Client Secret (AppSecret). */
  clientId: string;
  clientSecret: string;
  /** The robot's code; DingTalk sets it to the Client ID for enterprise apps. */
  robotCode?: string;
  mode: 'stream' | 'http';
  /** Default https://api.dingtalk.com (the Stream gateway and the OpenAPI live under it). */
  apiRoot?: string;
  /**
   * Where sessionWebhooks may point; default https://oapi.dingtalk.com. A webhook elsewhere is not
   * used (in HTTP mode the signature does not cover the body, so a replayed request could name any URL).
   */
  oapiRoot?: string;
  logger: Logger;
  alert?: (text: string) => Promise<void>;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Reconnect backoff base; tests shorten it. */
  firstRetryMs?: number;
}

/** Where and how to answer one received message. */
interface Session {
  webhook?: string;
  expires: number;
  staffId: string;
  group: boolean;
}

export class DingtalkAdapter implements ChatAdapter {
  readonly name = 'dingtalk';
  readonly http?: HttpMount;
  private readonly api: DingtalkApi;
  private readonly sessions = new RecentMap<string, Session>(REMEMBERED_MESSAGES);
  private handler: MessageHandler | null = null;
  private stream: DingtalkStream | null = null;

  constructor(private readonly options: DingtalkOptions) {
    const { clientId, clientSecret } = options;
    this.api = new DingtalkApi({ apiRoot: this.apiRoot, clientId, clientSecret, robotCode: options.robotCode ?? clientId, fetch: options.fetch });
    if (options.mode === 'http') this.http = { prefix: '/dingtalk', routes: () => this.routes() };
  }

  private get apiRoot(): string {
    return (this.options.apiRoot ?? DINGTALK_API_ROOT).replace(/\/+$/, '');
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async start(onMessage: MessageHandler): Promise<void> {
    this.handler = onMessage;
    if (this.options.mode !== 'stream') return;
    const { clientId, clientSecret, logger, alert, firstRetryMs } = this.options;
    this.stream = new DingtalkStream({ clientId, clientSecret, gatewayUrl: `${this.apiRoot}${GATEWAY_PATH}`, logger, alert, firstRetryMs, onMessage: (data) => this.receive(data) });
    await this.stream.start();
  }

  async stop(): Promise<void> {
    this.handler = null;
    await this.stream?.stop();
    this.stream = null;
  }

  /** A robot message as received (JSON text or parsed): translated and handed on without waiting. */
  receive(raw: unknown): void {
    const handler = this.handler;
    let json: unknown = raw;
    try {
      if (typeof raw === 'string') json = JSON.parse(raw);
    } catch {
      json = null;
    }
    const parsed = RobotMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.options.logger.warn('dingtalk: message not understood, ignored', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
      return;
    }
    const message = this.translate(parsed.data);
    if (!message || !handler) return;
    handler(message).catch((error: unknown) => this.options.logger.error('dingtalk: message failed', { error }));
  }

  /** A DingTalk robot message as the core sees it, or null when it carries no text or no sender. */
  translate(m: DingtalkRobotMessage): IncomingMessage | null {
    const text = m.msgtype === 'text' ? m.text?.content : m.msgtype === 'richText' ? m.content?.richText?.map((p) => p.text ?? '').join('') : undefined;
    const userId = m.senderStaffId ?? m.senderId;
    if (text === undefined || !userId) return null;
    const group = m.conversationType === '2';
    this.sessions.set(m.msgId, { webhook: this.trustedWebhook(m.sessionWebhook), expires: m.sessionWebhookExpiredTime ?? 0, staffId: userId, group });
    return {
      platform: 'dingtalk',
      chatId: group ? m.conversationId : `${PRIVATE_CHAT_PREFIX}${userId}`,
      chatType: group ? 'group' : 'private',
      userId,
      userName: m.senderNick,
      text: text.trim(),
      // DingTalk's own field: the robot is in the message's @ list. DingTalk pushes a group message to a
      // robot only when it is @-mentioned, so a message without the field was. (A private chat is for the bot anyway.)
      mentioned: group && (m.isInAtList ?? true),
      mentions: (m.atUsers ?? []).flatMap((u) => (u.staffId && u.dingtalkId !== m.chatbotUserId ? [{ userId: u.staffId }] : [])),
      messageId: m.msgId,
      time: new Date(m.createAt ?? this.now().getTime()),
    };
  }

  /** The sessionWebhook when it points under the DingTalk root; otherwise replies go through the OpenAPI. */
  private trustedWebhook(url: string | undefined): string | undefined {
    if (!url) return undefined;
    const root = (this.options.oapiRoot ?? DINGTALK_OAPI_ROOT).replace(/\/+$/, '');
    if (url.startsWith(`${root}/`)) return url;
    this.options.logger.warn('dingtalk: sessionWebhook outside DINGTALK_OAPI_ROOT not used; replying through the OpenAPI', { host: hostOf(url) });
    return undefined;
  }

  async send(target: Target, reply: Reply): Promise<void> {
    const session = target.replyTo ? this.sessions.get(target.replyTo) : undefined;
    const live = session?.webhook && session.expires > this.now().getTime() ? session.webhook : null;
    const parts = markdownMessages(withoutFile(reply), { max: DINGTALK_MAX_BYTES, size: utf8Bytes }, DINGTALK_MARKDOWN);
    const title = titleOf(reply);
    for (const [i, text] of parts.entries()) {
      // The asker (in a group) and the target's people are @-mentioned once, on the first message.
      const atUserIds = i === 0 ? [...(session?.group ? [session.staffId] : []), ...(target.mentions ?? [])] : [];
      const message: DingtalkMarkdown = { title, text: atUserIds.length ? `${atUserIds.map((id) => `@${id}`).join(' ')}${DINGTALK_MARKDOWN.blockBreak}${text}` : text, atUserIds };
      if (live) await this.api.replyInSession(live, target.chatId, message);
      else if (target.chatId.startsWith(PRIVATE_CHAT_PREFIX)) await this.api.sendToUser(target.chatId.slice(PRIVATE_CHAT_PREFIX.length), target.chatId, message);
      else await this.api.sendToGroup(target.chatId, target.chatId, message);
    }
  }

  /** The HTTP callback: DingTalk's signature checked, the message acknowledged at once and answered after. */
  private routes(): Hono {
    const app = new Hono();
    app.post('/callback', async (c) => {
      if (!this.handler) return c.json({ errmsg: 'not started' }, 503);
      const check = checkDingtalkCallback(c.req.header('timestamp'), c.req.header('sign'), this.options.clientSecret, this.now().getTime());
      if (check !== 'ok') {
        this.options.logger.warn('dingtalk: callback refused', { reason: check });
        return c.json({ errmsg: 'unauthorized' }, 401);
      }
      this.receive(await c.req.json().catch(() => null));
      return c.json({});
    });
    return app;
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'not a URL';
  }
};

/** The notification title: the reply's first block as plain text, clipped. */
function titleOf(reply: Reply): string {
  const first = reply.blocks[0];
  const line = first ? (renderBlock(first).split('\n')[0] ?? '') : '';
  return [...line].slice(0, TITLE_CHARS).join('') || chatText.botName;
}
