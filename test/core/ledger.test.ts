// The ledger (台账) from the chat: marking progress, questions over it, a restart, and the export.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../src/ledger/export.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { intent, lists, startTestBot, type TestBot } from './conversation.ts';

let t: TestBot & { dir: string };
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

const staffChat = () => t.chat('-200', { platform: 'telegram', userId: 'mz9', userName: '民政经办', today: '2022-06-10' });
const adminChat = () => t.chat('-200', { platform: 'telegram', userId: 'admin1', userName: '公开办', today: '2022-06-10' });

describe('the ledger', () => {
  it('an admin binds staff; staff sign, report progress and complete their tasks by list number', async () => {
    const admin = adminChat();
    await admin.shouldReply('切换到汶上县', '已切换到 汶上县');
    await admin.send('绑定 民政局', { mentions: [{ userId: 'mz9', name: '民政经办' }] });
    expect(t.store.data.bindings.some((b) => b.user.userId === 'mz9' && b.unitKey === '民政局')).toBe(true);

    const staff = staffChat();
    const list = await staff.shouldReply('民政局有哪些任务', lists(4));
    await staff.shouldReply('签收 1', intent('ledger'), '进行中');
    await staff.shouldReply('进展 1 已在网站发布养老补贴政策', '进行中');
    await staff.shouldReply('完成 2', '已完成');
    await staff.shouldReply('完成 2', '已经标记完成');
    await staff.shouldReply('撤销完成 2', /进行中|未开始/);
    await staff.shouldReply('完成 2', '已完成');
    const events = t.store.data.ledger.filter((e) => e.by.userId === 'mz9');
    expect(events.map((e) => e.action)).toEqual(['sign', 'progress', 'done', 'undone', 'done']);
    expect(events[1]?.note).toBe('已在网站发布养老补贴政策');
    expect(events.every((e) => e.by.platform === 'telegram' && e.chat === 'telegram:-200')).toBe(true);
    expect(events[0]?.taskId).toBe(list.tasks[0]?.id);
  });

  it('answers 民政局完成情况, 完成率 and 本月完成了哪些', async () => {
    const admin = adminChat();
    await admin.shouldReply('民政局完成情况', '已完成 1/4', '未完成的 3 项');
    await admin.shouldReply('完成率', /汶上县 完成情况：已完成 1\/79/);
    await admin.shouldReply('本月完成了哪些', '本月（2022-06）标记完成的任务共 1 项', lists(1));
  });

  it('逾期任务 leaves out what is done', async () => {
    const admin = t.chat('-200', { platform: 'telegram', userId: 'admin1', today: '2022-07-05' });
    const before = await admin.shouldReply('逾期任务');
    const overdue = before.tasks[0]!;
    await admin.send(`完成 ${overdue.id}`);
    const after = await admin.shouldReply('逾期任务');
    expect(after.tasks.map((x) => x.id)).not.toContain(overdue.id);
    expect(after.tasks).toHaveLength(before.tasks.length - 1);
  });

  it('survives a restart: the events are in the file, never rewritten', async () => {
    const count = t.store.data.ledger.length;
    await t.store.close();
    const reopened = await TaskStore.open(join(t.dir, 'store.json'));
    expect(reopened.data.ledger).toHaveLength(count);
    expect(reopened.data.ledger).toEqual(t.store.data.ledger);
    await reopened.close();
    // Take the file back for the tests that follow.
    Object.assign(t, { store: await TaskStore.open(join(t.dir, 'store.json')) });
  });

  it('导出台账 sends a valid xlsx with one row per task and its status', async () => {
    // The ledger names staff: it goes to a private chat, never into the group.
    const inGroup = await t.chat('-200', { platform: 'telegram', userId: 'admin1', today: '2022-07-05' }).send('导出台账');
    expect(inGroup.file).toBeUndefined();
    const reply = await t.chat('admin1', { platform: 'telegram', userId: 'admin1', chatType: 'private', today: '2022-07-05' }).send('导出台账 汶上县');
    expect(reply.file?.name).toMatch(/汶上县政务公开台账-2022-07-05\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(reply.file!.data) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...LEDGER_COLUMNS]);
    expect(sheet.rowCount).toBe(1 + 79);
    const statuses = Array.from({ length: 79 }, (_, i) => String(sheet.getRow(i + 2).getCell(9).value));
    expect(statuses.filter((s) => s === '已完成')).toHaveLength(2);
    expect(new Set(statuses)).toEqual(new Set(['已完成', '进行中', '未开始', '逾期']));
  });
});
