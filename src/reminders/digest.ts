// A chat's daily digest as a reply: items grouped by unit, each unit's bound staff @-mentioned, and on
// Mondays a weekly summary (with the year-round tasks still open, near year end).
import type { Block, Reply } from '../model/reply.ts';
import { chatText } from '../texts/chat.ts';
import { clip, deadlineLabel, milestoneLabel, CLIP_WIDTH } from '../texts/format.ts';
import { reminderText } from '../texts/reminders.ts';
import { unitKey, unitKind } from '../model/unit-names.ts';
import { statusOf } from '../ledger/status.ts';
import type { Task } from '../model/task.ts';
import type { Binding, LedgerEvent, Subscription } from '../model/records.ts';
import { weekday } from '../time.ts';
import type { ReminderItem } from './select.ts';

/** The unit a task is filed under: the subscribed unit it names, or its first named department. */
function unitOf(task: Task, sub: Pick<Subscription, 'units'>): { key: string; name: string } {
  const names = [...task.lead, ...task.responsible, ...task.cooperating];
  const subscribed = names.find((n) => sub.units.includes(unitKey(n)));
  const name = subscribed ?? names.find((n) => unitKind(n) !== 'collective') ?? names[0] ?? reminderText.noUnit;
  return { key: unitKey(name), name };
}

/** Where a digest goes: the chat on its channel, and the staff to @-mention there. */
/** In December, at most this many open year-round tasks are listed by name. */
const YEAR_END_LISTED = 20;

export interface DigestTarget {
  chatId: string;
  mentions: string[];
}

export interface Digest {
  reply: Reply;
  target: DigestTarget;
  /** What the digest is ("汶上县 6月24日到期提醒"), for the list its @-mentioned readers may now refer to. */
  title: string;
  /** The tasks it numbers, in the order of their numbers: "完成 2" from a mentioned person refers to these. */
  numbered: Task[];
}

export interface DigestInput {
  sub: Subscription;
  day: string;
  items: readonly ReminderItem[];
  late: boolean;
  bindings: readonly Binding[];
  /** For the weekly summary: every task in scope and the ledger. */
  scope: readonly Task[];
  ledger: ReadonlyMap<string, readonly LedgerEvent[]>;
  chatId: string;
}

/** The items grouped under their unit, in order of first appearance. */
function groupByUnit(items: readonly ReminderItem[], sub: Subscription): Map<string, { name: string; items: ReminderItem[] }> {
  const groups = new Map<string, { name: string; items: ReminderItem[] }>();
  for (const item of items) {
    const unit = unitOf(item.task, sub);
    const group = groups.get(unit.key) ?? { name: unit.name, items: [] };
    group.items.push(item);
    groups.set(unit.key, group);
  }
  return groups;
}

/** Monday's summary: counts by status, and near year end the year-round tasks still open. */
function weeklyBlocks(input: DigestInput, firstN: number): { blocks: Block[]; numbered: Task[] } {
  const counts = { notStarted: 0, inProgress: 0, done: 0, overdue: 0, yearRound: 0 };
  const openYearRound: Task[] = [];
  for (const task of input.scope) {
    const status = statusOf(task, input.ledger.get(task.id), input.day);
    if (status === 'not-started') counts.notStarted++;
    else if (status === 'in-progress') counts.inProgress++;
    else if (status === 'done') counts.done++;
    else counts.overdue++;
    if (status !== 'done' && task.deadline.kind !== 'dated') {
      counts.yearRound++;
      openYearRound.push(task);
    }
  }
  const blocks: Block[] = [{ type: 'paragraph', text: reminderText.weekly(counts) }];
  const numbered: Task[] = [];
  if (input.day.slice(5, 7) === '12' && openYearRound.length) {
    blocks.push({ type: 'paragraph', text: reminderText.yearEnd(openYearRound.length) });
    let n = firstN;
    for (const task of openYearRound.slice(0, YEAR_END_LISTED)) {
      blocks.push({ type: 'item', n: n++, lines: [clip(task.requirement, CLIP_WIDTH.reminder), chatText.taskId(task.id)] });
      numbered.push(task);
    }
  }
  return { blocks, numbered };
}

export function buildDigest(input: DigestInput): Digest {
  const { sub, day, items } = input;
  const title = reminderText.heading(sub.region, day, input.late);
  const blocks: Block[] = [{ type: 'heading', text: title }];
  const numbered: Task[] = [];
  const mentions = new Set<string>();
  let n = 0;
  for (const [key, group] of groupByUnit(items, sub)) {
    const staff = input.bindings.filter((b) => b.chat === sub.chat && b.region === sub.region && b.unitKey === key);
    staff.forEach((b) => mentions.add(b.user.userId));
    blocks.push({ type: 'paragraph', text: reminderText.unitHeading(group.name, staff.map((b) => b.user.name ?? b.user.userId)) });
    for (const item of group.items) {
      const label = reminderText.reason(item.reason, item.daysLeft);
      // A milestone's reminder names the stage and its date; the task's own, its completion date.
      const when = item.milestone ? reminderText.milestone(milestoneLabel(item.milestone)) : deadlineLabel(item.task, item.daysLeft);
      blocks.push({ type: 'item', n: ++n, lines: [reminderText.item(label, when, clip(item.task.requirement, CLIP_WIDTH.reminder)), chatText.taskId(item.task.id)] });
      numbered.push(item.task);
    }
  }
  if (sub.weekly && weekday(day) === 1) {
    const weekly = weeklyBlocks(input, n + 1);
    blocks.push(...weekly.blocks);
    numbered.push(...weekly.numbered);
  }
  if (items.length) blocks.push({ type: 'hint', text: reminderText.footer });
  return {
    reply: { intent: 'due', blocks, tasks: items.map((i) => i.task), related: [] },
    target: { chatId: input.chatId, mentions: [...mentions] },
    title,
    numbered,
  };
}
