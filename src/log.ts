// A small structured logger: one line per event, as text on a terminal and as JSON lines elsewhere
// (journald, files, log shippers). Every line passes through redact(), the one gate that keeps
// configured secrets out. The fields of the current context (the message id and chat of the message
// being handled) are on every line written inside it. A storm of the same warning or error is
// counted, not repeated: the first is written, the repeats are summed up in one line per window.
import { AsyncLocalStorage } from 'node:async_hooks';

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'text' | 'json';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const secrets = new Set<string>();

/** Registers values (tokens, keys) that must never appear in a log line. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

function describe(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, cause: value.cause ? describe(value.cause) : undefined };
  return value;
}

const context = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `fn` with fields (messageId, chat …) added to every line logged inside it, however deep. */
export function withLogContext<T>(fields: Record<string, unknown>, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** Repeats of the same warning or error within this window are counted, not written. */
export const DEFAULT_FLOOD_WINDOW_MS = 60_000;
/** At most this many different repeating lines are counted at once; the oldest is summed up first. */
export const DEFAULT_FLOOD_KEYS = 200;

export interface LoggerOptions {
  /** Default: text. The process's own logger (main) chooses JSON when stderr is not a terminal. */
  format?: LogFormat;
  now?: () => Date;
  floodWindowMs?: number;
  floodKeys?: number;
}

/** JSON when asked (ZWGK_LOG_FORMAT=json) or when the stream is not a terminal; text on a terminal. */
export function logFormatFor(asked: LogFormat | undefined, stream: { isTTY?: boolean }): LogFormat {
  return asked ?? (stream.isTTY ? 'text' : 'json');
}

const ORDER: readonly Level[] = ['debug', 'info', 'warn', 'error'];
const oneLine = (text: string): string => text.replace(/\r?\n/g, '\\n');
const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => describe(v));

function formatLine(format: LogFormat, time: Date, level: Level, msg: string, fields: Record<string, unknown>): string {
  if (format === 'json') return json({ time: time.toISOString(), level, msg, ...fields });
  const extra = Object.keys(fields).length ? ` ${json(fields)}` : '';
  return `${time.toISOString()} ${level.toUpperCase()} ${oneLine(msg)}${extra}`;
}

/** What makes two lines "the same": level, message, and the error's message (or the fields). */
function floodKey(level: Level, msg: string, fields: Record<string, unknown> | undefined): string {
  const error = fields?.error;
  const what = error instanceof Error ? error.message : json(fields ?? {});
  return `${level}\u0000${msg}\u0000${what}`;
}

interface Repeats {
  level: Level;
  msg: string;
  since: number;
  count: number;
  timer?: NodeJS.Timeout;
}

/** Counts repeats of a line within a window; calls `summary` once the window closes with repeats. */
class FloodGate {
  private readonly seen = new Map<string, Repeats>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
    private readonly summary: (r: Repeats) => void,
  ) {}

  /** True when the line should be written (the first of its window). */
  admit(key: string, level: Level, msg: string, now: number): boolean {
    const r = this.seen.get(key);
    if (r && now - r.since < this.windowMs) {
      r.count++;
      r.timer ??= setTimeout(() => this.close(key), Math.max(0, r.since + this.windowMs - now)).unref();
      return false;
    }
    if (r) this.close(key);
    this.seen.set(key, { level, msg, since: now, count: 0 });
    if (this.seen.size > this.maxKeys) this.close(this.seen.keys().next().value as string);
    return true;
  }

  private close(key: string): void {
    const r = this.seen.get(key);
    if (!r) return;
    clearTimeout(r.timer);
    this.seen.delete(key);
    if (r.count > 0) this.summary(r);
  }
}

export function createLogger(sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`), level: Level = 'info', options: LoggerOptions = {}): Logger {
  const format = options.format ?? 'text';
  const now = options.now ?? (() => new Date());
  const emit = (lvl: Level, msg: string, fields: Record<string, unknown>): void => {
    sink(redact(formatLine(format, now(), lvl, msg, { ...context.getStore(), ...fields })));
  };
  const windowMs = options.floodWindowMs ?? DEFAULT_FLOOD_WINDOW_MS;
  // The summary belongs to no one message: it is written outside whatever context its timer inherited.
  const gate = new FloodGate(windowMs, options.floodKeys ?? DEFAULT_FLOOD_KEYS, (r) =>
    context.exit(() => emit(r.level, `${r.msg} (repeated ${r.count} more times)`, { repeated: r.count, sinceFirst: new Date(r.since).toISOString() })),
  );
  const write = (lvl: Level, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER.indexOf(lvl) < ORDER.indexOf(level)) return;
    if ((lvl === 'warn' || lvl === 'error') && !gate.admit(floodKey(lvl, msg, fields), lvl, msg, now().getTime())) return;
    emit(lvl, msg, fields ?? {});
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
