// DingTalk Stream mode through the official dingtalk-stream SDK (2.1.5): a long connection out from the
// server, so no public address is needed (a government intranet server). Two things are ours, not the
// SDK's: the gateway URL, which 2.1.5 hard-codes (a subclass opens the connection at a configurable
// root, for 政务钉钉 and other private deployments, and for tests); and reconnecting, because 2.1.5
// retries a failed connection twice per failure and so doubles its calls to the gateway every second.
// Here one loop reconnects with a capped exponential backoff. The SDK is loaded only when DingTalk
// Stream is configured.
import type { DWClient, DWClientDownStream } from 'dingtalk-stream';
import type WebSocket from 'ws';
import { AdapterError, messageOf } from '../../src/errors.ts';
import type { Logger } from '../../src/log.ts';
import { adapterText, adminText } from '../../src/texts/ops.ts';

/** Where a Stream connection is opened, under the API root. */
export const GATEWAY_PATH = '/v1.0/gateway/connections/open';
/** The topic of robot messages (single chats, and group messages that @ the robot). */
export const ROBOT_TOPIC = '/v1.0/im/bot/messages/get';
/** The first connection is tried this many times before start() gives up. */
export const START_ATTEMPTS = 3;
/** Reconnect delays double from the first to the last, then stay there. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 60_000;
/** A connection not open after this long has failed. */
export const CONNECT_TIMEOUT_MS = 15_000;
/** After this many failed reconnects in a row the admins are told (once per outage). */
export const ALERT_AFTER_FAILURES = 5;

export interface StreamOptions {
  clientId: string;
  clientSecret: string;
  /** The gateway's full URL (API root + GATEWAY_PATH). */
  gatewayUrl: string;
  logger: Logger;
  /** A robot message: its JSON text. Called after the message is acknowledged. */
  onMessage: (data: string) => void;
  alert?: (text: string) => Promise<void>;
  /** Backoff base; tests shorten it. */
  firstRetryMs?: number;
}

/** The gateway said no to the credentials: retrying cannot help. */
class GatewayRefusedError extends AdapterError {}

export class DingtalkStream {
  private client: DWClient | null = null;
  private stopping = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: StreamOptions) {}

  /** Connects; throws when the gateway refuses the credentials or cannot be reached after a few tries. */
  async start(): Promise<void> {
    this.client = await this.createClient();
    let lastError: unknown = null;
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(this.delay(attempt - 1));
      try {
        await this.connectOnce();
        return;
      } catch (error) {
        if (error instanceof GatewayRefusedError) throw error;
        lastError = error;
        this.options.logger.warn('dingtalk: stream connection failed', { attempt: attempt + 1, error });
      }
    }
    throw new AdapterError(adapterText.dingtalkUnreachable(messageOf(lastError)), { cause: lastError });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.client?.disconnect();
    this.client = null;
  }

  private async createClient(): Promise<DWClient> {
    const { DWClient: Base } = await import('dingtalk-stream');
    const { clientId, clientSecret, gatewayUrl } = this.options;
    /** The SDK's client with the gateway at a configurable URL (2.1.5 hard-codes api.dingtalk.com). */
    class GatewayClient extends Base {
      override async getEndpoint(): Promise<this> {
        const response = await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ clientId, clientSecret, ua: this.config.ua, subscriptions: this.config.subscriptions }),
        });
        if (response.status >= 400 && response.status < 500) throw new GatewayRefusedError(adapterText.dingtalkGatewayRefused(response.status));
        const json = (await response.json().catch(() => null)) as { endpoint?: string; ticket?: string } | null;
        if (!response.ok || !json?.endpoint || !json.ticket) throw new AdapterError(adapterText.dingtalkUnreachable(`HTTP ${response.status}`));
        // `dw_url` is private in the SDK's types only; _connect() opens it. The ticket works once, for 90 s.
        (this as unknown as { dw_url: string }).dw_url = `${json.endpoint}?ticket=${encodeURIComponent(json.ticket)}`;
        return this;
      }
    }
    // keepAlive: the SDK pings every 8 s and drops a connection that stops answering (NAT, proxies).
    const client = new GatewayClient({ clientId, clientSecret, keepAlive: true });
    client.config.autoReconnect = false;
    client.registerCallbackListener(ROBOT_TOPIC, (frame: DWClientDownStream) => this.received(client, frame));
    return client;
  }

  /** Acknowledges at once (DingTalk re-pushes an unacknowledged message for about a minute), then hands the message on. */
  private received(client: DWClient, frame: DWClientDownStream): void {
    client.socketCallBackResponse(frame.headers.messageId, null);
    this.options.onMessage(frame.data);
  }

  private async connectOnce(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.getEndpoint();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AdapterError(adapterText.startTimeout(CONNECT_TIMEOUT_MS / 1000))), CONNECT_TIMEOUT_MS);
    });
    stopHeartbeat(client);
    try {
      await Promise.race([client._connect(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (this.stopping) {
      // stop() came while this connection was being opened.
      client.disconnect();
      return;
    }
    const socket = (client as unknown as { socket?: WebSocket }).socket;
    socket?.once('close', () => this.closed(client));
    if (this.failures >= ALERT_AFTER_FAILURES) this.options.logger.info('dingtalk: stream reconnected', { after: this.failures });
    this.failures = 0;
  }

  private closed(client: DWClient): void {
    stopHeartbeat(client);
    if (this.stopping || client !== this.client) return;
    this.options.logger.warn('dingtalk: stream closed, reconnecting');
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.connectOnce().catch((error: unknown) => {
        if (this.stopping) return;
        this.failures++;
        this.options.logger.warn('dingtalk: reconnect failed', { failures: this.failures, error });
        if (this.failures === ALERT_AFTER_FAILURES) void this.options.alert?.(adminText.reconnectFailing(adapterText.dingtalkName, this.failures));
        this.schedule();
      });
    }, this.delay(this.failures));
  }

  /** The wait before retry number `n` (from 0): doubling from the first delay, capped. */
  private delay(n: number): number {
    return Math.min((this.options.firstRetryMs ?? FIRST_RETRY_MS) * 2 ** n, MAX_RETRY_MS);
  }
}

/**
 * Stops the SDK's keep-alive timer. 2.1.5 starts one per connection and never stops it on a close: a
 * stale timer would ping the next socket while it is still connecting, which throws.
 */
function stopHeartbeat(client: DWClient): void {
  clearInterval((client as unknown as { heartbeatIntervallId?: NodeJS.Timeout }).heartbeatIntervallId);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
