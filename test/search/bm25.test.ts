// Search ranking, bottom up: BM25 over a handful of small documents (more query words matched ranks
// higher, rarer words weigh more, synonyms of a word count once, very common words give way to rare
// ones, empty and unknown queries find nothing), then the segmenter's words for questions and
// documents, and the synonyms that bridge how residents ask and how documents write.
import { describe, expect, it } from 'vitest';
import { Bm25Index, type WeightedTerm } from '../../src/search/bm25.ts';
import { synonymsOf } from '../../src/search/synonyms.ts';
import { indexTerms, subWords, tokenize } from '../../src/search/tokenizer.ts';

/** Documents as lists of (already segmented) words; a word may carry a field weight as "word*0.3". */
function bm25(docs: readonly string[][]): Bm25Index {
  return new Bm25Index(docs.length, (d, add) => {
    for (const w of docs[d] ?? []) {
      const [term, weight] = w.split('*');
      add(term ?? w, weight ? Number(weight) : 1);
    }
  });
}

/** A query: groups of alternatives, each a word, "word*0.5", or "a|b" for a word and its synonym. */
const query = (...groups: string[]): WeightedTerm[][] =>
  groups.map((g) =>
    g.split('|').map((w) => {
      const [term, weight] = w.split('*');
      return { term: term ?? w, weight: weight ? Number(weight) : 1 };
    }),
  );

// Eight short "tasks". 公开 is in every one (a word every task uses); 低保, 救助 and 补贴 in three each,
// more than a quarter of the documents: "common" once a rarer word is asked too.
const DOCS = [
  /* 0 */ ['公开', '低保', '标准'],
  /* 1 */ ['公开', '低保', '救助', '资金'],
  /* 2 */ ['公开', '养老', '补贴'],
  /* 3 */ ['公开', '就业', '补贴'],
  /* 4 */ ['公开', '救助', '救助', '标准'],
  /* 5 */ ['公开', '救助', '资金', '标准'],
  /* 6 */ ['公开', '最低生活保障', '低保', '条件'],
  /* 7 */ ['公开', '以旧换新', '补贴', '家电', '汽车', '范围', '标准', '流程'],
];
const index = bm25(DOCS);
const ranked = (q: WeightedTerm[][], k = 10, accept?: (doc: number) => boolean): number[] => index.search(q, k, accept).map((h) => h.doc);

describe('Bm25Index.search: ranking', () => {
  // [what, query groups, documents expected, best first]
  it.each<[string, string[], number[]]>([
    ['the document matching both words first, then by frequency and length', ['低保', '救助'], [1, 4, 0, 6, 5]],
    ['a word twice outranks it once in a document of the same length (ties in document order)', ['救助'], [4, 1, 5]],
    ['the shorter document ranks higher for the same word', ['补贴'], [2, 3, 7]],
    ['the rarer word weighs more: its document first', ['养老', '资金'], [2, 1, 5]],
    ['a word in more than a quarter of the documents is dropped when a rarer word is asked', ['补贴', '以旧换新'], [7]],
    ['a word in every document is dropped when a rarer word is asked too', ['公开', '养老'], [2]],
    ['a word in every document still answers when it is all that is asked: shorter first', ['公开'], [0, 2, 3, 1, 4, 5, 6, 7]],
    ['words no document uses are ignored', ['不存在', '养老'], [2]],
    ['only unknown words: nothing', ['不存在', '也没有'], []],
    ['an empty query: nothing', [], []],
  ])('%s', (_what, groups, expected) => {
    expect(ranked(query(...groups))).toEqual(expected);
  });

  it('k keeps the best k, best first', () => {
    expect(ranked(query('低保', '救助'), 2)).toEqual([1, 4]);
  });

  it('documents the filter refuses are skipped, and the next best take their place', () => {
    expect(ranked(query('低保', '救助'), 2, (d) => d !== 1)).toEqual([4, 0]);
  });

  // [ranges of documents, query] — the same hits as scoring everything and filtering, in the same order.
  it.each<[string, Array<[number, number]>, string[]]>([
    ['one range in the middle', [[2, 6]], ['低保', '救助']],
    ['two ranges', [[0, 2], [5, 8]], ['低保', '救助']],
    ['a range holding no match', [[2, 4]], ['低保']],
    ['an empty range', [[3, 3]], ['补贴']],
    ['the whole index', [[0, 8]], ['公开']],
    ['no ranges at all', [], ['公开']],
  ])('ranges (%s) score only their documents, as a filter would', (_what, ranges, groups) => {
    const inRange = (d: number): boolean => ranges.some(([from, to]) => d >= from && d < to);
    expect(index.search(query(...groups), 10, undefined, ranges)).toEqual(index.search(query(...groups), 10, inRange));
  });
});

