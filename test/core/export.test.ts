// 导出台账 gives the ledger (it names staff and their platform ids) only to those entitled: admins get
// the region, a unit's staff get their unit's rows, everyone else is refused; and only in a private
// chat, never into a group where others would read it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/model/reply.ts';
import { startTestBot, type TestBot } from './conversation.ts';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
  await t.store.change((d) => {
    d.bindings = [
      { chat: 'telegram:-100', region: '汶上县', unitKey: '民政局', unitName: '县民政局', user: { platform: 'telegram', userId: 'mz', name: '民政经办' }, by: { platform: 'telegram', userId: 'admin1' }, at: '' },
      { chat: 'telegram:-100', region: '冠县', unitKey: '民政局', unitName: '县民政局', user: { platform: 'telegram', userId: 'gx', name: '冠县民政' }, by: { platform: 'telegram', userId: 'admin1' }, at: '' },
    ];
    d.chats = [{ chat: 'telegram:-100', region: '汶上县', by: 'cli', at: '' }];
    d.ledger = [{ taskId: d.tasks.find((x) => x.region === '汶上县')!.id, action: 'progress', note: '已发布', by: { platform: 'telegram', userId: 'mz', name: '民政经办' }, chat: 'telegram:-100', at: '' }];
  });
});
afterAll(() => t.close());

async function rowsOf(reply: Reply): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(reply.file!.data) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  return Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1).map(String));
}

const ask = (userId: string, chatType: 'group' | 'private', text = '导出台账 汶上县') =>
  t.chat(chatType === 'group' ? '-100' : userId, { platform: 'telegram', userId, chatType, today: '2022-06-10' }).send(text);

describe('导出台账', () => {
  it.each(['group', 'private'] as const)('a reader in a %s chat is refused, and gets no file', async (chatType) => {
    const reply = await ask('stranger', chatType);
    expect(reply.intent).toBe('denied');
    expect(reply.file).toBeUndefined();
  });

  it('an admin gets every task of the region', async () => {
    const reply = await ask('admin1', 'private');
    expect(reply.intent).toBe('ledger');
    expect(await rowsOf(reply)).toHaveLength(79);
  });

  it.each(['admin1', 'mz'])('%s asking in a group is told to ask in private; no file goes into the group', async (userId) => {
    const reply = await ask(userId, 'group');
    expect(reply.file).toBeUndefined();
    expect(JSON.stringify(reply.blocks)).toContain('私聊');
  });

  it('a unit’s staff in a private chat get only their unit’s rows', async () => {
    const reply = await ask('mz', 'private');
    expect(reply.intent).toBe('ledger');
    const rows = await rowsOf(reply);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(79);
    // Lead, responsible and cooperating units are columns 4–6.
    for (const row of rows) expect(row.slice(3, 6).join('、')).toMatch(/民政局/);
  });

  it('staff bound to the same unit in another region get nothing of this one', async () => {
    const reply = await ask('gx', 'private');
    expect(reply.intent).toBe('denied');
    expect(reply.file).toBeUndefined();
  });

  it('a display name like the admin’s grants nothing', async () => {
    const reply = await t.chat('x1', { platform: 'telegram', userId: 'x1', userName: 'admin1', chatType: 'private', today: '2022-06-10' }).send('导出台账 汶上县');
    expect(reply.intent).toBe('denied');
  });
});
