// Numbered prose: "1. 要求……。（牵头单位：…；责任单位：…）" under 一、 / （一） headings. Page breaks split
// sentences, and even the parenthesis ("（责" / "责任单位：…)"), so an item runs until its units close it.
import { isHeadingLine, outlineMarker } from '../headings.ts';
import type { ParsedLayout, RawRow } from '../raw-row.ts';
import { cleanText, joinBroken } from '../text.ts';
import type { TextLayout } from './layout.ts';

/** The units parenthesis at the end of an item, tolerant of a label broken by a page ("（责责任单位："). */
const UNITS_PAREN = /[（(]\s*\p{Script=Han}{0,2}?\s*((?:牵头|责任|配合|主责|协办)(?:单位|部门|科室)\s*[:：][\s\S]*?)[）)]\s*[。.]?\s*$/u;
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
    } else if (marker && (marker.level === ITEM_LEVEL || UNITS_PAREN.test(line) || /[。；;]$/.test(line))) {
      // Items are numbered 1．; a sentence numbered （一） or 一、 is a task when units close it.
      const tentative = marker.level !== ITEM_LEVEL;
      current = { section: path.map((p) => p.text), number: marker.number, parts: [marker.rest], closed: false, tentative };
      current.closed = UNITS_PAREN.test(marker.rest);
      items.push(current);
    } else if (current && !current.closed && UNITS_LINE.test(line)) {
      current.parts.push(`（${line.replace(/[。.]$/, '')}）`);
      current.closed = true;
    } else if (current && !current.closed) {
      current.parts.push(line);
      current.closed = UNITS_PAREN.test(joinBroken(current.parts));
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
      const m = UNITS_PAREN.exec(body);
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
