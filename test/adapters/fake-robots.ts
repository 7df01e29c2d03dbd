// Fake WeCom, DingTalk and Feishu robot endpoints on 127.0.0.1. They check keys and signatures as
// the platforms do, answer errors the platforms' way (HTTP 200 with a non-zero code), and record
// every accepted message with its time.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface Received {
  platform: 'wecom' | 'dingtalk' | 'feishu';
  body: Record<string, unknown>;
  at: number;
}

export class FakeRobots {
  readonly received: Received[] = [];
  private server: Server | null = null;
  /** Answer the next n WeCom messages with this errcode (and errmsg). */
  wecomError: { count: number; errcode: number; errmsg?: string } = { count: 0, errcode: 45009 };

  constructor(readonly secrets = { wecomKey: 'wecom-key-0001', dingToken: 'ding-token-0001', dingSecret: 'SECdingsecret0001', feishuHook: 'feishu-hook-0001', feishuSecret: 'feishu-secret-0001' }) {}

  get root(): string {
    const address = this.server?.address();
    if (!address || typeof address !== 'object') throw new Error('not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async listen(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.route(url, body)));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  of(platform: Received['platform']): Received[] {
    return this.received.filter((r) => r.platform === platform);
  }

  private route(url: URL, body: Record<string, unknown>): unknown {
    const at = Date.now();
    if (url.pathname === '/cgi-bin/webhook/send') {
      if (url.searchParams.get('key') !== this.secrets.wecomKey) return { errcode: 93000, errmsg: 'invalid webhook url' };
      if (this.wecomError.count > 0) {
        this.wecomError.count--;
        return { errcode: this.wecomError.errcode, errmsg: this.wecomError.errmsg ?? 'api freq out of limit' };
      }
      this.received.push({ platform: 'wecom', body, at });
      return { errcode: 0, errmsg: 'ok' };
    }
    if (url.pathname === '/robot/send') {
      const timestamp = Number(url.searchParams.get('timestamp'));
      const expected = createHmac('sha256', this.secrets.dingSecret).update(`${timestamp}\n${this.secrets.dingSecret}`).digest('base64');
      if (url.searchParams.get('access_token') !== this.secrets.dingToken) return { errcode: 300001, errmsg: 'token is not exist' };
      if (Math.abs(at - timestamp) > 3_600_000 || url.searchParams.get('sign') !== expected) return { errcode: 310000, errmsg: 'sign not match' };
      this.received.push({ platform: 'dingtalk', body, at });
      return { errcode: 0, errmsg: 'ok' };
    }
    if (url.pathname === `/open-apis/bot/v2/hook/${this.secrets.feishuHook}`) {
      const timestamp = Number(body.timestamp);
      const expected = createHmac('sha256', `${timestamp}\n${this.secrets.feishuSecret}`).update('').digest('base64');
      if (body.sign !== expected) return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' };
      this.received.push({ platform: 'feishu', body, at });
      return { code: 0, msg: 'success' };
    }
    return { errcode: 404, errmsg: 'not found' };
  }
}
