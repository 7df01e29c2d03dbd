// The state's tables: how each collection's records map to rows (key columns, the record as JSON), the
// statements that write a diff, and the reads that load or catch up with the state.
import { StoreError } from '../../errors.ts';
import { storeText } from '../../texts/store.ts';
import { KEYED_COLLECTIONS, KEYS, type KeyedCollection, splitKey, type StateDelta, type StateDiff } from '../diff.ts';
import { type Collection, emptyState, RECORD_SCHEMAS, type StateData } from '../schema.ts';
import type { SqlSession } from './sql.ts';

interface TableSpec {
  table: string;
  /** Key columns, in the order of the collection's key parts (src/store/diff.ts). */
  keys: string[];
  /** Other columns kept for queries (reminders' day, for pruning). */
  extra: Record<string, (record: never) => string>;
}

const TABLES: Record<KeyedCollection, TableSpec> = {
  chats: { table: 'chats', keys: ['chat'], extra: {} },
  subscriptions: { table: 'subscriptions', keys: ['chat'], extra: {} },
  bindings: { table: 'bindings', keys: ['chat', 'unit_key', 'region', 'user_id'], extra: {} },
  reminders: { table: 'reminders', keys: ['chat', 'task_id', 'slot'], extra: { day: (r: { day: string }) => r.day } },
  digests: { table: 'digests', keys: ['chat', 'day'], extra: {} },
  webLinks: { table: 'web_links', keys: ['id'], extra: {} },
  webSessions: { table: 'web_sessions', keys: ['id'], extra: {} },
};

/** Every table of the state, histories and deletion notes included (a restore empties them all). */
export const STATE_TABLES: readonly string[] = [...Object.values(TABLES).map((t) => t.table), 'ledger', 'changes', 'state_deletions'];

const recordset = (columns: string[], json = 'body'): string => `jsonb_to_recordset($1::jsonb) AS x(${[...columns.map((c) => `${c} text`), ...(json ? [`${json} jsonb`] : [])].join(', ')})`;

async function upsert(tx: SqlSession, collection: KeyedCollection, records: readonly unknown[], rev: number): Promise<void> {
  const { table, keys, extra } = TABLES[collection];
  const keyOf = KEYS[collection] as (r: unknown) => string;
  const columns = [...keys, ...Object.keys(extra)];
  const rows = records.map((record) => {
    const parts = splitKey(keyOf(record));
    const row: Record<string, unknown> = { body: record };
    keys.forEach((k, i) => (row[k] = parts[i]));
    for (const [column, of] of Object.entries(extra)) row[column] = (of as (r: unknown) => string)(record);
    return row;
  });
  const updates = [...Object.keys(extra), 'body', 'rev'].map((c) => `${c} = excluded.${c}`).join(', ');
  await tx.query(
    `INSERT INTO ${table} (${columns.join(', ')}, body, rev) SELECT ${columns.map((c) => `x.${c}`).join(', ')}, x.body, $2 FROM ${recordset(columns)}
     ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates}`,
    [JSON.stringify(rows), rev],
  );
}

async function remove(tx: SqlSession, collection: KeyedCollection, deleted: readonly string[], rev: number): Promise<void> {
  const { table, keys } = TABLES[collection];
  const rows = deleted.map((key) => Object.fromEntries(splitKey(key).map((part, i) => [keys[i], part])));
  await tx.query(`DELETE FROM ${table} t USING ${recordset(keys, '')} WHERE ${keys.map((k) => `t.${k} = x.${k}`).join(' AND ')}`, [JSON.stringify(rows)]);
  await tx.query('INSERT INTO state_deletions (rev, collection, key) SELECT $2, $3, k FROM jsonb_array_elements_text($1::jsonb) AS k', [JSON.stringify(deleted), rev, collection]);
}

/** Writes what a change did, every row stamped with the change's revision. */
export async function writeDiff(tx: SqlSession, diff: StateDiff, rev: number): Promise<void> {
  if (diff.ledger.length) {
    await tx.query(
      `INSERT INTO ledger (task_id, body, rev) SELECT e->>'taskId', e, $2 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(e, n) ORDER BY n`,
      [JSON.stringify(diff.ledger), rev],
    );
  }
  if (diff.changes.length) {
    await tx.query(`INSERT INTO changes (body, rev) SELECT e, $2 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(e, n) ORDER BY n`, [JSON.stringify(diff.changes), rev]);
  }
  for (const collection of KEYED_COLLECTIONS) {
    const { upserts, deletes } = diff.keyed[collection];
    if (upserts.length) await upsert(tx, collection, upserts, rev);
    if (deletes.length) await remove(tx, collection, deletes, rev);
  }
}

/** A record read back from the database, checked: a row edited by hand into the wrong shape is reported, not used. */
function checked(collection: Collection, body: unknown): unknown {
  const result = RECORD_SCHEMAS[collection].safeParse(body);
  if (!result.success) throw new StoreError(storeText.badRow(collection, result.error.issues[0]?.message ?? ''));
  return result.data;
}

/** The whole state, in a consistent read. */
export async function loadState(tx: SqlSession): Promise<StateData> {
  const state = emptyState() as Record<Collection, unknown[]>;
  const { rows } = await tx.query<{ c: Collection; body: unknown }>(
    [
      ...KEYED_COLLECTIONS.map((c) => `SELECT '${c}' AS c, body, rev, 0::bigint AS id FROM ${TABLES[c].table}`),
      `SELECT 'ledger' AS c, body, rev, id FROM ledger`,
      `SELECT 'changes' AS c, body, rev, id FROM changes`,
    ].join(' UNION ALL ') + ' ORDER BY rev, id',
  );
  for (const row of rows) state[row.c].push(checked(row.c, row.body));
  return state as StateData;
}

/** What other instances changed after revision `since`, in the order they did it. */
export async function loadDelta(tx: SqlSession, since: number): Promise<StateDelta> {
  const { rows } = await tx.query<{ c: Collection; body: unknown; key: string | null }>(
    [
      ...KEYED_COLLECTIONS.map((c) => `SELECT '${c}' AS c, body, NULL AS key, rev, 0::bigint AS id FROM ${TABLES[c].table} WHERE rev > $1`),
      `SELECT 'ledger' AS c, body, NULL AS key, rev, id FROM ledger WHERE rev > $1`,
      `SELECT 'changes' AS c, body, NULL AS key, rev, id FROM changes WHERE rev > $1`,
      `SELECT collection AS c, NULL AS body, key, rev, 0::bigint AS id FROM state_deletions WHERE rev > $1`,
    ].join(' UNION ALL ') + ' ORDER BY rev, id',
    [since],
  );
  const delta: StateDelta = { upserts: [], deletes: [] };
  for (const row of rows) {
    if (row.key !== null) delta.deletes.push({ c: row.c as KeyedCollection, key: row.key });
    else delta.upserts.push({ c: row.c, body: checked(row.c, row.body) });
  }
  return delta;
}

