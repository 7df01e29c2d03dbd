// Evaluates the bot on eval/questions.json: for each question, is a task that answers it the first
// listed (top-1), or among the first three (top-3)? Runs on a fresh store built from data/seeds.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from '../src/core/bot.ts';
import { MemorySessions } from '../src/core/sessions.ts';
import { openStore } from '../src/app/bootstrap.ts';
import { shanghaiInstant } from '../src/time.ts';

interface Question {
  q: string;
  region?: string;
  today?: string;
  expect: string[];
}

const TARGET = { top1: 0.75, top3: 0.9 };
const root = join(import.meta.dirname, '..');
const { questions } = JSON.parse(readFileSync(join(import.meta.dirname, 'questions.json'), 'utf8')) as { questions: Question[] };

const dir = mkdtempSync(join(tmpdir(), 'zwgk-eval-'));
const { store } = await openStore(join(dir, 'store.json'), join(root, 'data', 'seeds'), new Date());
const bot = new Bot({ store, sessions: new MemorySessions() });
let top1 = 0;
let top3 = 0;
const misses: string[] = [];
for (const [i, question] of questions.entries()) {
  const reply = await bot.handle(
    {
      platform: 'cli',
      chatId: `eval-${i}`,
      chatType: 'private',
      userId: 'eval',
      text: question.q,
      mentioned: true,
      messageId: String(i),
      time: shanghaiInstant(question.today ?? '2026-11-23', '10:00'),
    },
    { region: question.region },
  );
  const rank = reply.tasks.findIndex((t) => question.expect.some((e) => t.requirement.includes(e)));
  if (rank === 0) top1++;
  if (rank >= 0 && rank < 3) top3++;
  if (rank !== 0) {
    const got = reply.tasks[0]?.requirement.slice(0, 24) ?? `(${reply.intent}: no task)`;
    misses.push(`  ${rank < 0 ? 'miss' : `#${rank + 1} `} ${question.region ?? '*'} “${question.q}” → ${got}`);
  }
}
await store.close();
rmSync(dir, { recursive: true, force: true });

const n = questions.length;
console.log(`questions: ${n}`);
console.log(`top-1: ${((top1 / n) * 100).toFixed(1)}% (${top1}/${n}), target ${TARGET.top1 * 100}%`);
console.log(`top-3: ${((top3 / n) * 100).toFixed(1)}% (${top3}/${n}), target ${TARGET.top3 * 100}%`);
if (misses.length) console.log(`not first:\n${misses.join('\n')}`);
process.exitCode = top1 / n >= TARGET.top1 && top3 / n >= TARGET.top3 ? 0 : 1;
