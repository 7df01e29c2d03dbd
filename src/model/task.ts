// The task model: zod schemas are the single source of truth for the types of documents, tasks and deadlines.
import { z } from 'zod';

/** A calendar date as YYYY-MM-DD (time.ts's isoDate() makes one from numbers). */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const deadlineKinds = ['dated', 'year-round', 'recurring', 'ongoing', 'none'] as const;

/** One dated stage of a deadline ("7月底前提出方案"): the day it falls due and the words it was written with. */
export const MilestoneSchema = z.object({
  date: IsoDateSchema,
  text: z.string(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const DeadlineSchema = z.object({
  /** The deadline as the document writes it (cell text, or the inline phrase it came from). */
  raw: z.string().nullable(),
  /** The date the task must be completed by (the completion milestone when there are several), or null. */
  due: IsoDateSchema.nullable(),
  kind: z.enum(deadlineKinds),
  /** 长期坚持 / 持续推进: the work goes on after `due`. */
  ongoing: z.boolean(),
  /** True when the task itself states the deadline; false when inferred from the notice or the plan's year. */
  stated: z.boolean(),
  source: z.enum(['cell', 'inline', 'notice', 'period']),
  /**
   * Every dated stage in date order when the deadline names more than one ("7月底前提出方案，10月底前完成");
   * `due` is one of them, the completion. Empty for a single date (stores written before milestones load as []).
   */
  milestones: z.array(MilestoneSchema).default([]),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

export const DocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  issuer: z.string().nullable(),
  region: z.string(),
  year: z.number().int(),
  docNumber: z.string().nullable(),
  issuedAt: IsoDateSchema.nullable(),
  sourceFile: z.string(),
  contentHash: z.string(),
  layout: z.string(),
  importedAt: z.string(),
});
export type TaskDocument = z.infer<typeof DocumentSchema>;

export const TaskSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  region: z.string(),
  /** The year the plan covers (the document's). */
  year: z.number().int(),
  /** 1-based position in the document. */
  seq: z.number().int().positive(),
  /** Headings above the task, outermost first: 一、… / （一）… / 1．… */
  section: z.array(z.string()),
  title: z.string().nullable(),
  /** The task's own number as written: 3 in "3．…", an item number, or the 序号 cell. */
  number: z.string().nullable(),
  requirement: z.string().min(1),
  lead: z.array(z.string()),
  responsible: z.array(z.string()),
  cooperating: z.array(z.string()),
  remarks: z.string().nullable(),
  deadline: DeadlineSchema,
});
export type Task = z.infer<typeof TaskSchema>;

/** The dated stages of a deadline: its milestones, or the one due date of a dated task; none for 全年, 长期 … */
export function deadlineStages(deadline: Deadline): Milestone[] {
  if (deadline.milestones.length) return deadline.milestones;
  return deadline.kind === 'dated' && deadline.due ? [{ date: deadline.due, text: deadline.raw ?? deadline.due }] : [];
}

/** A document as the importer hands it over: the document, its tasks, and what looked doubtful. */
export interface ParsedDocument {
  document: TaskDocument;
  tasks: Task[];
  warnings: string[];
}

/** How a task names a unit: 牵头 (lead), 责任 (responsible), 配合 (cooperating). The one role list: every layer uses it. */
export type UnitRole = 'lead' | 'responsible' | 'cooperating';
export const unitRoles: readonly UnitRole[] = ['lead', 'responsible', 'cooperating'];

/** Every distinct unit named by the tasks, in any role. */
export function unitNames(tasks: readonly Task[]): Set<string> {
  return new Set(tasks.flatMap((t) => unitRoles.flatMap((r) => t[r])));
}

/**
 * A plan is over once the year after its own has ended (a 2022 plan's 年度报告 is due in January 2023):
 * its tasks are still listed and searchable, but no longer counted overdue or chased by reminders.
 */
export const PLAN_GRACE_YEARS = 1;

export function planOver(planYear: number, today: string): boolean {
  return Number(today.slice(0, 4)) > planYear + PLAN_GRACE_YEARS;
}
