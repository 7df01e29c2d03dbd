// Deadline phrases (全年, 2022年10月底前完成，长期坚持, 本文件印发后30日内, 定期更新 …) to a due date and a kind.
import type { Deadline } from '../model/task.ts';
import { importWarning } from '../texts/ingest.ts';
import { addDays, addWorkingDays, endOfMonth, isoDate, isValidDate } from '../time.ts';
import { chineseNumber } from './numerals.ts';
import { collapseCjkSpaces, halfWidthAlnum } from './text.ts';

export interface DeadlineContext {
  /** The year the plan covers. */
  year: number;
  /** The document's issue date, for 本文件印发后N日内. */
  issuedAt: string | null;
  /** A rule of the notice that binds every task (所有工作任务于12月底前完成). */
  noticeRule?: { due: string; raw: string } | null;
}

export interface FoundDate {
  due: string;
  raw: string;
}

export interface ParsedDeadline {
  deadline: Deadline;
  warning: string | null;
}

const MONTHS_PER_QUARTER = 3;
/** 上旬 ends on the 10th of the month, 中旬 on the 20th (下旬 with the month). */
const EARLY_MONTH_END = 10;
const MID_MONTH_END = 20;

type Rule = {
  re: RegExp;
  /** Returns the due date for a match, or null when the match is not a valid date. */
  due: (m: RegExpExecArray, ctx: DeadlineContext) => string | null;
  /** A year-only or relative phrase counts inline only with its own suffix. */
  inline: 'suffix' | 'self' | 'never';
};

const year = (m: RegExpExecArray, i: number, ctx: DeadlineContext): number => (m[i] ? Number(m[i]) : ctx.year);

const rules: Rule[] = [
  {
    // 2022年6月18日 / 6月15日
    re: /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g,
    due: (m, ctx) => {
      const y = year(m, 1, ctx);
      const mo = Number(m[2]);
      const d = Number(m[3]);
      return isValidDate(y, mo, d) ? isoDate(y, mo, d) : null;
    },
    inline: 'suffix',
  },
  {
    // 2022年10月底 / 7月底 / 9月份 / 6月中旬
    re: /(?:(\d{4})年)?(\d{1,2})月(?!\d{1,2}日)(?:份)?(底|末|中旬|上旬|下旬)?/g,
    due: (m, ctx) => {
      const y = year(m, 1, ctx);
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12) return null;
      if (m[3] === '上旬') return isoDate(y, mo, EARLY_MONTH_END);
      if (m[3] === '中旬') return isoDate(y, mo, MID_MONTH_END);
      return endOfMonth(y, mo);
    },
    inline: 'suffix',
  },
  {
    // 2022年底 / 2022年年底 / 年底 / 年末
    re: /(?:(\d{4})年)?年?(?<=年)(?:底|末)/g,
    due: (m, ctx) => isoDate(year(m, 1, ctx), 12, 31),
    inline: 'suffix',
  },
  {
    // 2022年上半年 / 下半年
    re: /(?:(\d{4})年)?(上|下)半年/g,
    due: (m, ctx) => (m[2] === '上' ? isoDate(year(m, 1, ctx), 6, 30) : isoDate(year(m, 1, ctx), 12, 31)),
    inline: 'suffix',
  },
  {
    // 2022年第三季度
    re: /(?:(\d{4})年)?第([一二三四1-4])季度/g,
    due: (m, ctx) => {
      const q = chineseNumber(m[2] ?? '') ?? 0;
      return endOfMonth(year(m, 1, ctx), q * MONTHS_PER_QUARTER);
    },
    inline: 'suffix',
  },
  {
    // 2023年 / 2023年前 / 2023年内 (a bare year is a deadline only in a deadline cell)
    re: /(\d{4})年(?![\d年月底末上下第])/g,
    due: (m) => isoDate(Number(m[1]), 12, 31),
    inline: 'suffix',
  },
  {
    // 本文件印发后30日内 / 印发之日起10个工作日内
    re: /(?:本(?:文件|通知|方案|实施方案|意见|要点))?印发(?:之日起|后)(\d{1,3})个?(工作日|日|天)内/g,
    due: (m, ctx) => {
      if (!ctx.issuedAt) return null;
      const n = Number(m[1]);
      return m[2] === '工作日' ? addWorkingDays(ctx.issuedAt, n) : addDays(ctx.issuedAt, n);
    },
    inline: 'self',
  },
];

const SUFFIX = /^(?:前|以前|之前)/;

function normalize(text: string): string {
  return collapseCjkSpaces(halfWidthAlnum(text)).replace(/\s+/g, '');
}

/**
 * Concrete dates in a text. In a deadline cell every date phrase counts; inline in a requirement
 * only those that are deadlines (7月底前, 2022年年底以前, 本文件印发后30日内).
 */
