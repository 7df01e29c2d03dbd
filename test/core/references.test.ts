// List numbers are per person: "完成 1" refers to the last list *that person* asked for (or that was
// addressed to them) in that chat, never to one somebody else asked for in between; with none, an
// expired one, or two that disagree, the bot asks instead of guessing; a task id always works; and
// every change names the task it changed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rememberAddressed } from '../../src/core/listing.ts';
import { renderPlain } from '../../src/platform/reply.ts';
import { shanghaiInstant } from '../../src/time.ts';
import { intent, lists, startTestBot, type TestBot } from './conversation.ts';

let t: TestBot;
/** A fresh group per test: people's lists in it start empty. */
let GROUP = '';
let groups = 0;
const TODAY = '2022-06-10';
const person = (userId: string, chatId?: string, chatType: 'group' | 'private' = 'group') =>
  t.chat(chatId ?? GROUP, { platform: 'telegram', userId, userName: userId, chatType, today: TODAY });
const ledgerOf = (userId: string) => t.store.data.ledger.filter((e) => e.by.userId === userId);

beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());
beforeEach(async () => {
  GROUP = String(-300 - ++groups);
  await t.store.change((d) => {
    d.ledger = [];
    d.chats = [{ chat: `telegram:${GROUP}`, region: '汶上县', by: 'cli', at: '' }];
    d.bindings = [
      { chat: `telegram:${GROUP}`, region: '汶上县', unitKey: '民政局', unitName: '县民政局', user: { platform: 'telegram', userId: 'mz', name: '民政经办' }, by: { platform: 'telegram', userId: 'admin1' }, at: '' },
      { chat: `telegram:${GROUP}`, region: '冠县', unitKey: '民政局', unitName: '县民政局', user: { platform: 'telegram', userId: 'gx', name: '冠县民政' }, by: { platform: 'telegram', userId: 'admin1' }, at: '' },
    ];
  });
});

describe('the hijack sequence', () => {
  it('staff list, a reader asks in between, staff "完成 1" marks the staff member’s own task and says which', async () => {
    const staff = person('mz');
    const own = await staff.shouldReply('民政局有哪些任务', lists(4));
    const readers = await person('reader').shouldReply('人社局有哪些任务');
    expect(readers.tasks[0]?.id).not.toBe(own.tasks[0]?.id);
    const reply = await staff.shouldReply('完成 1', intent('ledger'), '第1条', '县民政局', own.tasks[0]!.requirement.slice(0, 8), '已完成');
    expect(ledgerOf('mz').map((e) => e.taskId)).toEqual([own.tasks[0]!.id]);
    expect(renderPlain(reply)).not.toContain(readers.tasks[0]!.requirement.slice(0, 12));
  });

  it('an admin who asked for no list gets a question, not a task of the reader’s list', async () => {
    await person('reader').shouldReply('人社局有哪些任务');
    await person('admin1').shouldReply('完成 3', intent('ledger'), '未登记', '还没有可以引用的列表');
    expect(t.store.data.ledger).toHaveLength(0);
  });

  it('the admin’s own list is theirs: a later reader’s list does not move it', async () => {
    const admin = person('admin1');
    const list = await admin.shouldReply('民政局有哪些任务', lists(4));
    await person('reader').shouldReply('人社局有哪些任务');
    await person('reader').shouldReply('更多');
    await admin.shouldReply('进展 3 已发布', '第3条', '进行中');
    expect(ledgerOf('admin1').map((e) => [e.taskId, e.note])).toEqual([[list.tasks[2]!.id, '已发布']]);
  });

  it('a reader’s "第1条" shows the reader’s list, the staff member’s shows theirs', async () => {
    const staff = person('mz');
    const own = await staff.shouldReply('民政局有哪些任务');
    const readers = await person('reader').shouldReply('人社局有哪些任务');
    await person('reader').shouldReply('第1条', readers.tasks[0]!.id);
    await staff.shouldReply('第1条', own.tasks[0]!.id);
  });

  it('a list asked for in a private chat is no reference in the group (and the other way round)', async () => {
    await person('mz', 'mz', 'private').shouldReply('汶上县民政局有哪些任务', lists(4));
    await person('mz').shouldReply('完成 1', '未登记');
    await person('mz').shouldReply('民政局有哪些任务', lists(4));
    await person('mz', 'mz', 'private').shouldReply('撤销完成 1', '第1条', '无需撤销');
    expect(t.store.data.ledger).toHaveLength(0);
  });
});

