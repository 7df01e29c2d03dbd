// Reads what a message asks: a command (said exactly), a unit's tasks (or how many), what falls due, one
// task's deadline, a statistic, a free question to search, something the documents do not hold, or a
// change no chat may make. A short follow-up ("台儿庄的呢", "几项", "那民政局呢") is read against the
// frame of the chat's last question (follow-up.ts). Pure: the catalog, scope, frame and today are arguments.
import type { UnitRole } from '../model/task.ts';
import type { UnitEntry } from '../store/unit-directory.ts';
import type { Catalog, StandIn } from './catalog.ts';
import { chineseNumber } from '../ingest/numerals.ts';
import { parseTimeRange, type DueRange } from './time-range.ts';
import { asksCount, asksDaysLeft, asksRefused, asksWhen, asksWho, isEnglish, outOfScope, topicOf } from './asks.ts';
import { type Frame, followUp } from './follow-up.ts';

export type ParsedIntent =
  | { kind: 'help' }
  | { kind: 'empty' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'english' }
  | { kind: 'refuse' }
  | { kind: 'more' }
  | { kind: 'related' }
  | { kind: 'detail'; n: number }
  | { kind: 'detail-id'; id: string }
  | { kind: 'region'; name: string }
  | { kind: 'stats'; units: UnitEntry[]; perUnit: boolean; regions: string[] }
  | { kind: 'unit-tasks'; units: UnitEntry[]; role: UnitRole | null; regions: string[]; count?: boolean; standIns?: StandIn[]; year?: number }
  | { kind: 'unit-unknown'; asked: string; suggestions: UnitEntry[]; regions: string[] }
  | { kind: 'no-plan'; year: number; regions: string[] }
  | { kind: 'due'; units: UnitEntry[]; range: DueRange; regions: string[]; count?: boolean }
  | { kind: 'deadline-of'; query: string; units: UnitEntry[]; regions: string[]; daysLeft: boolean }
  | { kind: 'list-units' }
  | { kind: 'list-deadlines' }
  | { kind: 'out-of-scope'; query: string; units: UnitEntry[]; regions: string[] }
  | { kind: 'search'; query: string; units: UnitEntry[]; regions: string[]; who?: boolean }
  | { kind: 'subscribe'; regions: string[]; units: UnitEntry[]; unknown: string[] }
  | { kind: 'unsubscribe' }
  | { kind: 'settings' }
  | { kind: 'lead-days'; days: number }
  | { kind: 'digest-time'; hour: number; minute: number }
  | { kind: 'bind'; units: UnitEntry[] }
  | { kind: 'mark'; action: 'sign' | 'progress' | 'done' | 'undone'; ref: string; note: string }
  | { kind: 'completion'; regions: string[]; units: UnitEntry[] }
  | { kind: 'done-this-month'; regions: string[]; units: UnitEntry[] }
  | { kind: 'export'; regions: string[] }
  | { kind: 'sign-in' }
  | { kind: 'fallback' };

export interface IntentContext {
  catalog: Catalog;
  /** Regions to look in when the message names none: the chat's binding, or every region. */
  defaultRegions: readonly string[];
  today: string;
  /** The year a month without a year means, for the given regions. */
  planYear: (regions: readonly string[]) => number;
  /** The plan years a region has. */
  years?: (region: string) => ReadonlySet<number>;
  /** The chat's last question, for follow-ups. */
  frame?: Frame;
}

