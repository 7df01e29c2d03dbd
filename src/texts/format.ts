// How deadlines, units and long text are shown to people, wherever they are shown.
import type { Milestone, Task } from '../model/task.ts';

const KIND_LABEL: Record<Task['deadline']['kind'], string> = {
  dated: '',
  'year-round': '全年',
  recurring: '定期',
  ongoing: '长期',
  none: '未写明',
};

/** "2022年6月30日" from "2022-06-30". */
export function humanDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** "（还剩6天）", "（今天截止）", "（已逾期12天）" — or nothing when the plan is over and counting means nothing. */
export function daysLeftNote(daysLeft: number): string {
  if (daysLeft > 0) return `（还剩${daysLeft}天）`;
  if (daysLeft === 0) return '（今天截止）';
  return `（已逾期${-daysLeft}天）`;
}

/**
 * "2022年6月30日截止" / "全年" / "2022年10月31日截止，之后长期坚持" / "2022年10月31日截止，阶段节点
 * 2022年7月31日". With `daysLeft` (only while the task's plan is current), the days left or overdue
 * follow the date: "2022年6月30日截止（还剩6天）". `stages: false` leaves the milestones out (a view that
 * lists them on a line of their own).
 */
export function deadlineLabel(task: Task, daysLeft?: number, { stages: withStages = true }: { stages?: boolean } = {}): string {
  const d = task.deadline;
  const note = daysLeft === undefined ? '' : daysLeftNote(daysLeft);
  if (d.kind === 'dated' && d.due) {
    const stages = (withStages ? d.milestones : []).filter((m) => m.date !== d.due).map((m) => humanDate(m.date));
    return `${humanDate(d.due)}截止${note}${stages.length ? `，阶段节点${stages.join('、')}` : ''}${d.ongoing ? '，之后长期坚持' : ''}`;
  }
  if (d.kind === 'none') return d.due ? `未写明（按${humanDate(d.due)}）` : '未写明';
  return d.raw && d.raw.length <= 12 ? d.raw : KIND_LABEL[d.kind];
}

/** How many characters of a milestone's words a one-line label shows. */
const STAGE_WIDTH = 24;

/** One milestone on a line: "2022年7月31日 7月底前提出方案". */
export function milestoneLabel(m: Milestone): string {
  return `${humanDate(m.date)} ${clip(m.text, STAGE_WIDTH)}`;
}

/** Every milestone of a task, the completion marked: "① 2022年7月31日 7月底前提出方案；② 2022年10月31日 10月底前完成（完成时限）". */
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

/**
 * How many characters of a requirement each place shows: a chat list item, a reminder line, a CLI line,
 * the echo of the task a ledger command changed, a confirmation, and the sentence a search matched.
 */
export const CLIP_WIDTH = { item: 56, reminder: 50, cliLine: 40, echo: 20, confirmation: 30, matched: 60 } as const;

export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
