// Maps a grid of cells (from any tabular layout) to task rows: follows headings and category columns,
// fills merged cells, and rejoins rows split by page breaks. Headers: header.ts; repairs: repairs.ts.
import { LayoutError } from '../../errors.ts';
import type { UnitRole } from '../../model/task.ts';
import { isHeadingLine, outlineMarker, withoutMarker } from '../headings.ts';
import type { RawRow } from '../raw-row.ts';
import { cellText, cleanText, mergeOverlap } from '../text.ts';
import { type Columns, readHeader, repeatsHeader, unitCell } from './header.ts';
import { centredColumns, continuesRow, rejoinRow, unshiftCategories } from './repairs.ts';

export interface TableOptions {
  /** An empty unit or deadline cell in a row of the same task group is a merged cell: it inherits the row above. */
  inheritBlankCells: boolean;
}

/** A cell saying "same as above". */
const INHERIT_MARK = /^(?:〃|同上|"|”)$/;

/** The outline level of a heading row without a marker of its own: the outermost. */
const HEADING_ROW_LEVEL = 1;
/** Category columns nest below every outline marker (levels 1–4): the outermost column is level 10, the next 11 … */
const CATEGORY_LEVEL = 10;
/** A category label numbered at this outline level or deeper (1．, （1）) numbers the task itself. */
const ITEM_MARKER_LEVEL = 3;

interface PathEntry {
  level: number;
  text: string;
  fromCategory: boolean;
}

/** Cells a row inherits from the row above when they are blank or say 同上. */
type CarriedRole = UnitRole | 'deadline';

/** What the walk down the table carries from row to row. */
interface Walk {
  readonly cols: Columns;
  readonly options: TableOptions;
  /** Centred labels of the category columns laid out that way, by column. */
  readonly centred: ReadonlyMap<number, ReadonlyArray<string | null>>;
  /** The headings and category labels above the current row, outermost first. */
  path: PathEntry[];
  carried: Partial<Record<CarriedRole, string>>;
  /** The last centred label seen in each centred column. */
  readonly lastLabel: Map<number, string | null>;
  readonly out: RawRow[];
}

/** A 序号 written as a plain number. */
const ROW_NUMBER = /^\d{1,4}$/;

/**
 * A category column whose cells (in rows with a requirement) are all plain numbers is the row number,
 * under a header cell spanning it and its neighbour ("工作任务" over 序号 and the task, a blank header).
 */
function numberColumns(rows: readonly string[][], cols: Columns): void {
  if (cols.index !== null) return;
  for (const col of cols.category) {
    const values = rows.filter((r) => cellText(r[cols.requirement])).map((r) => cellText(r[col])).filter(Boolean);
    if (values.length && values.every((v) => ROW_NUMBER.test(v))) {
      cols.index = col;
      cols.category = cols.category.filter((c) => c !== col);
      return;
    }
  }
}

/** A row with one cell of text that reads as a heading (一、… / （一）…, short, not a sentence). */
function isHeadingRow(row: readonly string[], cols: Columns): boolean {
  const filled = row.map(cellText).filter(Boolean);
  const only = (filled[0] ?? '').replace(/[。.]$/, '');
  return filled.length === 1 && isHeadingLine(only) && cols.category.length === 0;
}

/** A row whose requirement cell is empty but whose number, units or deadline say it is a task of its own. */
function isTaskWithoutRequirement(row: readonly string[], cols: Columns): boolean {
  const has = (col: number | null): boolean => col !== null && cellText(row[col]) !== '';
  const numbered = has(cols.index) && ROW_NUMBER.test(cellText(row[cols.index ?? -1]));
  return numbered && (has(cols.lead) || has(cols.responsible) || has(cols.cooperating) || has(cols.deadline));
}

/** Maps the rows below a header to task rows. */
export function mapTable(header: readonly string[], body: readonly string[][], options: TableOptions): RawRow[] {
  const cols = readHeader(header);
  if (!cols) throw new LayoutError('not a task table header');
  const rows = body.filter((r) => !repeatsHeader(r, header) && r.some((c) => cellText(c)));
  unshiftCategories(rows, cols);
  numberColumns(rows, cols);

  const walk: Walk = { cols, options, centred: centredColumns(rows, cols), path: [], carried: {}, lastLabel: new Map(), out: [] };
  rows.forEach((row, i) => {
    const requirement = cellText(row[cols.requirement]);
    if (requirement && !isHeadingRow(row, cols)) addTaskRow(walk, row, i, requirement);
    else if (!requirement && isTaskWithoutRequirement(row, cols)) addTaskWithoutRequirement(walk, row, i);
    else enterHeading(walk, row);
  });
  return walk.out;
}

/** A numbered row whose requirement cell is empty: kept under its title (warned about by the importer). */
function addTaskWithoutRequirement(walk: Walk, row: readonly string[], i: number): void {
  followCategories(walk, row, i);
  const title = walk.path.at(-1)?.text ?? '';
  const task = taskRow(walk, row, cleanText(title) || cellText(row[walk.cols.index ?? -1]), false);
  walk.out.push({ ...task, requirementMissing: true });
}

/** Puts a heading or label on the path, below the entries of higher levels. */
function setPath(walk: Walk, text: string, fallbackLevel: number, fromCategory: boolean): void {
  const level = outlineMarker(text)?.level ?? fallbackLevel;
  walk.path = walk.path.filter((p) => p.level < level);
  walk.path.push({ level, text, fromCategory });
}

/** A heading row: its text may be broken over several cells ("二、全力提升体" | "依申请公开办理质效"). */
function enterHeading(walk: Walk, row: readonly string[]): void {
  const label = row.map(cellText).filter(Boolean).reduce((acc, t) => mergeOverlap(acc, t), '');
  if (label) setPath(walk, label, HEADING_ROW_LEVEL, false);
  walk.carried = {};
  walk.lastLabel.clear();
}

/** Follows the row's category labels onto the path; true when a label starts a new group. */
function followCategories(walk: Walk, row: readonly string[], i: number): boolean {
  let labelled = false;
  walk.cols.category.forEach((col, depth) => {
    const labels = walk.centred.get(col);
    const text = labels ? (labels[i] ?? null) : cellText(row[col]) || null;
    if (labels) {
      if (text && text !== walk.lastLabel.get(col)) {
        setPath(walk, text, CATEGORY_LEVEL + depth, true);
        labelled = true;
      }
      walk.lastLabel.set(col, text);
    } else if (text && !INHERIT_MARK.test(text)) {
      setPath(walk, text, CATEGORY_LEVEL + depth, true);
      labelled = true;
    }
  });
  return labelled;
}

/** A row with a requirement: a task of its own, or the rest of the row above split by a page break. */
function addTaskRow(walk: Walk, row: readonly string[], i: number, requirement: string): void {
  const labelled = followCategories(walk, row, i);
  const ownLabel = walk.cols.category.some((col) => !walk.centred.has(col) && cellText(row[col]));
  const prev = walk.out.at(-1);
  if (prev && continuesRow(prev, row, walk.cols, requirement, ownLabel)) {
    const split = rejoinRow(prev, row, walk.cols, requirement);
    if (split) walk.out.push(split);
    return;
  }
  walk.out.push(taskRow(walk, row, requirement, !ownLabel && !labelled));
}

/** The value of a unit or deadline cell: "同上", or blank in the same group of a merged-cell layout, inherits. */
function carry(walk: Walk, role: CarriedRole, value: string, sameGroup: boolean, guessed: Array<{ column: string; value: string }>): string {
  const guess = !value && walk.options.inheritBlankCells && sameGroup;
  const inherit = INHERIT_MARK.test(value) || guess;
  const result = inherit ? (walk.carried[role] ?? '') : value;
  if (guess && result) guessed.push({ column: role, value: result });
  walk.carried[role] = result;
  return result;
}

/** The cells of the columns kept as notes. */
function notesOf(row: readonly string[], cols: Columns): NonNullable<RawRow['notes']> {
  return cols.notes.flatMap(({ col, label, known }) => {
    const value = cellText(row[col]);
    return value ? [{ label, value, known }] : [];
  });
}

/** One task row, under the current path. */
function taskRow(walk: Walk, row: readonly string[], requirement: string, sameGroup: boolean): RawRow {
  const { cols } = walk;
  const titleEntry = walk.path.filter((p) => p.fromCategory).at(-1);
  const ownMarker = titleEntry ? outlineMarker(titleEntry.text) : null;
  const guessed: Array<{ column: string; value: string }> = [];
  const unit = (role: UnitRole): string => carry(walk, role, unitCell(row, cols, role), sameGroup, guessed);
  const notes = notesOf(row, cols);
  const [lead, responsible, cooperating] = [unit('lead'), unit('responsible'), unit('cooperating')];
  const deadline = cols.deadline === null ? null : carry(walk, 'deadline', cellText(row[cols.deadline]), sameGroup, guessed) || '';
  return {
    section: walk.path.map((p) => cleanText(p.text)),
    title: titleEntry ? withoutMarker(cleanText(titleEntry.text)) : null,
    number:
      cols.index !== null
        ? cellText(row[cols.index]) || null
        : ownMarker && ownMarker.level >= ITEM_MARKER_LEVEL
          ? ownMarker.number
          : null,
    requirement,
    lead,
    responsible,
    cooperating,
    deadline,
    ...(notes.length ? { notes } : {}),
    ...(guessed.length ? { guessed } : {}),
    ...(cols.leadFirst ? { leadFirst: true } : {}),
    remarks: cols.remarks !== null ? cellText(row[cols.remarks]) || null : null,
  };
}
