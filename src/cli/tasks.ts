// Questions: tasks (of a region, a unit, a month) and ask (one message through the bot).
import { Bot } from '../core/bot.ts';
import { FileSessions } from '../core/sessions.ts';
import type { Task } from '../model/task.ts';
import type { IncomingMessage } from '../platform/message.ts';
import { renderPlain } from '../platform/reply.ts';
import type { TaskStore } from '../store/task-store.ts';
import { cliText, commandText } from '../texts/cli.ts';
import { shanghaiInstant } from '../time.ts';
import type { Command, CommandInput } from './command.ts';
import { unitsNamed } from './lookup.ts';
import { monthOption, todayOption } from './options.ts';
import { withStore } from './store-access.ts';

/** A question asked with --today is asked at noon of that day. */
const ASKED_AT = '12:00';

interface TaskSelection {
  /** The tasks naming the unit. */
  tasks: Task[];
  /** The tasks binding it only through a collective (各部门 …). */
  related: Task[];
}

/** Of the tasks, those naming the unit, and apart those binding it through a collective. */
function ofUnit(store: TaskStore, tasks: Task[], unitName: string, regions: readonly string[] | undefined): TaskSelection {
  const index = store.index;
  const named = new Set<string>();
  const via = new Set<string>();
  for (const unit of unitsNamed(store, unitName, regions ?? index.regions())) {
    const found = index.tasksOfUnit(unit);
    found.named.forEach((n) => named.add(n.task.id));
    found.viaCollective.forEach((t) => via.add(t.id));
  }
  return { tasks: tasks.filter((t) => named.has(t.id)), related: tasks.filter((t) => via.has(t.id) && !named.has(t.id)) };
}

function selectTasks(store: TaskStore, { region, month, unit }: { region?: string; month?: string; unit?: string }): TaskSelection {
  const regions = region ? [region] : undefined;
  const tasks = month ? store.index.dueInMonth(month, regions) : store.data.tasks.filter((t) => !regions || regions.includes(t.region));
  return unit ? ofUnit(store, tasks, unit, regions) : { tasks, related: [] };
}

async function runTasks({ values, io }: CommandInput): Promise<void> {
  const month = monthOption(values.month);
  await withStore(io, 'read', async (store) => {
    const { tasks, related } = selectTasks(store, { region: values.region, month, unit: values.unit?.[0] });
    if (values.json) {
      io.out(JSON.stringify({ tasks, related }));
      return;
    }
    if (!tasks.length) io.out(cliText.noTasks);
    for (const t of tasks) io.out(cliText.taskLine(t));
    if (related.length) {
      io.out(cliText.relatedHeader(related.length));
      for (const t of related) io.out(cliText.taskLine(t));
    }
  });
}

async function runAsk({ args: words, values, io }: CommandInput): Promise<void> {
  const today = todayOption(values.today);
  await withStore(io, 'read', async (store, config) => {
    // Its own file: the running bot is the one writer of the chats' sessions file.
    const sessions = await FileSessions.open(`${config.storePath}.cli-sessions.json`);
    const bot = new Bot({ store, sessions });
    const message: IncomingMessage = {
      platform: 'cli',
      chatId: values.chat ?? 'cli',
      chatType: 'private',
      userId: 'cli',
      text: words.join(' '),
      mentioned: true,
      messageId: 'cli',
      time: today ? shanghaiInstant(today, ASKED_AT) : io.now(),
    };
    const reply = await bot.handle(message, { region: values.region });
    const text = renderPlain(reply);
    io.out(values.json ? JSON.stringify({ intent: reply.intent, text, tasks: reply.tasks, related: reply.related }) : text);
  });
}

export const taskCommands = {
  tasks: { ...commandText.tasks, run: runTasks },
  ask: { ...commandText.ask, run: runAsk },
} satisfies Record<string, Command>;
