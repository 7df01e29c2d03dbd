// Numbered task lists a page at a time, remembered per person per chat so that "更多", "第N条" and
// "完成 N" work; and the lists a digest addressed to the people it @-mentioned.
import type { Task, UnitRole } from '../model/task.ts';
import type { Block, Intent, Reply } from '../model/reply.ts';
import { SESSION_TTL_MS, sessionKey, type Session, type SessionStore } from './sessions.ts';
import { chatText } from '../texts/chat.ts';
import { clip, deadlineLabel, CLIP_WIDTH } from '../texts/format.ts';
import { unitKind } from '../model/unit-names.ts';

export const PAGE_SIZE = 5;

export interface ListSpec {
  intent: Intent;
  /** Lines above the items: what the list is. */
  head: Block[];
  /** Lines below the items on the first page (counts of what is not listed …). */
  foot?: Block[];
  title: string;
  tasks: Task[];
  related?: Task[];
  /** The units whose related tasks "相关任务" recomputes. */
  relatedUnits?: Array<{ region: string; key: string }>;
  relatedTitle?: string;
  roles?: Record<string, UnitRole[]>;
  view: ItemView;
}

/** The section a task stands in, short: its two innermost headings. */
export function sectionLabel(task: Task): string {
  return task.section.slice(-2).join(' ');
}

/** Units of a task for a one-line listing: named departments first, collectives after. */
export function unitsShort(task: Task, max = 3): string {
  const names = [...task.lead, ...task.responsible.filter((u) => !task.lead.includes(u))];
  const ordered = [...names.filter((u) => unitKind(u) !== 'collective'), ...names.filter((u) => unitKind(u) === 'collective')];
  if (!ordered.length) return task.cooperating.length ? chatText.unitsCooperating(task.cooperating.join('、')) : chatText.unitsUnknown;
  return ordered.length > max ? chatText.unitsMore(ordered.slice(0, max).join('、'), ordered.length) : ordered.join('、');
}

/** The first named department of a task (the first collective when it names none): "县民政局". */
export function mainUnit(task: Task): string {
  const names = [...task.lead, ...task.responsible, ...task.cooperating];
  return names.find((u) => unitKind(u) !== 'collective') ?? names[0] ?? '';
}

/** How items are shown: the document's own title, the days left (while the plan is current), the sentence matched. */
export interface ItemView {
  sourceTitle: (task: Task) => string;
  daysLeft: (task: Task) => number | undefined;
  /** The sentence of the task a search matched, when it is not the first one shown. */
  matched?: (task: Task) => string | undefined;
}

export function itemBlock(task: Task, n: number, view: ItemView, roles?: UnitRole[]): Block {
  const due = deadlineLabel(task, view.daysLeft(task));
  const first = clip(task.requirement, CLIP_WIDTH.item);
  const matched = view.matched?.(task);
  return {
    type: 'item',
    n,
    lines: [
      first,
      ...(matched && !first.includes(matched.slice(0, CLIP_WIDTH.confirmation)) ? [chatText.itemMatched(clip(matched, CLIP_WIDTH.matched))] : []),
      roles?.length ? chatText.itemRole(chatText.roles(roles), due) : `${chatText.itemDue(due)}｜${chatText.itemUnits(unitsShort(task))}`,
      chatText.itemSource(view.sourceTitle(task), sectionLabel(task)),
    ],
  };
}

function page(tasks: readonly Task[], index: number, roles: Record<string, UnitRole[]>, view: ItemView): Block[] {
  return tasks.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE).map((t, i) => itemBlock(t, index * PAGE_SIZE + i + 1, view, roles[t.id]));
}

/** The hint under a page: "更多" only while a page follows; on the last page, only how to see a detail. */
export function pageHint(total: number, index: number): Block[] {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages > 1 && index + 1 < pages) return [{ type: 'hint', text: chatText.pageHint(index + 1, pages) }];
  if (pages > 1) return [{ type: 'hint', text: chatText.lastPageHint(index + 1, pages) }];
  return total ? [{ type: 'hint', text: chatText.detailHint }] : [];
}

/** Lines a page at a time ("各单位任务数"): the first page, and the session that pages on with "更多". */
export function firstLinesPage(intent: Intent, title: string, lines: string[], now: Date): { reply: Reply; session: Session } {
  const blocks: Block[] = [{ type: 'heading', text: title }, ...linesPage(lines, 0)];
  const session: Session = { title, taskIds: [], relatedUnits: [], relatedTitle: '', page: 0, roles: {}, lines, expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() };
  return { reply: { intent, blocks, tasks: [], related: [] }, session };
}

