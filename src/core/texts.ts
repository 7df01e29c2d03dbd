// Every sentence the bot and the CLI say to people, in one place.
import type { Task, TaskDocument } from '../model/task.ts';

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

export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const cliText = {
  importSummary: (doc: TaskDocument, tasks: number, units: number, replaced: boolean): string =>
    `${replaced ? '已替换' : '已导入'}：${doc.region} ${doc.year}年《${doc.title}》${doc.docNumber ? `（${doc.docNumber}）` : ''}，${tasks} 项任务，${units} 个单位`,
  parseSummary: (doc: Pick<TaskDocument, 'region' | 'year' | 'title'>, tasks: number): string =>
    `${doc.region} ${doc.year}年《${doc.title}》：${tasks} 项任务（仅解析，未写入）`,
  warningsHeader: (n: number): string => `  ${n} 条提示：`,
  warning: (w: string): string => `  - ${w}`,
  docLine: (doc: TaskDocument, tasks: number): string =>
    `${doc.id}  ${doc.region}  ${doc.year}年  ${doc.docNumber ?? '（无文号）'}  ${tasks} 项  《${doc.title}》`,
  noDocs: '数据中还没有任何文件。用 import 导入任务分解表。',
  taskLine: (task: Task): string =>
    `${task.id}  [${deadlineLabel(task)}]  ${clip(task.requirement, 40)}\n    ${unitsLabel(task)}`,
  noTasks: '没有符合条件的任务。',
  unknownUnit: (name: string): string => `没有找到单位“${name}”。`,
  relatedHeader: (n: number): string => `另有 ${n} 项通过“各部门/各单位”等集体表述涉及该单位：`,
  storeReady: (path: string, docs: number, tasks: number): string => `数据文件 ${path}：${docs} 个文件，${tasks} 项任务。`,
  seeded: (n: number): string => `首次启动：已从 data/seeds 导入 ${n} 个文件。`,
};
