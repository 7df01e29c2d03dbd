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
}

export interface ParsedLayout {
  layout: string;
  /** Text outside the task table: the notice, from which metadata and notice rules are read. */
  headerText: string;
  rows: RawRow[];
}
