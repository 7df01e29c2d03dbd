// Short follow-ups, read against the frame of the chat's last question: "台儿庄的呢" asks the same of
// 台儿庄区, "几项" counts the last list, "那民政局呢" swaps the unit, "下个月呢" the time, "找哪个部门" asks
// who answers the last question, "一个月能领多少钱" keeps its topic (低保). Pure.
import type { Catalog } from './catalog.ts';
import type { Frame } from './sessions.ts';
import { asksDaysLeft, asksWhen, asksWho, outOfScope, topicOf } from './asks.ts';
import { parseTimeRange } from './time-range.ts';

export type { Frame };

/** The question to read instead (with the regions it is about), or an answer about the last list. */
export type FollowUp = { question: string; regions?: string[] } | { intent: { kind: 'list-units' } | { kind: 'list-deadlines' } };

interface FollowUpContext {
  catalog: Catalog;
  today: string;
  planYear: (regions: readonly string[]) => number;
}

const LEAD_IN = /^(?:那么|那|还有|再问|另外|换成)/;
const TAIL = /(?:的情况|情况|怎么样|咋样|如何|的|呢|呀|吧|么|嘛|啊)+$/;
const COUNT_ONLY = /^(?:一共|总共|共|那|这)?(?:有)?(?:几项|几条|几个|多少项|多少条|多少个|多少)(?:任务)?$/;
/** Longer messages are questions of their own, unless they start with 那 or end with 呢. */
const SHORT = 12;
/** A new topic alone, after a resident's question ("医保的呢"). */
const TOPIC_ONLY = 6;
const LIST_KINDS = new Set(['unit-tasks', 'unit-unknown', 'due', 'stats']);
/** "配合的呢" after "住建局牵头的任务": the same unit in another role. */
const ROLE_ONLY = /^(牵头|配合|协助|责任)(?:的|单位|的任务)?$/;

export function followUp(text: string, frame: Frame, ctx: FollowUpContext): FollowUp | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length > SHORT && !/^那/.test(compact) && !/呢$/.test(compact)) return null;
  const found = ctx.catalog.regionsIn(compact);
  const named = [...new Set(found.map((r) => r.value))];
  const regions = named.length ? named : frame.regions;
  const bare = found.reduce((t, r) => t.replace(r.surface, ''), compact);
  const core = bare.replace(LEAD_IN, '').replace(TAIL, '');
  if (!core) return named.length ? { question: frame.text, regions } : null;
  if (COUNT_ONLY.test(core) && LIST_KINDS.has(frame.kind)) return { question: `${frame.text}几项`, regions };
  const asked = topicOf(core.replace(/还有|跟它|和它|一起|其他|别的/g, ''));
  if (asksWho(core) && !asked) {
    if (frame.kind === 'unit-tasks' || frame.kind === 'due') return { intent: { kind: 'list-units' } };
    if (frame.kind === 'search') return { question: frame.text, regions };
  }
  const role = ROLE_ONLY.exec(core)?.[1];
  if (role && frame.kind === 'unit-tasks') {
    const swapped = frame.text.replace(/牵头|配合|协助|责任/, role);
    return { question: swapped !== frame.text ? swapped : `${frame.unitText ?? ''}${role}的任务`, regions };
  }
  if ((asksWhen(core) || asksDaysLeft(core) || /到期|截止/.test(core)) && !asked) {
    if (frame.kind === 'unit-tasks') return { intent: { kind: 'list-deadlines' } };
    if (frame.topic) return { question: `${frame.topic}${core}`, regions };
  }
  return unitSwap(core, frame, regions, ctx) ?? rest(core, frame, regions, ctx);
}

/** "那民政局呢": the same question of another unit. */
function unitSwap(core: string, frame: Frame, regions: string[], ctx: FollowUpContext): FollowUp | null {
  const reading = ctx.catalog.readUnits(core, regions);
  const found = reading.units.length + reading.standIns.length + reading.unresolved.length;
  if (!found || reading.rest.replace(/[还也的就]/g, '')) return null;
  if (!LIST_KINDS.has(frame.kind)) return { question: core, regions };
  return { question: frame.unitText ? frame.text.replace(frame.unitText, core) : `${core}${frame.text}`, regions };
}

/** "下个月呢" keeps the unit; "一个月能领多少钱" keeps the topic; "医保的呢" asks the last question of a new topic. */
function rest(core: string, frame: Frame, regions: string[], ctx: FollowUpContext): FollowUp | null {
  if (parseTimeRange(core, ctx.today, ctx.planYear(regions)) && !topicOf(core).replace(/[\d一二三四五六七八九十]+|月|年|底|前|周|天|季度|这|下|上|本|个/g, '')) {
    return { question: `${frame.unitText ?? ''}${core}`, regions };
  }
  if (outOfScope(core) && frame.topic) return { question: `${frame.topic}${core}`, regions };
  if ((frame.kind === 'search' || frame.kind === 'out-of-scope') && Array.from(core).length <= TOPIC_ONLY) return { question: core, regions };
  return null;
}
