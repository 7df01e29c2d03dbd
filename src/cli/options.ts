// The command line's options, parsed once, and the one parser of each value that needs checking:
// --year, --month, --today, --lead, --time, --limit. A bad value is a UsageError saying what was expected.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import { DEFAULT_LIMITS, type ImportLimits } from '../ingest/limits.ts';
import { MAX_LEAD_DAYS, isDigestTime, validLeadDays } from '../reminders/subscriptions.ts';
import { cliText } from '../texts/cli.ts';
import { shanghaiDate } from '../time.ts';

export const OPTIONS = {
  region: { type: 'string' },
  year: { type: 'string' },
  unit: { type: 'string', multiple: true },
  month: { type: 'string' },
  chat: { type: 'string' },
  today: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  lead: { type: 'string' },
  time: { type: 'string' },
  user: { type: 'string' },
  name: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  schema: { type: 'string' },
  limit: { type: 'string', multiple: true },
  as: { type: 'string' },
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Parses the whole command line once: the options, and the words (command, files, question). */
export function parseCommandLine(argv: string[]): { values: Values; positionals: string[] } {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
}

const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LIST_SEPARATOR = /[,，]/;

/** --year 2022 → 2022. */
export function yearOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!YEAR.test(text)) throw new UsageError(cliText.badYear(text));
  return Number(text);
}

/** --month 2022-06, as given. */
export function monthOption(text: string | undefined): string | undefined {
  if (text !== undefined && !MONTH.test(text)) throw new UsageError(cliText.badMonth(text));
  return text;
}

/** --today 2022-06-24, as given. */
export function todayOption(text: string | undefined): string | undefined {
  if (text !== undefined && !DAY.test(text)) throw new UsageError(cliText.badToday(text));
  return text;
}

/** The day --today names, or today in Asia/Shanghai. */
export function todayOf(text: string | undefined, now: Date): string {
  return todayOption(text) ?? shanghaiDate(now);
}

/** --lead 7,1,0 → [7, 1, 0]: whole days from 0 to MAX_LEAD_DAYS. None (or empty): the default. */
export function leadOption(text: string | undefined): number[] | undefined {
  if (!text) return undefined;
  const days = text.split(LIST_SEPARATOR).map(Number);
  if (!validLeadDays(days)) throw new UsageError(cliText.badLead(MAX_LEAD_DAYS));
  return days;
}

/** --time 09:00, as given. */
export function timeOption(text: string | undefined): string | undefined {
  if (text !== undefined && !isDigestTime(text)) throw new UsageError(cliText.badTime);
  return text;
}

/** Units a --limit value may carry, by the kind of limit, as multiples of the limit's own unit. */
const LIMIT_UNITS: Record<'bytes' | 'time' | 'count', Record<string, number>> = {
  bytes: { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 },
  time: { '': 1, ms: 1, s: 1000, min: 60_000 },
  count: { '': 1 },
};
const limitKind = (name: keyof ImportLimits): keyof typeof LIMIT_UNITS => (name.endsWith('Bytes') ? 'bytes' : name === 'timeMs' ? 'time' : 'count');
const LIMIT = /^([A-Za-z]+)=(\d+(?:\.\d+)?)([A-Za-z]*)$/;

/**
 * --limit fileBytes=100MB --limit timeMs=120s → { fileBytes: 104857600, timeMs: 120000 }: the importer's
 * limits (src/ingest/limits.ts) raised or lowered for this run. Byte limits take B/KB/MB/GB, the time
 * budget ms/s/min, the others a whole number.
 */
export function limitOption(texts: readonly string[] | undefined): Partial<ImportLimits> {
  const names = Object.keys(DEFAULT_LIMITS) as Array<keyof ImportLimits>;
  const out: Partial<ImportLimits> = {};
  for (const text of texts ?? []) {
    const m = LIMIT.exec(text.replace(/\s+/g, ''));
    const name = names.find((n) => n.toLowerCase() === m?.[1]?.toLowerCase());
    const factor = name ? LIMIT_UNITS[limitKind(name)][(m?.[3] ?? '').toLowerCase()] : undefined;
    const value = Math.round(Number(m?.[2]) * (factor ?? NaN));
    if (!name || !Number.isSafeInteger(value) || value <= 0) throw new UsageError(cliText.badLimit(text, names));
    out[name] = value;
  }
  return out;
}