export function findDates(text: string, ctx: DeadlineContext, mode: 'cell' | 'inline'): FoundDate[] {
  const t = normalize(text);
  const spans: Array<{ start: number; end: number; found: FoundDate }> = [];
  for (const rule of rules) {
    if (mode === 'inline' && rule.inline === 'never') continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(t); m; m = rule.re.exec(t)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const start = m.index;
      let end = start + m[0].length;
      if (mode === 'inline' && rule.inline === 'suffix') {
        const suffix = SUFFIX.exec(t.slice(end));
        if (!suffix) continue;
        end += suffix[0].length;
      }
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      const due = rule.due(m, ctx);
      if (due) spans.push({ start, end, found: { due, raw: t.slice(start, end) } });
    }
  }
  return spans.sort((a, b) => a.start - b.start).map((s) => s.found);
}

const YEAR_ROUND = /全年|贯穿全年/;
const WITHIN_YEAR = /年内|年度内|本年度/;
const RECURRING = /定期|每年|每季度?|每月|按月|按季度?|按年|每周|每半年|实时|动态更新|随时/;
const ONGOING = /长期坚持|长期|持续推进|持续|常态化|长效/;

function earliest(dates: FoundDate[]): FoundDate | null {
  return dates.reduce<FoundDate | null>((best, d) => (!best || d.due < best.due ? d : best), null);
}

/** A deadline cell that names no date: 全年, 年内, 定期, 长期坚持 … or words nobody can read as a deadline. */
function undatedCell(rawCell: string, written: string, ongoing: boolean, periodEnd: string, ctx: DeadlineContext): ParsedDeadline {
  const base = { raw: written, ongoing, stated: true, source: 'cell' as const, due: periodEnd };
  if (YEAR_ROUND.test(rawCell)) return { deadline: { ...base, kind: 'year-round' }, warning: null };
  if (WITHIN_YEAR.test(rawCell)) return { deadline: { ...base, kind: 'dated' }, warning: null };
  if (RECURRING.test(rawCell)) return { deadline: { ...base, kind: 'recurring', stated: false }, warning: null };
  if (ongoing) return { deadline: { ...base, kind: 'ongoing', stated: false }, warning: null };
  const fromIssue = /印发/.test(rawCell) && !ctx.issuedAt;
  const warning = fromIssue ? importWarning.noIssueDate(written, periodEnd) : importWarning.unknownDeadline(written, periodEnd);
  return { deadline: { ...base, kind: 'none', stated: false }, warning };
}

/**
 * The deadline of one task: its deadline cell (may be null when the layout has none) and its
 * requirement text, read in the context of the document.
 */
export function parseDeadline(cell: string | null, requirement: string, ctx: DeadlineContext): ParsedDeadline {
  const periodEnd = isoDate(ctx.year, 12, 31);
  const rawCell = cell ? normalize(cell) : '';
  // The deadline as written ("2023 年底前"), for quoting; matching uses the normalised form.
  const written = cell ? cell.replace(/\s+/g, ' ').trim() : '';
  const cellDates = rawCell ? findDates(rawCell, ctx, 'cell') : [];
  const inlineDates = findDates(requirement, ctx, 'inline');
  const ongoing = rawCell !== '' && ONGOING.test(rawCell);
  const best = earliest([...cellDates, ...inlineDates]);

  if (best) {
    const fromCell = cellDates.includes(best);
    return {
      deadline: {
        raw: written || best.raw,
        due: best.due,
        kind: 'dated',
        ongoing,
        stated: true,
        source: fromCell ? 'cell' : 'inline',
      },
      warning: null,
    };
  }

  if (rawCell) return undatedCell(rawCell, written, ongoing, periodEnd, ctx);
  if (ctx.noticeRule) {
    return {
      deadline: { raw: ctx.noticeRule.raw, due: ctx.noticeRule.due, kind: 'dated', ongoing: false, stated: false, source: 'notice' },
      warning: null,
    };
  }
  return {
    deadline: { raw: null, due: periodEnd, kind: 'none', ongoing: false, stated: false, source: 'period' },
    warning: null,
  };
}

/** The notice's own rule for every task, e.g. "所有工作任务于12月底前完成". */
export function findNoticeRule(text: string, ctx: Omit<DeadlineContext, 'noticeRule'>): { due: string; raw: string } | null {
  const t = normalize(text);
  const m = /(?:所有|全部|各项)(?:工作)?任务[^。；]{0,8}?于?([^。；，,]{2,14}?(?:前|以前))(?:全部)?完成/.exec(t);
  if (!m?.[1]) return null;
  const dates = findDates(m[1], { ...ctx, noticeRule: null }, 'inline');
  const first = dates[0];
  return first ? { due: first.due, raw: m[0] } : null;
}
