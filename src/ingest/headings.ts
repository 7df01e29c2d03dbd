// Outline markers of Chinese official documents: 一、 (level 1), （一） (2), 1． (3), （1） (4).

export interface Marker {
  level: 1 | 2 | 3 | 4;
  /** The number as written: 一, 3 … */
  number: string;
  /** The text after the marker. */
  rest: string;
}

const patterns: ReadonlyArray<[Marker['level'], RegExp]> = [
  [1, /^([一二三四五六七八九十]{1,3})\s*、\s*/],
  [2, /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/],
  [3, /^(\d{1,3})\s*[．.、](?!\d)\s*/],
  [4, /^[（(]\s*(\d{1,3})\s*[）)]\s*/],
];

/** Heading lines are marked 一、 or （一）: levels 1 and 2. */
const DEEPEST_HEADING_LEVEL = 2;
/** A heading is short: a longer marked line is a sentence of the notice or a task. */
const MAX_HEADING_CHARS = 40;

export function outlineMarker(text: string): Marker | null {
  const t = text.trimStart();
  for (const [level, re] of patterns) {
    const m = re.exec(t);
    if (m?.[1]) return { level, number: m[1], rest: t.slice(m[0].length) };
  }
  return null;
}

/** A heading line: marked, short, and not a sentence of requirements. */
export function isHeadingLine(text: string): boolean {
  const m = outlineMarker(text);
  if (!m || m.level > DEEPEST_HEADING_LEVEL) return false;
  return text.length <= MAX_HEADING_CHARS && !/[。；;]$/.test(text.trim());
}

/** Drops the outline marker: "（一）抓好减税降费" → "抓好减税降费". */
export function withoutMarker(text: string): string {
  const m = outlineMarker(text);
  return m ? m.rest.trim() : text.trim();
}
