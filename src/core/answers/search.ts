// Residents' questions ("低保信息在哪公开？找哪个部门？"): the best matching tasks with the sentence that
// matched, the units responsible, and the source. Honest by coverage: when the best task does not cover
// most of what was asked, say so, name the unit that publishes that kind of information when one is
// clear, and point to 12345 — never list tasks because one generic word matched. Questions about what
// no plan holds (amounts, eligibility, papers, weather) get the same honest answer without searching.
import type { Task } from '../../model/task.ts';
import { residentFunction } from '../../model/unit-functions.ts';
import { unitKind } from '../../model/unit-names.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { synonymsOf } from '../../search/synonyms.ts';
import { isFacet } from '../../search/tokenizer.ts';
import type { SearchResult } from '../../search/task-search.ts';
import { firstPage, itemBlock, mainUnit } from '../listing.ts';
import { chatText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, inPlan, say, viewOf } from './context.ts';

/** Tasks quoted in an answer. */
const SHOWN = 3;
/** Units named as responsible in an answer's heading. */
const UNITS_NAMED = 3;
/** Further hits are shown only when they score at least this share of the best one. */
const RELATIVE_SCORE = 0.45;
/** Below this BM25 score the best hit shares only common words with the question. */
const MIN_SCORE = 2.5;
/** Below this share of the question answered, the best hit is about something else. */
export const MIN_COVERAGE = 0.55;

/**
 * The named departments responsible for a task (collectives only when no department is named), the
 * ones whose name shares words with the question first ("供水供电" → 县供电公司), then those whose name
 * holds a synonym of a word matched ("公交" → 公共交通 → 县交通运输局); otherwise the document's order.
 */
