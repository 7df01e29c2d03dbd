// How deadlines, units and long text are shown to people, wherever they are shown.
import type { Milestone, Task } from '../model/task.ts';

const KIND_LABEL: Record<Task['deadline']['kind'], string> = {
  dated: '',
  'year-round': '全年',
  recurring: '定期',
  ongoing: '长期',
  none: '未写明',
};

/** "2022-06-30" / "全年" / "2022-10-31（之后长期坚持）" / "2022-10-31（阶段节点：2022-07-31）". */
export function deadlineLabel(task: Task, { stages: withStages = true }: { stages?: boolean } = {}): string {
  const d = task.deadline;
  if (d.kind === 'dated' && d.due) {
    const stages = (withStages ? d.milestones : []).filter((m) => m.date !== d.due).map((m) => m.date);
    const notes = [...(stages.length ? [`阶段节点：${stages.join('、')}`] : []), ...(d.ongoing ? ['之后长期坚持'] : [])];
    return notes.length ? `${d.due}（${notes.join('；')}）` : d.due;
  }
  if (d.kind === 'none') return d.due ? `未写明（按 ${d.due}）` : '未写明';
  return d.raw && d.raw.length <= 12 ? d.raw : KIND_LABEL[d.kind];
}

/** How many characters of a milestone's words a one-line label shows. */
const STAGE_WIDTH = 24;

/** One milestone on a line: "2022-07-31 7月底前提出方案". */
export function milestoneLabel(m: Milestone): string {
  return `${m.date} ${clip(m.text, STAGE_WIDTH)}`;
}

/** Every milestone of a task, the completion marked: "① 2022-07-31 7月底前提出方案；② 2022-10-31 10月底前完成（完成时限）". */
export function milestonesLabel(task: Task): string {
  const marks = '①②③④⑤⑥⑦⑧⑨⑩';
  return task.deadline.milestones
    .map((m, i) => `${marks[i] ?? `${i + 1}.`} ${milestoneLabel(m)}${m.date === task.deadline.due ? '（完成时限）' : ''}`)
    .join('；');
}

export function unitsLabel(task: Task): string {
  const parts: string[] = [];
  if (task.lead.length) parts.push(`牵头：${task.lead.join('、')}`);
  if (task.responsible.length) parts.push(`责任：${task.responsible.join('、')}`);
  if (task.cooperating.length) parts.push(`配合：${task.cooperating.join('、')}`);
  return parts.join('；') || '未写明责任单位';
}

/** How many characters of a requirement each place shows: a chat list item, a reminder line, a CLI line. */
export const CLIP_WIDTH = { item: 56, reminder: 50, cliLine: 40 } as const;

export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
