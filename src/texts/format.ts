// How deadlines, units and long text are shown to people, wherever they are shown.
import type { Task } from '../model/task.ts';

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
 * "2022年6月30日截止" / "全年" / "2022年10月31日截止，之后长期坚持". With `daysLeft` (only while the task's
 * plan is current), the days left or overdue follow: "2022年6月30日截止（还剩6天）".
 */
export function deadlineLabel(task: Task, daysLeft?: number): string {
  const d = task.deadline;
  const note = daysLeft === undefined ? '' : daysLeftNote(daysLeft);
  if (d.kind === 'dated' && d.due) return `${humanDate(d.due)}截止${note}${d.ongoing ? '，之后长期坚持' : ''}`;
  if (d.kind === 'none') return d.due ? `未写明（按${humanDate(d.due)}）` : '未写明';
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
 * the echo of the task a ledger command changed, a confirmation, and the sentence a search matched.
 */
export const CLIP_WIDTH = { item: 56, reminder: 50, cliLine: 40, echo: 20, confirmation: 30, matched: 60 } as const;

export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
