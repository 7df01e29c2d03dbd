// The one HTTP server of the process (Hono on @hono/node-server): platform callbacks (webhooks of
// Telegram, DingTalk, Feishu, WeCom) and the web 台账 mount their routes here, under one body-size and
// time policy. Started only when something mounts routes.
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { timeout } from 'hono/timeout';
import type { Logger } from '../log.ts';
import type { HttpMount } from '../platform/adapter.ts';

export type { HttpMount };

/** Request bodies over this are refused with 413 (uploads of plans set their own, larger limit). */
export const DEFAULT_BODY_LIMIT_BYTES = 1 << 20;
/** A request still running after this gets 504: platforms retry, people reload. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  bodyLimitBytes?: number;
  requestTimeoutMs?: number;
}

/** Refuses bodies over maxSize with 413, before the route reads them. */
const limit = (maxSize: number): MiddlewareHandler => bodyLimit({ maxSize, onError: (c) => c.text('payload too large', 413) });

export class HttpServer {
  private readonly app = new Hono();
  private server: ServerType | null = null;
  private mounted = 0;
  /** Body limits of single routes (full paths), above the server's own. */
  private readonly routeLimits = new Map<string, MiddlewareHandler>();

  constructor(private readonly options: HttpServerOptions) {
    const serverLimit = limit(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
    this.app.use('*', (c, next) => (this.routeLimits.get(c.req.path) ?? serverLimit)(c, next));
    this.app.use('*', timeout(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS));
    this.app.onError((error, c) => {
      options.logger.error('http: request failed', { path: c.req.path, error });
      return c.text('internal error', 500);
    });
  }

  mount(mount: HttpMount): void {
    for (const { path, maxBytes } of mount.bodyLimits ?? []) this.routeLimits.set(joinPath(mount.prefix, path), limit(maxBytes));
    this.app.route(mount.prefix, mount.routes());
    this.mounted++;
  }

  /** Whether anything was mounted: with nothing to serve, the server is not started. */
  get needed(): boolean {
    return this.mounted > 0;
  }

  /** The port it listens on (tests bind port 0). */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  /** The Hono app, for tests that call it without a socket (app.request). */
  get fetch(): Hono['fetch'] {
    return this.app.fetch;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const server = serve({ fetch: this.app.fetch, hostname: this.options.host, port: this.options.port }, () => resolve());
      server.once('error', reject);
      this.server = server;
    });
    this.options.logger.info('http: listening', { host: this.options.host, port: this.port });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** "/web" + "/import/preview" → "/web/import/preview" (no doubled or missing slash). */
function joinPath(prefix: string, path: string): string {
  return `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
