// Segmenting by sentence (remembered across tasks) gives exactly the terms of segmenting the whole text.
import { describe, expect, it } from 'vitest';
import { Segmenter } from '../../src/search/task-search.ts';
import { indexTerms } from '../../src/search/tokenizer.ts';
import { parseSeed, seedFiles } from '../helpers.ts';

describe('Segmenter', () => {
  it.each([
    ['one sentence', '做好城乡低保、特困人员救助供养等信息公开'],
    ['sentences', '动态发布农村集体产权制度改革进展。建立健全社会保险信息披露制度；主动公开经办流程！'],
    ['a line break and a dotted number', 'PM2.5浓度公开\n空气质量月报。'],
    ['punctuation only', '。；！？'],
    ['empty', ''],
  ])('%s: the same terms as the whole text', (_name, text) => {
    expect(new Segmenter().terms(text)).toEqual(indexTerms(text));
  });

  it('on every requirement, title and heading of the bundled documents, with sentences remembered across them', async () => {
    const tasks = (await Promise.all(seedFiles().map((f) => parseSeed(f)))).flatMap((p) => p.tasks);
    const seg = new Segmenter();
    const texts = tasks.flatMap((t) => [t.requirement, t.title ?? '', ...t.section]);
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) expect(seg.terms(text)).toEqual(indexTerms(text));
  });
});
