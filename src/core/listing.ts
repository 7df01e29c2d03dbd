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

export function itemBlock(task: Task, n: number, roles?: UnitRole[]): Block {
  const due = deadlineLabel(task);
  return {
    type: 'item',
    n,
    lines: [
      clip(task.requirement, CLIP_WIDTH.item),
      roles?.length ? chatText.itemRole(chatText.roles(roles), due) : `${chatText.itemDue(due)}｜${chatText.itemUnits(unitsShort(task))}`,
      chatText.itemSource(task.region, task.year, sectionLabel(task)),
    ],
  };
}

function page(tasks: readonly Task[], index: number, roles: Record<string, UnitRole[]>): Block[] {
  return tasks.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE).map((t, i) => itemBlock(t, index * PAGE_SIZE + i + 1, roles[t.id]));
}

export function pageHint(total: number, index: number): Block[] {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages > 1) return [{ type: 'hint', text: chatText.pageHint(index + 1, pages) }];
  return total ? [{ type: 'hint', text: chatText.detailHint }] : [];
}

/** The first page of a list, and the session that remembers it. */
export function firstPage(spec: ListSpec, now: Date): { reply: Reply; session: Session } {
  const roles = spec.roles ?? {};
  const reply: Reply = {
    intent: spec.intent,
    blocks: [...spec.head, ...page(spec.tasks, 0, roles), ...(spec.foot ?? []), ...pageHint(spec.tasks.length, 0)],
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
export function nextPage(session: Session, tasks: Task[], now: Date): { reply: Reply; session: Session } {
  const next = session.page + 1;
  if (next * PAGE_SIZE >= tasks.length) {
    return { reply: { intent: 'more', blocks: [{ type: 'paragraph', text: chatText.listEnd }], tasks: [], related: [] }, session };
  }
  return {
    reply: {
      intent: 'more',
      blocks: [{ type: 'heading', text: session.title }, ...page(tasks, next, session.roles), ...pageHint(tasks.length, next)],
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
  const { session } = firstPage({ intent: 'due', head: [], title, tasks: [...tasks] }, now);
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
