// The PostgreSQL engine, for a city or a province with several bot instances on one database. Each
// instance keeps the snapshot in memory (answers read it without a round trip) and writes only what a
// change did: the diff of the draft, row by row, in one transaction that first takes the head row's lock
// and catches up with what other instances wrote, so no instance overwrites another's work. An import
// or a change is announced with NOTIFY; the others catch up (and rebuild their indexes) on hearing it.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { messageOf, StoreError } from '../../errors.ts';
import type { ChangeRecord } from '../../model/records.ts';
import type { ParsedDocument, Task, TaskDocument } from '../../model/task.ts';
import { DocumentSchema, TaskSchema } from '../../model/task.ts';
import { storeText } from '../../texts/store.ts';
import type { DigestClaim, ImportOutcome, OpenOptions, Storage } from '../contract.ts';
import { applyDelta, diffState, draftOf } from '../diff.ts';
import { SnapshotStore } from '../snapshot-store.ts';
import { HANDLED_RETENTION_MS, pruneOldRecords, SESSION_KEPT_AFTER_EXPIRY_MS } from '../retention.ts';
import { emptyState, type StateData, stateOf, StoreDataSchema, type StoreData } from '../schema.ts';
import { migrate } from './migrations.ts';
import { PgHandled, PgPlatformState, PgSessions } from './side-records.ts';
import type { SqlDriver, SqlSession } from './sql.ts';
import { loadDelta, loadState, STATE_TABLES, writeDiff } from './state-sql.ts';

/** Tasks are written in batches of this many rows (one JSON parameter each). */
const TASK_BATCH = 5_000;
/** Deletions are remembered this long for instances catching up; one asleep longer reloads the state. */
const DELETIONS_KEPT_MS = 7 * 86_400_000;
/** Pruning runs at most this often per instance. */
const PRUNE_EVERY_MS = 3_600_000;

interface Head {
  state_rev: string;
  tasks_rev: string;
  deletions_floor: string;
}

export interface PgOptions extends OpenOptions {
  /** Where the data lives, for messages (the URL without its password). */
  location: string;
  /** The NOTIFY channel of this store (one per schema). */
  channel: string;
}

/** A change whose draft changed nothing: the transaction is rolled back, the caught-up state kept. */
class NothingChanged extends Error {}

async function loadPlan(tx: SqlSession): Promise<{ documents: TaskDocument[]; tasks: Task[] }> {
  const docs = await tx.query<{ body: unknown }>('SELECT body FROM documents ORDER BY ord');
  const tasks = await tx.query<{ body: unknown }>('SELECT body FROM tasks ORDER BY ord');
  return { documents: docs.rows.map((r) => DocumentSchema.parse(r.body)), tasks: tasks.rows.map((r) => TaskSchema.parse(r.body)) };
}

async function readHead(tx: SqlSession): Promise<{ state: number; tasks: number; floor: number }> {
  const { rows } = await tx.query<Head>('SELECT state_rev, tasks_rev, deletions_floor FROM zwgk_head');
  const head = rows[0] as Head;
  return { state: Number(head.state_rev), tasks: Number(head.tasks_rev), floor: Number(head.deletions_floor) };
}

export class PgStorage extends SnapshotStore implements Storage {
  /** The import revision the tasks in memory reflect, and the state revision the state does. */
  private tasksRev = 0;
  private stateRev = 0;
  private refreshWanted = false;
  private lastPrune = 0;
  private stopListening: (() => Promise<void>) | null = null;
  private closed = false;
  /** Who holds a claim: this instance, unique across machines and restarts. */
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  readonly sessions: PgSessions;
  readonly handled: PgHandled;

  private constructor(
    private readonly db: SqlDriver,
    private readonly options: PgOptions,
    snapshot: StoreData,
    readonly existed: boolean,
    readonly platformState: PgPlatformState,
  ) {
    super(snapshot);
    this.sessions = new PgSessions(db);
    this.handled = new PgHandled(db);
  }