function responsibleOf(task: Task, query: string, related: readonly string[]): string[] {
  const named = [...task.lead, ...task.responsible];
  const departments = named.filter((u) => unitKind(u) !== 'collective');
  const units = [...new Set(departments.length ? departments : named)];
  const shared = (u: string): number => [...u.replace(/^[县区市]/, '')].filter((c, i, a) => i + 1 < a.length && query.includes(c + (a[i + 1] ?? ''))).length;
  const score = (u: string): number => 2 * shared(u) + related.filter((w) => Array.from(w).length >= 2 && u.includes(w)).length;
  return units.map((u, i) => ({ u, i, s: score(u) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.u);
}

/** The sentence of a task that holds most of the matched words: what the person asked about. */
export function matchedSentence(task: Task, matched: readonly string[]): string | undefined {
  const words = matched.flatMap((w) => [w, ...synonymsOf(w)]);
  const sentences = task.requirement.split(/(?<=[。；;！？!?])/u).filter((s) => s.trim());
  let best: string | undefined;
  let bestScore = 0;
  for (const sentence of sentences) {
    const score = words.filter((w) => sentence.includes(w)).length;
    if (score > bestScore) [best, bestScore] = [sentence.trim(), score];
  }
  return best;
}

/** The best hits in the regions (and units' tasks first), current plans before archived ones. */
export function searchTasks(ctx: AnswerContext, query: string, regions: readonly string[], units: readonly UnitEntry[]): SearchResult {
  const search = ctx.knowledge.search;
  const all = search.search(query, { regions });
  if (!units.length) return all;
  // The units' own tasks first, unless another task covers more of the question (档案馆 named in a 公报 task).
  const named = new Set(units.flatMap((u) => ctx.knowledge.index.namedTasks(u).map((n) => n.task.id)));
  const theirs = search.search(query, { regions, taskIds: named });
  return theirs.hits.length && answered(theirs, query) && theirs.coverage >= all.coverage ? theirs : all;
}

/** Shortest phrase of the question found word for word in a task that makes a facet word specific (文件库). */
const VERBATIM = 3;
/** Longest stretch of a question searched for such a phrase. */
const VERBATIM_RUN = 12;

/** Whether the question and the task share a phrase of three or more characters ("政府文件库"). */
function sharesPhrase(query: string, task: Task): boolean {
  for (const run of query.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = Array.from(run).slice(0, VERBATIM_RUN);
    for (let i = 0; i + VERBATIM <= chars.length; i++) if (task.requirement.includes(chars.slice(i, i + VERBATIM).join(''))) return true;
  }
  return false;
}

/**
 * The best hit covers most of the question, and on more than one facet word alone: "中心", "材料在哪交"
 * answer nothing; "标准目录" (two of them) or "政府文件库" (found word for word) name a thing.
 */
export function answered(result: SearchResult, query = ''): boolean {
  const best = result.hits[0];
  if (!best || best.score < MIN_SCORE || result.coverage < MIN_COVERAGE) return false;
  return result.matched.length > 1 || result.matched.some((t) => !isFacet(t)) || sharesPhrase(query, best.task);
}

/** The unit that publishes what a resident asks about, in the regions: named in the question, by topic, or by the best task. */
export function unitHint(ctx: AnswerContext, query: string, regions: readonly string[], units: readonly UnitEntry[]): string | null {
  if (units[0]) return units[0].name;
  const fn = residentFunction(query);
  if (fn && regions.length === 1) {
    const found = ctx.knowledge.catalog.unitsForFunction(fn, regions[0] as string);
    if (found.units[0]) return found.units[0].name;
  }
  const result = searchTasks(ctx, query, regions, []);
  const best = result.hits[0];
  return best && answered(result, query) && regions.length === 1 ? mainUnit(best.task) || null : null;
}

export function answerSearch(ctx: AnswerContext, query: string, regions: string[], units: UnitEntry[]): Answer {
  const result = searchTasks(ctx, query, regions, units);
  const best = result.hits[0];
  if (!best || !answered(result, query)) return say('search', chatText.searchNone(query, fallbackHint(ctx, query, regions)));

  const current = inPlan(ctx);
  const hits = result.hits.filter((h) => h.score >= Math.max(MIN_SCORE, best.score * RELATIVE_SCORE)).slice(0, SHOWN);
  // Archived plans stay searchable, after the current ones and labelled by their own titles.
  const tasks = [...hits.filter((h) => current(h.task)), ...hits.filter((h) => !current(h.task))].map((h) => h.task);
  const top = tasks[0] as Task;
  // Across regions, name the unit without its level: 民政局 rather than one county's 县民政局.
  const manyRegions = new Set(tasks.map((t) => t.region)).size > 1;
  const responsible = [...new Set(responsibleOf(top, query, result.matched.flatMap((w) => synonymsOf(w))).map((u) => (manyRegions ? u.replace(/^[县区市]/, '') : u)))].slice(0, UNITS_NAMED).join('、');
  const topic = result.matched.join('、');
  const head = responsible ? chatText.searchHeading(topic, responsible) : chatText.searchHeadingNoUnit(topic);
  const view = viewOf(ctx, (task) => matchedSentence(task, result.matched));
  const { reply, session } = firstPage({ intent: 'search', head: [{ type: 'heading', text: head }], title: head, tasks, view }, ctx.now);
  reply.blocks = [
    { type: 'heading', text: head },
    ...tasks.map((t, i) => itemBlock(t, i + 1, view)),
    { type: 'paragraph', text: chatText.searchFooter },
    { type: 'hint', text: chatText.detailHint },
  ];
  return { reply, session };
}

/** Whom to ask when no task answers: the unit of the topic in the region, if the topic is clear. */
function fallbackHint(ctx: AnswerContext, query: string, regions: readonly string[]): string | null {
  const fn = residentFunction(query);
  if (!fn || regions.length !== 1) return null;
  return ctx.knowledge.catalog.unitsForFunction(fn, regions[0] as string).units[0]?.name ?? null;
}

/** Amounts, eligibility, papers, hours, weather: not in any plan. Said plainly, with the unit to ask. */
export function answerOutOfScope(ctx: AnswerContext, query: string, regions: string[], units: UnitEntry[]): Answer {
  return say('search', chatText.outOfScope(unitHint(ctx, query, regions, units)));
}
