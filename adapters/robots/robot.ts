// What the three group robots share: an HTTP POST of JSON, a paced queue per robot, size-limited
// messages, and "HTTP 200 with a non-zero errcode" read as the failure it is.
import type { Notifier, Target } from '../../src/platform/adapter.ts';
import { Pacer } from '../../src/platform/pace.ts';
import { inert, plainMessages, type Limit } from '../../src/platform/render.ts';
import type { Reply } from '../../src/model/reply.ts';
import { AdapterError, messageOf } from '../../src/errors.ts';
import { adapterText } from '../../src/texts/ops.ts';

export interface RobotPlatform {
  /** Size limit of one message. */
  limit: Limit;
  /** Messages per minute the platform allows. */
  perMinute: number;
  /** The URL to post to (with signature parameters where the platform signs the URL). */
  url(now: Date): string;
  /** The JSON body of one text message. */
  body(text: string, target: Target, now: Date): unknown;
  /** Makes user and document text unable to address everyone or inject the platform's markup. */
  escape(text: string): string;
  /** The platform's error in a 200 response, or null. */
  error(json: unknown): string | null;
}

/**
 * Of a robot's rate, the messages a minute kept for alerts: alerts have their own lane (their own
 * pacer) and never wait behind reminders, and the two lanes together stay under the platform's limit.
 */
export const ALERT_SHARE_PER_MINUTE = 4;

export interface RobotOptions {
  name: string;
  /** 'bulk' (reminders, digests; the default) or 'alert': each lane paces its own share of the rate. */
  lane?: 'bulk' | 'alert';
  /** Window of the rate limit; tests shorten it. Default one minute. */
  windowMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export class RobotNotifier implements Notifier {
  private readonly pacer: Pacer;

  constructor(
    private readonly platform: RobotPlatform,
    private readonly options: RobotOptions,
  ) {
    const limit = options.lane === 'alert' ? ALERT_SHARE_PER_MINUTE : platform.perMinute - ALERT_SHARE_PER_MINUTE;
    this.pacer = new Pacer({ limit, windowMs: options.windowMs ?? 60_000 });
  }

  get name(): string {
    return this.options.name;
  }

  async send(target: Target, reply: Reply): Promise<void> {
    for (const text of plainMessages(reply, this.platform.limit, (s) => this.platform.escape(inert(s)))) {
      await this.pacer.run(() => this.post(text, target));
    }
  }

  private async post(text: string, target: Target): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(this.platform.url(now), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(this.platform.body(text, target, now)),
      });
    } catch (cause) {
      throw new AdapterError(adapterText.robotNetwork(this.name, messageOf(cause)), { cause });
    }
    const json: unknown = await response.json().catch(() => null);
    const error = response.ok ? this.platform.error(json) : `HTTP ${response.status}`;
    if (error) throw new AdapterError(adapterText.robotFailed(this.name, error));
  }
}

export function errcodeError(json: unknown): string | null {
  const j = json as { errcode?: number; errmsg?: string; code?: number; msg?: string; StatusCode?: number } | null;
  if (!j) return adapterText.robotNotJson;
  const code = j.errcode ?? j.code ?? j.StatusCode ?? 0;
  return code === 0 ? null : `errcode ${code}：${j.errmsg ?? j.msg ?? ''}`;
}
