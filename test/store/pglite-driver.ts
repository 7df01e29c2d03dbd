// The engine's SQL driver on PGlite: a real PostgreSQL compiled to WebAssembly, in this process, so that
// `npm test` runs the PostgreSQL engine without a server. One connection: transactions queue.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlDriver, SqlRows, SqlSession } from '../../src/store/postgres/sql.ts';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Pick<Transaction, 'query' | 'exec'>;

/** Statements with parameters go through the extended protocol; scripts (migrations) through exec. */
async function run<R>(on: Queryable, text: string, params?: unknown[]): Promise<SqlRows<R>> {
  if (params?.length) return (await on.query<R>(text, params)) as SqlRows<R>;
  const results = await on.exec(text);
  return { rows: (results.at(-1)?.rows ?? []) as R[] };
}

/** A driver on a shared PGlite: closing it stops its listeners but leaves the database to the test. */
export async function pgliteDriver(db: PGlite, schema: string): Promise<SqlDriver> {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  const stops: Array<() => Promise<void>> = [];
  return {
    query: <R>(text: string, params?: unknown[]) => run<R>(db, text, params),
    transaction: <T>(fn: (tx: SqlSession) => Promise<T>) => db.transaction((tx) => fn({ query: <R>(text: string, params?: unknown[]) => run<R>(tx, text, params) })),
    async listen(channel, onNotify) {
      const stop = await db.listen(channel, onNotify);
      stops.push(stop);
      return stop;
    },
    async close() {
      for (const stop of stops.splice(0)) await stop();
    },
  };
}