  /** Migrates the database, loads the snapshot and starts listening for other instances. Takes ownership of `db`. */
  static async open(db: SqlDriver, options: PgOptions): Promise<PgStorage> {
    try {
      await migrate(db);
      const loaded = await db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        return { head: await readHead(tx), plan: await loadPlan(tx), state: await loadState(tx) };
      });
      const existed = loaded.plan.documents.length > 0 || loaded.head.state > 0;
      const store = new PgStorage(db, options, { ...loaded.plan, ...loaded.state }, existed, await PgPlatformState.load(db));
      store.tasksRev = loaded.head.tasks;
      store.stateRev = loaded.head.state;
      store.stopListening = await db.listen(options.channel, (payload) => store.heard(payload));
      if (options.now && !options.readOnly) await store.pruneRecords(options.now);
      return store;
    } catch (e) {
      await db.close();
      throw e;
    }
  }

  get location(): string {
    return this.options.location;
  }

  get readOnly(): boolean {
    return this.options.readOnly === true;
  }

  /** A notification from any instance (this one included): catch up unless already there. */
  private heard(payload: string): void {
    const [kind, rev] = payload.split(':');
    // An empty payload (listening again after a dropped connection): something may have changed.
    const behind = !payload || (kind === 'tasks' ? Number(rev) > this.tasksRev : Number(rev) > this.stateRev);
    if (!behind || this.refreshWanted || this.closed) return;
    this.refreshWanted = true;
    // A failed catch-up is retried by the next refresh (every scheduler tick) or write.
    this.serial(() => this.catchUp()).catch(() => undefined);
  }

  async refresh(): Promise<void> {
    await this.serial(() => this.catchUp());
  }

  private async catchUp(): Promise<void> {
    this.refreshWanted = false;
    const { head, state } = await this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const head = await readHead(tx);
      return { head, state: await this.stateAt(tx, head) };
    });
    this.adoptState(state, head.state);
    if (head.tasks !== this.tasksRev) await this.reloadPlan();
  }

  /** The state as of `head`, from what this instance holds plus the rows written since. */
  private async stateAt(tx: SqlSession, head: { state: number; floor: number }): Promise<StateData> {
    if (head.state === this.stateRev) return stateOf(this.snapshot);
    if (head.floor > this.stateRev) return loadState(tx);
    return applyDelta(stateOf(this.snapshot), await loadDelta(tx, this.stateRev));
  }

  private adoptState(state: StateData, rev: number): void {
    if (rev < this.stateRev) return;
    this.snapshot = { ...this.snapshot, ...state };
    this.stateRev = rev;
  }

  private async reloadPlan(): Promise<void> {
    const { head, plan } = await this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      return { head: await readHead(tx), plan: await loadPlan(tx) };
    });
    this.snapshot = { ...this.snapshot, ...plan };
    this.tasksRev = head.tasks;
    this.planChanged();
  }

  async putDocuments(parsed: readonly ParsedDocument[], changes: readonly ChangeRecord[] = []): Promise<ImportOutcome[]> {
    const outcomes = await this.importPlan(parsed);
    // Who imported what is a state change of its own, written right after the plan's transaction.
    if (changes.length) await this.change((draft) => void draft.changes.push(...changes));
    return outcomes;
  }

  private importPlan(parsed: readonly ParsedDocument[]): Promise<ImportOutcome[]> {
    this.assertWritable();
    return this.serial(async () => {
      const ids = parsed.map((p) => p.document.id);
      const { rev, replaced } = await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ tasks_rev: string }>('UPDATE zwgk_head SET tasks_rev = tasks_rev + 1 RETURNING tasks_rev');
        const found = await tx.query<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[])', [ids]);
        await tx.query('DELETE FROM documents WHERE id = ANY($1::text[])', [ids]);
        await insertPlan(tx, parsed);
        const rev = Number(rows[0]?.tasks_rev);
        await tx.query('SELECT pg_notify($1, $2)', [this.options.channel, `tasks:${rev}`]);
        return { rev, replaced: new Set(found.rows.map((r) => r.id)) };
      });
      if (rev === this.tasksRev + 1) {
        const before = this.snapshot;
        const idSet = new Set(ids);
        this.snapshot = {
          ...before,
          documents: [...before.documents.filter((d) => !idSet.has(d.id)), ...parsed.map((p) => p.document)],
          tasks: [...before.tasks.filter((t) => !idSet.has(t.documentId)), ...parsed.flatMap((p) => p.tasks)],
        };
        this.tasksRev = rev;
        this.planChanged();
      } else {
        await this.reloadPlan();
      }
      return parsed.map((p) => ({ documentId: p.document.id, replaced: replaced.has(p.document.id) }));
    });
  }

  change(mutate: (draft: StoreData) => void): Promise<void> {
    this.assertWritable();
    return this.serial(async () => {
      // What the transaction read of the others' writes is kept even when the change itself fails.
      const seen: { fresh?: { state: StateData; rev: number }; mutateFailed?: boolean } = {};
      try {
        const done = await this.db.transaction(async (tx) => {
          // The head row's lock orders every writer of every instance; under it, catch up, then write.
          const { rows } = await tx.query<Head>('UPDATE zwgk_head SET state_rev = state_rev + 1 RETURNING state_rev, tasks_rev, deletions_floor');
          const head = rows[0] as Head;
          const rev = Number(head.state_rev);
          seen.fresh = { state: await this.stateAt(tx, { state: rev - 1, floor: Number(head.deletions_floor) }), rev: rev - 1 };
          const base: StoreData = { ...this.snapshot, ...seen.fresh.state };
          const draft = draftOf(base);
          seen.mutateFailed = true;
          mutate(draft);
          const diff = diffState(base, draft);
          seen.mutateFailed = false;
          if (diff.empty) throw new NothingChanged();
          await writeDiff(tx, diff, rev);
          await tx.query('SELECT pg_notify($1, $2)', [this.options.channel, `state:${rev}`]);
          return { draft, rev };
        });
        this.adoptState(stateOf(done.draft), done.rev);
      } catch (e) {
        if (seen.fresh) this.adoptState(seen.fresh.state, seen.fresh.rev);
        if (e instanceof NothingChanged) return;
        // The caller's own error (or a refused draft) as it is; the database's, said for people.
        if (seen.mutateFailed || e instanceof StoreError) throw e;
        throw new StoreError(storeText.databaseWriteFailed(this.location, messageOf(e)), { cause: e });
      }
    });
  }

  /**
   * One transaction empties the plan and the state and writes `data`. TRUNCATE, not DELETE: the
   * histories' triggers refuse deleting single events, and a restore is the operator replacing all of
   * them. The deletion floor is raised to the restore's revision, so every other instance reloads the
   * whole state (and the plan) instead of catching up row by row.
   */
  async replaceAll(data: StoreData): Promise<void> {
    this.assertWritable();
    const next = StoreDataSchema.parse(data);
    return this.serial(async () => {
      const revs = await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<Head>('UPDATE zwgk_head SET state_rev = state_rev + 1, tasks_rev = tasks_rev + 1 RETURNING state_rev, tasks_rev, deletions_floor');
        const head = rows[0] as Head;
        const state = Number(head.state_rev);
        const tasks = Number(head.tasks_rev);
        await tx.query(`TRUNCATE documents, tasks, ${STATE_TABLES.join(', ')}`);
        await tx.query('UPDATE zwgk_head SET deletions_floor = $1', [state]);
        await insertRows(tx, next.documents, next.tasks);
        const empty: StoreData = { documents: next.documents, tasks: next.tasks, ...emptyState() };
        await writeDiff(tx, diffState(empty, draftOf(next)), state);
        await tx.query('SELECT pg_notify($1, $2)', [this.options.channel, `tasks:${tasks}`]);
        await tx.query('SELECT pg_notify($1, $2)', [this.options.channel, `state:${state}`]);
        return { state, tasks };
      });
      this.snapshot = next;
      this.stateRev = revs.state;
      this.tasksRev = revs.tasks;
      this.planChanged();
    });
  }

  /**
   * A new claim is a row inserted (ON CONFLICT DO NOTHING: one instance wins); a claim whose holder's
   * lease ran out is taken over under FOR UPDATE SKIP LOCKED, so two instances never both take it.
   */
  async claimDigest(chat: string, day: string, now: Date, leaseMs: number): Promise<DigestClaim | null> {
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const inserted = await this.db.query('INSERT INTO digest_claims (chat, day, owner, lease_until) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING owner', [chat, day, this.owner, until]);
    const won =
      inserted.rows.length > 0 ||
      (await this.db.transaction(async (tx) => {
        const { rows } = await tx.query(
          'SELECT owner FROM digest_claims WHERE chat = $1 AND day = $2 AND lease_until < $3 FOR UPDATE SKIP LOCKED',
          [chat, day, now.toISOString()],
        );
        if (!rows.length) return false;
        await tx.query('UPDATE digest_claims SET owner = $3, lease_until = $4 WHERE chat = $1 AND day = $2', [chat, day, this.owner, until]);
        return true;
      }));
    if (!won) return null;
    await this.refresh();
    return { release: async () => void (await this.db.query('DELETE FROM digest_claims WHERE chat = $1 AND day = $2 AND owner = $3', [chat, day, this.owner])) };
  }

  async pruneRecords(now: Date): Promise<number> {
    if (this.readOnly || now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return 0;
    this.lastPrune = now.getTime();
    let pruned = 0;
    await this.change((draft) => {
      pruned = pruneOldRecords(draft, now);
    });
    await this.db.query('DELETE FROM handled_messages WHERE at < $1', [new Date(now.getTime() - HANDLED_RETENTION_MS).toISOString()]);
    await this.db.query('DELETE FROM sessions WHERE expires_at <= $1', [new Date(now.getTime() - SESSION_KEPT_AFTER_EXPIRY_MS).toISOString()]);
    await this.db.transaction(async (tx) => {
      const cutoff = new Date(now.getTime() - DELETIONS_KEPT_MS).toISOString();
      const { rows } = await tx.query<{ rev: string | null }>('DELETE FROM state_deletions WHERE at < $1 RETURNING rev', [cutoff]);
      const floor = Math.max(0, ...rows.map((r) => Number(r.rev)));
      if (floor) await tx.query('UPDATE zwgk_head SET deletions_floor = GREATEST(deletions_floor, $1)', [floor]);
    });
    return pruned;
  }

  private assertWritable(): void {
    if (this.readOnly) throw new StoreError(storeText.readOnly(this.location));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settled();
    await this.stopListening?.();
    await this.db.close();
  }
}