const GREETING = /^(?:你好|您好|hi|hello|hey|喂|在吗|在不在|在么|早上好|上午好|下午好|晚上好|你是谁|你是干什么的|你好呀|哈喽)$/i;
const CHITCHAT = /^(?:嗯+|哦+|噢+|好+|好的|好吧|行|可以|收到|ok|okay|哈+|呵+|嘿+|。+|…+)$/i;
const THANKS = /^(?:谢谢|多谢|感谢|谢了|谢谢你|辛苦了|thanks?|thank you)[!！~～。]*$/i;
const HELP = /^(?:帮助|菜单|使用说明|说明|功能|怎么用|如何使用|你能做什么|能做什么|你会什么|help|start|\?|？)$/i;
const MORE = /^(?:更多|下一页|下页|继续|再来|后面的|还有吗|more|next)$/i;
const RELATED = /^(?:相关任务|集体任务|其余任务|其他任务|相关)$/;
const DETAIL = /^(?:第\s*([0-9一二三四五六七八九十]{1,3})\s*[条项个]?(?:的)?(?:详情|详细)?|(?:详情|查看|详细)\s*第?\s*([0-9]{1,3})\s*[条项]?|([0-9]{1,3})\s*(?:详情)?)$/;
const TASK_ID = /^\d{4}-[0-9a-f]{8}-\d+$/;
const REGION = /^(?:切换到|切换至|切换|本群绑定|绑定地区|设置地区|设定地区|地区设为|地区|绑定)\s*[:：]?\s*(\S{2,12})$/;
const PER_UNIT = /各单位|各部门|每个单位|哪个单位.*最多|单位排名|排名|(?:几个|多少个)(?:部门|单位)|(?:部门|单位)有(?:几个|多少个?)$/;
const UNIT_WORDS = /任务|负责|干什么|做什么|干啥|做啥|职责|哪些|哪写|工作|事项|要做|有啥|有什么|管什么|管啥|清单|分工|安排|活|点名|牵头|配合|几项|多少/;
const FILLER = /[的了吗呢吧啊呀嘛么啥什么，。,.!！?？、\s]/g;
const SUBSCRIBE = /^订阅(?:到期)?(?:提醒)?\s*(.*)$/;
const UNSUBSCRIBE = /^(?:取消订阅|退订)(?:提醒)?$/;
const SETTINGS = /^(?:提醒设置|订阅设置|查看订阅|订阅情况)$/;
const LEAD = /^提前\s*([0-9一二三四五六七八九十]{1,3})\s*天(?:提醒)?$/;
const DIGEST_TIME = /^(?:每天|提醒时间(?:改为|设为)?)\s*(\d{1,2})\s*(?:[:：点]\s*(\d{1,2})?)?\s*分?(?:提醒|推送)?$/;
const BIND = /^绑定\s*(.+)$/;
/**
 * A ledger mark, anchored: the verb, the number (or task id) as the whole argument, and after
 * whitespace an optional note ("完成 3", "完成3", "进展 3 已在网站发布"); "完成3项了吗" is no mark.
 */
const MARK = /^(签收|进展|完成|撤销完成)\s*第?\s*(\d{4}-[0-9a-f]{8}-\d+|\d{1,3})\s*条?(?:\s+(.*)|([:：])(.*))?$/s;
/** "提前几天提醒" with a number that does not parse keeps the default first reminder. */
const DEFAULT_LEAD = 7;
const MARK_ACTION = { 签收: 'sign', 进展: 'progress', 完成: 'done', 撤销完成: 'undone' } as const;
const EXPORT = /^导出(?:台账)?$/;
const SIGN_IN = /^(?:登录|登陆)(?:网页)?台账$|^(?:台账|网页台账)(?:登录|登陆)$/;
/** The ledger's completion: 完成情况, 完成率, 已经完成了几项 — not 年底前要完成几项 (what falls due). */
const COMPLETION = /完成情况|完成率|完成进度|(?:都|全部|全都)完成了(?:吗|没|么)|(?:已经?|了)完成了?(?:几项|多少)|完成了(?:几项|多少)|完成\d+项了/;
/** "本月完成了哪些" — not "这个月底前必须完成的" (what falls due). */
const DONE_THIS_MONTH = /(?:本月|这个月|这月)(?!底)[^前]*(?:完成了|已完成|完成的|已经完成)/;
const MUST_DO = /必须|需要|要完成|应完成|底前/;
/** A plan year named on its own ("2022年民政局的任务"), not a date range ("2022年6月底前"). */
const PLAN_YEAR = /(20\d{2})\s*年(?:度)?(?![\d一二三四五六七八九十]{1,2}月|底|末|上半年|下半年|前|内|到期)(?:的)?/;

