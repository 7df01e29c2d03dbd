// Region-scoped search against two peers built in the same run with the same jieba tokenizer: FlexSearch
// (Document index, region as a tag: a pre-filter) and MiniSearch (region as a filter over its results).
// Latency on the synthetic province; relevance (top-1 / top-3) on the real seed documents with the
// questions of eval/questions.json. Peers are dev dependencies, loaded only here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Task } from '../src/model/task.ts';
import { TaskSearch } from '../src/search/task-search.ts';
import { indexTerms, tokenize } from '../src/search/tokenizer.ts';
import { type Figures, fixed, quantile } from './figures.ts';

export interface Engine {
  name: string;
  /** The ids of the best tasks of the region for the question, best first. */
  search(query: string, region: string, limit: number): string[];
}

const textOf = (t: Task): string => [t.requirement, t.title ?? '', ...t.section].join(' ');

/** The same segmentation for every engine (memoised: headings and copied requirements repeat). */
function segmenter(): (text: string) => string[] {
  const memo = new Map<string, string[]>();
  return (text) => {
    let terms = memo.get(text);
    if (!terms) memo.set(text, (terms = indexTerms(text)));
    return terms;
  };
}

export function ours(tasks: readonly Task[], search = new TaskSearch(tasks)): Engine {
  return { name: 'zwgk BM25', search: (q, region, limit) => search.search(q, { regions: [region], limit }).hits.map((h) => h.task.id) };
}

/** A query arrives pre-segmented (the question words stripped, as ours does), marked by this prefix. */
const QUERY = '\u0001';

export function flexsearch(tasks: readonly Task[]): Engine {
  const terms = segmenter();
  const encode = (text: string): string[] => (text.startsWith(QUERY) ? text.slice(1).split(' ').filter(Boolean) : terms(text));
  const index = new FlexSearch.Document({ document: { id: 'id', index: [{ field: 'text', encode, tokenize: 'strict' }], tag: [{ field: 'region' }] } });
  tasks.forEach((t, i) => index.add({ id: i, text: textOf(t), region: t.region }));
  return {
    name: 'FlexSearch+jieba',
    search(q, region, limit) {
      // suggest: rank tasks matching some of the words, not only those matching all (as BM25 does).
      const results = index.search(QUERY + tokenize(q).join(' '), { tag: { region }, limit, suggest: true }) as Array<{ result: number[] }>;
      return (results[0]?.result ?? []).map((i) => (tasks[i] as Task).id);
    },
  };
}

export function minisearch(tasks: readonly Task[]): Engine {
  const terms = segmenter();
  const index = new MiniSearch<{ id: number; text: string; region: string }>({ fields: ['text'], storeFields: ['region'], tokenize: terms, searchOptions: { tokenize, combineWith: 'OR' } });
  index.addAll(tasks.map((t, i) => ({ id: i, text: textOf(t), region: t.region })));
  return {
    name: 'MiniSearch+jieba',
    search: (q, region, limit) => index.search(q, { filter: (r) => r.region === region }).slice(0, limit).map((r) => (tasks[r.id as number] as Task).id),
  };
}

export interface Timed {
  p50: number;
  p99: number;
}

/** p50 and p99 of the same (question, region) sequence on each engine. */
export function timeEngines(engines: readonly Engine[], questions: readonly string[], regions: readonly string[], n: number): Map<string, Timed> {
  const warmUp = Math.min(200, n);
  const out = new Map<string, Timed>();
  for (const engine of engines) {
    const times: number[] = [];
    for (let i = 0; i < n + warmUp; i++) {
      const q = questions[i % questions.length] as string;
      const region = regions[(i * 7919) % regions.length] as string;
      const start = performance.now();
      engine.search(q, region, 10);
      if (i >= warmUp) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    out.set(engine.name, { p50: quantile(times, 0.5), p99: quantile(times, 0.99) });
  }
  return out;
}

interface Question {
  turns: string[];
  region?: string;
  expect: { kind: string; any?: string[] };
}

/** top-1 and top-3 on the labelled one-turn task questions that name their region, on the seed tasks. */
export function relevance(engine: Engine, tasks: readonly Task[]): { top1: number; top3: number; n: number } {
  const { questions } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'eval', 'questions.json'), 'utf8')) as { questions: Question[] };
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const scoped = questions.filter((q) => q.region && q.turns.length === 1 && q.expect.kind === 'tasks' && q.expect.any?.length);
  let top1 = 0;
  let top3 = 0;
  for (const question of scoped) {
    const ids = engine.search(question.turns[0] as string, question.region as string, 3);
    const rank = ids.findIndex((id) => question.expect.any?.some((e) => byId.get(id)?.requirement.includes(e)));
    if (rank === 0) top1++;
    if (rank >= 0) top3++;
  }
  return { top1: top1 / scoped.length, top3: top3 / scoped.length, n: scoped.length };
}

export function reportSearch(figures: Figures, timed: Map<string, Timed>, relevances: Map<string, { top1: number; top3: number; n: number }>, tasks: number): void {
  const mine = timed.get('zwgk BM25') as Timed;
  const peersOf = (pick: (t: Timed) => number): Record<string, number> =>
    Object.fromEntries([...timed].filter(([name]) => name !== 'zwgk BM25').map(([name, t]) => [name, pick(t) / pick(mine)]));
  figures.add('search.region.p50', { value: mine.p50, unit: 'ms', peers: peersOf((t) => t.p50), note: `${tasks} tasks; peers: their time over ours` });
  figures.add('search.region.p99', { value: mine.p99, unit: 'ms', peers: peersOf((t) => t.p99), note: `${tasks} tasks; peers: their time over ours` });
  const flex = timed.get('FlexSearch+jieba');
  if (flex) {
    figures.add('search.region.p50.flexsearch-over-ours', { value: flex.p50 / mine.p50, unit: 'x', target: 1, atLeast: true, note: 'above 1: ahead of FlexSearch+jieba' });
    figures.add('search.region.p99.flexsearch-over-ours', { value: flex.p99 / mine.p99, unit: 'x', target: 1, atLeast: true, note: 'above 1: ahead of FlexSearch+jieba' });
  }
  for (const [name, t] of timed) figures.say(`region-scoped search, ${name}: p50 ${fixed(t.p50)} ms, p99 ${fixed(t.p99)} ms${name === 'zwgk BM25' ? '' : ` (${fixed(t.p50 / mine.p50, 2)}× / ${fixed(t.p99 / mine.p99, 2)}× ours)`}`);
  const own = relevances.get('zwgk BM25') as { top1: number; top3: number; n: number };
  const best = Math.max(...[...relevances].filter(([n]) => n !== 'zwgk BM25').map(([, r]) => r.top1));
  figures.add('search.relevance.top1', { value: own.top1, unit: 'share', target: best, atLeast: true, peers: Object.fromEntries([...relevances].filter(([n]) => n !== 'zwgk BM25').map(([n, r]) => [n, r.top1])), note: `${own.n} labelled questions; peers: their top-1` });
  figures.add('search.relevance.top3', { value: own.top3, unit: 'share', peers: Object.fromEntries([...relevances].filter(([n]) => n !== 'zwgk BM25').map(([n, r]) => [n, r.top3])) });
  for (const [name, r] of relevances) figures.say(`relevance on ${r.n} labelled questions, ${name}: top-1 ${fixed(r.top1 * 100, 1)}%, top-3 ${fixed(r.top3 * 100, 1)}%`);
}
