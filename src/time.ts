// Calendar helpers. Deadlines are calendar dates in Asia/Shanghai; nothing here reads the clock or the machine's TZ.
// Shanghai has been UTC+8 without daylight saving since 1991, so its wall clock is plain arithmetic on the
// instant: no time-zone database in the hot path (a message computes today once, in well under a microsecond).
import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

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

/**
 * Whether a day is a working day in China: Monday to Friday unless a public holiday, and the
 * 调休 Saturdays and Sundays worked in lieu. The calendar is the maintained `chinese-days` package
 * (its data ships inside the package); past its last year, Monday to Friday.
 */
export function isWorkingDay(date: string): boolean {
  // The package's own functions read dates in the machine's time zone; its data is by calendar date.
  if (date in calendar.workdays) return true;
  if (date in calendar.holidays) return false;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6;
}

/** A public holiday (国庆节, 春节 …) falling on a day that would otherwise be worked, or a rest day of one. */
export function isPublicHoliday(date: string): boolean {
  const wd = weekday(date);
  return !isWorkingDay(date) && wd !== 0 && wd !== 6;
}

/** Adds working days ("N个工作日内"): public holidays are skipped, 调休 working weekends count. */
export function addWorkingDays(date: string, days: number): string {
  let day = date;
  let left = days;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
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

/** "2022-06-10 10:00": the Shanghai date and wall-clock time of an instant (UTC+8 arithmetic, like the rest). */
export function shanghaiDateTime(now: Date): string {
  return `${shanghaiDate(now)} ${shanghaiTime(now)}`;
}