/** Telegram-style slash commands, on any platform. */
function slashCommand(text: string): string {
  const m = /^\/(\w+)(?:@\w+)?\s*(.*)$/s.exec(text);
  if (!m) return text;
  const [, command, rest = ''] = m;
  switch (command?.toLowerCase()) {
    case 'help':
    case 'start':
      return '帮助';
    case 'tasks':
      return rest ? `${rest}有哪些任务` : '帮助';
    case 'due':
      return rest ? `${rest}到期` : '这个月有什么到期';
    case 'more':
      return '更多';
    case 'detail':
      return `第${rest}条`;
    case 'region':
      return `切换到${rest}`;
    case 'stats':
      return rest ? `${rest}有几项任务` : '各单位任务数';
    case 'login':
      return '登录台账';
    case 'ask':
    default:
      return rest;
  }
}

export function normalizeMessage(text: string): string {
  return slashCommand(
    text
      .normalize('NFKC')
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028-\u202e\ufeff]/g, '')
      .replace(/@\S+\s?/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
    .replace(/[。.!！?？~～]+$/u, '')
    .trim();
}

/** Commands said exactly: help, paging, details, ledger marks, reminder settings, a region switch. */
function commandIntent(text: string, ctx: IntentContext): ParsedIntent | null {
  if (HELP.test(text)) return { kind: 'help' };
  if (GREETING.test(text.replace(/[!！~～,，]/g, ''))) return { kind: 'greeting' };
  if (THANKS.test(text)) return { kind: 'thanks' };
  if (CHITCHAT.test(text)) return { kind: 'fallback' };
  if (MORE.test(text)) return { kind: 'more' };
  if (SIGN_IN.test(text)) return { kind: 'sign-in' };
  if (RELATED.test(text)) return { kind: 'related' };
  if (TASK_ID.test(text)) return { kind: 'detail-id', id: text };
  const detail = DETAIL.exec(text.replace(/\s+/g, ''));
  const n = detail ? chineseNumber(detail[1] ?? detail[2] ?? detail[3] ?? '') : null;
  if (n) return { kind: 'detail', n };
  const mark = MARK.exec(text);
  const action = mark ? MARK_ACTION[mark[1] as keyof typeof MARK_ACTION] : null;
  // A colon may introduce a progress note ("进展 3：已发布"); other marks take the number alone.
  if (mark && action && (!mark[4] || action === 'progress')) return { kind: 'mark', action, ref: mark[2] ?? '', note: (mark[3] ?? mark[5] ?? '').trim() };
  if (UNSUBSCRIBE.test(text)) return { kind: 'unsubscribe' };
  if (SETTINGS.test(text)) return { kind: 'settings' };
  const lead = LEAD.exec(text);
  if (lead) return { kind: 'lead-days', days: chineseNumber(lead[1] ?? '') ?? DEFAULT_LEAD };
  const time = DIGEST_TIME.exec(text);
  if (time) return { kind: 'digest-time', hour: Number(time[1]), minute: Number(time[2] ?? 0) };
  const regionSwitch = REGION.exec(text);
  if (regionSwitch?.[1] && (ctx.catalog.region(regionSwitch[1]) || /[县区市]$/.test(regionSwitch[1]))) {
    return { kind: 'region', name: regionSwitch[1] };
  }
  return null;
}

