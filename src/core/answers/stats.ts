// "各单位任务数", "民政局有几项任务", "今年一共多少任务".
import type { UnitEntry } from '../../store/unit-directory.ts';
import { chatText } from '../../texts/chat.ts';
import { firstLinesPage } from '../listing.ts';
import { type Answer, type AnswerContext, planYear, say, scopeLabel } from './context.ts';
import { collectUnitTasks } from './unit-tasks.ts';

/** Per-unit tables for more regions than this would flood a chat. */
const MAX_REGIONS = 3;

export function answerStats(ctx: AnswerContext, units: UnitEntry[], perUnit: boolean, regions: string[]): Answer {
  const index = ctx.knowledge.index;
  if (units.length) {
    // One line per unit asked about ("教育局和卫健局各有几项").
    const lines = units.map((unit) => {
      const found = collectUnitTasks(ctx, [unit]);
      return chatText.statsUnit(unit.region, unit.name, found.named.length, found.related.length);
    });
    return say('stats', lines.join('\n'));
  }

  if (perUnit) return perUnitCounts(ctx, regions);

  const year = planYear(ctx, regions);
  const lines = regions.flatMap((region) => {
    const k = index.kindCounts([region], year);
    const total = k.dated + k['year-round'] + k.recurring + k.ongoing + k.none;
    return total ? [chatText.statsTotal(region, year, total, k.dated, k['year-round'], total - k.dated - k['year-round'])] : [];
  });
  return say('stats', lines.join('\n') || chatText.statsNone(chatText.yearLabel(scopeLabel(regions), year)));
}

/** "各单位任务数": every unit of the current plan, most tasks first, a page at a time ("更多" pages on). */
function perUnitCounts(ctx: AnswerContext, regions: readonly string[]): Answer {
  const index = ctx.knowledge.index;
  const lines: string[] = [];
  for (const region of regions.slice(0, MAX_REGIONS)) {
    const counted = index.units
      .entries(region)
      .filter((u) => u.kind !== 'collective')
      .map((u) => ({ name: u.name, n: index.namedTasks(u).filter((t) => index.isCurrent(t.task)).length }))
      .filter((c) => c.n > 0)
      .sort((a, b) => b.n - a.n);
    lines.push(...counted.map((c) => chatText.statsUnitLine(regions.length > 1 ? `${region} ${c.name}` : c.name, c.n)));
  }
  if (!lines.length) return say('stats', chatText.statsNone(regions.join('、')));
  const title = chatText.statsUnitsHeading(scopeLabel(regions.slice(0, MAX_REGIONS)), lines.length);
  const page = firstLinesPage('stats', title, lines, ctx.now);
  if (regions.length > MAX_REGIONS) page.reply.blocks.push({ type: 'paragraph', text: chatText.moreRegions(regions.length - MAX_REGIONS) });
  return page;
}
