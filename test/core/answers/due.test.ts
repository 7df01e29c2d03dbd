// Month questions see each milestone of a task: the published 广东省卫生健康委 plan (2021) has a task
// with two dates, 2021年2月公布预算信息 and 2021年8月公布上年度决算信息.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { parseUpload } from '../../../src/ingest/import-document.ts';
import { FIXTURES_DIR, NOW } from '../../helpers.ts';
import { intent, lists, listsTexts, startTestBot, type TestBot } from '../conversation.ts';

const BUDGET = '积极推进部门所属单位预算';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
  const file = join(FIXTURES_DIR, 'published', '01-guangdong-weijianwei-2021.html');
  await t.store.putDocuments(await parseUpload(file, readFileSync(file), { now: NOW }));
});
afterAll(() => t.close());

async function guangdong(chatId: string, today = '2021-02-10') {
  const chat = t.chat(chatId, { today });
  await chat.shouldReply('本群绑定 广东省卫生健康委', '已切换到 广东省卫生健康委');
  return chat;
}

describe('milestones in month questions', () => {
  it('the month of the first milestone lists the task, with its completion date and stages', async () => {
    const chat = await guangdong('ms-feb');
    await chat.shouldReply('这个月有什么到期', intent('due'), lists(1), listsTexts(BUDGET), /2021年8月31日截止（还剩\d+天），阶段节点2021年2月28日/);
  });

  it('the month of the completion lists it too, once, beside the other task due then', async () => {
    const chat = await guangdong('ms-aug', '2021-08-02');
    await chat.shouldReply('这个月有什么到期', lists(2), listsTexts(BUDGET, '提高新冠肺炎疫情信息发布规范化水平'));
  });

  it('a range over both milestones lists the task once', async () => {
    const chat = await guangdong('ms-year');
    await chat.shouldReply('今年', lists(2));
  });

  it('a passed milestone is not the task overdue', async () => {
    const chat = await guangdong('ms-late', '2021-03-10');
    await chat.shouldReply('已经逾期的', lists(0));
  });

  it('the detail view shows every milestone, the completion marked', async () => {
    const chat = await guangdong('ms-detail');
    await chat.send('这个月有什么到期');
    await chat.shouldReply(
      '第1条',
      intent('detail'),
      '时限：2021年2月公布预算信息，2021年8月公布上年度决算信息（2021年8月31日截止）',
      '阶段节点：① 2021年2月28日 2021年2月公布预算信息；② 2021年8月31日 2021年8月公布上年度决算信息（完成时限）',
    );
  });
});
