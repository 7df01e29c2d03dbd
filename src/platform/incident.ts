// Repeated failures of one thing (a chat platform's connection) as incidents: the first failure is
// logged in full and alerted once; the ones after are counted, and summarised in one log line at
// growing intervals (1, 2, 4 … 30 minutes); the incident ends when the thing works again (logged with
// its count). A storm of identical errors is a handful of log lines and one alert, not thousands.
import { messageOf } from '../errors.ts';
import type { Logger } from '../log.ts';

/** The first summary of a continuing incident comes after this long; each next one after twice as long. */
export const FIRST_SUMMARY_MS = 60_000;
/** Summaries are at most this far apart. */
export const MAX_SUMMARY_MS = 30 * 60_000;

export interface IncidentOptions {
  /** What fails, for log lines ("wechat"). */
  name: string;
  logger: Logger;
  /** Tells the admins, once per incident. */
  alert?: (text: string) => Promise<void>;
  /** The alert's text, from the first failure's reason. */
  alertText: (reason: string) => string;
  now?: () => number;
}

interface Open {
  since: number;
  failures: number;
  nextSummary: number;
  interval: number;
}

export class Incident {
  private open: Open | null = null;

  constructor(private readonly options: IncidentOptions) {}

  get active(): boolean {
    return this.open !== null;
  }

  failed(error: unknown): void {
    const { logger, name } = this.options;
    const now = (this.options.now ?? Date.now)();
    if (!this.open) {
      this.open = { since: now, failures: 1, nextSummary: now + FIRST_SUMMARY_MS, interval: FIRST_SUMMARY_MS };
      logger.error(`${name}: failing`, { error });
      void this.options.alert?.(this.options.alertText(messageOf(error))).catch(() => undefined);
      return;
    }
    const open = this.open;
    open.failures++;
    if (now < open.nextSummary) return;
    logger.warn(`${name}: still failing`, { failures: open.failures, since: new Date(open.since).toISOString(), last: messageOf(error) });
    open.interval = Math.min(open.interval * 2, MAX_SUMMARY_MS);
    open.nextSummary = now + open.interval;
  }

  /** The thing works again: the incident ends, and the next failure is a new one. */
  recovered(): void {
    if (!this.open) return;
    const { since, failures } = this.open;
    this.open = null;
    this.options.logger.info(`${this.options.name}: recovered`, { failures, since: new Date(since).toISOString() });
  }
}
