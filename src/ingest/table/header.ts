// Task-table headers: which column is which (工作任务, 具体要求, 牵头单位, 完成时限 …), where the header row
// is, and how sure a layout may be that rows hold a task table.
import { LayoutError } from '../../errors.ts';
import type { UnitRole } from '../../model/task.ts';
import { importReason } from '../../texts/ingest.ts';
import { cleanText } from '../text.ts';

export type ColumnRole = 'category' | 'requirement' | UnitRole | 'deadline' | 'remarks' | 'index';

/** Header names by column role, in the order they are tried: the first that matches names the column. */
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

/** A header names at least this many known columns; a row with fewer is a row of the table or of the notice. */
const MIN_KNOWN_COLUMNS = 2;

/** A header cell without markup and spacing (OCR letter-spaces headers: "工 作 任 务"). */
const headerName = (cell: string): string => cleanText(cell).replace(/\s+/g, '');

export function headerRole(cell: string): ColumnRole | null {
  const name = headerName(cell);
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
