// A fake WeCom 智能机器人 platform on 127.0.0.1:
//   ws://…/                                 the long connection (JSON frames {cmd, headers:{req_id}, body}):
//                                           aibot_subscribe, ping, aibot_respond_msg, aibot_send_msg,
//                                           aibot_upload_media_init|chunk|finish; pushes aibot_msg_callback
//   POST /cgi-bin/aibot/response?response_code=…   a message's response_url (works once)
// and the platform side of the API-mode callback: messages encrypted with the EncodingAESKey and
// signed with the Token (by @wecom/crypto, independent of the SDK the bot uses). Like WeCom it keeps
// one live connection per bot (a new one takes over and the old one is told), acknowledges every
// frame by req_id, and records in `problems` anything WeCom would refuse.
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listen, parseJson, readBody, sendJson, Timeline } from './http.ts';

export interface WsFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
  errcode?: number;
  errmsg?: string;
}

/** A stream reply or a pushed message may hold this many bytes of content. */
const MAX_CONTENT_BYTES = 20_480;

export class FakeWecom {
  base = '';
  wsUrl = '';
  readonly frames: WsFrame[] = [];
  readonly problems: string[] = [];
  readonly timeline = new Timeline();
  /** Files uploaded and finished: media id → name and size. */
  readonly media = new Map<string, { filename: string; bytes: number }>();
  private readonly live = new Map<WebSocket, string>();
  /** Callback req_id → the chat its answer belongs to. */
  private readonly callbacks = new Map<string, string>();
  private readonly responseCodes = new Map<string, { chat: string; used: boolean }>();
  private readonly uploads = new Map<string, { filename: string; chunks: Buffer[]; md5: string; total: number }>();
  private readonly texts: Array<{ chat: string; content: string }> = [];
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private seq = 0;

