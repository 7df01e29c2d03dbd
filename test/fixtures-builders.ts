// Small builders for the table-driven unit tests: tasks made directly from the zod model (no seed
// documents parsed), an index and catalog over a handful of them, and ledger events.
import { Catalog } from '../src/core/catalog.ts';
import type { IntentContext } from '../src/core/intent.ts';
import type { LedgerEvent } from '../src/model/records.ts';
import { type Deadline, type Task, TaskSchema } from '../src/model/task.ts';
import { TaskIndex } from '../src/store/indexes.ts';

let serial = 0;

/** A dated deadline due on a day. */
export const dated = (due: string): Deadline => ({ raw: due, due, kind: 'dated', ongoing: false, stated: true, source: 'cell', milestones: [] });

/** A deadline of a kind without a day of its own (全年 / 长期坚持 …), due at the end of the plan year. */
export const undated = (kind: Exclude<Deadline['kind'], 'dated'>, due: string | null = null): Deadline => ({
  raw: kind === 'year-round' ? '全年' : kind === 'ongoing' ? '长期坚持' : kind === 'recurring' ? '定期更新' : null,
  due,
  kind,
  ongoing: kind === 'ongoing',
  stated: kind !== 'none',
  source: 'cell',
  milestones: [],
});

/** A task validated by the model's schema; every field can be overridden. */
export function task(over: Partial<Task> = {}): Task {
  serial++;
  return TaskSchema.parse({
    id: `2022-0000abcd-${serial}`,
    documentId: 'doc-1',
    region: '汶上县',
    year: 2022,
    seq: serial,
    section: ['一、重点工作'],
    title: null,
    number: String(serial),
    requirement: `第${serial}项任务的要求`,
    lead: [],
    responsible: [],
    cooperating: [],
    remarks: null,
    deadline: dated('2022-06-30'),
    ...over,
  });
}

/** A ledger event of one task. */
export const event = (taskId: string, action: LedgerEvent['action'], at = '2022-06-10T02:00:00.000Z', note = ''): LedgerEvent => ({
  taskId,
  action,
  note,
  by: { platform: 'console', userId: 'op' },
  chat: 'c1',
  at,
});

/** The tasks of two counties that the intent tests name units and regions from. */
export function smallPlan(): Task[] {
  return [
    task({ region: '汶上县', lead: ['县民政局'], responsible: ['各乡镇（街道）'], requirement: '公开城乡低保对象认定条件和救助标准' }),
    task({ region: '汶上县', lead: ['县人力资源和社会保障局'], cooperating: ['县财政局'], requirement: '公开就业创业补贴政策' }),
    task({ region: '汶上县', lead: ['县教育和体育局'], responsible: ['县政府各部门、单位'], requirement: '公开义务教育招生入学政策' }),
    task({ region: '汶上县', lead: ['县医疗保障局'], requirement: '公开医保报销政策', deadline: undated('year-round', '2022-12-31') }),
    task({ region: '冠县', year: 2023, lead: ['县民政局'], requirement: '公开养老服务补贴发放情况', deadline: dated('2023-09-30') }),
  ];
}

export function indexOf(tasks: readonly Task[]): TaskIndex {
  return new TaskIndex([], tasks);
}

/** What the intent parser needs: a catalog over the tasks, the chat's regions, today and the plan year. */
export function intentContext(tasks: readonly Task[], defaultRegions: readonly string[], today = '2022-06-15', planYear = 2022): IntentContext {
  return { catalog: new Catalog(indexOf(tasks)), defaultRegions, today, planYear: () => planYear };
}