/** What was asked of the units a question names: their tasks, how many, by role, or an unknown unit. */
function unitIntent(rest: string, units: UnitEntry[], standIns: StandIn[], regions: string[], year: number | undefined): ParsedIntent | null {
  const role: UnitRole | null = /牵头/.test(rest) ? 'lead' : /配合|协助|协办/.test(rest) ? 'cooperating' : null;
  const leftover = rest.replace(FILLER, '').replace(/牵头|配合|协助|协办|单位|部门/g, '');
  if (!units.length && !standIns.length) return null;
  if (leftover && !UNIT_WORDS.test(rest) && !asksCount(rest)) return null;
  const all = [...units, ...standIns.map((s) => s.unit).filter((u) => !units.includes(u))];
  // "教育局和卫健局各有几项": a count for each unit.
  if (asksCount(rest) && new Set(all.map((u) => u.key)).size > 1) return { kind: 'stats', units: all, perUnit: false, regions };
  return { kind: 'unit-tasks', units: all, role, regions, count: asksCount(rest), ...(standIns.length ? { standIns } : {}), ...(year ? { year } : {}) };
}

interface Scope {
  named: string[];
  regions: string[];
  rest: string;
  year: number | undefined;
}

/** The regions a question names (else the chat's), and a plan year it names on its own. */
function scopeOf(text: string, ctx: IntentContext): Scope {
  let rest = text.replace(/\s+/g, '');
  const found = ctx.catalog.regionsIn(rest);
  const named = [...new Set(found.map((r) => r.value))];
  for (const r of found) rest = rest.replace(r.surface, '');
  const yearMatch = PLAN_YEAR.exec(rest);
  const year = yearMatch && !/到期|截止|逾期/.test(rest) ? Number(yearMatch[1]) : undefined;
  if (year) rest = rest.replace(yearMatch?.[0] ?? '', '');
  return { named, regions: named.length ? named : [...ctx.defaultRegions], rest, year };
}

/** Ledger questions, subscriptions and bindings, read once units are known. */
function deskIntent(text: string, rest: string, scope: Scope, units: UnitEntry[]): ParsedIntent | null {
  if (EXPORT.test(rest)) return { kind: 'export', regions: scope.named };
  // "订阅提醒", "订阅 民政局", "订阅民政局" — not "订阅号文章已发" (a word that merely starts so).
  const subscribe = SUBSCRIBE.exec(text);
  const leftover = rest.replace(/^订阅(?:到期)?(?:提醒)?/, '').replace(FILLER, '');
  if (subscribe && (!leftover || /^订阅\s/.test(text) || units.length)) {
    return { kind: 'subscribe', regions: scope.named, units, unknown: leftover && !units.length ? [leftover] : [] };
  }
  if (BIND.test(text) && units.length) return { kind: 'bind', units };
  if (COMPLETION.test(rest)) return { kind: 'completion', regions: scope.regions, units };
  if (DONE_THIS_MONTH.test(rest) && !MUST_DO.test(rest)) return { kind: 'done-this-month', regions: scope.regions, units };
  return null;
}

/** A question about time: one task's deadline, the days left, or what falls due in a range. */
function timeIntent(rest: string, units: UnitEntry[], regions: string[], ctx: IntentContext): ParsedIntent | null {
  // "今年一共多少任务" counts the year's plan; "今年到期几项" counts what falls due.
  const planCount = asksCount(rest) && /今年|本年|本年度|明年|去年/.test(rest) && !/到期|截止|完成|逾期|月|周|季/.test(rest);
  const range = planCount ? null : parseTimeRange(rest, ctx.today, ctx.planYear(regions));
  if (asksDaysLeft(rest) || (!range && asksWhen(rest) && !asksCount(rest) && topicOf(rest))) {
    return { kind: 'deadline-of', query: rest, units, regions, daysLeft: asksDaysLeft(rest) };
  }
  return range ? { kind: 'due', units, range, regions, count: asksCount(rest) } : null;
}