/** Inserts documents and their tasks after every stored one, in the order given. */
function insertPlan(tx: SqlSession, parsed: readonly ParsedDocument[]): Promise<void> {
  return insertRows(tx, parsed.map((p) => p.document), parsed.flatMap((p) => p.tasks));
}

async function insertRows(tx: SqlSession, documents: readonly TaskDocument[], tasks: readonly Task[]): Promise<void> {
  const { rows } = await tx.query<{ docs: string | null; tasks: string | null }>('SELECT (SELECT max(ord) FROM documents) AS docs, (SELECT max(ord) FROM tasks) AS tasks');
  const docBase = Number(rows[0]?.docs ?? 0);
  let taskBase = Number(rows[0]?.tasks ?? 0);
  await tx.query(
    `INSERT INTO documents (id, ord, body) SELECT d->>'id', $2 + n, d FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(d, n)`,
    [JSON.stringify(documents), docBase],
  );
  for (let i = 0; i < tasks.length; i += TASK_BATCH) {
    const batch = tasks.slice(i, i + TASK_BATCH);
    await tx.query(
      `INSERT INTO tasks (id, document_id, ord, region, body)
       SELECT t->>'id', t->>'documentId', $2 + n, t->>'region', t FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(t, n)`,
      [JSON.stringify(batch), taskBase],
    );
    taskBase += batch.length;
  }
}
