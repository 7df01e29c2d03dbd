// The dispatcher: who is addressed (the @ fields, command words, private chats), a redelivery answered
// once even while the first copy is still being answered, stale messages dropped, and a chat's
// messages answered in arrival order while other chats go on.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import type { Reply } from '../../src/model/reply.ts';
import type { Target } from '../../src/platform/adapter.ts';
import { ChatQueues, dispatcher, isForBot } from '../../src/platform/dispatch.ts';
import type { IncomingMessage } from '../../src/platform/message.ts';

const NOW = new Date('2026-03-02T02:00:00Z');
const message = (over: Partial<IncomingMessage> = {}): IncomingMessage => ({
  platform: 'dingtalk',
  chatId: 'cidA',
  chatType: 'group',
  userId: 'u1',
  text: '民政局有哪些任务',
  mentioned: true,
  messageId: 'm1',
  time: NOW,
  ...over,
});
const say = (text: string): Reply => ({ intent: 'help', blocks: [{ type: 'paragraph', text }], tasks: [], related: [] });

/** A bot that answers after `delayMs` (per text), and a platform that records what was sent where. */
function harness(delayMs: (text: string) => number = () => 0) {
  const sent: Array<{ target: Target; text: string }> = [];
  const bot = { handle: async (m: IncomingMessage) => (await new Promise((r) => setTimeout(r, delayMs(m.text))), say(`答：${m.text}`)) };
  const adapter = { name: 'test', send: async (target: Target, reply: Reply) => void sent.push({ target, text: reply.blocks[0]?.type === 'paragraph' ? reply.blocks[0].text : '' }) };
  return { sent, handle: dispatcher(adapter, { bot, logger: silentLogger, now: () => NOW }) };
}

describe('isForBot', () => {
  it.each<[string, Partial<IncomingMessage>, boolean]>([
    ['a group message that @s the bot', { mentioned: true }, true],
    ['a group message without @', { mentioned: false }, false],
    ['a group message without @ that starts with a command word', { mentioned: false, text: '完成 3' }, true],
    ['a private message', { chatType: 'private', mentioned: false }, true],
  ])('%s', (_what, over, expected) => {
    expect(isForBot(message(over))).toBe(expected);
  });
});

describe('dispatcher', () => {
  it('answers a redelivery once, even while the first copy is still being answered', async () => {
    const { sent, handle } = harness(() => 50);
    await Promise.all([handle(message()), handle(message()), handle(message())]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.target).toEqual({ chatId: 'cidA', replyTo: 'm1' });
  });

  it('ignores messages older than three minutes', async () => {
    const { sent, handle } = harness();
    await handle(message({ time: new Date(NOW.getTime() - 4 * 60_000) }));
    expect(sent).toEqual([]);
  });

  it("answers one chat's messages in arrival order, however long each takes; other chats do not wait", async () => {
    const { sent, handle } = harness((text) => (text === '慢' ? 200 : 0));
    const all = [handle(message({ messageId: 'a', text: '慢' })), handle(message({ messageId: 'b', text: '快' })), handle(message({ chatId: 'cidB', messageId: 'c', text: '别的群' }))];
    await Promise.all(all);
    expect(sent.map((s) => s.text)).toEqual(['答：别的群', '答：慢', '答：快']);
  });
});

describe('ChatQueues', () => {
  it('goes on after a failed job and forgets idle chats', async () => {
    const queues = new ChatQueues();
    const order: string[] = [];
    const failed = queues.run('x', async () => {
      throw new Error('boom');
    });
    const next = queues.run('x', async () => void order.push('next'));
    await expect(failed).rejects.toThrow('boom');
    await next;
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['next']);
    expect(queues.busy).toBe(0);
  });
});
