// Maps a grid of cells (from any tabular layout) to task rows: finds the columns from their headers,
// follows headings and category columns, fills merged cells, and rejoins rows split by page breaks.
import { outlineMarker, withoutMarker } from './headings.ts';
import type { RawRow } from './raw-row.ts';
import { cleanText, joinBroken, mergeOverlap } from './text.ts';

export type ColumnRole =
  | 'category'
  | 'requirement'
  | 'lead'
  | 'responsible'
  | 'cooperating'
  | 'deadline'
  | 'remarks'
  | 'index';

const HEADER_NAMES: ReadonlyArray<[ColumnRole, RegExp]> = [
  ['index', /^(?:序号|编号|序)$/],
  ['lead', /^(?:牵头(?:单位|部门|科室)?|主责(?:单位|部门))$/],
  ['responsible', /^(?:责任(?:单位|部门|科室|主体)|承办(?:单位|部门)|落实(?:单位|部门)|主办(?:单位|部门)|负责(?:单位|部门))$/],
  ['cooperating', /^(?:配合(?:单位|部门|科室)|协办(?:单位|部门)|协同(?:单位|部门)|参与(?:单位|部门))$/],
  ['deadline', /^(?:完成(?:时限|时间|期限)(?:要求)?|时限(?:要求)?|时间(?:要求|节点|安排)|办结时限|进度安排|完成时限)$/],
  ['remarks', /^备注$/],
  ['requirement', /^(?:具体要求|工作要求|任务要求|具体内容|工作内容|主要内容|具体措施|工作措施|要求|目标要求|具体任务|任务内容)$/],
  ['category', /^(?:工作任务|任务|重点任务|工作事项|任务名称|主要任务|类别|项目|重点工作|任务事项|领域|工作类别|工作项目)$/],
];

const UNIT_ROLES = ['lead', 'responsible', 'cooperating'] as const;

export function headerRole(cell: string): ColumnRole | null {
  const name = cleanText(cell).replace(/\s+/g, '');
  for (const [role, re] of HEADER_NAMES) if (re.test(name)) return role;
  return null;
}

export interface Columns {
  /** Category columns, outermost first. */
  category: number[];
  requirement: number;
  lead: number | null;
  responsible: number | null;
  cooperating: number | null;
  deadline: number | null;
  remarks: number | null;
  index: number | null;
}

/** Reads a header row; null when the row is not a task-table header. */
export function readHeader(row: readonly string[]): Columns | null {
  const roles = row.map(headerRole);
  const known = roles.filter((r) => r !== null);
  if (known.length < 2) return null;
  if (!roles.some((r) => r === 'requirement' || r === 'category')) return null;
  if (!roles.some((r) => r === 'lead' || r === 'responsible' || r === 'cooperating' || r === 'deadline')) return null;

  const first = (role: ColumnRole): number | null => {
    const i = roles.indexOf(role);
    return i >= 0 ? i : null;
  };
  const category: number[] = [];
  roles.forEach((role, i) => {
    if (role === 'category') category.push(i);
    // A blank header right of a category column is a deeper category level (a merged header cell).
    else if (role === null && !cleanText(row[i] ?? '') && category.includes(i - 1)) category.push(i);
  });
  let requirement = first('requirement');
  if (requirement === null) requirement = category.pop() ?? null;
  if (requirement === null) return null;
  return {
    category,
    requirement,
    lead: first('lead'),
    responsible: first('responsible'),
    cooperating: first('cooperating'),
    deadline: first('deadline'),
    remarks: first('remarks'),
    index: first('index'),
  };
}

const compact = (s: string): string => s.replace(/\s+/g, '');

/**
 * OCR sometimes shifts a row boundary: the first sentences of the next task land in the row above,
 * whose unit cell then holds its list twice ("…单位,各街道 区直有关部门、单" + "位,各街道"). Splits the
 * spilled-over sentence back into a task of its own; null when the row above is not doubled.
 */
function splitDriftedRow(prev: RawRow, row: readonly string[], cols: Columns, requirement: string): RawRow | null {
  for (const role of UNIT_ROLES) {
    const col = cols[role];
    if (col === null || !(row[col] ?? '').trim()) continue;
    const whole = compact(prev[role] + (row[col] ?? ''));
    const half = whole.length / 2;
    const cut = prev.requirement.lastIndexOf('。');
    if (!Number.isInteger(half) || whole.slice(0, half) !== whole.slice(half) || cut < 0) return null;
    const tail = prev.requirement.slice(cut + 1).trim();
    prev.requirement = prev.requirement.slice(0, cut + 1);
    prev[role] = whole.slice(0, half);
    return { ...prev, [role]: whole.slice(half), requirement: joinBroken([tail, requirement]) };
  }
  return null;
}

