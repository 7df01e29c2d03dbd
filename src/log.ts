// A small structured logger, and the one redaction every text leaving the process passes: log lines,
// alerts, replies and robot payloads (through platform/render.ts), spreadsheet cells and error messages.
// A registered secret is hidden as written and in the forms it travels in: URL-encoded (either case of
// hex), form-encoded, JSON-escaped and base64 (standard or URL-safe, at any offset in a longer encoded
// text). Credentials in URLs are hidden whether registered or not: query parameters that carry keys,
// tokens and signatures, and Telegram's /bot<token>/ path.
// The logger writes one line per event, as text on a terminal and as JSON lines elsewhere (journald,
// files, log shippers). The fields of the current context (the message id and chat of the message
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

/** What a hidden secret is replaced by. */
export const REDACTED = '***';
/** Shorter values are not secrets worth the false matches (and no platform issues such keys). */
const MIN_SECRET_LENGTH = 4;
/** A base64 fragment shorter than this (of a secret at an unknown offset) is too common to hide. */
const MIN_BASE64_FRAGMENT = 8;
/** Query parameters that carry credentials in the URLs of the platforms this bot talks to. */
const CREDENTIAL_PARAMS = /([?&;](?:access_token|token|key|secret|sign|signature|sig|password|passwd|pwd|hook_?id|client_secret|appsecret|corpsecret)=)[^&#\s"'<>]+/gi;
/** Telegram's Bot API puts the token in the path. */
const TELEGRAM_TOKEN_PATH = /\/bot\d{3,}:[\w-]{20,}/g;

const secrets = new Set<string>();
let pattern: RegExp | null = null;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "%2f" and "%2F" alike: the hex of a percent escape in either case. */
const percentInsensitive = (escaped: string): string => escaped.replace(/%([0-9A-F])([0-9A-F])/gi, (_m, a: string, b: string) => `%[${a.toLowerCase()}${a.toUpperCase()}][${b.toLowerCase()}${b.toUpperCase()}]`);

/** The base64 of `secret` where it stands at each of the 3 offsets in a longer encoded text: the characters only it decides. */
function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
    const total = offset + bytes.length;
    const start = [0, 2, 3][offset] ?? 0;
    const end = Math.floor(total / 3) * 4 + (total % 3);
    const fragment = encoded.slice(start, end);
    if (fragment.length >= MIN_BASE64_FRAGMENT) out.push(fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

/** Every form a secret may travel in. */
function formsOf(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  return [
    secret,
    uri,
    encodeURI(secret),
    uri.replace(/%20/g, '+'),
    new URLSearchParams({ k: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
    ...base64Fragments(secret),
  ];
}

function build(): RegExp | null {
  const forms = [...new Set([...secrets].flatMap(formsOf))].sort((a, b) => b.length - a.length);
  return forms.length ? new RegExp(forms.map((f) => percentInsensitive(escapeRegExp(f))).join('|'), 'g') : null;
}

/** Registers a value (a token, a key, a signing secret) that must never leave the process. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
  secrets.add(value);
  pattern = build();
}

/** The one redaction: registered secrets in every form, and credentials inside URLs. */
export function redact(text: string): string {
  let out = pattern ? text.replace(pattern, REDACTED) : text;
  out = out.replace(CREDENTIAL_PARAMS, `$1${REDACTED}`).replace(TELEGRAM_TOKEN_PATH, `/bot${REDACTED}`);
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

/** What makes two lines "the same": level, message and fields (an error by its message), not the context. */
function floodKey(level: Level, msg: string, fields: Record<string, unknown> | undefined): string {
  const what = JSON.stringify(fields ?? {}, (_k, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v));
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
