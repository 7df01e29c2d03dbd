// Text clean-up shared by every layout: OCR tags, letter-spaced words, bracket variants, full-width digits.

const CJK = '\\p{Script=Han}';
const CJK_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】〔〕…—·';
const cjkSpaceRe = new RegExp(`(?<=[${CJK}${CJK_PUNCT}])[ \\u3000\\u00a0]+(?=[${CJK}${CJK_PUNCT}])`, 'gu');
const cjkDigitSpaceRe = new RegExp(`(?<=[${CJK}])[ \\u3000\\u00a0]+(?=\\d)|(?<=\\d)[ \\u3000\\u00a0]+(?=[${CJK}])`, 'gu');

/** Removes markup that OCR and converters leave behind: <b>, **, [bookmark: …]. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/\*\*/g, '')
    .replace(/\[bookmark:[^\]]*\]/g, '');
}

/** Full-width ASCII digits and letters to half-width, so that dates and numbers match one pattern. */
export function halfWidthAlnum(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Joins letter-spaced Chinese from OCR ("助 推 监 管" → "助推监管"). */
export function joinLetterSpacing(text: string): string {
  return text.replace(cjkSpaceRe, '');
}

/** Also drops spaces around numbers inside Chinese ("2023 年 8 月"), for reading dates and names. */
export function collapseCjkSpaces(text: string): string {
  return joinLetterSpacing(text).replace(cjkDigitSpaceRe, '');
}

/**
 * One clean line of cell or paragraph text. Spacing around numbers is kept as written
 * ("10 个工作日内"), so that quotes of the document match it.
 */
export function cleanText(text: string): string {
  return joinLetterSpacing(stripMarkup(text))
    .replace(/[ \t\u3000\u00a0]+/g, ' ')
    .trim();
}

/** Joins text broken over lines or pages: Chinese joins with nothing, Latin words with a space. */
export function joinBroken(parts: readonly string[]): string {
  let out = '';
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    if (out && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(part)) out += ' ';
    out += part;
  }
  return out;
}

/** A table cell's text on one line: the lines of a wrapped cell are joined, then cleaned. */
export function cellText(cell: string | undefined): string {
  return cleanText(joinBroken((cell ?? '').split('\n')));
}

/** Normalises ASCII brackets to the full-width ones Chinese documents use. */
export function fullWidthBrackets(text: string): string {
  return text.replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Merges two fragments that overlap ("五、持续提高公" + "公开平台" → "五、持续提高公开平台"). */
export function mergeOverlap(a: string, b: string): string {
  if (!a) return b;
  if (!b || a.includes(b)) return a;
  if (b.includes(a)) return b;
  for (let k = Math.min(a.length, b.length) - 1; k > 0; k--) {
    if (a.endsWith(b.slice(0, k))) return a + b.slice(k);
  }
  return a + b;
}

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
}
