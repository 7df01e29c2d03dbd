// A compact BM25 index: postings in typed arrays, one scratch score array reused across queries, and a
// top-k scan instead of a sort, so that a query over 100,000 tasks stays well under a millisecond or two.

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Hit {
  doc: number;
  score: number;
}

interface Postings {
  docs: Int32Array;
  tfs: Float32Array;
}

const K1 = 1.2;
const B = 0.75;
/** Terms in more than this share of documents add little and cost much: skipped when rarer terms exist. */
const COMMON = 0.25;

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly docLength: Float32Array;
  private readonly avgLength: number;
  private readonly scores: Float32Array;
  private readonly groupScores: Float32Array;
  private readonly seen: Uint8Array;

  /** Builds from each document's weighted terms (a term may occur several times). */
  constructor(docs: ReadonlyArray<readonly WeightedTerm[]>) {
    const n = docs.length;
    this.docLength = new Float32Array(n);
    const build = new Map<string, { docs: number[]; tfs: number[] }>();
    let total = 0;
    docs.forEach((terms, d) => {
      const tf = new Map<string, number>();
      let length = 0;
      for (const { term, weight } of terms) {
        tf.set(term, (tf.get(term) ?? 0) + weight);
        length += weight;
      }
      this.docLength[d] = length;
      total += length;
      for (const [term, f] of tf) {
        let p = build.get(term);
        if (!p) build.set(term, (p = { docs: [], tfs: [] }));
        p.docs.push(d);
        p.tfs.push(f);
      }
    });
    for (const [term, p] of build) this.postings.set(term, { docs: Int32Array.from(p.docs), tfs: Float32Array.from(p.tfs) });
    this.avgLength = n ? total / n : 1;
    this.scores = new Float32Array(n);
    this.groupScores = new Float32Array(n);
    this.seen = new Uint8Array(n);
  }

  get size(): number {
    return this.docLength.length;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * The k best documents that pass the filter, best first. The query is groups of alternatives (a
   * word and its synonyms): a document scores the best alternative of each group, not their sum.
   */
  search(groups: ReadonlyArray<readonly WeightedTerm[]>, k: number, accept: (doc: number) => boolean = () => true): Hit[] {
    const n = this.size;
    const df = (term: string): number => this.postings.get(term)?.docs.length ?? 0;
    const present = groups.map((g) => g.filter((q) => df(q.term) > 0)).filter((g) => g.length);
    const rare = present.map((g) => g.filter((q) => df(q.term) <= n * COMMON)).filter((g) => g.length);
    const touched: number[] = [];
    const groupTouched: number[] = [];
    for (const group of rare.length ? rare : present) {
      for (const { term, weight } of group) {
        const p = this.postings.get(term) as Postings;
        const idf = this.idf(term) * weight;
        for (let i = 0; i < p.docs.length; i++) {
          const d = p.docs[i] as number;
          const tf = p.tfs[i] as number;
          const score = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (this.docLength[d] as number)) / this.avgLength));
          const before = this.groupScores[d] as number;
          if (before === 0) groupTouched.push(d);
          if (score > before) this.groupScores[d] = score;
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
      if (!accept(d)) continue;
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
