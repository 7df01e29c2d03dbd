// Reads what a message asks: a command, a unit's tasks, what falls due, a detail, a statistic, a
// region switch, or a free question to search. Pure: the catalog, scope and today are arguments.
import type { UnitRole } from '../model/task.ts';
import type { UnitEntry } from '../store/unit-directory.ts';
import type { Catalog } from './catalog.ts';
import { chineseNumber } from '../ingest/numerals.ts';
import { parseTimeRange, type DueRange } from './time-range.ts';

export type ParsedIntent =
  | { kind: 'help' }
  | { kind: 'empty' }
  | { kind: 'more' }
  | { kind: 'related' }
  | { kind: 'detail'; n: number }
  | { kind: 'detail-id'; id: string }
  | { kind: 'region'; name: string }
  | { kind: 'stats'; units: UnitEntry[]; perUnit: boolean; regions: string[] }
  | { kind: 'unit-tasks'; units: UnitEntry[]; role: UnitRole | null; regions: string[] }
  | { kind: 'due'; units: UnitEntry[]; range: DueRange; regions: string[] }
  | { kind: 'search'; query: string; units: UnitEntry[]; regions: string[] }
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
}

const CHITCHAT = /^(?:嗯+|哦+|噢+|好+|好的|好吧|行|可以|收到|谢谢|多谢|感谢|谢了|ok|okay|哈+|呵+|嘿+|在吗|在不在|你好|您好|hi|hello|喂|。+|…+)$/i;
const HELP = /^(?:帮助|菜单|使用说明|说明|功能|怎么用|如何使用|你能做什么|能做什么|你会什么|help|start|\?|？)$/i;
const MORE = /^(?:更多|下一页|下页|继续|再来|后面的|还有吗|more|next)$/i;
const RELATED = /^(?:相关任务|集体任务|其余任务|其他任务|相关)$/;
const DETAIL = /^(?:第\s*([0-9一二三四五六七八九十]{1,3})\s*[条项个]?(?:的)?(?:详情|详细)?|(?:详情|查看|详细)\s*第?\s*([0-9]{1,3})\s*[条项]?|([0-9]{1,3})\s*(?:详情)?)$/;
const TASK_ID = /^\d{4}-[0-9a-f]{8}-\d+$/;
const REGION = /^(?:切换到|切换至|切换|本群绑定|绑定地区|设置地区|设定地区|地区设为|地区|绑定)\s*[:：]?\s*(\S{2,12})$/;
const STATS = /几项|几个|几条|多少|数量|统计|任务数|总数|一共|总共|有几/;
const PER_UNIT = /各单位|各部门|每个单位|哪个单位.*最多|单位排名|排名/;
const UNIT_WORDS = /任务|负责|干什么|做什么|干啥|做啥|职责|哪些|工作|事项|要做|有啥|管什么|清单|分工|安排|活儿/;
const FILLER = /[的了吗呢吧啊呀嘛，。,.!！?？、\s]/g;
const SUBSCRIBE = /^订阅(?:到期)?(?:提醒)?\s*(.*)$/;
const UNSUBSCRIBE = /^(?:取消订阅|退订)(?:提醒)?$/;
const SETTINGS = /^(?:提醒设置|订阅设置|查看订阅|订阅情况)$/;
const LEAD = /^提前\s*([0-9一二三四五六七八九十]{1,3})\s*天(?:提醒)?$/;
const DIGEST_TIME = /^(?:每天|提醒时间(?:改为|设为)?)\s*(\d{1,2})\s*(?:[:：点]\s*(\d{1,2})?)?\s*分?(?:提醒|推送)?$/;
const BIND = /^绑定\s*(.+)$/;
const MARK = /^(签收|进展|完成|撤销完成)\s*第?\s*(\d{4}-[0-9a-f]{8}-\d+|\d{1,3}(?!\d))\s*条?\s*(.*)$/s;
/** "提前几天提醒" with a number that does not parse keeps the default first reminder. */
const DEFAULT_LEAD = 7;
const MARK_ACTION = { 签收: 'sign', 进展: 'progress', 完成: 'done', 撤销完成: 'undone' } as const;
const EXPORT = /^导出(?:台账)?$/;
const SIGN_IN = /^(?:登录|登陆)(?:网页)?台账$|^(?:台账|网页台账)(?:登录|登陆)$/;
const COMPLETION = /完成情况|完成率|完成进度/;
const DONE_THIS_MONTH = /(?:本月|这个月|这月).*(?:完成了|已完成|完成的|已经完成)/;

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
  if (CHITCHAT.test(text)) return { kind: 'fallback' };
  if (MORE.test(text)) return { kind: 'more' };
  if (SIGN_IN.test(text)) return { kind: 'sign-in' };
  if (RELATED.test(text)) return { kind: 'related' };
  if (TASK_ID.test(text)) return { kind: 'detail-id', id: text };
  const detail = DETAIL.exec(text.replace(/\s+/g, ''));
  const n = detail ? chineseNumber(detail[1] ?? detail[2] ?? detail[3] ?? '') : null;
  if (n) return { kind: 'detail', n };
  const mark = MARK.exec(text);
  if (mark) return { kind: 'mark', action: MARK_ACTION[mark[1] as keyof typeof MARK_ACTION], ref: mark[2] ?? '', note: mark[3] ?? '' };
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

