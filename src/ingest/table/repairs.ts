// Repairs of tables damaged by OCR and page breaks: shifted category cells, labels centred over merged
// cells and broken over rows, rows split by a page break, and row boundaries that drifted.
import { unitRoles } from '../../model/task.ts';
import { outlineMarker } from '../headings.ts';
import type { RawRow } from '../raw-row.ts';
import { cellText, joinBroken, mergeOverlap } from '../text.ts';
import { type Columns, unitCell } from './header.ts';

/** A requirement that ends like this is complete; one that does not may go on in the next row. */
const TERMINATED = /[。！？!?；;]$/;

const compact = (s: string): string => s.replace(/\s+/g, '');

/**
 * Shifted rows: the outer category cell dropped and the requirement duplicated into a category column.
 * Moves the category cells back out, in place.
 */
export function unshiftCategories(rows: string[][], cols: Columns): void {
  for (const row of rows) {
    const req = cellText(row[cols.requirement]);
    cols.category.forEach((col, k) => {
      if (!req || cellText(row[col]) !== req) return;
      for (let j = k; j > 0; j--) row[cols.category[j] as number] = row[cols.category[j - 1] as number] ?? '';
      row[cols.category[0] as number] = '';
    });
  }
}

/** A label fragment: the middle of a vertically centred label broken over rows by OCR. */
function isFragment(text: string): boolean {
  return /^[\p{Script=Han}、，,（）()]+$/u.test(text) && !outlineMarker(text);
}

interface LabelRun {
  start: number;
  end: number;
  text: string;
}

/** Runs of a column's cells: a marked label ("(一)以公开") followed by the fragments it was broken into. */
function labelRuns(rows: readonly string[][], col: number, boundaries: ReadonlySet<number>): { runs: LabelRun[]; fragments: number } {
  const runs: LabelRun[] = [];
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
  return { runs, fragments };
}

/** The run nearest to row `j` (the first of equally near ones), or null when there is none. */
function nearestRun(runs: readonly LabelRun[], j: number): LabelRun | null {
  let best: LabelRun | null = null;
  let bestDistance = Infinity;
  for (const run of runs) {
    const d = j < run.start ? run.start - j : j > run.end ? j - run.end : 0;
    if (d < bestDistance) {
      best = run;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Labels of a column whose merged cells were OCR'd with the text centred and broken over rows
 * ("(一)以公开" / "助推高水平 开放" / "招商引资"): joins each run of fragments and assigns every row to
 * the nearest run between the same heading rows. Returns null when the column is not laid out that way.
 */
export function centredLabels(rows: readonly string[][], col: number, boundaries: ReadonlySet<number>): Array<string | null> | null {
  const { runs, fragments } = labelRuns(rows, col, boundaries);
  if (fragments === 0) return null;

  const labels: Array<string | null> = rows.map(() => null);
  let segmentStart = 0;
  for (let i = 0; i <= rows.length; i++) {
    if (i < rows.length && !boundaries.has(i)) continue;
    const inSegment = runs.filter((r) => r.start >= segmentStart && r.end < i);
    for (let j = segmentStart; j < i; j++) labels[j] = nearestRun(inSegment, j)?.text ?? null;
    segmentStart = i + 1;
  }
  return labels;
}

/** The centred labels of every category column laid out that way, by column; heading rows bound the runs. */
export function centredColumns(rows: readonly string[][], cols: Columns): Map<number, Array<string | null>> {
  const boundaries = new Set(rows.flatMap((r, i) => (cellText(r[cols.requirement]) ? [] : [i])));
  const centred = new Map<number, Array<string | null>>();
  for (const col of cols.category) {
    const labels = centredLabels(rows, col, boundaries);
    if (labels) centred.set(col, labels);
  }
  return centred;
}

/** A row split by a page break: no label of its own, no lead, and the text above stops mid-sentence. */
export function continuesRow(prev: RawRow, row: readonly string[], cols: Columns, requirement: string, ownLabel: boolean): boolean {
  return !ownLabel && !unitCell(row, cols, 'lead') && !TERMINATED.test(prev.requirement) && !outlineMarker(requirement);
}

/**
 * OCR sometimes shifts a row boundary: the first sentences of the next task land in the row above,
 * whose unit cell then holds its list twice ("…单位,各街道 区直有关部门、单" + "位,各街道"). Splits the
 * spilled-over sentence back into a task of its own; null when the row above is not doubled.
 */
function splitDriftedRow(prev: RawRow, row: readonly string[], cols: Columns, requirement: string): RawRow | null {
  for (const role of unitRoles) {
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

/**
 * Rejoins a row that {@link continuesRow} into the row above (its text and unit cells appended), or,
 * when the row boundary drifted, repairs the row above and returns the task split off it.
 */
export function rejoinRow(prev: RawRow, row: readonly string[], cols: Columns, requirement: string): RawRow | null {
  const split = splitDriftedRow(prev, row, cols, requirement);
  if (split) return split;
  prev.requirement = joinBroken([prev.requirement, requirement]);
  for (const role of unitRoles) prev[role] = prev[role] + unitCell(row, cols, role);
  return null;
}
