// Calendar helpers. Deadlines are calendar dates in Asia/Shanghai; nothing here reads the clock or the machine's TZ.
// Shanghai has been UTC+8 without daylight saving since 1991, so its wall clock is plain arithmetic on the
// instant: no time-zone database in the hot path (a message computes today once, in well under a microsecond).

export const ZONE = 'Asia/Shanghai';
/** Asia/Shanghai's offset from UTC: eight hours, all year (no DST since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number): string => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function endOfMonth(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month));
}

function parseIso(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function formatUtc(date: Date): string {
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(date: string, days: number): string {
  const d = parseIso(date);
  d.setUTCDate(d.getUTCDate() + days);
  return formatUtc(d);
}

/** Adds working days (Monday to Friday); public holidays are not known here and are not skipped. */
export function addWorkingDays(date: string, days: number): string {
  const d = parseIso(date);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return formatUtc(d);
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekday(date: string): number {
  return parseIso(date).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIso(to).getTime() - parseIso(from).getTime()) / 86_400_000);
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(now: Date): string {
  return formatUtc(new Date(now.getTime() + SHANGHAI_OFFSET_MS));
}

/** The Shanghai wall-clock time of an instant, as HH:mm. */
export function shanghaiTime(now: Date): string {
  const wall = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** The instant at which a Shanghai wall-clock date and time ("HH:mm") occurs. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(parseIso(date).getTime() + (hours * 60 + minutes) * 60_000 - SHANGHAI_OFFSET_MS);
}
