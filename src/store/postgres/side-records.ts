// Sessions, handled message ids and platform state in the database, shared by every instance.
import type { HandledMessages, PlatformState, PlatformValue, SessionRecords, StoredSession } from '../contract.ts';
import type { SqlDriver } from './sql.ts';

export class PgSessions implements SessionRecords {
  constructor(private readonly db: SqlDriver) {}

  /** `key` is the chat and the person (src/core/sessions.ts sessionKey). */
  async get(key: string, now: Date): Promise<StoredSession | undefined> {
    const { rows } = await this.db.query<{ body: StoredSession }>('SELECT body FROM sessions WHERE key = $1 AND expires_at > $2', [key, now.toISOString()]);
    return rows[0]?.body;
  }

  async set(key: string, session: StoredSession, forgetBefore: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (key, body, expires_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (key) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at`,
      [key, JSON.stringify(session), session.expiresAt],
    );
    await this.db.query('DELETE FROM sessions WHERE expires_at <= $1', [forgetBefore.toISOString()]);
  }
}

export class PgHandled implements HandledMessages {
  constructor(private readonly db: SqlDriver) {}

  async first(id: string, now: Date): Promise<boolean> {
    const { rows } = await this.db.query('INSERT INTO handled_messages (id, at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id', [id, now.toISOString()]);
    return rows.length > 0;
  }
}

export class PgPlatformState implements PlatformState {
  private constructor(
    private readonly db: SqlDriver,
    private readonly values: Map<string, PlatformValue>,
  ) {}

  static async load(db: SqlDriver): Promise<PgPlatformState> {
    const { rows } = await db.query<{ key: string; value: PlatformValue }>('SELECT key, value FROM platform_state');
    return new PgPlatformState(db, new Map(rows.map((r) => [r.key, r.value])));
  }

  get(key: string): PlatformValue | undefined {
    return this.values.get(key);
  }

  entries(): Array<[string, PlatformValue]> {
    return [...this.values];
  }

  async setMany(values: Record<string, PlatformValue>): Promise<void> {
    const entries = Object.entries(values);
    if (!entries.length) return;
    await this.db.query(
      `INSERT INTO platform_state (key, value) SELECT e.key, e.value FROM jsonb_each($1::jsonb) AS e
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [JSON.stringify(values)],
    );
    for (const [key, value] of entries) this.values.set(key, value);
  }

  async set(key: string, value: PlatformValue): Promise<void> {
    await this.db.query('INSERT INTO platform_state (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
    this.values.set(key, value);
  }
}
