// A fake Feishu open platform on 127.0.0.1:
//   POST /open-apis/auth/v3/tenant_access_token/internal   {app_id, app_secret} → {tenant_access_token, expire}
//   GET  /open-apis/bot/v3/info                            the bot's own open_id
//   POST /open-apis/im/v1/messages/:id/reply               replies (Bearer token)
//   POST /open-apis/im/v1/messages?receive_id_type=chat_id new messages (pushes)
//   POST /open-apis/im/v1/files                            uploads (multipart)
//   POST /callback/ws/endpoint                             {AppID, AppSecret} → the long connection's URL
//   GET  /ws?…                                             the long connection, pbbp2 protobuf frames
// It checks what the bot sends as Feishu would (credentials, token, message JSON, sizes) and records
// every refusal in `problems`; it encrypts and signs webhook events as Feishu's event push does.
import http from 'node:http';
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import Long from 'long';
import protobuf from 'protobufjs';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listen, parseJson, readBody, sendJson, Timeline } from './http.ts';

// pbbp2.proto, as compiled into @larksuiteoapi/node-sdk (ws-client/proto-buf).
const Frame = protobuf
  .parse(
    `syntax = "proto2"; package pbbp2;
     message Header { required string key = 1; required string value = 2; }
     message Frame { required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3; required int32 method = 4;
       repeated Header headers = 5; optional string payload_encoding = 6; optional string payload_type = 7; optional bytes payload = 8; optional string LogIDNew = 9; }`,
  )
  .root.lookupType('pbbp2.Frame');

export interface PbFrame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Uint8Array;
}
/**
 * Runs protobufjs with `long` for the uint64 fields. The Lark SDK sets the shared protobufjs's
 * util.Long to undefined when it loads; the fake sets it only for the moment it encodes or decodes,
 * and puts back what the SDK expects.
 */
function withLong<T>(run: () => T): T {
  const before = protobuf.util.Long;
  protobuf.util.Long = Long;
  try {
    return run();
  } finally {
    protobuf.util.Long = before;
  }
}
const encodeFrame = (f: PbFrame): Uint8Array => withLong(() => Frame.encode(Frame.fromObject(f)).finish());
const decodeFrame = (b: Uint8Array): PbFrame => withLong(() => Frame.toObject(Frame.decode(b), { longs: Number, bytes: Buffer }) as PbFrame);
export const frameHeader = (f: PbFrame, key: string): string | undefined => f.headers.find((h) => h.key === key)?.value;

