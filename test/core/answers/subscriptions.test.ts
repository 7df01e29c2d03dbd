// The reminder settings from the chat: what an admin may set, and what is refused without a change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LEAD_DAYS } from '../../../src/reminders/subscriptions.ts';
import { startTestBot, type TestBot } from '../conversation.ts';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

describe('lead days', () => {
  it.each([
    ['提前3天提醒', [3, 1, 0]],
    ['提前十天提醒', [10, 1, 0]],
    [`提前${MAX_LEAD_DAYS}天提醒`, [MAX_LEAD_DAYS, 1, 0]],
  ])('%s is stored as %j', async (text, leads) => {
    const chat = t.chat('lead-ok');
    await chat.send('切换到汶上县');
    await chat.send('订阅提醒');
    await chat.shouldReply(text, /好的，改为提前/);
    expect(t.store.data.subscriptions.find((s) => s.chat === 'console:lead-ok')?.leadDays).toEqual(leads);
  });

  it.each(['提前100天提醒', `提前${MAX_LEAD_DAYS + 1}天提醒`])('%s is refused and changes nothing (the store stays loadable)', async (text) => {
    const chat = t.chat('lead-bad');
    await chat.send('切换到汶上县');
    await chat.send('订阅提醒');
    const before = t.store.data.subscriptions.find((s) => s.chat === 'console:lead-bad')?.leadDays;
    await chat.shouldReply(text, new RegExp(`0–${MAX_LEAD_DAYS} 天`));
    expect(t.store.data.subscriptions.find((s) => s.chat === 'console:lead-bad')?.leadDays).toEqual(before);
  });
});
