// Adversarial input never crashes the core: every message gets a reply. (Speed is the benchmark's job.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/platform/reply.ts';
import { fuzzMessages } from './fuzz.ts';
import { startTestBot, type TestBot } from './conversation.ts';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

describe('adversarial input', () => {
  it.each([
    ['empty', ''],
    ['100 KB', '低保'.repeat(50_000)],
    ['emoji', '😀👨‍👩‍👧🏳️‍🌈民政局有哪些任务😀'],
    ['control characters', '\u0000\u0007民政局\u202e有哪些\ufeff任务\r\n'],
    ['regex metacharacters', '.*+?^${}()|[]\\ 民政局(有哪些)任务['],
    ['mixed scripts', 'Привет مرحبا こんにちは 民政局 tasks 안녕'],
    ['a huge page number', '第999999999999条'],
    ['prototype words', '__proto__ constructor toString'],
  ])('%s', async (_name, text) => {
    const reply = await t.chat('adversarial').send(text);
    expect(renderPlain(reply).length).toBeGreaterThan(0);
    expect(reply.intent).not.toBe('error');
  });

  it('10,000 random messages each get a reply, none an internal error', async () => {
    const chat = t.chat('fuzz', { today: '2022-06-10' });
    for (const text of fuzzMessages(10_000, 1)) {
      const reply = await chat.send(text);
      if (reply.intent === 'error' || !renderPlain(reply)) throw new Error(`no proper reply to ${JSON.stringify(text.slice(0, 80))}`);
    }
  }, 120_000);
});
