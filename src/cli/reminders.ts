// Reminders from the command line: preview a day's reminders, subscribe and unsubscribe a chat (any
// adapter's chat or a robot), bind unit staff. Subscriptions and bindings go through the same
// functions as the chat's (src/reminders/subscriptions.ts).
import type { Config } from '../config.ts';
import { UsageError } from '../errors.ts';
import { splitChatKey } from '../app/channels.ts';
import { eventsByTask } from '../ledger/status.ts';
import type { Actor, Subscription } from '../model/records.ts';
import { quietDay, remindersFor } from '../reminders/select.ts';
import { bindStaff, newSubscription, removeSubscription, sentSlots, upsertSubscription } from '../reminders/subscriptions.ts';
import type { TaskStore } from '../store/task-store.ts';
import { cliText, commandText } from '../texts/cli.ts';
import { milestoneLabel } from '../texts/format.ts';
import { reminderText } from '../texts/reminders.ts';
import type { Command, CommandInput } from './command.ts';
import { regionOf, unitOf } from './lookup.ts';
import { leadOption, timeOption, todayOf, type Values } from './options.ts';
import { withStore } from './store-access.ts';

/** The operator at the machine: who subscribes and binds from the command line. */
const OPERATOR: Actor = { platform: 'cli', userId: 'cli' };
/** The platform of a bound person whose chat names none. */
const DEFAULT_PLATFORM = 'robot';

/** The subscriptions to preview: the default one of --region, or those in the store (of --chat). */
function previewed(store: TaskStore, values: Values): Subscription[] {
  if (!values.region) return store.data.subscriptions.filter((s) => !values.chat || s.chat === values.chat);
  const chat = values.chat ?? `preview:${values.region}`;
  return [newSubscription({ chat, region: regionOf(store, values.region), units: [], by: OPERATOR, at: '' })];
}

async function runPreview({ args, values, io }: CommandInput): Promise<void> {
  if (args[0] !== 'preview') throw new UsageError(cliText.remindersSubcommand(cliText.commandHelp(commandText.reminders)));
  const today = todayOf(values.today, io.now());
  await withStore(io, 'read', async (store) => {
    const ledger = eventsByTask(store.data.ledger);
    const chats = previewed(store, values).map((sub) => {
      const items = remindersFor(sub, today, store.index, ledger, sentSlots(store.data.reminders, sub.chat));
      return { chat: sub.chat, region: sub.region, quiet: quietDay(today, items), items };
    });
    if (values.json) {
      const json = chats.map((c) => ({ ...c, items: c.items.map(({ task, reason, slot, daysLeft }) => ({ task, reason, slot, daysLeft })) }));
      io.out(JSON.stringify({ today, chats: json }));
      return;
    }
    if (!chats.length) io.out(cliText.noSubscriptions);
    for (const c of chats) {
      io.out(cliText.previewHeader(c.chat, c.region, today, c.items.length, c.quiet));
      for (const i of c.items) io.out(cliText.previewItem(i.reason, i.milestone ? reminderText.milestone(milestoneLabel(i.milestone)) : i.date, i.task.requirement));
    }
  });
}

function chatOf(values: Values): string {
  if (!values.chat) throw new UsageError(cliText.needChat);
  return values.chat;
}

/** A robot chat must name a configured robot: reminders to a robot that does not exist would go nowhere. */
function checkRobot(chat: string, config: Config): void {
  const { platform, id } = splitChatKey(chat);
  if (platform !== 'robot' || config.robots.some((r) => r.name === id)) return;
  throw new UsageError(cliText.unknownRobot(id, config.robots.map((r) => r.name)));
}

async function runSubscribe({ values, io }: CommandInput): Promise<void> {
  const chat = chatOf(values);
  const leadDays = leadOption(values.lead);
  const digestTime = timeOption(values.time);
  await withStore(io, 'write', async (store, config) => {
    checkRobot(chat, config);
    const region = regionOf(store, values.region);
    const units = (values.unit ?? []).map((name) => unitOf(store, name, region).key);
    const sub = newSubscription({ chat, region, units, leadDays, digestTime, by: OPERATOR, at: io.now().toISOString() });
    await store.change((draft) => upsertSubscription(draft, sub));
    io.out(cliText.subscribed(chat, region, units.length, sub.digestTime));
  });
}

async function runUnsubscribe({ values, io }: CommandInput): Promise<void> {
  const chat = chatOf(values);
  await withStore(io, 'write', async (store) => {
    await store.change((draft) => removeSubscription(draft, chat));
    io.out(cliText.unsubscribed(chat));
  });
}

async function runBind({ values, io }: CommandInput): Promise<void> {
  const { chat, user: userId, unit: [unitName] = [] } = values;
  if (!chat || !userId || !unitName) throw new UsageError(cliText.missingOptions(cliText.commandHelp(commandText.bind)));
  await withStore(io, 'write', async (store, config) => {
    checkRobot(chat, config);
    const region = regionOf(store, values.region ?? store.data.subscriptions.find((s) => s.chat === chat)?.region ?? store.chatSettings(chat)?.region);
    const unit = unitOf(store, unitName, region);
    const [platform] = chat.split(':');
    const person: Actor = { platform: platform ?? DEFAULT_PLATFORM, userId, name: values.name };
    await store.change((draft) => bindStaff(draft, { chat, region, unit, people: [person], by: OPERATOR, at: io.now().toISOString() }));
    io.out(cliText.bound(chat, unit.name, values.name ?? userId));
  });
}

export const reminderCommands = {
  reminders: { ...commandText.reminders, run: runPreview },
  subscribe: { ...commandText.subscribe, run: runSubscribe },
  unsubscribe: { ...commandText.unsubscribe, run: runUnsubscribe },
  bind: { ...commandText.bind, run: runBind },
} satisfies Record<string, Command>;