  private constructor(readonly botId: string, readonly secret: string) {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => sendJson(res, 500, { errcode: -1, errmsg: String(error) }));
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => ws.on('message', (raw) => this.frame(ws, raw.toString())));
  }

  static async start(botId = 'aibFakeBot0001', secret = 'fake-wecom-bot-secret-0001'): Promise<FakeWecom> {
    const fake = new FakeWecom(botId, secret);
    const port = await listen(fake.server);
    fake.base = `http://127.0.0.1:${port}`;
    fake.wsUrl = `ws://127.0.0.1:${port}`;
    return fake;
  }

  authenticated(): boolean {
    return this.live.size > 0;
  }

  /** A message callback, as WeCom sends it: a group message that @-mentions the bot (WeCom sends no other group messages). */
  message(text: string, over: { chatid?: string; userid?: string; chattype?: 'group' | 'single'; responseUrl?: boolean } = {}): WsFrame & { body: Record<string, unknown> } {
    const n = ++this.seq;
    const group = (over.chattype ?? 'group') === 'group';
    const chat = group ? (over.chatid ?? 'wrkGroup0001') : (over.userid ?? 'zhangsan');
    const reqId = `req_${n}_${randomBytes(4).toString('hex')}`;
    this.callbacks.set(reqId, chat);
    const code = `RC_${n}`;
    this.responseCodes.set(code, { chat, used: false });
    const body: Record<string, unknown> = {
      msgid: `CAIQ16HMjQYY${n}==`,
      aibotid: this.botId,
      ...(group ? { chatid: chat } : {}),
      chattype: group ? 'group' : 'single',
      from: { userid: over.userid ?? 'zhangsan' },
      create_time: Math.floor(Date.now() / 1000),
      ...(over.responseUrl ? { response_url: `${this.base}/cgi-bin/aibot/response?response_code=${code}` } : {}),
      msgtype: 'text',
      text: { content: group ? `@政务助手 ${text}` : text },
    };
    return { cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body };
  }

  push(frame: WsFrame): void {
    for (const ws of this.live.keys()) ws.send(JSON.stringify(frame));
  }

  /** Markdown the bot sent into a chat (stream replies, pushes, response_url answers), in order. */
  textsIn(chat: string): string[] {
    return this.texts.filter((t) => t.chat === chat).map((t) => t.content);
  }

  /** Files sent into a chat (media ids). */
  filesIn(chat: string): string[] {
    return this.frames.filter((f) => f.cmd === 'aibot_send_msg' && f.body?.chatid === chat && f.body.msgtype === 'file').map((f) => String((f.body?.file as { media_id?: string } | undefined)?.media_id));
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    await closeServer(this.server);
  }

  private frame(ws: WebSocket, raw: string): void {
    const f = parseJson(raw) as WsFrame | null;
    if (!f?.headers?.req_id) {
      this.problems.push(`frame without req_id: ${raw.slice(0, 100)}`);
      return;
    }
    this.frames.push(f);
    const ack = (errcode = 0, errmsg = 'ok', body?: Record<string, unknown>): void => ws.send(JSON.stringify({ headers: { req_id: f.headers.req_id }, errcode, errmsg, ...(body ? { body } : {}) }));
    if (f.cmd === 'aibot_subscribe') return this.subscribe(ws, f, ack);
    if (f.cmd === 'ping') return ack();
    if (!this.live.has(ws)) return ack(40001, 'not subscribed');
    const problem = this.handle(f);
    if (typeof problem === 'string') {
      this.problems.push(`${f.cmd ?? '?'}: ${problem}`);
      return ack(40000, problem);
    }
    ack(0, 'ok', problem ?? undefined);
  }

  private subscribe(ws: WebSocket, f: WsFrame, ack: (errcode?: number, errmsg?: string) => void): void {
    if (f.body?.bot_id !== this.botId || f.body.secret !== this.secret) return ack(40058, 'invalid bot_id or secret');
    // One live connection per bot: the older one is told and closed.
    for (const old of this.live.keys()) {
      old.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: `evt_${++this.seq}` }, body: { msgid: `evt${this.seq}`, aibotid: this.botId, msgtype: 'event', from: { userid: '' }, create_time: 0, event: { eventtype: 'disconnected_event' } } }));
      this.live.delete(old);
      setTimeout(() => old.close(), 50);
    }
    this.live.set(ws, this.botId);
    ws.on('close', () => this.live.delete(ws));
    ack();
  }

  /** A problem with a frame, or the body to acknowledge it with (null: plain ok). */
  private handle(f: WsFrame): string | Record<string, unknown> | null {
    const body = f.body ?? {};
    switch (f.cmd) {
      case 'aibot_respond_msg': {
        const chat = this.callbacks.get(f.headers.req_id);
        const stream = body.stream as { id?: string; finish?: boolean; content?: string } | undefined;
        if (!chat) return 'invalid req_id';
        if (body.msgtype !== 'stream' || !stream?.id || typeof stream.content !== 'string') return 'not a stream message';
        if (Buffer.byteLength(stream.content) > MAX_CONTENT_BYTES) return 'content too long';
        if (stream.finish) {
          this.texts.push({ chat, content: stream.content });
          this.timeline.add(`reply ${f.headers.req_id}`);
        }
        return null;
      }
      case 'aibot_send_msg':
        return this.sent(body);
      case 'aibot_upload_media_init': {
        const id = `up_${++this.seq}`;
        this.uploads.set(id, { filename: String(body.filename), chunks: [], md5: String(body.md5), total: Number(body.total_chunks) });
        return body.type === 'file' && body.filename ? { upload_id: id } : 'bad init';
      }
      case 'aibot_upload_media_chunk': {
        const upload = this.uploads.get(String(body.upload_id));
        if (!upload) return 'unknown upload_id';
        upload.chunks[Number(body.chunk_index)] = Buffer.from(String(body.base64_data), 'base64');
        return null;
      }
      case 'aibot_upload_media_finish': {
        const upload = this.uploads.get(String(body.upload_id));
        const data = Buffer.concat(upload?.chunks ?? []);
        if (!upload || upload.chunks.length !== upload.total || createHash('md5').update(data).digest('hex') !== upload.md5) return 'upload incomplete or corrupt';
        const mediaId = `media_${this.media.size + 1}`;
        this.media.set(mediaId, { filename: upload.filename, bytes: data.length });
        return { type: 'file', media_id: mediaId, created_at: String(Date.now()) };
      }
      default:
        return `unknown cmd ${f.cmd ?? ''}`;
    }
  }

  private sent(body: Record<string, unknown>): string | null {
    const chat = typeof body.chatid === 'string' ? body.chatid : '';
    if (!chat) return 'no chatid';
    if (body.msgtype === 'file') return this.media.has(String((body.file as { media_id?: string } | undefined)?.media_id)) ? null : 'unknown media_id';
    const content = (body.markdown as { content?: string } | undefined)?.content;
    if (body.msgtype !== 'markdown' || !content) return 'not a markdown message';
    if (Buffer.byteLength(content) > MAX_CONTENT_BYTES) return 'content too long';
    this.texts.push({ chat, content });
    this.timeline.add(`push ${chat}`);
    return null;
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    if (req.method !== 'POST' || url.pathname !== '/cgi-bin/aibot/response') return sendJson(res, 404, { errcode: 404, errmsg: 'no route' });
    const code = this.responseCodes.get(url.searchParams.get('response_code') ?? '');
    const body = parseJson(await readBody(req)) as { msgtype?: string; markdown?: { content?: string } } | null;
    const problem = !code ? 'unknown response_code' : code.used ? 'response_url already used' : body?.msgtype !== 'markdown' || !body.markdown?.content ? 'not a markdown message' : null;
    if (problem || !code || !body?.markdown?.content) {
      this.problems.push(`response_url: ${problem ?? ''}`);
      return sendJson(res, 200, { errcode: 846609, errmsg: problem });
    }
    code.used = true;
    this.texts.push({ chat: code.chat, content: body.markdown.content });
    this.timeline.add(`reply ${code.chat}`);
    sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
  }
}

/** A random EncodingAESKey, as the WeCom console makes one (43 characters). */
export function randomEncodingAesKey(): string {
  return randomBytes(32).toString('base64').replace(/=+$/, '');
}

/** The query and body WeCom posts for a JSON callback (receive id "" for an enterprise's own 智能机器人). */
export function signedCallback(token: string, aesKey: string, message: unknown): { query: string; body: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const encrypted = wecomEncrypt(aesKey, JSON.stringify(message), '');
  return { query: new URLSearchParams({ msg_signature: getSignature(token, timestamp, nonce, encrypted), timestamp, nonce }).toString(), body: JSON.stringify({ encrypt: encrypted }) };
}

/** The query of WeCom's URL check (GET) with an encrypted echostr. */
export function urlCheckQuery(token: string, aesKey: string, echo: string): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const echostr = wecomEncrypt(aesKey, echo, '');
  return new URLSearchParams({ msg_signature: getSignature(token, timestamp, nonce, echostr), timestamp, nonce, echostr }).toString();
}
