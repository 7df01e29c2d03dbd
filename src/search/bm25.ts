// A compact BM25 index: postings in typed arrays (built by a counting sort over term ids), one scratch
// score array reused across queries, and a top-k scan instead of a sort, so that a query over 100,000
// tasks stays within a few milliseconds and the index within a few tens of megabytes. A query may be
// limited to ranges of document numbers (a region's tasks are numbered together): each posting list is
// entered by binary search at a range's start, so documents outside the ranges are never scored.

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Hit {
  doc: number;
  score: number;
}

/** Documents start (inclusive) to end (exclusive). */
export type DocRange = readonly [start: number, end: number];

const K1 = 1.2;
const B = 0.75;
/** Terms in more than this share of documents add little and cost much: skipped when rarer terms exist. */
const COMMON = 0.25;
/** Term frequencies are stored in tenths (field weights like 0.3 are fractional). */
const TF_SCALE = 10;

export class Bm25Index {
  private readonly vocabulary = new Map<string, number>();
  /** Postings of term t are docs[offsets[t]] … docs[offsets[t + 1] - 1]. */
  private readonly offsets: Int32Array;
  private readonly docs: Int32Array;
  private readonly tfs: Uint16Array;
  private readonly docLength: Float32Array;
  private readonly avgLength: number;
  private readonly scores: Float32Array;
  private readonly groupScores: Float32Array;
  private readonly seen: Uint8Array;

  /**
   * Builds over n documents; `termsOf(d, add)` calls `add(term, weight)` for each term of document d
   * (a term may occur several times). No per-term objects are made: at 100,000 documents they would
   * be millions.
   */
  constructor(n: number, termsOf: (doc: number, add: (term: string, weight: number) => void) => void) {
    this.docLength = new Float32Array(n);
    // First pass: per document, term ids with summed weights, appended to flat arrays.
    let postTerm = new Int32Array(1 << 16);
    let postDoc = new Int32Array(1 << 16);
    let postTf = new Float32Array(1 << 16);
    let count = 0;
    let total = 0;
    const local = new Map<number, number>();
    let length = 0;
    const add = (term: string, weight: number): void => {
      let id = this.vocabulary.get(term);
      if (id === undefined) this.vocabulary.set(term, (id = this.vocabulary.size));
      local.set(id, (local.get(id) ?? 0) + weight);
      length += weight;
    };
    for (let d = 0; d < n; d++) {
      local.clear();
      length = 0;
      termsOf(d, add);
      this.docLength[d] = length;
      total += length;
      if (count + local.size > postTerm.length) {
        const grow = <T extends Int32Array | Float32Array>(a: T, make: (size: number) => T): T => {
          const b = make(Math.max(a.length * 2, count + local.size));
          b.set(a);
          return b;
        };
        postTerm = grow(postTerm, (s) => new Int32Array(s));
        postDoc = grow(postDoc, (s) => new Int32Array(s));
        postTf = grow(postTf, (s) => new Float32Array(s));
      }
      for (const [id, tf] of local) {
        postTerm[count] = id;
        postDoc[count] = d;
        postTf[count] = tf;
        count++;
      }
    }
    // Counting sort by term id: postings of each term end up contiguous, in document order.
    const terms = this.vocabulary.size;
    this.offsets = new Int32Array(terms + 1);
    for (let i = 0; i < count; i++) this.offsets[(postTerm[i] as number) + 1]!++;
    for (let t = 0; t < terms; t++) this.offsets[t + 1] = (this.offsets[t + 1] as number) + (this.offsets[t] as number);
    this.docs = new Int32Array(count);
    this.tfs = new Uint16Array(count);
    const fill = this.offsets.slice(0, terms);
    for (let i = 0; i < count; i++) {
      const at = fill[postTerm[i] as number]!++;
      this.docs[at] = postDoc[i] as number;
      this.tfs[at] = Math.min(65535, Math.round((postTf[i] as number) * TF_SCALE));
    }
    this.avgLength = n ? total / n : 1;
    this.scores = new Float32Array(n);
    this.groupScores = new Float32Array(n);
    this.seen = new Uint8Array(n);
  }

  get size(): number {
    return this.docLength.length;
  }

  has(term: string): boolean {
    return this.vocabulary.has(term);
  }

  private df(term: string): number {
    const id = this.vocabulary.get(term);
    return id === undefined ? 0 : (this.offsets[id + 1] as number) - (this.offsets[id] as number);
  }

  /** The first posting in [lo, hi) of a document ≥ doc (postings of a term are in document order). */
  private lowerBound(lo: number, hi: number, doc: number): number {
    if (doc <= 0) return lo;
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((this.docs[mid] as number) < doc) a = mid + 1;
      else b = mid;
    }
    return a;
  }

  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * The k best documents that pass the filter, best first. The query is groups of alternatives (a
   * word and its synonyms): a document scores the best alternative of each group, not their sum.
   */
  search(groups: ReadonlyArray<readonly WeightedTerm[]>, k: number, accept: ((doc: number) => boolean) | undefined = undefined, ranges: readonly DocRange[] = [[0, this.size]]): Hit[] {
    const n = this.size;
    const present = groups.map((g) => g.filter((q) => this.df(q.term) > 0)).filter((g) => g.length);
    const rare = present.map((g) => g.filter((q) => this.df(q.term) <= n * COMMON)).filter((g) => g.length);
    const touched: number[] = [];
    const groupTouched: number[] = [];
    for (const group of rare.length ? rare : present) {
      for (const { term, weight } of group) {
        const id = this.vocabulary.get(term) as number;
        const idf = this.idf(term) * weight;
        const first = this.offsets[id] as number;
        const last = this.offsets[id + 1] as number;
        for (const [from, to] of ranges) {
          for (let i = this.lowerBound(first, last, from); i < last; i++) {
            const d = this.docs[i] as number;
            if (d >= to) break;
            const tf = (this.tfs[i] as number) / TF_SCALE;
            const score = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (this.docLength[d] as number)) / this.avgLength));
            const before = this.groupScores[d] as number;
            if (before === 0) groupTouched.push(d);
            if (score > before) this.groupScores[d] = score;
          }
        }
      }
      for (const d of groupTouched) {
        if (!this.seen[d]) {
          this.seen[d] = 1;
          touched.push(d);
        }
        this.scores[d] = (this.scores[d] as number) + (this.groupScores[d] as number);
        this.groupScores[d] = 0;
      }
      groupTouched.length = 0;
    }
    const best: Hit[] = [];
    for (const d of touched) {
      const score = this.scores[d] as number;
      this.scores[d] = 0;
      this.seen[d] = 0;
      if (best.length === k && score <= (best[k - 1] as Hit).score) continue;
      if (accept && !accept(d)) continue;
      let i = best.length === k ? k - 1 : best.length;
      best[i] = { doc: d, score };
      while (i > 0 && (best[i - 1] as Hit).score < score) {
        best[i] = best[i - 1] as Hit;
        best[i - 1] = { doc: d, score };
        i--;
      }
    }
    return best;
  }
}
