// The database's schema, as numbered migrations run at start-up, each once, in order, in one transaction
// under an advisory lock (two instances starting together do not both migrate). A database migrated by
// a newer release than this one is refused rather than misread.
import { DatabaseError, messageOf } from '../../errors.ts';
import { storeText } from '../../texts/store.ts';
import type { SqlDriver, SqlSession } from './sql.ts';

/** The advisory lock key held while migrating ("zwgk" in ASCII). */
const MIGRATION_LOCK = 0x7a77676b;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Record tables: key columns, the record as JSON, and the state revision that last wrote it. */
const recordTable = (name: string, keys: string[], extra = ''): string => `
  CREATE TABLE ${name} (${keys.map((k) => `${k} text NOT NULL`).join(', ')}, ${extra} body jsonb NOT NULL, rev bigint NOT NULL,
    PRIMARY KEY (${keys.join(', ')}));
  CREATE INDEX ${name}_rev ON ${name} (rev);`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'plan, state, claims, sessions',
    sql: `
      CREATE TABLE zwgk_head (
        id int PRIMARY KEY CHECK (id = 1),
        state_rev bigint NOT NULL,      -- bumped by every change of the state, under this row's lock
        tasks_rev bigint NOT NULL,      -- bumped by every import
        deletions_floor bigint NOT NULL -- deletions up to this revision have been forgotten
      );
      INSERT INTO zwgk_head VALUES (1, 0, 0, 0);
      CREATE SEQUENCE plan_order;
      CREATE TABLE documents (id text PRIMARY KEY, ord bigint NOT NULL, body jsonb NOT NULL);
      CREATE TABLE tasks (
        id text PRIMARY KEY,
        document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        ord bigint NOT NULL,
        region text NOT NULL,
        body jsonb NOT NULL
      );
      CREATE INDEX tasks_document ON tasks (document_id);
      CREATE INDEX tasks_ord ON tasks (ord);
      ${recordTable('chats', ['chat'])}
      ${recordTable('subscriptions', ['chat'])}
      ${recordTable('bindings', ['chat', 'unit_key', 'region', 'user_id'])}
      ${recordTable('reminders', ['chat', 'task_id', 'slot'], 'day text NOT NULL,')}
      CREATE INDEX reminders_day ON reminders (day);
      ${recordTable('digests', ['chat', 'day'])}
      CREATE TABLE ledger (id bigserial PRIMARY KEY, task_id text NOT NULL, body jsonb NOT NULL, rev bigint NOT NULL);
      CREATE INDEX ledger_rev ON ledger (rev);
      CREATE INDEX ledger_task ON ledger (task_id);
      -- The ledger (台账) is a history: events are added, never rewritten or removed.
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$;
      CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
      CREATE TABLE state_deletions (rev bigint NOT NULL, collection text NOT NULL, key text NOT NULL, at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX state_deletions_rev ON state_deletions (rev);
      CREATE TABLE digest_claims (chat text NOT NULL, day text NOT NULL, owner text NOT NULL, lease_until timestamptz NOT NULL, PRIMARY KEY (chat, day));
      CREATE TABLE sessions (chat text PRIMARY KEY, body jsonb NOT NULL, expires_at timestamptz NOT NULL);
      CREATE INDEX sessions_expiry ON sessions (expires_at);
      CREATE TABLE handled_messages (id text PRIMARY KEY, at timestamptz NOT NULL);
      CREATE INDEX handled_messages_at ON handled_messages (at);
      CREATE TABLE platform_state (key text PRIMARY KEY, value jsonb NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'web 台账 links and sessions, change records, sessions per person',
    sql: `
      ${recordTable('web_links', ['id'])}
      ${recordTable('web_sessions', ['id'])}
      CREATE TABLE changes (id bigserial PRIMARY KEY, body jsonb NOT NULL, rev bigint NOT NULL);
      CREATE INDEX changes_rev ON changes (rev);
      -- Who imported, subscribed or bound what: an audit trail, added to and never rewritten.
      CREATE FUNCTION changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the change records are append-only'; END $$;
      CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON changes FOR EACH ROW EXECUTE FUNCTION changes_append_only();
      -- Sessions are kept per chat and person ("chat|user"); a list kept per chat was nobody's in particular.
      ALTER TABLE sessions RENAME COLUMN chat TO key;
      DELETE FROM sessions WHERE strpos(key, '|') = 0;
    `,
  },
];

async function applied(tx: SqlSession): Promise<number> {
  await tx.query('CREATE TABLE IF NOT EXISTS zwgk_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const { rows } = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM zwgk_migrations');
  return rows[0]?.version ?? 0;
}

/** Brings the schema up to date; returns the versions applied now. */
export async function migrate(db: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const latest = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const current = await applied(tx);
    if (current > latest) throw new DatabaseError(storeText.databaseTooNew(current, latest));
    const done: number[] = [];
    for (const m of migrations.filter((m) => m.version > current)) {
      try {
        await tx.query(m.sql);
      } catch (cause) {
        throw new DatabaseError(storeText.migrationFailed(m.version, m.name, messageOf(cause)), { cause });
      }
      await tx.query('INSERT INTO zwgk_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
}
