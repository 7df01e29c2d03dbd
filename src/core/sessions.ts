// Per-chat conversation state: the last list a chat was shown, so that "第3条" and "更多" refer to it.
// It expires; the store keeps it across processes (the CLI's --chat), restarts and bot instances.
import { z } from 'zod';
import type { SessionRecords } from '../store/contract.ts';

export const SESSION_TTL_MS = 30 * 60_000;

export const SessionSchema = z.object({
  /** What the list is, for its heading when paging: "汶上县 县民政局的任务". */
  title: z.string(),
  taskIds: z.array(z.string()),
  /** The units whose tasks through collectives "相关任务" lists (recomputed then: they can be hundreds). */
  relatedUnits: z.array(z.object({ region: z.string(), key: z.string() })),
  relatedTitle: z.string(),
  /** The page last shown (0-based). */
  page: z.number().int().nonnegative(),
  /** Per task id, the roles of the unit asked about, to keep marking them when paging. */
  roles: z.record(z.string(), z.array(z.enum(['lead', 'responsible', 'cooperating']))),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

export interface SessionStore {
  get(chat: string, now: Date): Promise<Session | undefined>;
  set(chat: string, session: Session): Promise<void>;
}

export class MemorySessions implements SessionStore {
  protected readonly sessions = new Map<string, Session>();

  async get(chat: string, now: Date): Promise<Session | undefined> {
    const s = this.sessions.get(chat);
    if (s && new Date(s.expiresAt) > now) return s;
    this.sessions.delete(chat);
    return undefined;
  }

  async set(chat: string, session: Session): Promise<void> {
    this.sessions.set(chat, session);
  }
}

/** Sessions kept by the store (a file beside the JSON store, or the shared database). */
export class StoredSessions implements SessionStore {
  constructor(private readonly records: SessionRecords) {}

  async get(chat: string, now: Date): Promise<Session | undefined> {
    // A session written by another release, or damaged, is forgotten rather than misread.
    const parsed = SessionSchema.safeParse(await this.records.get(chat, now));
    return parsed.success ? parsed.data : undefined;
  }

  async set(chat: string, session: Session): Promise<void> {
    // Expiry is judged at the time of the message that made this session, not the wall clock.
    await this.records.set(chat, session, new Date(new Date(session.expiresAt).getTime() - SESSION_TTL_MS));
  }
}
