// Text clean-up shared by every layout: OCR tags, letter-spaced words, bracket variants, full-width digits.

const CJK = '\\p{Script=Han}';
const CJK_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】〔〕…—·';
const SP = '[ \\u3000\\u00a0]';
// Each pattern starts with a space and only then looks behind: a lookbehind first would be tried at
// every position of the text (three times slower on real tables).
const cjkSpaceRe = new RegExp(`${SP}(?<=[${CJK}${CJK_PUNCT}]${SP})${SP}*(?=[${CJK}${CJK_PUNCT}])`, 'gu');
const cjkDigitSpaceRe = new RegExp(`${SP}(?<=[${CJK}]${SP})${SP}*(?=\\d)|${SP}(?<=\\d${SP})${SP}*(?=[${CJK}])`, 'gu');

// The markup patterns stop at the next opening bracket, so a "<" or "[bookmark:" that never closes
// costs one scan to the next one, not one to the end of the text (that was quadratic).
const TAG = /<\/?[a-zA-Z][^<>]*>/g;
const BOOKMARK = /\[bookmark:[^[\]]*\]/g;

/** Characters without which a text has no markup, and spaces without which it has no letter-spacing. */
const MARKUP_CHAR = /[<*[]/;
const SPACE_CHAR = /[ \u3000\u00a0]/;

/** Removes markup that OCR and converters leave behind: <b>, **, [bookmark: …]. */
export function stripMarkup(text: string): string {
  // Most lines have none: the cheap test saves three passes (the importer's hottest path).
  if (!MARKUP_CHAR.test(text)) return text;
  return text.replace(TAG, '').replace(/\*\*/g, '').replace(BOOKMARK, '');
}

/** Full-width ASCII digits and letters to half-width, so that dates and numbers match one pattern. */
export function halfWidthAlnum(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Joins letter-spaced Chinese from OCR ("助 推 监 管" → "助推监管"). */
export function joinLetterSpacing(text: string): string {
  return SPACE_CHAR.test(text) ? text.replace(cjkSpaceRe, '') : text;
}

/** Also drops spaces around numbers inside Chinese ("2023 年 8 月"), for reading dates and names. */
export function collapseCjkSpaces(text: string): string {
  return SPACE_CHAR.test(text) ? joinLetterSpacing(text).replace(cjkDigitSpaceRe, '') : text;
}

/**
 * One clean line of cell or paragraph text. Spacing around numbers is kept as written
 * ("10 个工作日内"), so that quotes of the document match it.
 */
export function cleanText(text: string): string {
  const t = stripMarkup(text);
  if (!/\s/.test(t)) return t;
  return joinLetterSpacing(t)
    .replace(/[ \t\u3000\u00a0]+/g, ' ')
    .trim();
}

const isLatinOrDigit = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/**
 * Joins text broken over lines or pages: Chinese joins with nothing, Latin words with a space.
 * Linear: it looks at the last character of the previous part, never at the text joined so far.
 */
export function joinBroken(parts: readonly string[]): string {
  const out: string[] = [];
  let last: string | undefined;
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    if (isLatinOrDigit(last) && isLatinOrDigit(part[0])) out.push(' ');
    out.push(part);
    last = part[part.length - 1];
  }
  return out.join('');
}

/** A table cell's text on one line: the lines of a wrapped cell are joined, then cleaned. */
export function cellText(cell: string | undefined): string {
  const text = cell ?? '';
  return cleanText(text.includes('\n') ? joinBroken(text.split('\n')) : text);
}

/** Normalises ASCII brackets to the full-width ones Chinese documents use. */
export function fullWidthBrackets(text: string): string {
  return text.replace(/\(/g, '（').replace(/\)/g, '）');
}

/** A page break repeats a few characters at most: longer overlaps are not looked for (keeps merging linear). */
const MAX_OVERLAP_CHARS = 64;

/** Merges two fragments that overlap ("五、持续提高公" + "公开平台" → "五、持续提高公开平台"). */
export function mergeOverlap(a: string, b: string): string {
  if (!a) return b;
  if (!b || a.includes(b)) return a;
  if (b.includes(a)) return b;
  for (let k = Math.min(a.length, b.length, MAX_OVERLAP_CHARS + 1) - 1; k > 0; k--) {
    if (a.endsWith(b.slice(0, k))) return a + b.slice(k);
  }
  return a + b;
}

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
}
