// A fake DingTalk open platform on 127.0.0.1, after the Stream protocol
// (open-dingtalk developerpedia, learn/stream/protocol) and the robot APIs:
//   POST /v1.0/gateway/connections/open   {clientId, clientSecret, ua, subscriptions} → {endpoint, ticket}
//   GET  /connect?ticket=…                  the WebSocket (a ticket works once)
//   POST /robot/sendBySession?session=…     a message's sessionWebhook (replies)
//   POST /v1.0/oauth2/accessToken           {appKey, appSecret} → {accessToken, expireIn}
//   POST /v1.0/robot/groupMessages/send     pushes to a group (x-acs-dingtalk-access-token)
//   POST /v1.0/robot/oToMessages/batchSend  pushes to people
// It checks what the bot sends as DingTalk would (credentials, tokens, acknowledgement frames, reply
// payloads, sizes, that an @ in at.atUserIds is also written in the text) and records every refusal in
// `problems`. It also signs HTTP-mode callbacks with the AppSecret, as DingTalk does.
import http from 'node:http';
import { createHmac, randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listen, parseJson, readBody, sendJson, Timeline } from './http.ts';

export interface StreamFrame {
  specVersion: string;
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  headers: Record<string, string>;
  data: string;
}

export interface AckFrame {
  code: number;
  headers: { messageId?: string; contentType?: string };
  message: string;
  data: string;
}

export interface WebhookPost {
  conversationId: string;
  body: { msgtype: string; markdown?: { title: string; text: string }; text?: { content: string }; at?: { atUserIds?: string[] } };
}

export interface OpenApiPush {
  path: string;
  body: { robotCode: string; msgKey: string; msgParam: string; openConversationId?: string; userIds?: string[] };
}

/** DingTalk refuses robot messages over this many bytes. */
const MAX_MESSAGE_BYTES = 20_000;
const TOKEN_SECONDS = 7_200;

export class FakeDingtalk {
  base = '';
  readonly opens: Array<{ clientId?: string; subscriptions?: Array<{ type: string; topic: string }>; at: number }> = [];
  readonly acks: AckFrame[] = [];
  readonly webhookPosts: WebhookPost[] = [];
  readonly pushes: OpenApiPush[] = [];
  readonly problems: string[] = [];
  readonly timeline = new Timeline();
  tokensIssued = 0;
  /** While true the WebSocket upgrade is refused (a gateway outage). */
  refuseConnections = false;
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly sessions = new Map<string, string>();
  private readonly tokens = new Set<string>();
  private readonly server: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private seq = 0;

