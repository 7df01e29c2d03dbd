// The pg driver: a small pool for queries and transactions, and one dedicated connection for LISTEN.
// Every connection works in the configured schema (search_path), so several stores may share a database.
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { DatabaseError, messageOf } from '../../errors.ts';
import { storeText } from '../../texts/store.ts';
import type { SqlDriver, SqlRows, SqlSession } from './sql.ts';

/** Connections per instance: the scheduler, the chats and a claim can proceed at once. */
const POOL_SIZE = 4;
/** After the listening connection drops, LISTEN again after this pause. */
const RELISTEN_AFTER_MS = 2_000;
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
      let stopped = false;
      let client: PoolClient | null = null;
      // A dropped connection (a database restart) is replaced after a pause, and the store told to catch
      // up with whatever it missed ('' is "something may have changed").
      const connect = async (): Promise<void> => {
        const next = await pool.connect();
        next.on('notification', (n) => {
          if (n.channel === channel) onNotify(n.payload ?? '');
        });
        next.once('error', () => {
          listeners.splice(listeners.indexOf(next), 1);
          next.release(true);
          if (!stopped) setTimeout(() => void reconnect(), RELISTEN_AFTER_MS).unref();
        });
        await next.query(`LISTEN "${channel}"`);
        listeners.push(next);
        client = next;
      };
      const reconnect = async (): Promise<void> => {
        try {
          await connect();
          onNotify('');
        } catch {
          if (!stopped) setTimeout(() => void reconnect(), RELISTEN_AFTER_MS).unref();
        }
      };
      await connect();
      return async () => {
        stopped = true;
        const current = client as PoolClient | null;
        if (!current) return;
        await current.query(`UNLISTEN "${channel}"`).catch(() => undefined);
        listeners.splice(listeners.indexOf(current), 1);
        current.release();
      };
    },
    async close() {
      for (const client of listeners.splice(0)) client.release();
      await pool.end();
    },
  };
}