describe('Bm25Index.search: scores', () => {
  const score = (q: WeightedTerm[][], doc: number): number => index.search(q, 10).find((h) => h.doc === doc)?.score ?? 0;

  it('synonyms of one word count once: a document with both scores its better alternative, not the sum', () => {
    // Both words rare here (2 of 10 documents), so neither is set aside as common.
    const small = bm25([['低保', '最低生活保障', '条件'], ['低保', '范围'], ['最低生活保障'], ...'甲乙丙丁戊己庚'.split('').map((w) => [w])]);
    const at = (q: WeightedTerm[][]): number => small.search(q, 10).find((h) => h.doc === 0)?.score ?? 0;
    const [short, long] = [at(query('低保')), at(query('最低生活保障'))];
    expect(short).toBeGreaterThan(0);
    expect(at(query('低保|最低生活保障'))).toBeCloseTo(Math.max(short, long), 5);
    expect(at(query('低保', '最低生活保障'))).toBeCloseTo(short + long, 5);
  });

  it('two words asked apart add up', () => {
    expect(score(query('低保', '救助'), 1)).toBeCloseTo(score(query('低保'), 1) + score(query('救助'), 1), 5);
  });

  it('a query word weighted 0.5 scores half', () => {
    expect(score(query('养老*0.5'), 2)).toBeCloseTo(score(query('养老'), 2) / 2, 5);
  });

  it('a document word of field weight 0.3 counts less than a whole one', () => {
    const fields = bm25([['标题', '低保'], ['标题', '低保*0.3'], ['其他'], ['其他'], ['其他']]);
    const hits = fields.search(query('低保'), 10);
    expect(hits.map((h) => h.doc)).toEqual([0, 1]);
    expect((hits[1]?.score ?? 0) / (hits[0]?.score ?? 1)).toBeLessThan(0.6);
  });
});

describe('Bm25Index.idf and has', () => {
  // idf = ln(1 + (N − df + 0.5) / (df + 0.5)), N = 8
  it.each<[string, number]>([
    ['养老', Math.log(1 + 7.5 / 1.5)], // in 1 document
    ['低保', Math.log(1 + 5.5 / 3.5)], // in 3
    ['公开', Math.log(1 + 0.5 / 8.5)], // in all 8
    ['不存在', Math.log(1 + 8.5 / 0.5)], // in none
  ])('idf(%s)', (term, expected) => {
    expect(index.idf(term)).toBeCloseTo(expected, 10);
  });

  it('rarer words weigh more', () => {
    expect(index.idf('养老')).toBeGreaterThan(index.idf('低保'));
    expect(index.idf('低保')).toBeGreaterThan(index.idf('公开'));
  });

  it.each([
    ['低保', true],
    ['以旧换新', true],
    ['不存在', false],
  ])('has(%s) = %s', (term, expected) => {
    expect(index.has(term)).toBe(expected);
  });

  it('an empty index finds nothing', () => {
    const empty = bm25([]);
    expect(empty.size).toBe(0);
    expect(empty.search(query('低保'), 10)).toEqual([]);
  });
});

describe('tokenize: the words of a question', () => {
  it.each<[string, string[]]>([
    ['低保信息在哪公开？找哪个部门？', ['低保']],
    ['孩子上学的政策谁负责公开', ['孩子上学']],
    ['以旧换新补贴', ['以旧换新补贴']],
    ['放管服改革', ['放管服', '改革']],
    ['我想问一下养老金怎么领', ['养老金']],
    ['建议提案办理结果', ['建议提案', '结果']],
    ['PM2.5 空气质量', ['pm2.5', '空气质量']],
    ['Hello World 12345', ['hello', 'world', '12345']],
    ['的了吗', []],
  ])('%j → %j', (question, words) => {
    expect(tokenize(question)).toEqual(words);
  });
});

describe('indexTerms and subWords: the words a document is found by', () => {
  it.each<[string, string[]]>([
    ['建议提案办理结果', ['建议', '提案', '建议提案', '结果']],
    ['孩子上学', ['孩子', '上学', '孩子上学']],
    ['放管服改革', ['放管服', '改革']],
  ])('indexTerms(%j) → %j', (text, terms) => {
    expect(indexTerms(text)).toEqual(terms);
  });

  it.each<[string, string[]]>([
    ['国企改革', ['国企', '改革']],
    ['建议提案', ['建议', '提案']],
    ['低保', []],
  ])('subWords(%j) → %j', (word, parts) => {
    expect(subWords(word)).toEqual(parts);
  });
});

describe('synonymsOf: how residents ask, how documents write', () => {
  it.each<[string, string[]]>([
    ['低保', ['城乡低保', '最低生活保障', '社会救助']],
    ['低宝', ['低保', '城乡低保', '最低生活保障', '社会救助']],
    ['上学', ['义务教育', '入学', '招生', '学前教育']],
    ['看病', ['医疗', '就医', '就诊', '医疗机构', '医疗卫生']],
    ['社保', ['养老保险', '社会保险']],
    ['医保', ['医疗保障', '医疗保险', '医保局']],
    ['城乡低保', []],
    ['不存在', []],
  ])('%s → %j', (word, synonyms) => {
    expect(synonymsOf(word)).toEqual(synonyms);
  });
});
