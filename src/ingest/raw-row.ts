// What every layout parser produces: one row per task, cells still as written (units unsplit, deadline raw).

export interface RawRow {
  /** Headings above the task, outermost first, markers kept: ["一、…", "（一）…"]. */
  section: string[];
  title: string | null;
  /** The task's own number as written (3 in "3．…", or the 序号 cell). */
  number: string | null;
  requirement: string;
  lead: string;
  responsible: string;
  cooperating: string;
  /** The deadline cell, or null when the layout has no deadline column. */
  deadline: string | null;
  remarks: string | null;
  /** Cells of columns that are no field of a task, by column name (牵头领导, 落实情况, an unknown column). */
  notes?: Array<{ label: string; value: string; known: boolean }>;
  /** The responsible cell lists the lead first (the header says so: "责任单位（牵头单位列首位）"). */
  leadFirst?: boolean;
  /** The requirement cell was empty: the row's title stands in for it (its units and deadline are real). */
  requirementMissing?: boolean;
  /** Cells this row took from the row above by guessing (blank cells of a plain-text table). */
  guessed?: Array<{ column: string; value: string }>;
}

export interface ParsedLayout {
  layout: string;
  /** Text outside the task table: the notice, from which metadata and notice rules are read. */
  headerText: string;
  rows: RawRow[];
}