export interface TableOptions {
  /** An empty unit or deadline cell in a row of the same task group is a merged cell: it inherits the row above. */
  inheritBlankCells: boolean;
}

const INHERIT_MARK = /^(?:〃|同上|"|”)$/;
const TERMINATED = /[。！？!?；;]$/;

interface PathEntry {
  level: number;
  text: string;
  fromCategory: boolean;
}

function sameAsHeader(row: readonly string[], header: readonly string[]): boolean {
  const a = row.map((c) => cleanText(c).replace(/\s+/g, '')).filter(Boolean);
  const b = header.map((c) => cleanText(c).replace(/\s+/g, '')).filter(Boolean);
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** A cell's text on one line: lines of a wrapped cell are joined. */
function cellText(cell: string | undefined): string {
  return cleanText(joinBroken((cell ?? '').split('\n')));
}

/** A label fragment: the middle of a vertically centred label broken over rows by OCR. */
function isFragment(text: string): boolean {
  return /^[\p{Script=Han}、，,（）()]+$/u.test(text) && !outlineMarker(text);
}

/**
 * Labels of a column whose merged cells were OCR'd with the text centred and broken over rows
 * ("(一)以公开" / "助推高水平 开放" / "招商引资"): joins each run of fragments and assigns every row to
 * the nearest run. Returns null when the column is not laid out that way.
 */
function centredLabels(rows: readonly string[][], col: number, boundaries: ReadonlySet<number>): Array<string | null> | null {
  const runs: Array<{ start: number; end: number; text: string }> = [];
  let fragments = 0;
  rows.forEach((row, i) => {
    const text = cellText(row[col]);
    if (!text || boundaries.has(i)) return;
    const last = runs.at(-1);
    if (last && last.end === i - 1 && isFragment(text) && outlineMarker(last.text)) {
      last.end = i;
      last.text = mergeOverlap(last.text, text);
      fragments++;
    } else runs.push({ start: i, end: i, text });
  });
  if (fragments === 0) return null;

  const labels: Array<string | null> = rows.map(() => null);
  let segmentStart = 0;
  for (let i = 0; i <= rows.length; i++) {
    if (i < rows.length && !boundaries.has(i)) continue;
    const inSegment = runs.filter((r) => r.start >= segmentStart && r.end < i);
    for (let j = segmentStart; j < i; j++) {
      let best: (typeof runs)[number] | null = null;
      let bestDistance = Infinity;
      for (const run of inSegment) {
        const d = j < run.start ? run.start - j : j > run.end ? j - run.end : 0;
        if (d < bestDistance) {
          best = run;
          bestDistance = d;
        }
      }
      labels[j] = best?.text ?? null;
    }
    segmentStart = i + 1;
  }
  return labels;
}

/** A row that names at least two known columns: a header, whether or not it is usable. */
export function looksLikeHeader(row: readonly string[]): boolean {
  return row.map(headerRole).filter((r) => r !== null).length >= 2;
}

/** Raised by layouts for input they recognise but cannot use; the importer adds the file name. */
export class LayoutError extends Error {}

/** Finds the header row of a table, or says why a header-like row is unusable. */
export function findHeader(rows: readonly (readonly string[])[]): number {
  const index = rows.findIndex((r) => readHeader(r) !== null);
  if (index >= 0) return index;
  const near = rows.find(looksLikeHeader);
  if (near) {
    const names = near.map((c) => cleanText(c)).filter(Boolean).join('、');
    throw new LayoutError(`表头（${names}）中没有“具体要求 / 工作任务 / 工作内容”列，无法确定任务内容`);
  }
  return -1;
}

/**
 * How sure a tabular layout is that these rows are its table: the number of rows when a task header
 * is among them; 1 when only an unusable header is (so that its parse can say why); else 0.
 */
export function tableScore(rows: readonly (readonly string[])[], count = rows.length): number {
  try {
    return findHeader(rows) >= 0 ? count : 0;
  } catch {
    return count > 0 ? 1 : 0;
  }
}

/** Maps the rows below a header to task rows. */
export function mapTable(header: readonly string[], body: readonly string[][], options: TableOptions): RawRow[] {
  const cols = readHeader(header);
  if (!cols) throw new LayoutError('not a task table header');
  const rows = body.filter((r) => !sameAsHeader(r, header) && r.some((c) => cellText(c)));

  // Shifted rows (the outer category cell dropped, the requirement duplicated into a category column).
  for (const row of rows) {
    const req = cellText(row[cols.requirement]);
    cols.category.forEach((col, k) => {
      if (!req || cellText(row[col]) !== req) return;
      for (let j = k; j > 0; j--) row[cols.category[j] as number] = row[cols.category[j - 1] as number] ?? '';
      row[cols.category[0] as number] = '';
    });
  }

  const isHeading = (row: readonly string[]): boolean => !cellText(row[cols.requirement]);
  const boundaries = new Set(rows.flatMap((r, i) => (isHeading(r) ? [i] : [])));
  const centred = new Map<number, Array<string | null>>();
  for (const col of cols.category) {
    const labels = centredLabels(rows, col, boundaries);
    if (labels) centred.set(col, labels);
  }

  let path: PathEntry[] = [];
  const setPath = (text: string, fallbackLevel: number, fromCategory: boolean): void => {
    const marker = outlineMarker(text);
    const level = marker ? marker.level : fallbackLevel;
    path = path.filter((p) => p.level < level);
    path.push({ level, text, fromCategory });
  };

  const out: RawRow[] = [];
  let carried: Partial<Record<'lead' | 'responsible' | 'cooperating' | 'deadline', string>> = {};
  const lastLabel = new Map<number, string | null>();

  rows.forEach((row, i) => {
    const requirement = cellText(row[cols.requirement]);
    if (!requirement) {
      // A heading row: its text may be broken over several cells ("二、全力提升体" | "依申请公开办理质效").
      const label = row.map(cellText).filter(Boolean).reduce((acc, t) => mergeOverlap(acc, t), '');
      if (label) setPath(label, 1, false);
      carried = {};
      lastLabel.clear();
      return;
    }

    let labelled = false;
    cols.category.forEach((col, depth) => {
      const labels = centred.get(col);
      const text = labels ? labels[i] ?? null : cellText(row[col]) || null;
      if (labels) {
        if (text && text !== lastLabel.get(col)) {
          setPath(text, 10 + depth, true);
          labelled = true;
        }
        lastLabel.set(col, text);
      } else if (text && !INHERIT_MARK.test(text)) {
        setPath(text, 10 + depth, true);
        labelled = true;
      }
    });
    const ownLabel = cols.category.some((col) => !centred.has(col) && cellText(row[col]));

    const unitCell = (role: (typeof UNIT_ROLES)[number]): string => {
      const col = cols[role];
      return col === null ? '' : (row[col] ?? '').trim();
    };
    const prev = out.at(-1);

    // A row split by a page break: no label, no lead, and the text above stops mid-sentence.
    if (
      prev &&
      !ownLabel &&
      !unitCell('lead') &&
      !TERMINATED.test(prev.requirement) &&
      !outlineMarker(requirement)
    ) {
      const split = splitDriftedRow(prev, row, cols, requirement);
      if (split) out.push(split);
      else {
        prev.requirement = joinBroken([prev.requirement, requirement]);
        for (const role of UNIT_ROLES) prev[role] = prev[role] + unitCell(role);
      }
      return;
    }

    const sameGroup = !ownLabel && !labelled;
    const take = (role: 'lead' | 'responsible' | 'cooperating' | 'deadline', value: string): string => {
      const inherit = INHERIT_MARK.test(value) || (!value && options.inheritBlankCells && sameGroup);
      const result = inherit ? carried[role] ?? '' : value;
      carried[role] = result;
      return result;
    };

    const categoryPath = path.filter((p) => p.fromCategory);
    const titleEntry = categoryPath.at(-1);
    const ownMarker = titleEntry ? outlineMarker(titleEntry.text) : null;
    out.push({
      section: path.map((p) => cleanText(p.text)),
      title: titleEntry ? withoutMarker(cleanText(titleEntry.text)) : null,
      number: cols.index !== null ? cellText(row[cols.index]) || null : ownMarker && ownMarker.level >= 3 ? ownMarker.number : null,
      requirement,
      lead: take('lead', unitCell('lead')),
      responsible: take('responsible', unitCell('responsible')),
      cooperating: take('cooperating', unitCell('cooperating')),
      deadline: cols.deadline === null ? null : take('deadline', cellText(row[cols.deadline])) || '',
      remarks: cols.remarks !== null ? cellText(row[cols.remarks]) || null : null,
    });
  });

  return out;
}
