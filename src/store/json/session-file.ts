// Sessions of the JSON engine: a small file beside the store, written atomically after each change.
import { z } from 'zod';
import type { SessionRecords, StoredSession } from '../contract.ts';
import { ValidatedJsonFile } from '../json-file.ts';

const SessionFileSchema = z.object({ sessions: z.record(z.string(), z.looseObject({ expiresAt: z.string() })) });

export class SessionFile implements SessionRecords {
  private readonly sessions = new Map<string, StoredSession>();

  private constructor(private readonly file: ValidatedJsonFile<z.infer<typeof SessionFileSchema>>) {}

  static async open(path: string): Promise<SessionFile> {
    const file = new ValidatedJsonFile(path, SessionFileSchema);
    const sessions = new SessionFile(file);
    for (const [chat, s] of Object.entries((await file.read())?.sessions ?? {})) sessions.sessions.set(chat, s);
    return sessions;
  }

  async get(chat: string, now: Date): Promise<StoredSession | undefined> {
    const s = this.sessions.get(chat);
    return s && new Date(s.expiresAt) > now ? s : undefined;
  }

  async set(chat: string, session: StoredSession, madeAt: Date): Promise<void> {
    this.sessions.set(chat, session);
    // Expiry is judged at the time of the message that made this session, not the wall clock.
    for (const [key, s] of this.sessions) if (new Date(s.expiresAt) <= madeAt) this.sessions.delete(key);
    await this.file.write({ sessions: Object.fromEntries(this.sessions) });
  }

  async flush(): Promise<void> {
    await this.file.flush();
  }
}
