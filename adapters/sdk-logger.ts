// The platform SDKs log through a console-like object (…args). This one writes their lines into our
// logger, with the adapter's own secrets taken out first: an SDK that logs a failed request may print
// its body (Feishu's token request carries the app secret), and an adapter must not depend on start-up
// having registered its secrets for redaction.
import type { Logger } from '../src/log.ts';

export interface SdkLogger {
  error(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  info(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  trace(...args: unknown[]): void;
}

/** One SDK log line as text: errors by message, objects as JSON (or their string form when circular). */
function line(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (a instanceof Error) return a.message;
      if (typeof a === 'string') return a;
      try {
        return JSON.stringify(a);
      } catch {
        return String(a);
      }
    })
    .join(' ');
}

export function sdkLogger(logger: Logger, name: string, secrets: ReadonlyArray<string | undefined>): SdkLogger {
  const hidden = secrets.filter((s): s is string => Boolean(s && s.length >= 4));
  const scrub = (args: readonly unknown[]): { sdk: string } => ({ sdk: hidden.reduce((text, s) => text.split(s).join('***'), line(args)) });
  // SDK chatter (connecting, pings) is debug; only its warnings and errors reach the operator's log.
  return {
    error: (...args) => logger.error(`${name}: sdk error`, scrub(args)),
    warn: (...args) => logger.warn(`${name}: sdk warning`, scrub(args)),
    info: (...args) => logger.debug(`${name}: sdk`, scrub(args)),
    debug: (...args) => logger.debug(`${name}: sdk`, scrub(args)),
    trace: () => undefined,
  };
}
