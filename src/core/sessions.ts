// Per-chat conversation state: the last list a chat was shown, so that "第3条" and "更多" refer to it,
// and the frame of its last question, so that "台儿庄的呢" is read against it.
// It expires; the file-backed store keeps it across processes (the CLI's --chat) and restarts.
import { z } from 'zod';
import { ValidatedJsonFile } from '../store/json-file.ts';

export const SESSION_TTL_MS = 30 * 60_000;

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
  /** The frame of the chat's last question (optional: sessions written before it have none). */
  frame: FrameSchema.optional(),
  /** The task of the last detail shown ("第3条"), which "谁负责" and "啥时候到期" then ask about. */
  focus: z.string().optional(),
  /** A list of lines rather than tasks ("各单位任务数"), paged by "更多". */
  lines: z.array(z.string()).optional(),
});
export type Session = z.infer<typeof SessionSchema>;

export interface SessionStore {
  get(chat: string, now: Date): Session | undefined;
  set(chat: string, session: Session): Promise<void>;
}

export class MemorySessions implements SessionStore {
  protected readonly sessions = new Map<string, Session>();

  get(chat: string, now: Date): Session | undefined {
    const s = this.sessions.get(chat);
    if (s && new Date(s.expiresAt) > now) return s;
    this.sessions.delete(chat);
    return undefined;
  }

  async set(chat: string, session: Session): Promise<void> {
    this.sessions.set(chat, session);
  }
}

const FileSchema = z.object({ sessions: z.record(z.string(), SessionSchema) });

/** Sessions in a small JSON file beside the store, written atomically after each change. */
export class FileSessions extends MemorySessions {
  private constructor(private readonly file: ValidatedJsonFile<z.infer<typeof FileSchema>>) {
    super();
  }

  static async open(path: string): Promise<FileSessions> {
    const file = new ValidatedJsonFile(path, FileSchema);
    const sessions = new FileSessions(file);
    const data = await file.read();
    for (const [chat, s] of Object.entries(data?.sessions ?? {})) sessions.sessions.set(chat, s);
    return sessions;
  }

  override async set(chat: string, session: Session): Promise<void> {
    await super.set(chat, session);
    // Expiry is judged at the time of the message that made this session, not the wall clock.
    const madeAt = new Date(session.expiresAt).getTime() - SESSION_TTL_MS;
    const live = [...this.sessions].filter(([, s]) => new Date(s.expiresAt).getTime() > madeAt);
    await this.file.write({ sessions: Object.fromEntries(live) });
  }
}
