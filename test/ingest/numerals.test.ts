// The one Chinese-numeral parser (deadlines' 第三季度, questions' 十二月 / 三十天内).
import { describe, expect, it } from 'vitest';
import { chineseNumber } from '../../src/ingest/numerals.ts';

describe('chineseNumber', () => {
  it.each([
    ['一', 1],
    ['四', 4],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['十二', 12],
    ['二十', 20],
    ['二十一', 21],
    ['三十', 30],
    ['九十九', 99],
    ['1', 1],
    ['12', 12],
    ['30', 30],
  ])('%s → %i', (text, expected) => {
    expect(chineseNumber(text)).toBe(expected);
  });

  it.each([[''], ['一二'], ['零'], ['百'], ['两'], ['十二月'], ['一千'], ['1.5'], ['-1'], ['１２']])('%j is not a number it reads', (text) => {
    expect(chineseNumber(text)).toBeNull();
  });
});
