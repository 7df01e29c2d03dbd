// Two ways to ask the bot what the held-out check asks `npm run -s cli -- ask "<text>" --region R
// --chat ID --today YYYY-MM-DD --json`: the CLI itself (a process per message, sessions in the file
// beside the store), or the same Bot in this process with the same message (platform cli, private,
// asked at noon of --today) and the same sessions semantics, which is a hundred times faster.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../src/app/bootstrap.ts';
import { Bot } from '../src/core/bot.ts';
import { FileSessions } from '../src/core/sessions.ts';
import { renderPlain } from '../src/platform/reply.ts';
import type { TaskStore } from '../src/store/task-store.ts';
import { shanghaiInstant } from '../src/time.ts';
import type { AskAnswer } from './grade.ts';

export interface AskOptions {
  region?: string;
  chat: string;
  today?: string;
}

export interface Asker {
  ask(text: string, options: AskOptions): Promise<AskAnswer>;
  close(): Promise<void>;
}

/** The CLI's hour for a question asked with --today (src/cli/tasks.ts). */
const ASKED_AT = '12:00';
const root = join(import.meta.dirname, '..');

export async function inProcessAsker(storePath: string): Promise<Asker> {
  const { store } = await openStore(storePath, join(root, 'data', 'seeds'), new Date());
  const sessions = await FileSessions.open(`${storePath}.sessions.json`);
  const bot = new Bot({ store, sessions });
  let n = 0;
  return {
    async ask(text, options) {
      const before = storeState(store);
      const reply = await bot.handle(
        {
          platform: 'cli',
          chatId: options.chat,
          chatType: 'private',
          userId: 'cli',
          text,
          mentioned: true,
          messageId: `eval-${++n}`,
          time: options.today ? shanghaiInstant(options.today, ASKED_AT) : new Date(),
        },
        { region: options.region },
      );
      return { intent: reply.intent, text: renderPlain(reply), tasks: reply.tasks, related: reply.related, wrote: storeState(store) !== before };
    },
    close: () => store.close(),
  };
}

function storeState(store: TaskStore): string {
  const d = store.data;
  return `${d.ledger.length}|${d.tasks.length}|${d.subscriptions.length}|${d.bindings.length}|${d.chats.length}`;
}

const run = promisify(execFile);

/** The CLI as the held-out check calls it; ZWGK_STORE points at the eval's own store. */
export function cliAsker(storePath: string): Asker {
  return {
    async ask(text, options) {
      const args = ['run', '-s', 'cli', '--', 'ask', text, '--chat', options.chat, '--json'];
      if (options.region) args.push('--region', options.region);
      if (options.today) args.push('--today', options.today);
      const { stdout } = await run('npm', args, { cwd: root, env: { ...process.env, ZWGK_STORE: storePath }, maxBuffer: 64 << 20 });
      return JSON.parse(stdout) as AskAnswer;
    },
    close: async () => undefined,
  };
}
