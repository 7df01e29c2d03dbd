// Conversation state per person per chat: the last list that person asked for (or that was addressed
// to them, like a reminder digest that @-mentions them), so that "第3条", "更多" and "完成 3" refer to
// *their* list, never to one somebody else asked for in between. It expires; an expired list is
// remembered a while as expired, so the bot can say so instead of guessing. The store keeps it across
// processes (the CLI's --chat), restarts and bot instances; a corrupt sessions file is set aside.
// The session also keeps the frame of the person's last question, so that "台儿庄的呢" is read against it.
import { z } from 'zod';
import type { SessionRecords } from '../store/contract.ts';

export const SESSION_TTL_MS = 30 * 60_000;
/** An expired list is remembered this long as expired ("您上次的列表已过期"). */
export const LAPSED_MEMORY_MS = 24 * 60 * 60_000;
/** At most this many people's lists are kept; the oldest go first. */
export const MAX_SESSIONS = 50_000;
/** Long-expired lists are looked for once every this many changes, not on each. */
const PRUNE_EVERY = 256;

/** A list a person was shown before the current one, kept to tell when a number could mean either. */
const ReplacedListSchema = z.object({ title: z.string(), taskIds: z.array(z.string()), expiresAt: z.string() });

/** The chat's last question, for short follow-ups ("台儿庄的呢", "几项", "那民政局呢"). */
export const FrameSchema = z.object({
  /** The kind of question it was (unit-tasks, search, due …). */
  kind: z.string(),
  /** The question without its region names. */
  text: z.string(),
  regions: z.array(z.string()),
  /** The unit as the person typed it ("民政局"), to swap for another. */
  unitText: z.string().optional(),
  /** What it was about, without the asking words ("低保"). */
  topic: z.string().optional(),
});
export type Frame = z.infer<typeof FrameSchema>;

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
  /** 'asked' (the person's own question; the default) or 'addressed' (a digest that @-mentioned them). */
  origin: z.enum(['asked', 'addressed']).optional(),
  /** For an addressed list: the list the person had asked for and was still looking at. */
  replaced: ReplacedListSchema.optional(),
  /** The frame of the chat's last question (optional: sessions written before it have none). */
  frame: FrameSchema.optional(),
  /** The task of the last detail shown ("第3条"), which "谁负责" and "啥时候到期" then ask about. */
  focus: z.string().optional(),
  /** A list of lines rather than tasks ("各单位任务数"), paged by "更多". */
  lines: z.array(z.string()).optional(),
});
export type Session = z.infer<typeof SessionSchema>;
export type ReplacedList = z.infer<typeof ReplacedListSchema>;

/** The key of one person's conversation in one chat: references never cross people. */
export const sessionKey = (chat: string, userId: string): string => `${chat}|${userId}`;

export const isLive = (s: { expiresAt: string }, now: Date): boolean => new Date(s.expiresAt) > now;

/** What a message finds of the person's conversation: the live list, or that one expired recently. */
export interface SessionLookup {
  session: Session | undefined;
  /** True when the person had a list here that has expired (recently): say so, do not guess. */
  lapsed: boolean;
}

export interface SessionStore {
  /** The person's live list in the chat, or that it lapsed: one read (one round trip on a database). */
  read(key: string, now: Date): Promise<SessionLookup>;
  /** The person's live list in the chat. */
  get(key: string, now: Date): Promise<Session | undefined>;
  set(key: string, session: Session): Promise<void>;
}

/** The lookup of a session found live, expired within LAPSED_MEMORY_MS, or not at all. */
function lookup(s: Session | undefined, now: Date): SessionLookup {
  if (!s) return { session: undefined, lapsed: false };
  if (isLive(s, now)) return { session: s, lapsed: false };
  return { session: undefined, lapsed: now.getTime() - new Date(s.expiresAt).getTime() < LAPSED_MEMORY_MS };
}

export class MemorySessions implements SessionStore {
  protected readonly sessions = new Map<string, Session>();
  private changes = 0;

  async read(key: string, now: Date): Promise<SessionLookup> {
    return lookup(this.sessions.get(key), now);
  }

  async get(key: string, now: Date): Promise<Session | undefined> {
    return (await this.read(key, now)).session;
  }

  async set(key: string, session: Session): Promise<void> {
    this.sessions.delete(key);
    this.sessions.set(key, session);
    if (++this.changes % PRUNE_EVERY === 0 || this.sessions.size > MAX_SESSIONS) this.prune(session);
  }

  /** Forgets lists long expired (judged by the time of the message at hand, not the wall clock), and the oldest beyond the cap. */
  private prune(latest: Session): void {
    const madeAt = new Date(latest.expiresAt).getTime() - SESSION_TTL_MS;
    for (const [k, s] of this.sessions) {
      if (this.sessions.size > MAX_SESSIONS || madeAt - new Date(s.expiresAt).getTime() > LAPSED_MEMORY_MS) this.sessions.delete(k);
    }
  }
}

/** Sessions kept by the store (a file beside the JSON store, or the shared database). */
export class StoredSessions implements SessionStore {
  constructor(private readonly records: SessionRecords) {}

  /** The person's session, live or expired within LAPSED_MEMORY_MS. */
  private async recent(key: string, now: Date): Promise<Session | undefined> {
    // A session written by another release, or damaged, is forgotten rather than misread.
    const parsed = SessionSchema.safeParse(await this.records.get(key, new Date(now.getTime() - LAPSED_MEMORY_MS)));
    return parsed.success ? parsed.data : undefined;
  }

  async read(key: string, now: Date): Promise<SessionLookup> {
    return lookup(await this.recent(key, now), now);
  }

  async get(key: string, now: Date): Promise<Session | undefined> {
    return (await this.read(key, now)).session;
  }

  async set(key: string, session: Session): Promise<void> {
    // Expiry is judged at the time of the message that made this session, not the wall clock; an
    // expired list is kept LAPSED_MEMORY_MS to say it has expired.
    const madeAt = new Date(session.expiresAt).getTime() - SESSION_TTL_MS;
    await this.records.set(key, session, new Date(madeAt - LAPSED_MEMORY_MS));
  }
}
