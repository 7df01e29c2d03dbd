// "各单位任务数", "民政局有几项任务", "今年一共多少任务".
import { unitRoles } from '../../model/task.ts';
import { unitKind, unitKey } from '../../ingest/unit-names.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { chatText } from '../texts.ts';
import { type Answer, type AnswerContext, planYear, say, scopeLabel } from './context.ts';
import { collectUnitTasks } from './unit-tasks.ts';

const TOP = 15;

export function answerStats(ctx: AnswerContext, units: UnitEntry[], perUnit: boolean, regions: string[]): Answer {
  const index = ctx.knowledge.index;
  if (units.length) {
    const lines = [...new Set(units.map((u) => u.region))].map((region) => {
      const here = units.filter((u) => u.region === region);
      const found = collectUnitTasks(ctx, here);
      return chatText.statsUnit(region, here[0]?.name ?? '', found.named.length, found.related.length);
    });
    return say('stats', lines.join('\n'));
  }

  if (perUnit) {
    const lines: string[] = [];
    for (const region of regions) {
      const counts = new Map<string, { name: string; n: number }>();
      for (const task of index.byRegion.get(region) ?? []) {
        const seen = new Set<string>();
        for (const name of unitRoles.flatMap((r) => task[r])) {
          if (unitKind(name) === 'collective') continue;
          const key = unitKey(name);
          if (seen.has(key)) continue;
          seen.add(key);
          const entry = counts.get(key) ?? { name: index.units.get(region, key)?.name ?? name, n: 0 };
          entry.n++;
          counts.set(key, entry);
        }
      }
      const sorted = [...counts.values()].sort((a, b) => b.n - a.n);
      lines.push(chatText.statsUnitsHeading(scopeLabel([region]), sorted.length));
      lines.push(...sorted.slice(0, TOP).map((c, i) => `${i + 1}. ${chatText.statsUnitLine(c.name, c.n)}`));
    }
    return say('stats', lines.join('\n') || chatText.statsNone(regions.join('、')));
  }

  const year = planYear(ctx, regions);
  const lines = regions.flatMap((region) => {
    const tasks = (index.byRegion.get(region) ?? []).filter((t) => t.year === year);
    if (!tasks.length) return [];
    const dated = tasks.filter((t) => t.deadline.kind === 'dated').length;
    const yearRound = tasks.filter((t) => t.deadline.kind === 'year-round').length;
    return [chatText.statsTotal(region, year, tasks.length, dated, yearRound, tasks.length - dated - yearRound)];
  });
  return say('stats', lines.join('\n') || chatText.statsNone(`${scopeLabel(regions)}${year}年`));
}
