// Pacing and lanes. A Pacer sends to one target at most `limit` times per rolling window, in order,
// one at a time (robots block a group that exceeds their rate: WeCom and DingTalk 20 a minute).
// TargetPacers keeps one per chat, and Lanes runs each chat's work in its own queue, so that a wait
// in one chat (a rate, a 429 answer) never delays another.

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

/** Keys (chats) remembered at most by the per-key helpers below; the least recently used go first. */
const MAX_KEYS = 10_000;

/**
 * A pacer per target (chat): sends to one target are paced and in order; a wait in one target (its
 * rate, a 429 answer retried inside a send) never delays another target.
 */
export class TargetPacers {
  private readonly pacers = new Map<string, Pacer>();

  constructor(private readonly options: PaceOptions) {}

  run<T>(target: string, send: () => Promise<T>): Promise<T> {
    let pacer = this.pacers.get(target);
    if (pacer) this.pacers.delete(target);
    else pacer = new Pacer(this.options);
    this.pacers.set(target, pacer);
    if (this.pacers.size > MAX_KEYS) this.pacers.delete(this.pacers.keys().next().value as string);
    return pacer.run(send);
  }
}

interface LaneItem {
  order: number;
  work: () => Promise<void>;
}

/**
 * Work in lanes, one lane per key (a chat): each lane runs its items one at a time, lowest `order`
 * first among those waiting; lanes run side by side, so what waits in one delays no other. A lane
 * that was idle waits `gatherMs` before it starts, so that items arriving together out of order (a
 * webhook's parallel deliveries) still run in order. Lanes end when empty: memory follows the work.
 */
export class Lanes {
  private readonly lanes = new Map<string, LaneItem[]>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly onError: (error: unknown, key: string) => void,
    private readonly gatherMs = 0,
  ) {}

  push(key: string, order: number, work: () => Promise<void>): void {
    const pending = this.lanes.get(key);
    if (pending) {
      const at = pending.findIndex((item) => item.order > order);
      pending.splice(at < 0 ? pending.length : at, 0, { order, work });
      return;
    }
    const lane: LaneItem[] = [{ order, work }];
    this.lanes.set(key, lane);
    const run = this.drain(key, lane).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async drain(key: string, lane: LaneItem[]): Promise<void> {
    if (this.gatherMs > 0) await new Promise((r) => setTimeout(r, this.gatherMs));
    for (let item = lane.shift(); item; item = lane.shift()) {
      try {
        await item.work();
      } catch (error) {
        this.onError(error, key);
      }
    }
    this.lanes.delete(key);
  }

  /** Resolves when every lane is empty, or after `timeoutMs`. */
  async idle(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
    const settle = async (): Promise<void> => {
      while (this.running.size) await Promise.all([...this.running]);
    };
    await Promise.race([settle(), timeout]).finally(() => clearTimeout(timer));
  }
}
