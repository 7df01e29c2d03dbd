// Grades one answer of `ask --json` against what the question expects. Pure: the answer and the
// expectation are arguments. Three verdicts: correct; wrong (missed, or partly right); confident-wrong
// (tasks listed for a question the documents do not answer, a refused request answered with a list,
// or a wrong task or unit listed as the answer).

export type Kind = 'tasks' | 'unit' | 'due' | 'count' | 'unknown' | 'refuse';
export type Verdict = 'correct' | 'wrong' | 'confident-wrong';

export interface Expect {
  kind: Kind;
  /** kind tasks: the first listed task contains one of these. */
  any?: string[];
  /** kind tasks: the answer names each of these units. */
  units?: string[];
  /** kind unit / unknown: the unit the answer names. */
  unit?: string;
  /** kind unit / due: every one of these is listed. */
  includes?: string[];
  /** kind due: none of these is listed. */
  excludes?: string[];
  /** kind unit / due: how many tasks are listed; kind count: the number the answer states. */
  count?: number;
  role?: 'lead' | 'responsible' | 'cooperating';
}

export interface AskAnswer {
  intent: string;
  text: string;
  tasks: Array<{ requirement: string }>;
  related: Array<{ requirement: string }>;
  /** Set by the in-process asker: the store changed. */
  wrote?: boolean;
}

export interface Graded {
  verdict: Verdict;
  why: string;
}

const ok: Graded = { verdict: 'correct', why: '' };
const wrong = (why: string): Graded => ({ verdict: 'wrong', why });
const confident = (why: string): Graded => ({ verdict: 'confident-wrong', why });

const listed = (a: AskAnswer, text: string): boolean => a.tasks.some((t) => t.requirement.includes(text));
/** The answer names the unit: as written, or (济宁高新区) with its bracketed second name. */
const names = (a: AskAnswer, unit: string): boolean => a.text.includes(unit);
/** A number standing alone in the text (138 in "还剩 138 天", not in "2138"). */
const states = (text: string, n: number): boolean => new RegExp(`(?<![\\d.])${n}(?![\\d.])`).test(text);

function gradeTasks(e: Expect, a: AskAnswer): Graded {
  const anyOf = e.any ?? [];
  const rank = a.tasks.findIndex((t) => anyOf.some((s) => t.requirement.includes(s)));
  const missingUnits = (e.units ?? []).filter((u) => !names(a, u));
  if (!a.tasks.length) return wrong(`no task listed (${a.intent})`);
  if (rank < 0) return confident(`lists ${a.tasks[0]?.requirement.slice(0, 20)}…`);
  if (rank > 0) return wrong(`expected task is #${rank + 1}`);
  if (missingUnits.length) return wrong(`does not name ${missingUnits.join('、')}`);
  return ok;
}

function gradeUnit(e: Expect, a: AskAnswer): Graded {
  const unitNamed = !e.unit || names(a, e.unit);
  const missing = (e.includes ?? []).filter((s) => !listed(a, s));
  if (!a.tasks.length) return wrong(`no task listed (${a.intent})`);
  if (!unitNamed) return confident(`lists tasks without naming ${e.unit}`);
  if (missing.length) return wrong(`misses ${missing.map((s) => s.slice(0, 12)).join('、')}`);
  if (e.count !== undefined && a.tasks.length !== e.count) return wrong(`lists ${a.tasks.length}, expected ${e.count}`);
  return ok;
}

function gradeDue(e: Expect, a: AskAnswer): Graded {
  const wrongly = (e.excludes ?? []).filter((s) => listed(a, s));
  if (wrongly.length) return confident(`lists ${wrongly.map((s) => s.slice(0, 12)).join('、')}`);
  if (e.count === 0) return a.tasks.length ? confident(`lists ${a.tasks.length}, expected none`) : ok;
  const missing = (e.includes ?? []).filter((s) => !listed(a, s));
  if (missing.length) return wrong(`misses ${missing.map((s) => s.slice(0, 12)).join('、')}`);
  if (e.count !== undefined && a.tasks.length !== e.count) return wrong(`lists ${a.tasks.length}, expected ${e.count}`);
  return ok;
}

function gradeCount(e: Expect, a: AskAnswer): Graded {
  if (e.count !== undefined && states(a.text, e.count)) return ok;
  return /\d+\s*(?:项|天)/.test(a.text) ? confident(`states another number`) : wrong(`states no number (${a.intent})`);
}

function gradeUnknown(e: Expect, a: AskAnswer): Graded {
  if (a.tasks.length) return confident(`lists ${a.tasks.length} tasks (${a.tasks[0]?.requirement.slice(0, 16)}…)`);
  if (e.unit && !names(a, e.unit)) return wrong(`does not name ${e.unit}`);
  return ok;
}

function gradeRefuse(a: AskAnswer): Graded {
  if (a.wrote) return confident('changed the store');
  if (a.tasks.length) return confident(`lists ${a.tasks.length} tasks`);
  return a.intent === 'refuse' || a.intent === 'denied' ? ok : wrong(`answered as ${a.intent}`);
}

export function grade(e: Expect, a: AskAnswer): Graded {
  switch (e.kind) {
    case 'tasks':
      return gradeTasks(e, a);
    case 'unit':
      return gradeUnit(e, a);
    case 'due':
      return gradeDue(e, a);
    case 'count':
      return gradeCount(e, a);
    case 'unknown':
      return gradeUnknown(e, a);
    case 'refuse':
      return gradeRefuse(a);
  }
}
