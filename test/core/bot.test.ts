// Conversations with the bot on the seed data, one describe per thing it understands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import facts from '../fixtures/seed-facts.json' with { type: 'json' };
import { intent, lists, listsTexts, startTestBot, type TestBot } from './conversation.ts';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

/** A chat bound to 汶上县 on a June day of its plan year. */
async function wenshang(chatId: string, today = '2022-06-10') {
  const chat = t.chat(chatId, { today });
  await chat.shouldReply('本群绑定 汶上县', '已切换到 汶上县', intent('region'));
  return chat;
}

describe('a unit’s tasks', () => {
  const wenshangFacts = facts.documents[0]!;
  const minzheng = wenshangFacts.unitQueries![0]!;

  it.each(['民政局有哪些任务', '县民政局负责什么', '民政局的任务', '@政务助手 民政局有哪些任务？', '/tasks 民政局', '民政局'])('%s', async (text) => {
    const chat = await wenshang(`unit-${text}`);
    const reply = await chat.shouldReply(text, intent('unit-tasks'), lists(4), listsTexts(...minzheng.directTaskTexts), '县民政局', '责任');
    expect(reply.related.length).toBeGreaterThan(0);
    expect(reply.related.every((r) => !reply.tasks.includes(r))).toBe(true);
  });

  it('names the region in the question', async () => {
    await t.chat('unit-region').shouldReply('汶上县民政局有哪些任务', lists(4), '汶上县 县民政局');
  });

  it('aliases: 人社局 is 县人力资源和社会保障局, 医保局 is 县医疗保障局', async () => {
    const chat = await wenshang('unit-alias');
    await chat.shouldReply('人社局的任务', '县人力资源和社会保障局', lists(9));
    await chat.shouldReply('医保局有哪些任务', '县医疗保障局', lists(3));
  });

  it('filters by role', async () => {
    const chat = t.chat('unit-role');
    await chat.shouldReply('台儿庄区住建局牵头的任务', '牵头', lists(1), listsTexts('加强房地产市场监管信息公开'));
    await chat.shouldReply('汶上县民政局牵头的任务', '没有牵头的任务', lists(0));
  });

  it('lists the tasks binding it through collectives apart, on request', async () => {
    const chat = await wenshang('unit-related');
    await chat.shouldReply('民政局有哪些任务', /另有 \d+ 项任务以“县政府/);
    const related = await chat.shouldReply('相关任务', intent('related'), '集体表述');
    expect(related.tasks.length).toBeGreaterThan(5);
  });

  it('with no binding and several regions, names each region', async () => {
    // The heading names each region once, then the unit without its level.
    const reply = await t.chat('unit-many').shouldReply('民政局有哪些任务', /^汶上县、台儿庄区、冠县、微山县 民政局：点名负责/);
    expect(new Set(reply.tasks.map((x) => x.region)).size).toBeGreaterThan(1);
  });
});

describe('deadlines', () => {
  const june = facts.documents[0]!.dueQueries![0]!;

  it.each(['这个月有什么到期', '本月到期的任务', '这个月要完成啥'])('%s', async (text) => {
    const chat = await wenshang(`due-${text}`);
    await chat.shouldReply(text, intent('due'), lists(june.taskTexts.length), listsTexts(...june.taskTexts), /全年性任务 \d+ 项/);
  });

  it.each([
    ['下个月要完成什么', 2, '2022年7月'],
    ['6月底前', 4, '2022年6月底前'],
    ['7月', 2, '2022年7月'],
    ['10月有什么到期', 3, '2022年10月'],
    ['30天内', 3, '30天内'],
    ['本季度', 4, '本季度'],
    ['下周', 0, '下周'],
    ['本周', 0, '本周'],
    ['今年', 30, '今年'],
  ])('%s lists %i tasks', async (text, n, label) => {
    const chat = await wenshang(`due2-${text}`);
    await chat.shouldReply(text, intent('due'), lists(n), label);
  });

  it('已经逾期的: due before today', async () => {
    const chat = await wenshang('overdue', '2022-07-05');
    const reply = await chat.shouldReply('已经逾期的', '已逾期');
    expect(reply.tasks.map((x) => x.deadline.due)).toEqual(['2022-05-31', '2022-06-30', '2022-06-30', '2022-06-30']);
  });

  it('combined with a unit', async () => {
    const chat = await wenshang('due-unit', '2022-06-24');
    await chat.shouldReply('汶上县财政局还有哪些没到期', lists(3), '尚未到期');
    await chat.shouldReply('民政局这个月有什么到期', '县民政局 没有本月（2022年6月）到期的任务', lists(0));
    await chat.shouldReply('卫健局这个月有什么到期', lists(2), listsTexts('进一步规范流调信息发布和管理'));
  });

  it('year-round tasks are counted, not listed', async () => {
    const chat = await wenshang('due-dec', '2022-12-01');
    const reply = await chat.shouldReply('这个月有什么到期', /全年性任务 47 项/);
    expect(reply.tasks.every((x) => x.deadline.kind === 'dated')).toBe(true);
  });

  it('a month with nothing due says so, and names the plan years', async () => {
    await t.chat('due-none', { today: '2026-11-23' }).shouldReply('这个月有什么到期', '没有本月（2026年11月）到期的任务', '计划年度');
  });
});

