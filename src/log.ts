// A small structured logger, and the one redaction every text leaving the process passes: log lines,
// alerts, replies and robot payloads (through platform/render.ts), spreadsheet cells and error messages.
// A registered secret is hidden as written and in the forms it travels in: URL-encoded (either case of
// hex), form-encoded, JSON-escaped and base64 (standard or URL-safe, at any offset in a longer encoded
// text). Credentials in URLs are hidden whether registered or not: query parameters that carry keys,
// tokens and signatures, and Telegram's /bot<token>/ path.

export type Level = 'debug' | 'info' | 'warn' | 'error';

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

export function createLogger(sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`), level: Level = 'info'): Logger {
  const order: Level[] = ['debug', 'info', 'warn', 'error'];
  const write = (lvl: Level, msg: string, fields?: Record<string, unknown>): void => {
    if (order.indexOf(lvl) < order.indexOf(level)) return;
    const extra = fields ? ` ${JSON.stringify(fields, (_k, v: unknown) => describe(v))}` : '';
    sink(redact(`${new Date().toISOString()} ${lvl.toUpperCase()} ${msg}${extra}`));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
