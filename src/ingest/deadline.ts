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
/** The longest suffix SUFFIX can match: look no further than this past a date (keeps the scan linear). */
const SUFFIX_MAX = 2;

function normalize(text: string): string {
  return collapseCjkSpaces(halfWidthAlnum(text)).replace(/\s+/g, '');
}

interface DateSpan {
  start: number;
  end: number;
  found: FoundDate;
}

/** Date phrases in normalised text with their places, in text order. */
function dateSpans(t: string, ctx: DeadlineContext, mode: 'cell' | 'inline'): DateSpan[] {
  const spans: DateSpan[] = [];
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
        const suffix = SUFFIX.exec(t.slice(end, end + SUFFIX_MAX));
        if (!suffix) continue;
        end += suffix[0].length;
      }
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      const due = rule.due(m, ctx);
      if (due) spans.push({ start, end, found: { due, raw: t.slice(start, end) } });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Concrete dates in a text. In a deadline cell every date phrase counts; inline in a requirement
 * only those that are deadlines (7月底前, 2022年年底以前, 本文件印发后30日内).
 */
export function findDates(text: string, ctx: DeadlineContext, mode: 'cell' | 'inline'): FoundDate[] {
  return dateSpans(normalize(text), ctx, mode).map((s) => s.found);
}

/** Punctuation that ends one stage of a deadline and starts the next. */
const CLAUSE_BREAK = /[，,；;。！!？?\n]/;
/** What stands between the two ends of a period ("1月至6月", "3月—12月"): one stage ending at the later. */
const RANGE_JOIN = /^(?:至|到|—+|–|－|-|~|～)$/;
/** Words saying a stage is the completion of the whole task. */
const COMPLETION = /完成|完毕|全面|全部|办结|到位|收尾/;
const STAGE_TRIM = /^[、和及与或]+|[、和及与或]+$/g;

/** A date phrase with the words of its stage ("2021年8月公布上年度决算信息"). */
interface Stage {
  date: string;
  text: string;
  /** The date phrase alone ("7月底前"). */
  phrase: string;
  /** The words say this is when the whole task is done. */
  completes: boolean;
  fromCell: boolean;
}

/** The stages of one normalised text: each date with the words around it up to the next date or clause break. */
function stagesOf(t: string, spans: readonly DateSpan[], fromCell: boolean): Stage[] {
  const merged: DateSpan[] = [];
  for (const span of spans) {
    const prev = merged[merged.length - 1];
    if (prev && RANGE_JOIN.test(t.slice(prev.end, span.start))) merged[merged.length - 1] = { ...span, start: prev.start };
    else merged.push(span);
  }
  return merged.map((span, i) => {
    const prevEnd = merged[i - 1]?.end ?? 0;
    const nextStart = merged[i + 1]?.start ?? t.length;
    let from = span.start;
    while (from > prevEnd && !CLAUSE_BREAK.test(t[from - 1] ?? '')) from--;
    let to = span.end;
    while (to < nextStart && !CLAUSE_BREAK.test(t[to] ?? '')) to++;
    const text = t.slice(from, to).replace(STAGE_TRIM, '');
    const words = t.slice(from, span.start) + t.slice(span.end, to);
    return { date: span.found.due, text, phrase: span.found.raw, completes: COMPLETION.test(words), fromCell };
  });
}

/** The stage that completes the task: the latest of those worded as completion, else the latest. */
function completionOf(stages: readonly Stage[]): Stage | null {
  const worded = stages.filter((s) => s.completes);
  const pool = worded.length ? worded : stages;
  return pool.reduce<Stage | null>((best, s) => (!best || s.date > best.date ? s : best), null);
}

/** Stages of the cell and of the requirement, one per date (the cell's words first), in date order. */
function distinctStages(stages: readonly Stage[]): Stage[] {
  const byDate = new Map<string, Stage>();
  for (const s of stages) if (!byDate.has(s.date)) byDate.set(s.date, s);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const YEAR_ROUND = /全年|贯穿全年/;
const WITHIN_YEAR = /年内|年度内|本年度/;
const RECURRING = /定期|每年|每季度?|每月|按月|按季度?|按年|每周|每半年|实时|动态更新|随时/;
const ONGOING = /长期坚持|长期|持续推进|持续|常态化|长效/;

/** A deadline cell that names no date: 全年, 年内, 定期, 长期坚持 … or words nobody can read as a deadline. */
function undatedCell(rawCell: string, written: string, ongoing: boolean, periodEnd: string, ctx: DeadlineContext): ParsedDeadline {
  const base = { raw: written, ongoing, stated: true, source: 'cell' as const, due: periodEnd, milestones: [] };
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
  const cellStages = rawCell ? stagesOf(rawCell, dateSpans(rawCell, ctx, 'cell'), true) : [];
  const req = normalize(requirement);
  const inlineStages = stagesOf(req, dateSpans(req, ctx, 'inline'), false);
  const ongoing = rawCell !== '' && ONGOING.test(rawCell);
  // The cell is the deadline when it names a date; dates in the requirement are stages before it.
  const completion = completionOf(cellStages.length ? cellStages : inlineStages);

  if (completion) {
    const stages = distinctStages([...cellStages, ...inlineStages]);
    return {
      deadline: {
        raw: written || completion.phrase,
        due: completion.date,
        kind: 'dated',
        ongoing,
        stated: true,
        source: completion.fromCell ? 'cell' : 'inline',
        milestones: stages.length > 1 ? stages.map((s) => ({ date: s.date, text: s.text })) : [],
      },
      warning: null,
    };
  }

  if (rawCell) return undatedCell(rawCell, written, ongoing, periodEnd, ctx);
  if (ctx.noticeRule) {
    return {
      deadline: { raw: ctx.noticeRule.raw, due: ctx.noticeRule.due, kind: 'dated', ongoing: false, stated: false, source: 'notice', milestones: [] },
      warning: null,
    };
  }
  return {
    deadline: { raw: null, due: periodEnd, kind: 'none', ongoing: false, stated: false, source: 'period', milestones: [] },
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
