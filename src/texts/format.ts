// How deadlines, units and long text are shown to people, wherever they are shown.
import type { Task } from '../model/task.ts';

const KIND_LABEL: Record<Task['deadline']['kind'], string> = {
  dated: '',
  'year-round': '全年',
  recurring: '定期',
  ongoing: '长期',
  none: '未写明',
};

/** "2022-06-30" / "全年" / "2022-10-31（长期坚持）". */
export function deadlineLabel(task: Task): string {
  const d = task.deadline;
  if (d.kind === 'dated' && d.due) return d.ongoing ? `${d.due}（之后长期坚持）` : d.due;
  if (d.kind === 'none') return d.due ? `未写明（按 ${d.due}）` : '未写明';
  return d.raw && d.raw.length <= 12 ? d.raw : KIND_LABEL[d.kind];
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
 * and the echo of the task a ledger command changed.
 */
export const CLIP_WIDTH = { item: 56, reminder: 50, cliLine: 40, echo: 20 } as const;

export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
