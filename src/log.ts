// A small structured logger. Every line passes through redaction, so no configured secret is ever logged.

export type Level = 'debug' | 'info' | 'warn' | 'error';

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