describe('details and paging', () => {
  it('pages through the last list and shows an item in full', async () => {
    const chat = await wenshang('paging');
    const first = await chat.shouldReply('人社局的任务', '第 1/2 页', '回复“更多”');
    const second = await chat.shouldReply('更多', intent('more'), '6.', '第 2/2 页');
    expect(second.tasks).toEqual(first.tasks.slice(5, 10));
    await chat.shouldReply('下一页', '已经是最后一页了');
    await chat.shouldReply('第3条', intent('detail'), '【第3条】', first.tasks[2]!.requirement, '出处：《关于印发2022年汶上县政务公开工作任务分解表的通知》（汶政办字〔2022〕15号）');
    await chat.shouldReply('详情 7', first.tasks[6]!.requirement.slice(0, 20));
    await chat.shouldReply('第三条', first.tasks[2]!.requirement.slice(0, 20));
    await chat.shouldReply('第99条', '没有第 99 条');
  });

  it('each chat has its own list, and it expires', async () => {
    const chat = await wenshang('expiring');
    await chat.shouldReply('民政局有哪些任务', lists(4));
    await t.chat('someone-else', { today: '2022-06-10' }).shouldReply('第1条', '还没有可以翻看的列表');
    chat.at('2022-06-10', '11:00');
    await chat.shouldReply('第1条', '列表已过期');
  });

  it('a task id shows its detail', async () => {
    const chat = t.chat('by-id');
    const id = t.store.data.tasks[16]!.id;
    await chat.shouldReply(id, intent('detail'), `编号：${id}`);
  });
});

describe('residents’ questions', () => {
  it.each([
    ['低保信息在哪公开？归哪个部门管？', '民政局', '城乡低保'],
    ['孩子上学的政策谁负责公开', '教育和体育局', '义务教育'],
    ['以旧换新有什么政策', '区发展改革局', '以旧换新'],
    ['养老金的信息在哪看', '人力资源', '养老保险'],
    ['饭店受疫情影响有没有帮扶政策', '卫生健康局', '餐饮'],
  ])('%s', async (text, unit, quote) => {
    const reply = await t.chat('resident').shouldReply(text, intent('search'), unit, quote, '出处：', '12345');
    expect(reply.tasks.length).toBeGreaterThan(0);
  });

  it('within a bound region, answers from that region only', async () => {
    const chat = await wenshang('resident-bound');
    const reply = await chat.shouldReply('低保信息在哪公开', '县民政局');
    expect(reply.tasks.every((x) => x.region === '汶上县')).toBe(true);
  });

  it('when nothing fits, says so and points to 12345 and a likely unit, never inventing', async () => {
    const chat = await wenshang('resident-none');
    const reply = await chat.shouldReply('户口迁移怎么办理', '分解表里没有答案', '12345', '县公安局');
    expect(reply.tasks).toEqual([]);
    await chat.shouldReply('火星上的天气如何', '分解表里没有答案', '12345', lists(0));
    await chat.shouldReply('火星探测器的信息在哪公开', '没有找到', '12345', lists(0));
  });
});

describe('statistics', () => {
  it('各单位任务数', async () => {
    const chat = await wenshang('stats-units');
    await chat.shouldReply('各单位任务数', intent('stats'), '县卫生健康局：9 项', '县民政局：4 项');
  });
  it('民政局有几项任务', async () => {
    const chat = await wenshang('stats-unit');
    await chat.shouldReply('民政局有几项任务', '点名负责的任务共 4 项', lists(4), /另有 \d+ 项/);
  });
  it('今年一共多少任务', async () => {
    const chat = await wenshang('stats-total');
    await chat.shouldReply('今年一共多少任务', '汶上县 2022年 共 79 项任务');
  });
});

describe('regions', () => {
  it('切换到冠县 binds the chat, and later questions default to it', async () => {
    const chat = t.chat('region-switch');
    await chat.shouldReply('切换到冠县', '已切换到 冠县');
    const reply = await chat.shouldReply('民政局有哪些任务', '冠县 县民政局');
    expect(reply.tasks.every((x) => x.region === '冠县')).toBe(true);
    expect(t.store.chatSettings('console:region-switch')?.region).toBe('冠县');
  });
  it('an unknown region is refused with the list of known ones', async () => {
    await t.chat('region-unknown').shouldReply('切换到火星县', '没有找到地区“火星县”', '汶上县');
  });
});

describe('help and fallback', () => {
  it.each(['帮助', '/help', 'help', '怎么用'])('%s', async (text) => {
    await t.chat('help').shouldReply(text, intent('help'), '民政局有哪些任务', '这个月有什么到期');
  });
  it.each(['嗯嗯', '好的', '？？？'])('an unknown message gets a short fallback with examples: %s', async (text) => {
    const reply = await t.chat('fallback').shouldReply(text, '民政局有哪些任务');
    expect(['fallback', 'help']).toContain(reply.intent);
  });
});