  private constructor(readonly clientId: string, readonly clientSecret: string) {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => sendJson(res, 500, { message: String(error) }));
    });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', this.base);
      if (this.refuseConnections || url.pathname !== '/connect' || !this.tickets.delete(url.searchParams.get('ticket') ?? '')) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  static async start(clientId = 'dingfakeclient0001', clientSecret = 'fake-dingtalk-app-secret-0001'): Promise<FakeDingtalk> {
    const fake = new FakeDingtalk(clientId, clientSecret);
    fake.base = `http://127.0.0.1:${await listen(fake.server)}`;
    return fake;
  }

  connected(): boolean {
    return this.sockets.size > 0;
  }

  /** Drops every connection, as a network failure or a gateway restart would. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  push(frame: StreamFrame): void {
    for (const ws of this.sockets) ws.send(JSON.stringify(frame));
  }

  /** A robot message frame, as DingTalk pushes it: a group @-message unless `over` says otherwise. */
  botMessage(over: Record<string, unknown> = {}): { frame: StreamFrame; data: Record<string, unknown> } {
    const n = ++this.seq;
    const now = Date.now();
    const conversationId = typeof over.conversationId === 'string' ? over.conversationId : 'cidGroupZwgk0001==';
    const session = `sess-${n}`;
    this.sessions.set(session, conversationId);
    const data: Record<string, unknown> = {
      conversationId,
      atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }],
      chatbotCorpId: 'dingcorp01',
      chatbotUserId: '$:LWCP_v1:$robot',
      msgId: `msg${n}Zx==`,
      senderNick: '张三',
      isAdmin: false,
      senderStaffId: 'staff001',
      sessionWebhookExpiredTime: now + 90 * 60_000,
      createAt: now,
      senderCorpId: 'dingcorp01',
      conversationType: '2',
      senderId: '$:LWCP_v1:$sender',
      conversationTitle: '政务公开工作群',
      isInAtList: true,
      sessionWebhook: `${this.base}/robot/sendBySession?session=${session}`,
      text: { content: ' 帮助' },
      robotCode: this.clientId,
      msgtype: 'text',
      ...over,
    };
    const headers = { appId: 'app-fake', connectionId: 'conn-1', contentType: 'application/json', messageId: `stream_${n}`, time: String(now), topic: '/v1.0/im/bot/messages/get' };
    return { frame: { specVersion: '1.0', type: 'CALLBACK', headers, data: JSON.stringify(data) }, data };
  }

  /** Posts a message to the bot's HTTP callback, signed as DingTalk signs (or with another secret, or an old timestamp). */
  async deliver(url: string, data: unknown, sign: { secret?: string; timestamp?: number } = {}): Promise<number> {
    const timestamp = String(sign.timestamp ?? Date.now());
    const signature = createHmac('sha256', sign.secret ?? this.clientSecret).update(`${timestamp}\n${sign.secret ?? this.clientSecret}`).digest('base64');
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', timestamp, sign: signature }, body: JSON.stringify(data) });
    await response.arrayBuffer();
    return response.status;
  }

  /** The texts the robot sent into a conversation (replies and pushes), in order. */
  textsIn(conversationId: string): string[] {
    const replies = this.webhookPosts.filter((p) => p.conversationId === conversationId).map((p) => p.body.markdown?.text ?? p.body.text?.content ?? '');
    const pushed = this.pushes.filter((p) => p.body.openConversationId === conversationId).map((p) => (parseJson(p.body.msgParam) as { text?: string } | null)?.text ?? '');
    return [...replies, ...pushed];
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await closeServer(this.server);
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw) => {
      const frame = parseJson(raw.toString()) as AckFrame | null;
      if (!frame || frame.code !== 200 || !frame.headers?.messageId || typeof frame.data !== 'string') {
        this.problems.push(`bad frame from the bot: ${raw.toString().slice(0, 200)}`);
        return;
      }
      this.acks.push(frame);
      this.timeline.add(`ack ${frame.headers.messageId}`);
    });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const body = parseJson(await readBody(req));
    if (req.method !== 'POST') return sendJson(res, 404, { code: 'NotFound' });
    switch (url.pathname) {
      case '/v1.0/gateway/connections/open':
        return this.open(res, body as { clientId?: string; clientSecret?: string; subscriptions?: Array<{ type: string; topic: string }> } | null);
      case '/robot/sendBySession':
        return this.sessionWebhook(res, url.searchParams.get('session') ?? '', body as WebhookPost['body']);
      case '/v1.0/oauth2/accessToken':
        return this.accessToken(res, body as { appKey?: string; appSecret?: string });
      case '/v1.0/robot/groupMessages/send':
      case '/v1.0/robot/oToMessages/batchSend':
        return this.openApi(res, url.pathname, String(req.headers['x-acs-dingtalk-access-token'] ?? ''), body as OpenApiPush['body']);
      default:
        return sendJson(res, 404, { code: 'NotFound' });
    }
  }

  private open(res: http.ServerResponse, body: { clientId?: string; clientSecret?: string; subscriptions?: Array<{ type: string; topic: string }> } | null): void {
    this.opens.push({ clientId: body?.clientId, subscriptions: body?.subscriptions, at: Date.now() });
    if (body?.clientId !== this.clientId || body.clientSecret !== this.clientSecret) return sendJson(res, 401, { code: 'InvalidAuthentication', message: 'clientId or clientSecret is wrong' });
    if (!body.subscriptions?.some((s) => s.type === 'CALLBACK' && s.topic === '/v1.0/im/bot/messages/get')) this.problems.push('robot topic not subscribed');
    const ticket = randomUUID();
    this.tickets.add(ticket);
    sendJson(res, 200, { endpoint: `${this.base.replace('http', 'ws')}/connect`, ticket });
  }

  private sessionWebhook(res: http.ServerResponse, session: string, body: WebhookPost['body'] | null): void {
    const conversationId = this.sessions.get(session);
    const problem = !conversationId ? 'unknown session' : checkMessage(body);
    if (problem || !body || !conversationId) {
      this.problems.push(`sessionWebhook: ${problem}`);
      return sendJson(res, 200, { errcode: 300001, errmsg: problem });
    }
    this.webhookPosts.push({ conversationId, body });
    this.timeline.add(`reply ${conversationId}`);
    sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
  }

  private accessToken(res: http.ServerResponse, body: { appKey?: string; appSecret?: string } | null): void {
    if (body?.appKey !== this.clientId || body.appSecret !== this.clientSecret) return sendJson(res, 400, { code: 'invalidClientIdOrSecret', message: 'wrong app key or secret' });
    const token = `at-${++this.tokensIssued}`;
    this.tokens.add(token);
    sendJson(res, 200, { accessToken: token, expireIn: TOKEN_SECONDS });
  }

  /** Forgets every token issued (they expired early): the next push must fetch a new one. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  private openApi(res: http.ServerResponse, path: string, token: string, body: OpenApiPush['body'] | null): void {
    if (!this.tokens.has(token)) return sendJson(res, 401, { code: 'InvalidAuthentication', message: 'token invalid' });
    const param = parseJson(body?.msgParam ?? '') as { title?: string; text?: string } | null;
    const problem =
      body?.robotCode !== this.clientId ? 'robotCode'
      : body.msgKey !== 'sampleMarkdown' || !param?.title || !param.text ? 'msgKey/msgParam'
      : Buffer.byteLength(JSON.stringify(body)) > MAX_MESSAGE_BYTES ? 'too long'
      : path.endsWith('batchSend') && !body.userIds?.length ? 'userIds'
      : path.endsWith('groupMessages/send') && !body.openConversationId ? 'openConversationId'
      : null;
    if (problem || !body) {
      this.problems.push(`${path}: ${problem}`);
      return sendJson(res, 400, { code: 'invalidParameter', message: problem });
    }
    this.pushes.push({ path, body });
    this.timeline.add(`push ${body.openConversationId ?? body.userIds?.join(',')}`);
    sendJson(res, 200, { processQueryKey: `pqk-${this.pushes.length}` });
  }
}

/** Why DingTalk would refuse a robot message, or null. */
function checkMessage(body: WebhookPost['body'] | null): string | null {
  if (!body) return 'not JSON';
  if (Buffer.byteLength(JSON.stringify(body)) > MAX_MESSAGE_BYTES) return 'too long';
  const text = body.msgtype === 'markdown' ? (body.markdown?.title ? body.markdown.text : undefined) : body.msgtype === 'text' ? body.text?.content : undefined;
  if (!text) return `bad ${body.msgtype} payload`;
  const missing = (body.at?.atUserIds ?? []).filter((id) => !text.includes(`@${id}`));
  return missing.length ? `@${missing.join(',')} not written in the text` : null;
}