/** A question: the regions and units it names, then what it asks of them. */
function questionIntent(text: string, ctx: IntentContext): ParsedIntent {
  const scope = scopeOf(text, ctx);
  const { regions } = scope;
  const reading = ctx.catalog.readUnits(scope.rest, regions);
  const units = reading.units;
  const rest = reading.rest;
  const desk = deskIntent(text, rest, scope, units);
  if (desk) return desk;
  if (outOfScope(rest) || outOfScope(scope.rest)) return { kind: 'out-of-scope', query: scope.rest, units, regions };
  if (scope.year && ctx.years && regions.every((r) => !ctx.years?.(r).has(scope.year as number))) return { kind: 'no-plan', year: scope.year, regions };
  const time = timeIntent(rest, units, regions, ctx);
  if (time) return time;
  const unit = unitIntent(rest, units, reading.standIns, regions, scope.year);
  if (unit) return unit;
  const unknown = reading.unresolved[0];
  const leftover = rest.replace(FILLER, '');
  if (unknown && (!leftover || UNIT_WORDS.test(leftover))) return { kind: 'unit-unknown', asked: unknown.asked, suggestions: unknown.suggestions, regions };
  if (!units.length) {
    const word = ctx.catalog.unitWordIn(rest, regions);
    const after = word ? rest.replace(word.word, '').replace(FILLER, '') : '';
    if (word && (!after || UNIT_WORDS.test(after) || asksCount(after))) {
      return word.units.length ? (unitIntent(rest.replace(word.word, ''), word.units, [], regions, scope.year) ?? { kind: 'unit-tasks', units: word.units, role: null, regions }) : { kind: 'unit-unknown', asked: word.word, suggestions: word.suggestions, regions };
    }
  }
  if (asksCount(rest) || (!units.length && PER_UNIT.test(text))) return { kind: 'stats', units, perUnit: !units.length && PER_UNIT.test(text), regions };
  // The search keeps the unit names: in a resident's question they are part of what is asked (档案馆能查政府文件吗).
  if (leftover) return { kind: 'search', query: scope.rest, units, regions, ...(asksWho(rest) ? { who: true } : {}) };
  if (scope.named.length || scope.year) return { kind: 'stats', units: [], perUnit: false, regions };
  return { kind: 'fallback' };
}

export function parseIntent(raw: string, ctx: IntentContext): ParsedIntent {
  return readMessage(raw, ctx).intent;
}

/** The intent of a message, and the frame a follow-up to it is read against. */
export function readMessage(raw: string, ctx: IntentContext): { intent: ParsedIntent; frame?: Frame } {
  const text = normalizeMessage(raw);
  if (!text) return { intent: { kind: 'empty' } };
  const command = commandIntent(text, ctx);
  if (command) return { intent: command };
  if (isEnglish(text)) return { intent: { kind: 'english' } };
  if (asksRefused(text)) return { intent: { kind: 'refuse' } };
  const follow = ctx.frame ? followUp(text, ctx.frame, ctx) : null;
  if (follow && 'intent' in follow) return { intent: follow.intent, frame: ctx.frame };
  const question = follow?.question ?? text;
  const scoped = follow?.regions ? { ...ctx, defaultRegions: follow.regions } : ctx;
  const intent = questionIntent(question, scoped);
  return { intent, frame: frameOf(question, intent, scoped) };
}

/** What a follow-up reads the next message against: the question without its region, and where it looked. */
function frameOf(question: string, intent: ParsedIntent, ctx: IntentContext): Frame | undefined {
  if (!('regions' in intent)) return undefined;
  const text = question.replace(/\s+/g, '');
  const bare = ctx.catalog.regionsIn(text).reduce((t, r) => t.replace(r.surface, ''), text);
  const unitText = 'units' in intent && intent.units.length ? ctx.catalog.unitsIn(bare, intent.regions)[0]?.surface : undefined;
  const asked = intent.kind === 'unit-tasks' && intent.standIns?.[0] ? intent.standIns[0].asked : intent.kind === 'unit-unknown' ? intent.asked : unitText;
  return { kind: intent.kind, text: bare, regions: [...intent.regions], ...(asked ? { unitText: asked } : {}), topic: topicOf(bare) };
}