/** Lines shown per page: more than items, as a line is one row. */
export const LINES_PER_PAGE = 15;

function linesPage(lines: readonly string[], index: number): Block[] {
  const pages = Math.ceil(lines.length / LINES_PER_PAGE);
  const shown = lines.slice(index * LINES_PER_PAGE, (index + 1) * LINES_PER_PAGE).map((text, i) => ({ type: 'paragraph' as const, text: `${index * LINES_PER_PAGE + i + 1}. ${text}` }));
  const hint: Block[] = pages > 1 && index + 1 < pages ? [{ type: 'hint', text: chatText.linesPageHint(index + 1, pages) }] : [];
  return [...shown, ...hint];
}

/** The next page of remembered lines. */
export function nextLinesPage(session: Session, now: Date): { reply: Reply; session: Session } {
  const lines = session.lines ?? [];
  const next = session.page + 1;
  if (next * LINES_PER_PAGE >= lines.length) return { reply: { intent: 'more', blocks: [{ type: 'paragraph', text: chatText.listEnd }], tasks: [], related: [] }, session };
  return {
    reply: { intent: 'more', blocks: [{ type: 'heading', text: session.title }, ...linesPage(lines, next)], tasks: [], related: [] },
    session: { ...session, page: next, expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() },
  };
}

/** The first page of a list, and the session that remembers it. */
export function firstPage(spec: ListSpec, now: Date): { reply: Reply; session: Session } {
  const roles = spec.roles ?? {};
  const reply: Reply = {
    intent: spec.intent,
    blocks: [...spec.head, ...page(spec.tasks, 0, roles, spec.view), ...(spec.foot ?? []), ...pageHint(spec.tasks.length, 0)],
    tasks: spec.tasks,
    related: spec.related ?? [],
  };
  const session: Session = {
    title: spec.title,
    taskIds: spec.tasks.map((t) => t.id),
    relatedUnits: spec.relatedUnits ?? [],
    relatedTitle: spec.relatedTitle ?? '',
    page: 0,
    roles,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  };
  return { reply, session };
}

/** The next page of the remembered list. */
export function nextPage(session: Session, tasks: Task[], now: Date, view: ItemView): { reply: Reply; session: Session } {
  const next = session.page + 1;
  if (next * PAGE_SIZE >= tasks.length) {
    return { reply: { intent: 'more', blocks: [{ type: 'paragraph', text: chatText.listEnd }], tasks: [], related: [] }, session };
  }
  return {
    reply: {
      intent: 'more',
      blocks: [{ type: 'heading', text: session.title }, ...page(tasks, next, session.roles, view), ...pageHint(tasks.length, next)],
      tasks: tasks.slice(next * PAGE_SIZE, (next + 1) * PAGE_SIZE),
      related: [],
    },
    session: { ...session, page: next, expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() },
  };
}

/**
 * The list a digest addressed to a person (it @-mentioned them): their numbers now refer to it. A list
 * they had asked for is kept beside it, so that a number meaning different tasks in the two is asked
 * back, not guessed.
 */
export function addressedSession(title: string, tasks: readonly Task[], previous: Session | undefined, now: Date): Session {
  // Only the session is kept (the digest itself was rendered by the reminders): no view is needed.
  const view: ItemView = { sourceTitle: (task) => task.region, daysLeft: () => undefined };
  const { session } = firstPage({ intent: 'due', head: [], title, tasks: [...tasks], view }, now);
  const asked = previous?.origin === 'addressed' ? previous.replaced : previous && { title: previous.title, taskIds: previous.taskIds, expiresAt: previous.expiresAt };
  return { ...session, origin: 'addressed', ...(asked ? { replaced: asked } : {}) };
}

/** A delivered digest, for the people it @-mentioned in a two-way chat (robots' groups cannot answer). */
export async function rememberAddressed(
  sessions: SessionStore,
  delivery: { chat: string; mentions: readonly string[]; title: string; numbered: readonly Task[]; at: Date },
): Promise<void> {
  if (delivery.chat.startsWith('robot:') || !delivery.numbered.length) return;
  for (const userId of delivery.mentions) {
    const key = sessionKey(delivery.chat, userId);
    await sessions.set(key, addressedSession(delivery.title, delivery.numbered, sessions.get(key, delivery.at), delivery.at));
  }
}