/** Feishu's event encryption: base64(iv ‖ AES-256-CBC(key = SHA-256(encrypt key), PKCS#7)). */
export function feishuEncrypt(encryptKey: string, plaintext: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(encryptKey).digest(), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export interface SentMessage {
  kind: 'reply' | 'create';
  /** The message replied to, or the chat a new message went to. */
  to: string;
  msgType: string;
  content: unknown;
}

export interface FakeFeishuOptions {
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string;
}

/** Feishu refuses a post message whose request is over 30 KB. */
const MAX_POST_BYTES = 30 * 1024;
export const BOT_OPEN_ID = 'ou_bot0000000000000000000000000001';
const SERVICE_ID = 33554678;

export class FakeFeishu {
  base = '';
  readonly sent: SentMessage[] = [];
  readonly uploads: Array<{ name: string; type: string; bytes: number; key: string }> = [];
  readonly wsAcks: PbFrame[] = [];
  readonly problems: string[] = [];
  readonly timeline = new Timeline();
  tokensIssued = 0;
  private readonly token = 't-fake-tenant-token';
  private readonly sockets = new Set<WebSocket>();
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly chatOf = new Map<string, string>();
  private seq = 0;

  private constructor(readonly options: FakeFeishuOptions) {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => sendJson(res, 500, { code: 500, msg: String(error) }));
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/ws' });
    this.wss.on('connection', (ws) => this.accept(ws));
  }

  static async start(options: Partial<FakeFeishuOptions> = {}): Promise<FakeFeishu> {
    const fake = new FakeFeishu({
      appId: 'cli_a1b2c3d4e5f60718',
      appSecret: 'fake-feishu-app-secret-0001',
      verificationToken: 'fake-verification-token-01',
      encryptKey: 'fake-encrypt-key-0001',
      ...options,
    });
    fake.base = `http://127.0.0.1:${await listen(fake.server)}`;
    return fake;
  }

  wsConnected(): boolean {
    return this.sockets.size > 0;
  }

  /** An im.message.receive_v1 event (schema 2.0), as Feishu sends it: a group message @-mentioning the bot unless told otherwise. */
  messageEvent(text: string, over: { chatId?: string; chatType?: 'group' | 'p2p'; openId?: string; mentions?: Array<{ openId: string; name: string }>; atBot?: boolean } = {}): Record<string, unknown> {
    const n = ++this.seq;
    const now = Date.now();
    const group = (over.chatType ?? 'group') === 'group';
    const mentioned = [...(group && over.atBot !== false ? [{ openId: BOT_OPEN_ID, name: '政务助手' }] : []), ...(over.mentions ?? [])];
    const mentions = mentioned.map((m, i) => ({ key: `@_user_${i + 1}`, id: { union_id: `on_${m.openId}`, user_id: '', open_id: m.openId }, name: m.name, tenant_key: 'tenant01' }));
    const messageId = `om_${n}${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const chatId = over.chatId ?? 'oc_group0001';
    this.chatOf.set(messageId, chatId);
    return {
      schema: '2.0',
      header: { event_id: randomUUID().replace(/-/g, ''), event_type: 'im.message.receive_v1', create_time: String(now), token: this.options.verificationToken, app_id: this.options.appId, tenant_key: 'tenant01' },
      event: {
        sender: { sender_id: { union_id: 'on_sender', user_id: 'u_sender', open_id: over.openId ?? 'ou_staff0001' }, sender_type: 'user', tenant_key: 'tenant01' },
        message: {
          message_id: messageId,
          create_time: String(now),
          update_time: String(now),
          chat_id: chatId,
          chat_type: group ? 'group' : 'p2p',
          message_type: 'text',
          content: JSON.stringify({ text: `${mentions.length ? `${mentions[0]?.key} ` : ''}${text}${mentions.slice(1).map((m) => ` ${m.key}`).join('')}` }),
          mentions,
        },
      },
    };
  }

  /** Pushes an event over the long connection (plain JSON in a pbbp2 data frame). Returns the frame's message id. */
  pushWs(event: Record<string, unknown>, frameId = `ws-${++this.seq}`): string {
    const frame = encodeFrame({
      SeqID: this.seq,
      LogID: 1000 + this.seq,
      service: SERVICE_ID,
      method: 1,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: frameId },
        { key: 'sum', value: '1' },
        { key: 'seq', value: '0' },
        { key: 'trace_id', value: `trace-${this.seq}` },
      ],
      payload: Buffer.from(JSON.stringify(event)),
    });
    for (const ws of this.sockets) ws.send(frame);
    return frameId;
  }

  /** Posts an event to the bot's callback URL, encrypted and signed as Feishu does (keys can be overridden to forge). */
  async pushHttp(url: string, payload: Record<string, unknown>, forge: { encryptKey?: string; signKey?: string } = {}): Promise<{ status: number; body: string }> {
    const body = JSON.stringify({ encrypt: feishuEncrypt(forge.encryptKey ?? this.options.encryptKey, JSON.stringify(payload)) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const signature = createHash('sha256')
      .update(timestamp + nonce + (forge.signKey ?? this.options.encryptKey) + body)
      .digest('hex');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'X-Lark-Request-Timestamp': timestamp, 'X-Lark-Request-Nonce': nonce, 'X-Lark-Signature': signature },
      body,
    });
    return { status: response.status, body: await response.text() };
  }

  /** Markdown texts the bot sent into a chat (replies to messages in it, and new messages), in order. */
  textsIn(chatId: string): string[] {
    return this.sent
      .filter((m) => m.msgType === 'post' && (m.kind === 'create' ? m.to === chatId : this.chatOf.get(m.to) === chatId))
      .map((m) => ((m.content as { zh_cn?: { content?: Array<Array<{ text?: string }>> } }).zh_cn?.content ?? []).flat().map((e) => e.text ?? '').join(''));
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await closeServer(this.server);
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw: Buffer) => {
      const f = decodeFrame(raw);
      if (f.method === 0 && frameHeader(f, 'type') === 'ping') {
        ws.send(encodeFrame({ ...f, headers: [{ key: 'type', value: 'pong' }], payload: Buffer.from(JSON.stringify({ PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 })) }));
        return;
      }
      const ack = parseJson(Buffer.from(f.payload ?? [])) as { code?: number } | null;
      if (ack?.code !== 200) this.problems.push(`ws ack ${frameHeader(f, 'message_id') ?? '?'} with code ${ack?.code ?? '?'}`);
      this.wsAcks.push(f);
      this.timeline.add(`ack ${frameHeader(f, 'message_id') ?? ''}`);
    });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const raw = await readBody(req);
    if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') return this.tenantToken(res, parseJson(raw) as { app_id?: string; app_secret?: string } | null);
    if (url.pathname === '/callback/ws/endpoint') return this.wsEndpoint(res, parseJson(raw) as { AppID?: string; AppSecret?: string } | null);
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      this.problems.push(`${url.pathname}: no valid token`);
      return sendJson(res, 401, { code: 99991663, msg: 'Invalid access token' });
    }
    if (req.method === 'GET' && url.pathname === '/open-apis/bot/v3/info') return sendJson(res, 200, { code: 0, msg: 'ok', bot: { open_id: BOT_OPEN_ID, app_name: '政务助手', activate_status: 2 } });
    if (url.pathname === '/open-apis/im/v1/files') return this.upload(req, res, raw);
    const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(url.pathname);
    if (reply?.[1]) return this.message(res, 'reply', reply[1], raw);
    if (url.pathname === '/open-apis/im/v1/messages' && url.searchParams.get('receive_id_type') === 'chat_id') {
      const body = parseJson(raw) as { receive_id?: string } | null;
      return this.message(res, 'create', body?.receive_id ?? '', raw);
    }
    sendJson(res, 404, { code: 404, msg: `no route ${req.method ?? ''} ${url.pathname}` });
  }

  private tenantToken(res: http.ServerResponse, body: { app_id?: string; app_secret?: string } | null): void {
    if (body?.app_id !== this.options.appId || body.app_secret !== this.options.appSecret) return sendJson(res, 200, { code: 10014, msg: 'app secret invalid' });
    this.tokensIssued++;
    sendJson(res, 200, { code: 0, msg: 'ok', tenant_access_token: this.token, expire: 7200 });
  }

  private wsEndpoint(res: http.ServerResponse, body: { AppID?: string; AppSecret?: string } | null): void {
    if (body?.AppID !== this.options.appId || body.AppSecret !== this.options.appSecret) return sendJson(res, 200, { code: 514, msg: 'auth failed' });
    sendJson(res, 200, {
      code: 0,
      msg: 'ok',
      data: {
        URL: `${this.base.replace('http', 'ws')}/ws?device_id=7000000000000000001&service_id=${SERVICE_ID}&access_key=fakeKey&ticket=${randomUUID()}`,
        ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 },
      },
    });
  }

  private message(res: http.ServerResponse, kind: SentMessage['kind'], to: string, raw: Buffer): void {
    const body = parseJson(raw) as { msg_type?: string; content?: string } | null;
    const content = parseJson(body?.content ?? '');
    const problem =
      raw.length > MAX_POST_BYTES ? 'too long'
      : !body?.msg_type || content === null ? 'msg_type/content'
      : body.msg_type === 'post' && !((content as { zh_cn?: { content?: Array<Array<{ tag?: string; text?: string }>> } }).zh_cn?.content?.[0]?.[0]?.text) ? 'empty post'
      : body.msg_type === 'file' && !this.uploads.some((u) => u.key === (content as { file_key?: string }).file_key) ? 'unknown file_key'
      : kind === 'reply' && !this.chatOf.has(to) ? 'reply to an unknown message'
      : null;
    if (problem || !body?.msg_type) {
      this.problems.push(`${kind}: ${problem ?? ''}`);
      return sendJson(res, 200, { code: 230001, msg: problem });
    }
    this.sent.push({ kind, to, msgType: body.msg_type, content });
    this.timeline.add(`${kind} ${to}`);
    sendJson(res, 200, { code: 0, msg: 'success', data: { message_id: `om_sent_${this.sent.length}`, msg_type: body.msg_type } });
  }

  private async upload(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const form = await new Request('http://fake/upload', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: raw }).formData();
    const file = form.get('file');
    const name = String(form.get('file_name') ?? '');
    const type = String(form.get('file_type') ?? '');
    if (!(file instanceof Blob) || !file.size || !name || !['xls', 'stream', 'doc', 'pdf', 'ppt', 'mp4', 'opus'].includes(type)) {
      this.problems.push('upload: bad form (a file part with a filename is required)');
      return sendJson(res, 200, { code: 234001, msg: 'bad upload' });
    }
    const key = `file_v3_${this.uploads.length + 1}`;
    this.uploads.push({ name, type, bytes: file.size, key });
    sendJson(res, 200, { code: 0, msg: 'success', data: { file_key: key } });
  }
}
