// Sends to one target at most `limit` times per rolling window, in order, one at a time. Robots
// block a group that exceeds their rate (WeCom and DingTalk: 20 messages a minute).

export interface PaceOptions {
  limit: number;
  windowMs: number;
  /** Injected for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class Pacer {
  private readonly sent: number[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PaceOptions) {}

  /**
   * Runs `send` when the rate allows; sends through one pacer run in order. A send counts from when it
   * completes: the platform sees it arrive then, not when it left.
   */
  run<T>(send: () => Promise<T>): Promise<T> {
    const now = this.options.now ?? Date.now;
    const next = this.queue.then(async () => {
      await this.slot();
      try {
        return await send();
      } finally {
        this.sent.push(now());
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async slot(): Promise<void> {
    const now = this.options.now ?? Date.now;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (;;) {
      const t = now();
      while (this.sent.length && (this.sent[0] as number) <= t - this.options.windowMs) this.sent.shift();
      if (this.sent.length < this.options.limit) return;
      await sleep((this.sent[0] as number) + this.options.windowMs - t + 1);
    }
  }
}
