// Retrieval over tasks: requirement, title and section text, with question words stripped and
// residents' words expanded to the documents' words. Tasks are numbered region by region, so a search
// scoped to regions scores only their tasks: a county's question costs the same in a province.
import type { Task } from '../model/task.ts';
import { Bm25Index, type DocRange, type WeightedTerm } from './bm25.ts';
import { synonymsOf } from './synonyms.ts';
import { addWords, indexTerms, isNounLike, subWords, tokenize } from './tokenizer.ts';

export interface SearchHit {
  task: Task;
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** The query's own terms (after segmentation and stop words). */
  terms: string[];
  /** Of those, the ones the best hit matched, directly or through a synonym. */
  matched: string[];
  /** How much of the question the best hit answers: the IDF-weighted share of its terms matched (0–1). */
  coverage: number;
}

export interface SearchOptions {
  regions?: readonly string[];
  /** Restricts the search to these tasks. */
  taskIds?: ReadonlySet<string>;
  limit?: number;
}

const SYNONYM_WEIGHT = 0.7;
const SECTION_WEIGHT = 0.3;

/**
 * Where a text is cut into sentences before segmenting. jieba never joins words across this punctuation,
 * so the terms of the sentences, one after another, are the terms of the whole text (test/search).
 */
const SENTENCE_END = /(?<=[。；！？\n])/u;

/**
 * Segments text, remembering texts and sentences seen before: headings and titles repeat, and the plans
 * of a province's counties copy the province's sentences into requirements of their own wording. At
 * 100,000 tasks, remembering sentences rather than whole requirements took the index build from 4.2 s
 * to 2.7 s (`npm run bench`, index build, same quiet machine).
 */
export class Segmenter {
  private readonly texts = new Map<string, string[]>();
  private readonly sentences = new Map<string, string[]>();

  terms(text: string): string[] {
    let terms = this.texts.get(text);
    if (!terms) {
      const parts = text.split(SENTENCE_END);
      terms = parts.length === 1 ? this.sentence(text) : parts.flatMap((part) => this.sentence(part));
      this.texts.set(text, terms);
    }
    return terms;
  }

  private sentence(text: string): string[] {
    let terms = this.sentences.get(text);
    if (!terms) this.sentences.set(text, (terms = indexTerms(text)));
    return terms;
  }
}

function documentTerms(task: Task, seg: Segmenter, add: (term: string, weight: number) => void): void {
  for (const term of seg.terms(task.requirement)) add(term, 1);
  if (task.title) for (const term of seg.terms(task.title)) add(term, 1);
  for (const heading of task.section) if (heading !== task.title) for (const term of seg.terms(heading)) add(term, SECTION_WEIGHT);
}

/** The tasks grouped by region (each region's in their given order), and where each region's run is. */
function byRegion(tasks: readonly Task[]): { ordered: Task[]; ranges: Map<string, DocRange> } {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const group = groups.get(task.region);
    if (group) group.push(task);
    else groups.set(task.region, [task]);
  }
  const ordered: Task[] = [];
  const ranges = new Map<string, DocRange>();
  for (const [region, group] of groups) {
    ranges.set(region, [ordered.length, ordered.length + group.length]);
    for (const task of group) ordered.push(task);
  }
  return { ordered, ranges };
}

export class TaskSearch {
  private readonly index: Bm25Index;
  private readonly tasks: readonly Task[];
  private readonly regionRanges: ReadonlyMap<string, DocRange>;

  constructor(tasks: readonly Task[]) {
    const { ordered, ranges } = byRegion(tasks);
    this.tasks = ordered;
    this.regionRanges = ranges;
    // Terms a document puts in quotation marks ("认房不认贷", "一件事") are named things: kept whole.
    addWords(quotedTerms(tasks));
    const seg = new Segmenter();
    this.index = new Bm25Index(ordered.length, (d, add) => documentTerms(ordered[d] as Task, seg, add));
  }

