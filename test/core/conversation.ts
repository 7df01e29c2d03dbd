// One helper for chat tests, after Koishi's: a chat with the bot on the seed data, where
// `shouldReply(text, matcher)` sends a message and checks the reply.
import { join } from 'node:path';
import { expect } from 'vitest';
import { Bot, type BotDeps } from '../../src/core/bot.ts';
import type { IncomingMessage } from '../../src/platform/message.ts';
import { renderPlain } from '../../src/platform/reply.ts';
import { type Reply } from '../../src/model/reply.ts';
import { MemorySessions } from '../../src/core/sessions.ts';
import { openStore } from '../../src/app/bootstrap.ts';
import type { TaskStore } from '../../src/store/task-store.ts';
import { shanghaiInstant } from '../../src/time.ts';
import { NOW, SEEDS_DIR, tempDir } from '../helpers.ts';

export type Matcher = string | RegExp | ((reply: Reply, text: string) => void);

export interface Chat {
  send(text: string, extra?: { mentions?: IncomingMessage['mentions'] }): Promise<Reply>;
  shouldReply(text: string, ...matchers: Matcher[]): Promise<Reply>;
  /** Moves the chat's clock (Asia/Shanghai wall time). */
  at(date: string, time?: string): Chat;
}

export interface TestBot {
  store: TaskStore;
  bot: Bot;
  sessions: MemorySessions;
  chat(chatId?: string, options?: { today?: string; platform?: IncomingMessage['platform']; userId?: string; userName?: string; chatType?: IncomingMessage['chatType'] }): Chat;
  close(): Promise<void>;
}

export const ADMINS = ['telegram:admin1', 'wechat:admin1'];

/** A bot over a fresh store built from data/seeds in a temporary directory (admins: ADMINS unless given). */
export async function startTestBot(options: { admins?: readonly string[] } & Pick<BotDeps, 'signIn'> = {}): Promise<TestBot & { dir: string }> {
  const { dir, cleanup } = tempDir();
  const { store } = await openStore(join(dir, 'store.json'), SEEDS_DIR, NOW);
  const sessions = new MemorySessions();
  const bot = new Bot({ store, sessions, admins: options.admins ?? ADMINS, signIn: options.signIn });
  let seq = 0;
  return {
    store,
    bot,
    sessions,
    chat(chatId = 'group-1', options = {}) {
      let time = options.today ? shanghaiInstant(options.today, '10:00') : NOW;
      const chat: Chat = {
        async send(text, extra = {}) {
          time = new Date(time.getTime() + 1000);
          return bot.handle({
            platform: options.platform ?? 'console',
            chatId,
            chatType: options.chatType ?? 'group',
            userId: options.userId ?? 'u1',
            userName: options.userName,
            mentions: extra.mentions,
            text,
            mentioned: true,
            messageId: String(++seq),
            time,
          });
        },
        async shouldReply(text, ...matchers) {
          const reply = await chat.send(text);
          const rendered = renderPlain(reply);
          for (const m of matchers) {
            if (typeof m === 'string') expect(rendered, `reply to “${text}”`).toContain(m);
            else if (m instanceof RegExp) expect(rendered, `reply to “${text}”`).toMatch(m);
            else m(reply, rendered);
          }
          return reply;
        },
        at(date, clock = '10:00') {
          time = shanghaiInstant(date, clock);
          return chat;
        },
      };
      return chat;
    },
    dir,
    async close() {
      await store.close();
      cleanup();
    },
  };
}

/** Matcher: the reply lists exactly these many tasks. */
export const lists = (n: number): Matcher => (reply) => expect(reply.tasks).toHaveLength(n);
/** Matcher: the reply's intent. */
export const intent = (name: Reply['intent']): Matcher => (reply) => expect(reply.intent).toBe(name);
/** Matcher: every listed task's requirement contains one of the texts, and each text is listed. */
export const listsTexts = (...texts: string[]): Matcher => (reply) => {
  for (const text of texts) expect(reply.tasks.some((t) => t.requirement.includes(text)), text).toBe(true);
};
