// Task-table headers: which column is which (工作任务, 具体要求, 牵头单位, 完成时限 …), where the header row
// is, and how sure a layout may be that rows hold a task table.
import { LayoutError } from '../../errors.ts';
import type { UnitRole } from '../../model/task.ts';
import { importReason } from '../../texts/ingest.ts';
import { cleanText } from '../text.ts';

export type ColumnRole = 'category' | 'requirement' | UnitRole | 'deadline' | 'remarks' | 'index' | 'note';

/** Header names by column role, in the order they are tried: the first that matches names the column. */
const HEADER_NAMES: ReadonlyArray<[ColumnRole, RegExp]> = [
  ['index', /^(?:序号|编号|序)$/],
  ['lead', /^(?:牵头(?:单位|部门|科室)?|主责(?:单位|部门))$/],
  ['responsible', /^(?:责任(?:单位|部门|科室|处室|股室|主体)|承办(?:单位|部门)|落实(?:单位|部门)|主办(?:单位|部门)|负责(?:单位|部门)|(?:任务)?分工)$/],
  ['cooperating', /^(?:配合(?:单位|部门|科室)|协办(?:单位|部门)|协同(?:单位|部门)|参与(?:单位|部门))$/],
  ['deadline', /^(?:完成(?:时限|时间|期限)(?:要求)?|时限(?:要求)?|时间(?:要求|节点|安排)|办结时限|进度安排|完成时限)$/],
  ['remarks', /^备注$/],
  // Columns understood but not fields of a task: kept in its remarks under their name.
  ['note', /^(?:(?:牵头|分管|责任|联系)领导|(?:落实|完成|进展|推进)情况|工作进展|进展|联系人|联系电话)$/],
  ['requirement', /^(?:具体(?:工作)?要求|工作要求|任务要求|具体内容|工作内容|主要内容|具体措施|工作措施|主要措施|要求|目标要求|具体任务|任务内容|细化(?:分工|任务|措施)|工作举措)$/],
  ['category', /^(?:工作任务|任务|重点任务|工作事项|任务名称|主要任务|类别|项目|重点工作|任务事项|领域|工作类别|工作项目|目标|工作目标|重点领域)$/],
];

/** A header names at least this many known columns; a row with fewer is a row of the table or of the notice. */
const MIN_KNOWN_COLUMNS = 2;

/** A header cell without markup and spacing (OCR letter-spaces headers: "工 作 任 务"). */
const headerName = (cell: string): string => cleanText(cell).replace(/\s+/g, '');

function namedRole(name: string): ColumnRole | null {
  for (const [role, re] of HEADER_NAMES) if (re.test(name)) return role;
  return null;
}

/** "配合/责任单位", "牵头、配合单位": one column naming several unit roles. */
const COMBINED = /^(牵头|主责|责任|配合|协办)(?:单位)?[/／、和及与]+(牵头|主责|责任|配合|协办)(单位|部门|科室)$/;

/**
 * The role a header cell names. A note in brackets is dropped ("责任单位（牵头单位列首位）"); a
 * combined unit header takes the stronger of its roles ("牵头/责任单位" → lead, "配合/责任单位" → responsible).
 */
export function headerRole(cell: string): ColumnRole | null {
  const name = headerName(cell);
  const role = namedRole(name) ?? namedRole(name.replace(/[（(][^）)]*[）)]$/, ''));
  if (role) return role;
  const combined = COMBINED.exec(name);
  if (!combined) return null;
  const roles = [combined[1], combined[2]].map((r) => namedRole(`${r}${combined[3]}`));
  return roles.includes('lead') ? 'lead' : roles.includes('responsible') ? 'responsible' : (roles[0] ?? null);
}

/** "责任单位（牵头单位列首位）": the first unit of each cell is the lead. */
export function leadListedFirst(cell: string): boolean {
  return /牵头.{0,4}(?:首位|第一|排首|列首|居首)/.test(headerName(cell));
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
  /** Columns kept in the remarks under their name: understood ones (牵头领导, 落实情况) and unknown ones. */
  notes: Array<{ col: number; label: string; known: boolean }>;
  /** The responsible column lists the lead first ("责任单位（牵头单位列首位）"). */
  leadFirst: boolean;
}

/** Category columns: named ones, and a blank header right of one (a deeper level under a merged header cell). */
function categoryColumns(row: readonly string[], roles: ReadonlyArray<ColumnRole | null>): number[] {
  const category: number[] = [];
  roles.forEach((role, i) => {
    if (role === 'category') category.push(i);
    else if (role === null && !cleanText(row[i] ?? '') && category.includes(i - 1)) category.push(i);
  });
  return category;
}

/** Reads a header row; null when the row is not a task-table header. */
export function readHeader(row: readonly string[]): Columns | null {
  const roles = row.map(headerRole);
  if (roles.filter((r) => r !== null).length < MIN_KNOWN_COLUMNS) return null;
  if (!roles.some((r) => r === 'requirement' || r === 'category')) return null;
  if (!roles.some((r) => r === 'lead' || r === 'responsible' || r === 'cooperating' || r === 'deadline')) return null;

  const first = (role: ColumnRole): number | null => {
    const i = roles.indexOf(role);
    return i >= 0 ? i : null;
  };
  const category = categoryColumns(row, roles);
  // Without a requirement column, the innermost category column holds the task.
  const requirement = first('requirement') ?? category.pop() ?? null;
  if (requirement === null) return null;
  const placed = new Set([...category, requirement, ...(['lead', 'responsible', 'cooperating', 'deadline', 'remarks', 'index'] as const).map(first)]);
  const notes = row.flatMap((cell, col) => {
    const label = headerName(cell);
    if (placed.has(col) || !label) return [];
    return [{ col, label, known: roles[col] === 'note' }];
  });
  const responsible = first('responsible');
  return {
    notes,
    leadFirst: responsible !== null && leadListedFirst(row[responsible] ?? ''),
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

/** A row that names at least two known columns: a header, whether or not it is usable. */
export function looksLikeHeader(row: readonly string[]): boolean {
  return row.map(headerRole).filter((r) => r !== null).length >= MIN_KNOWN_COLUMNS;
}

/** The header repeated inside the table (on every page of an export or a scan). */
export function repeatsHeader(row: readonly string[], header: readonly string[]): boolean {
  const a = row.map(headerName).filter(Boolean);
  const b = header.map(headerName).filter(Boolean);
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** A unit column's cell as written (lines kept: the unit splitter reads them), '' when the table has no such column. */
export function unitCell(row: readonly string[], cols: Columns, role: UnitRole): string {
  const col = cols[role];
  return col === null ? '' : (row[col] ?? '').trim();
}

/** Finds the header row of a table (-1 when there is none), or says why a header-like row is unusable. */
export function findHeader(rows: readonly (readonly string[])[]): number {
  const index = rows.findIndex((r) => readHeader(r) !== null);
  if (index >= 0) return index;
  const near = rows.find(looksLikeHeader);
  if (near) throw new LayoutError(importReason.noRequirementColumn(near.map((c) => cleanText(c)).filter(Boolean)));
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
