// Sessions of the JSON engine: a small file beside the store, keyed by chat and person, written atomically
// (a burst of changes shares one write). A corrupt file is set aside with a warning (side-file.ts), never
// fatal; lists kept per chat by older versions (whose they were is unknown) are dropped on open.
import { z } from 'zod';
import { silentLogger, type Logger } from '../../log.ts';
import type { SessionRecords, StoredSession } from '../contract.ts';
import { ValidatedJsonFile } from '../json-file.ts';
import { readSideFile } from '../side-file.ts';

const SessionFileSchema = z.object({ sessions: z.record(z.string(), z.looseObject({ expiresAt: z.string() })) });

/** At most this many people's sessions are kept; the oldest go first. */
export const MAX_STORED_SESSIONS = 50_000;
/** A key of this version names chat and person ("telegram:-100|42"). */
const PERSON_KEY_SEPARATOR = '|';

export class SessionFile implements SessionRecords {
  private readonly sessions = new Map<string, StoredSession>();

  private constructor(private readonly file: ValidatedJsonFile<z.infer<typeof SessionFileSchema>>) {}

  static async open(path: string, logger: Logger = silentLogger): Promise<SessionFile> {
    const file = new ValidatedJsonFile(path, SessionFileSchema);
    const sessions = new SessionFile(file);
    let perChat = 0;
    for (const [key, s] of Object.entries((await readSideFile(file, logger))?.sessions ?? {})) {
      if (key.includes(PERSON_KEY_SEPARATOR)) sessions.sessions.set(key, s);
      else perChat++;
    }
    if (perChat) logger.info('sessions: lists kept per chat by an older version were dropped', { file: path, dropped: perChat });
    return sessions;
  }

  async get(key: string, now: Date): Promise<StoredSession | undefined> {
    const s = this.sessions.get(key);
    return s && new Date(s.expiresAt) > now ? s : undefined;
  }

  async set(key: string, session: StoredSession, forgetBefore: Date): Promise<void> {
    this.sessions.delete(key);
    this.sessions.set(key, session);
    // Expiry is judged at the time of the message that made this session, not the wall clock.
    for (const [k, s] of this.sessions) {
      if (this.sessions.size > MAX_STORED_SESSIONS || new Date(s.expiresAt) <= forgetBefore) this.sessions.delete(k);
    }
    await this.file.writeLatest(() => ({ sessions: Object.fromEntries(this.sessions) }));
  }

  async flush(): Promise<void> {
    await this.file.flush();
  }
}
