// The command line's options, parsed once, and the one parser of each value that needs checking:
// --year, --month, --today, --lead, --time. A bad value is a UsageError saying what was expected.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
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
