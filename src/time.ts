// Calendar helpers. Deadlines are calendar dates in Asia/Shanghai; nothing here reads the clock or the machine's TZ.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = 'Asia/Shanghai';

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
  return dayjs(now).tz(ZONE).format('YYYY-MM-DD');
}

/** The Shanghai wall-clock time of an instant, as HH:mm. */
export function shanghaiTime(now: Date): string {
  return dayjs(now).tz(ZONE).format('HH:mm');
}

/** The instant at which a Shanghai wall-clock date and time occurs. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', ZONE).toDate();
}

/** Made once: building an Intl formatter is slow, using one is fast (pages format many times). */
const SHANGHAI_MINUTE = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "2022-06-10 10:00": the Shanghai date and wall-clock time of an instant. */
export function shanghaiDateTime(now: Date): string {
  const part: Record<string, string> = {};
  for (const p of SHANGHAI_MINUTE.formatToParts(now)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}