  /** The query's words, each with its synonyms weighted below the word typed. */
  expand(query: string): { terms: string[]; groups: WeightedTerm[][] } {
    // A word no task uses backs off to the known words inside it (国企改革 → 国企, 改革).
    const terms = [
      ...new Set(
        tokenize(query).flatMap((t) => {
          if (this.index.has(t) || synonymsOf(t).length) return [t];
          const known = subWords(t).filter((w) => this.index.has(w) || synonymsOf(w).length);
          return known.length ? known : [t];
        }),
      ),
    ];
    const groups = terms.map((term) => [{ term, weight: 1 }, ...synonymsOf(term).map((s) => ({ term: s, weight: SYNONYM_WEIGHT }))]);
    return { terms, groups };
  }

  /**
   * The IDF-weighted share of the question's words that the best hit matched. A noun no task uses
   * weighs as much as the rarest word can: it is the most specific part of the question, and a
   * question whose specific noun nothing covers ("消防检查结果") is about something else, however well
   * its common words ("检查", "结果") match. Other unknown words (泄露, 受伤) weigh as the average known
   * word. A question made only of unknown words matches nothing.
   */
  private coverage(terms: readonly string[], matched: readonly string[]): number {
    const known = (t: string): number[] => [t, ...synonymsOf(t)].filter((w) => this.index.has(w)).map((w) => this.index.idf(w));
    const weights = new Map(terms.map((t) => [t, known(t).length ? Math.max(...known(t)) : NaN]));
    const knownWeights = [...weights.values()].filter((w) => !Number.isNaN(w));
    if (!knownWeights.length) return 0;
    const unseen = this.index.idf('');
    const average = knownWeights.reduce((a, b) => a + b, 0) / knownWeights.length;
    const weight = (t: string): number => {
      const w = weights.get(t) ?? NaN;
      if (!Number.isNaN(w)) return w;
      return isNounLike(t) ? unseen : average;
    };
    const total = terms.reduce((sum, t) => sum + weight(t), 0);
    return total ? matched.reduce((sum, t) => sum + weight(t), 0) / total : 0;
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const { terms, groups } = this.expand(query);
    // Regions are ranges of document numbers: other regions' postings are skipped, not scored and filtered.
    const ranges = options.regions && [...new Set(options.regions)].flatMap((r): DocRange[] => {
      const range = this.regionRanges.get(r);
      return range ? [range] : [];
    });
    const taskIds = options.taskIds;
    const accept = taskIds ? (d: number): boolean => taskIds.has((this.tasks[d] as Task).id) : undefined;
    const found = this.index.search(groups, options.limit ?? 10, accept, ranges);
    const hits = found.map((h) => ({ task: this.tasks[h.doc] as Task, score: h.score }));
    // Which words the best hit matched: its terms again, for one task only (keeping a set per task costs memory).
    const top = new Set<string>();
    if (hits[0]) documentTerms(hits[0].task, new Segmenter(), (term) => top.add(term));
    const matched = terms.filter((t) => top.has(t) || synonymsOf(t).some((s) => top.has(s)));
    const coverage = this.coverage(terms, matched);
    return { hits, terms, matched, coverage };
  }
}

/** Shortest and longest quoted term kept whole, in characters. */
const QUOTED = { min: 2, max: 10 } as const;
const QUOTE = /[“"「『]([\p{Script=Han}A-Za-z0-9+]{2,10})[”"」』]/gu;

/** The distinct terms the documents quote ("认房不认贷", "无证明城市"). */
export function quotedTerms(tasks: readonly Task[]): string[] {
  const out = new Set<string>();
  for (const task of tasks) {
    for (const m of task.requirement.matchAll(QUOTE)) {
      const term = m[1] ?? '';
      const n = Array.from(term).length;
      if (n >= QUOTED.min && n <= QUOTED.max) out.add(term);
    }
  }
  return [...out];
}