/** A question: the regions and units it names, then what it asks of them. */
function questionIntent(text: string, ctx: IntentContext): ParsedIntent {
  let rest = text.replace(/\s+/g, '');
  const named = ctx.catalog.regionsIn(rest);
  const regions = named.length ? [...new Set(named.map((r) => r.value))] : [...ctx.defaultRegions];
  for (const r of named) rest = rest.replace(r.surface, '');
  if (EXPORT.test(rest)) return { kind: 'export', regions: named.map((r) => r.value) };
  const spotted = ctx.catalog.unitsIn(rest, regions);
  const units = [...new Set(spotted.flatMap((s) => s.value))];
  for (const s of spotted) rest = rest.replace(s.surface, '');

  const subscribe = SUBSCRIBE.exec(text);
  if (subscribe) {
    const leftover = rest.replace(/^订阅(?:到期)?(?:提醒)?/, '').replace(FILLER, '');
    return { kind: 'subscribe', regions: named.map((r) => r.value), units, unknown: leftover && !units.length ? [leftover] : [] };
  }
  if (BIND.test(text) && units.length) return { kind: 'bind', units };
  if (COMPLETION.test(rest)) return { kind: 'completion', regions, units };
  if (DONE_THIS_MONTH.test(rest)) return { kind: 'done-this-month', regions, units };
  if (STATS.test(rest)) return { kind: 'stats', units, perUnit: !units.length && PER_UNIT.test(text), regions };
  const range = parseTimeRange(rest, ctx.today, ctx.planYear(regions));
  if (range) return { kind: 'due', units, range, regions };

  const role: UnitRole | null = /牵头/.test(rest) ? 'lead' : /配合|协助|协办/.test(rest) ? 'cooperating' : null;
  const leftover = rest.replace(FILLER, '').replace(/牵头|配合|协助|协办|单位|部门/g, '');
  if (units.length && (!leftover || UNIT_WORDS.test(leftover))) return { kind: 'unit-tasks', units, role, regions };
  if (leftover) return { kind: 'search', query: rest, units, regions };
  if (units.length) return { kind: 'unit-tasks', units, role, regions };
  if (named.length) return { kind: 'stats', units: [], perUnit: false, regions };
  return { kind: 'fallback' };
}

export function parseIntent(raw: string, ctx: IntentContext): ParsedIntent {
  const text = normalizeMessage(raw);
  if (!text) return { kind: 'empty' };
  return commandIntent(text, ctx) ?? questionIntent(text, ctx);
}
