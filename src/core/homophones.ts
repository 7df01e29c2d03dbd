// How a word sounds, for names typed with the wrong character of the same sound (卫建局 for 卫健局,
// 发该局 for 发改局): pinyin without tones, from the maintained pinyin-pro dictionary.
import { pinyin } from 'pinyin-pro';

const memo = new Map<string, string>();
/** Memoised words kept at most: the catalog asks for every unit name once per region. */
const MEMO_LIMIT = 50_000;

export function homophoneKey(word: string): string {
  let key = memo.get(word);
  if (key === undefined) {
    key = pinyin(word, { toneType: 'none', type: 'array' }).join(' ');
    if (memo.size < MEMO_LIMIT) memo.set(word, key);
  }
  return key;
}
