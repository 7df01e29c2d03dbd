// Chinese numerals as documents and questions write them (六, 十二, 三十, 第三季度), read as numbers.

const DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** The numerals {@link chineseNumber} reads: one to three of 一…十, as in 六, 十二, 三十, 九十九. */
export const CHINESE_NUMERAL = /^[一二三四五六七八九十]{1,3}$/;

/** 十二 → 12, 六 → 6, 三十 → 30, "12" → 12; null for anything else (一二, 百, 零). */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!CHINESE_NUMERAL.test(text)) return null;
  if (text === '十') return 10;
  const [a, b, c] = Array.from(text);
  if (b === '十') return (DIGITS[a ?? ''] ?? 0) * 10 + (c ? (DIGITS[c] ?? 0) : 0);
  if (a === '十') return 10 + (DIGITS[b ?? ''] ?? 0);
  return text.length === 1 ? (DIGITS[a ?? ''] ?? null) : null;
}
