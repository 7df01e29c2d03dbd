// Numbered prose: "1. 要求……。（牵头单位：…；责任单位：…）" under 一、 / （一） headings. Page breaks split
// sentences, and even the parenthesis ("（责" / "责任单位：…)"), so an item runs until its units close it.
import { isHeadingLine, outlineMarker } from '../headings.ts';
import type { ParsedLayout, RawRow } from '../raw-row.ts';
import { cleanText, joinBroken } from '../text.ts';
import type { TextLayout } from './layout.ts';

/** The units parenthesis at the end of an item, tolerant of a label broken by a page ("（责责任单位："). */
const UNITS_PAREN = /[（(]\s*\p{Script=Han}{0,2}?\s*((?:牵头|责任|配合|主责|协办)(?:单位|部门|科室)\s*[:：][\s\S]*?)[）)]\s*[。.]?\s*$/u;
/** Where a units parenthesis opens ("（责任单位：", "（责责任单位："): UNITS_PAREN's start, for scanning pieces. */
const UNITS_OPEN = /[（(]\s*\p{Script=Han}{0,2}?\s*(?:牵头|责任|配合|主责|协办)(?:单位|部门|科室)\s*[:：]/u;
/** An opening split over two lines is found in the end of the text before plus the new line. */
const OPEN_WINDOW = 16;
/** Units on a line of their own, without the parenthesis: "责任单位：县民政局". */
const UNITS_LINE = /^(?:牵头|责任|配合|主责|协办)(?:单位|部门|科室)\s*[:：]/u;
const LABEL = /(牵头|责任|配合|主责|协办)(?:单位|部门|科室)\s*[:：]|(?:完成时限|时限要求|完成时间|时限)\s*[:：]/gu;

/** Items are numbered 1．(outline level 3). */
const ITEM_LEVEL = 3;
/** A text is numbered prose when at least this many items close with their units. */
const MIN_ITEMS_WITH_UNITS = 3;

interface Item {
  section: string[];
  number: string;
  parts: string[];
  closed: boolean;
  /** A units parenthesis has opened somewhere in the item. */
  opened: boolean;
  /** The last characters of the item so far, to find an opening split over lines. */
  tail: string;
  /** Numbered 一、 or （一） rather than 1．: a task only if its units follow, else prose of the notice. */
  tentative: boolean;
}

type Labelled = Pick<RawRow, 'lead' | 'responsible' | 'cooperating' | 'deadline'>;

/** Reads "牵头单位：…；责任单位：…；完成时限：…" into units by role and a deadline. */
function readLabelled(inner: string): Labelled {
  const out: Labelled = { lead: '', responsible: '', cooperating: '', deadline: null };
  const labels = [...inner.matchAll(LABEL)];
  labels.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = labels[i + 1]?.index ?? inner.length;
    const value = inner.slice(start, end).replace(/[；;，,\s]+$/u, '');
    if (!m[1]) {
      out.deadline = value;
      return;
    }
    const role = m[1] === '牵头' || m[1] === '主责' ? 'lead' : m[1] === '责任' ? 'responsible' : 'cooperating';
    out[role] = out[role] ? `${out[role]}、${value}` : value;
  });
  return out;
}

/** Ends like a units parenthesis: "）", "）。" (checked from the end: a regex anchored at $ scans from the start). */
function endsWithParen(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  if (text[i] === '。' || text[i] === '.') i--;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  return text[i] === '）' || text[i] === ')';
}

/** The text closes with its units: "…（责任单位：县民政局）。" */
function closesWithUnits(text: string): boolean {
  return endsWithParen(text) && UNITS_PAREN.test(text);
}

function newItem(section: string[], number: string, rest: string, tentative: boolean): Item {
  return { section, number, parts: [rest], closed: closesWithUnits(rest), opened: UNITS_OPEN.test(rest), tail: rest.slice(-OPEN_WINDOW), tentative };
}

/**
 * A line that goes on an open item. Linear in the item: the opening is looked for in the new line
 * (with the end of the text before it), and the whole item is matched only once it has an opening
 * and ends like a parenthesis, which closes it.
 */
function continueItem(item: Item, line: string): void {
  item.parts.push(line);
  const window = item.tail + line;
  item.opened ||= UNITS_OPEN.test(window);
  item.tail = window.slice(-OPEN_WINDOW);
  item.closed = item.opened && endsWithParen(line) && UNITS_PAREN.test(joinBroken(item.parts));
}

function scan(text: string): { items: Item[]; preamble: string[] } {
  const items: Item[] = [];
  const preamble: string[] = [];
  let path: Array<{ level: number; text: string }> = [];
  let current: Item | null = null;
  for (const raw of text.split('\n')) {
    const line = cleanText(raw);
    if (!line) continue;
    const marker = outlineMarker(line);
    if (marker && isHeadingLine(line)) {
      path = path.filter((p) => p.level < marker.level);
      path.push({ level: marker.level, text: line });
      current = null;
    } else if (marker && (marker.level === ITEM_LEVEL || closesWithUnits(line) || /[。；;]$/.test(line))) {
      // Items are numbered 1．; a sentence numbered （一） or 一、 is a task when units close it.
      current = newItem(path.map((p) => p.text), marker.number, marker.rest, marker.level !== ITEM_LEVEL);
      items.push(current);
    } else if (current && !current.closed && UNITS_LINE.test(line)) {
      current.parts.push(`（${line.replace(/[。.]$/, '')}）`);
      current.closed = true;
    } else if (current && !current.closed) {
      continueItem(current, line);
    } else if (items.length === 0) {
      preamble.push(raw);
    }
  }
  return { items, preamble };
}

export const numberedProse: TextLayout = {
  name: 'numbered-prose',

  score(text) {
    const { items } = scan(text);
    const withUnits = items.filter((i) => i.closed).length;
    return withUnits >= MIN_ITEMS_WITH_UNITS ? withUnits : 0;
  },

  parse(text): ParsedLayout {
    const { items, preamble } = scan(text);
    const firstWithUnits = items.findIndex((i) => i.closed);
    const rows: RawRow[] = [];
    for (const item of items.slice(Math.max(0, firstWithUnits)).filter((i) => i.closed || !i.tentative)) {
      const body = joinBroken(item.parts);
      const m = item.closed ? UNITS_PAREN.exec(body) : null;
      const requirement = (m ? body.slice(0, m.index) : body).trim();
      if (!requirement) continue;
      rows.push({
        section: item.section,
        title: null,
        number: item.number,
        requirement,
        ...(m?.[1] ? readLabelled(m[1]) : { lead: '', responsible: '', cooperating: '', deadline: null }),
        remarks: null,
      });
    }
    return { layout: 'numbered-prose', headerText: preamble.join('\n'), rows };
  },
};