describe('expired, unknown and id references', () => {
  it('after the session time, "完成 2" says the list expired and writes nothing', async () => {
    const staff = person('mz');
    await staff.shouldReply('民政局有哪些任务', lists(4));
    staff.at(TODAY, '10:31');
    await staff.shouldReply('完成 2', '列表已过期', '未登记');
    await staff.shouldReply('第2条', '列表已过期');
    expect(t.store.data.ledger).toHaveLength(0);
  });

  it('a number beyond the person’s list is refused with the list’s length', async () => {
    const staff = person('mz');
    await staff.shouldReply('民政局有哪些任务', lists(4));
    await staff.shouldReply('完成 9', '共 4 条', '没有第 9 条');
    expect(t.store.data.ledger).toHaveLength(0);
  });

  it('a task id always works, with or without a list, and the reply names the task', async () => {
    const task = t.store.data.tasks.find((x) => x.region === '汶上县' && x.responsible.includes('县民政局'))!;
    await person('mz').shouldReply(`签收 ${task.id}`, `任务 ${task.id}`, task.requirement.slice(0, 8), '进行中');
    expect(ledgerOf('mz').map((e) => e.taskId)).toEqual([task.id]);
  });

  it('staff bound to the same unit in another region cannot mark this region’s task', async () => {
    const staff = person('gx');
    await staff.shouldReply('汶上县民政局有哪些任务', lists(4));
    await staff.shouldReply('完成 1', intent('denied'));
    expect(t.store.data.ledger).toHaveLength(0);
  });

  it('a display name like the admin’s grants nothing', async () => {
    const impostor = t.chat(GROUP, { platform: 'telegram', userId: 'x9', userName: 'admin1', today: TODAY });
    await impostor.shouldReply('民政局有哪些任务');
    await impostor.shouldReply('完成 1', intent('denied'));
    expect(t.store.data.ledger).toHaveLength(0);
  });
});

describe('a digest addressed to a person', () => {
  it('their numbers refer to the digest; when their own list says otherwise at that number, the bot asks', async () => {
    const staff = person('mz');
    const own = await staff.shouldReply('民政局有哪些任务', lists(4));
    const digestTasks = [...own.tasks].reverse();
    await rememberAddressed(t.sessions, { chat: `telegram:${GROUP}`, mentions: ['mz'], title: '汶上县 到期提醒', numbered: digestTasks, at: shanghaiInstant(TODAY, '10:00') });
    const reply = await staff.shouldReply('完成 1', '未登记', '汶上县 到期提醒', digestTasks[0]!.id, own.tasks[0]!.id);
    expect(reply.intent).toBe('ledger');
    expect(t.store.data.ledger).toHaveLength(0);
    await staff.shouldReply(`完成 ${digestTasks[0]!.id}`, '已完成');
    expect(ledgerOf('mz').map((e) => e.taskId)).toEqual([digestTasks[0]!.id]);
  });

  it('without a list of their own, "完成 1" marks the digest’s first task', async () => {
    const task = t.store.data.tasks.find((x) => x.region === '汶上县' && x.responsible.includes('县民政局'))!;
    const staff = person('mz');
    await staff.send('帮助');
    await rememberAddressed(t.sessions, { chat: `telegram:${GROUP}`, mentions: ['mz'], title: '汶上县 到期提醒', numbered: [task], at: shanghaiInstant(TODAY, '10:00') });
    await staff.shouldReply('完成 1', '第1条', task.requirement.slice(0, 8), '已完成');
    expect(ledgerOf('mz').map((e) => e.taskId)).toEqual([task.id]);
  });
});
