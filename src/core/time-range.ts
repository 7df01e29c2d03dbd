// Time phrases in questions ("这个月", "下周", "6月底前", "30天内", "已经逾期的") to a range of due dates.
// Pure: today is an argument.
import { chineseNumber } from '../ingest/numerals.ts';
import { rangeText } from '../texts/chat.ts';
import { addDays, daysInMonth, endOfMonth, isoDate, isValidDate, weekday } from '../time.ts';

/** "快到期的": due within this many days. */
const SOON_DAYS = 14;
const MONTHS_PER_QUARTER = 3;

export interface DueRange {
  /** First due date included, or null for no lower bound. */
  from: string | null;
  /** Last due date included, or null for no upper bound. */
  to: string | null;
  /** How to name the range in a reply: 本月（2022年6月） … */
  label: string;
  /** Overdue: before today and not done. */
  overdue?: boolean;
}

const parts = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];

function monthRange(year: number, month: number, label: string): DueRange {
  return { from: isoDate(year, month, 1), to: endOfMonth(year, month), label: rangeText.month(label, year, month) };
}

function shiftMonth(year: number, month: number, by: number): [number, number] {
  const m = year * 12 + (month - 1) + by;
  return [Math.floor(m / 12), (m % 12) + 1];
}

/** "7月15日前" (from the start of the year), "6月30日" (that day). */
function dayRange(t: string, year: number): DueRange | null {
  const m = /(\d{1,2})月(\d{1,2})[日号](前|以前|之前)?/.exec(t);
  if (!m) return null;
  const [mo, d] = [Number(m[1]), Number(m[2])];
  if (!isValidDate(year, mo, d)) return null;
  const date = isoDate(year, mo, d);
  return m[3] ? { from: isoDate(year, 1, 1), to: date, label: rangeText.byDay(year, mo, d) } : { from: date, to: date, label: rangeText.day(year, mo, d) };
}

/**
 * The range a question asks about, or null when it names no time. `planYear` is the year a month
 * without a year means (the year of the plan the chat looks at).
 */
export function parseTimeRange(text: string, today: string, planYear: number): DueRange | null {
  const t = text.replace(/\s+/g, '').replace(/([一二三四五六七八九十]{1,3})(?=月|天|日|号|个月)/g, (m) => String(chineseNumber(m) ?? m));
  const [y, m] = parts(today);

  if (/逾期|过期|超期|已经到期|已到期|超时|拖期|延误/.test(t)) {
    return { from: null, to: addDays(today, -1), label: rangeText.overdue, overdue: true };
  }
  if (/今天|今日/.test(t)) return { from: today, to: today, label: rangeText.today(today) };
  if (/明天|明日/.test(t)) return { from: addDays(today, 1), to: addDays(today, 1), label: rangeText.tomorrow };

  const monday = addDays(today, -((weekday(today) + 6) % 7));
  if (/本周|这周|这个星期|本星期|这礼拜|本礼拜/.test(t)) return { from: monday, to: addDays(monday, 6), label: rangeText.thisWeek(monday) };
  if (/下周|下个星期|下星期|下礼拜/.test(t)) return { from: addDays(monday, 7), to: addDays(monday, 13), label: rangeText.nextWeek(addDays(monday, 7)) };

  const within = /(?:未来|最近|近|接下来)?(\d{1,3})(?:个工作日|天|日)(?:内|之内|以内)?/.exec(t);
  // "印发后30日内" quotes a task's deadline; it is not a range of dates.
  const quoted = within !== null && /后|起/.test(t.slice(Math.max(0, within.index - 2), within.index));
  if (within && !quoted && /内|未来|最近|近|接下来/.test(t)) {
    const n = Number(within[1]);
    return { from: today, to: addDays(today, n), label: rangeText.withinDays(n) };
  }
  if (/即将到期|快到期|马上到期|临近|快要到期/.test(t)) return { from: today, to: addDays(today, SOON_DAYS), label: rangeText.soon };

  // "月底前要交什么": by the end of this month, from the plan year's start (what is late is listed apart).
  if (/(?:^|这个|本|这)月底前|^月底/.test(t)) return { from: isoDate(planYear, 1, 1), to: endOfMonth(y, m), label: rangeText.byMonthEnd(y, m) };
  if (/这个月|本月|当月|这月/.test(t)) return monthRange(y, m, rangeText.thisMonth);
  if (/下个月|下月/.test(t)) return monthRange(...shiftMonth(y, m, 1), rangeText.nextMonth);
  if (/上个月|上月/.test(t)) return monthRange(...shiftMonth(y, m, -1), rangeText.lastMonth);

  const q = Math.floor((m - 1) / MONTHS_PER_QUARTER);
  if (/本季度|这个季度|这季度|本季/.test(t)) return { from: isoDate(y, q * MONTHS_PER_QUARTER + 1, 1), to: endOfMonth(y, q * MONTHS_PER_QUARTER + MONTHS_PER_QUARTER), label: rangeText.thisQuarter(y, q + 1) };
  if (/下季度|下个季度/.test(t)) {
    const [ny, nm] = shiftMonth(y, q * MONTHS_PER_QUARTER + 1, MONTHS_PER_QUARTER);
    return { from: isoDate(ny, nm, 1), to: endOfMonth(ny, nm + MONTHS_PER_QUARTER - 1), label: rangeText.nextQuarter };
  }

  const explicitYear = /(\d{4})年/.exec(t);
  const year = explicitYear ? Number(explicitYear[1]) : planYear;
  const day = dayRange(t, year);
  if (day) return day;
  const yearEnd = /(?<!月)(?:年底|年末)(前|以前|之前)?/.exec(t);
  if (yearEnd) {
    // "年底前": everything due by the year's end; "2022年底的": due at the year's end (in December).
    if (yearEnd[1]) return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31), label: rangeText.byYearEnd(year) };
    return { from: isoDate(year, 12, 1), to: isoDate(year, 12, 31), label: rangeText.atYearEnd(year) };
  }
  const month = /(\d{1,2})月(份)?(底|末)?(前|以前|之前)?/.exec(t);
  if (month) {
    const mo = Number(month[1]);
    if (mo >= 1 && mo <= 12) {
      if (month[4]) return { from: isoDate(year, 1, 1), to: endOfMonth(year, mo), label: rangeText.byMonthEnd(year, mo) };
      return { from: isoDate(year, mo, 1), to: isoDate(year, mo, daysInMonth(year, mo)), label: rangeText.yearMonth(year, mo) };
    }
  }
  if (/上半年/.test(t)) return { from: isoDate(year, 1, 1), to: isoDate(year, 6, 30), label: rangeText.firstHalf(year) };
  if (/下半年/.test(t)) return { from: isoDate(year, 7, 1), to: isoDate(year, 12, 31), label: rangeText.secondHalf(year) };
  if (/没到期|未到期|还没到期|尚未到期|没有到期/.test(t)) return { from: today, to: null, label: rangeText.notDue };
  if (/今年|本年|年内|本年度/.test(t)) return { from: isoDate(y, 1, 1), to: isoDate(y, 12, 31), label: rangeText.thisYear(y) };
  if (/明年/.test(t)) return { from: isoDate(y + 1, 1, 1), to: isoDate(y + 1, 12, 31), label: rangeText.nextYear(y + 1) };
  if (/去年/.test(t)) return { from: isoDate(y - 1, 1, 1), to: isoDate(y - 1, 12, 31), label: rangeText.lastYear(y - 1) };
  if (explicitYear) return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31), label: rangeText.year(year) };
  return null;
}
