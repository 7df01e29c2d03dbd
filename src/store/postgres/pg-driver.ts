// The pg driver: a small pool for queries and transactions, and one dedicated connection for LISTEN.
// Every connection works in the configured schema (search_path), so several stores may share a database.
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { DatabaseError, messageOf } from '../../errors.ts';
import { storeText } from '../../texts/store.ts';
import type { SqlDriver, SqlRows, SqlSession } from './sql.ts';

/** Connections per instance: the scheduler, the chats and a claim can proceed at once. */
const POOL_SIZE = 4;
/** How long to wait for a connection before reporting the database unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The address of a database without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function pgDriver(url: string, schema: string): Promise<SqlDriver> {
  if (!SCHEMA_NAME.test(schema)) throw new DatabaseError(storeText.badSchema(schema));
  // Loaded only when PostgreSQL is the engine.
  const { default: pg } = await import('pg');
  const config: PoolConfig = { connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, options: `-c search_path=${schema}` };
  const pool: Pool = new pg.Pool(config);
  // An idle connection dropped by the server is replaced on the next query; it must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (cause) {
    await pool.end();
    throw new DatabaseError(storeText.cannotConnect(redactUrl(url), messageOf(cause)), { cause });
  }
  const listeners: PoolClient[] = [];
  return {
    query: <R>(text: string, params?: unknown[]) => pool.query(text, params) as unknown as Promise<SqlRows<R>>,
    async transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: <R>(text: string, params?: unknown[]) => client.query(text, params) as unknown as Promise<SqlRows<R>> });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      const client = await pool.connect();
      listeners.push(client);
      client.on('notification', (n) => {
        if (n.channel === channel) onNotify(n.payload ?? '');
      });
      client.on('error', () => undefined);
      await client.query(`LISTEN "${channel}"`);
      return async () => {
        await client.query(`UNLISTEN "${channel}"`).catch(() => undefined);
        client.release();
        listeners.splice(listeners.indexOf(client), 1);
      };
    },
    async close() {
      for (const client of listeners.splice(0)) client.release();
      await pool.end();
    },
  };
}
