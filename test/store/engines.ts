// The engines the contract suite runs on: the JSON files in a temporary directory, PostgreSQL in
// process (PGlite), and a real PostgreSQL server when ZWGK_TEST_DATABASE_URL is set (CI starts one).
// Each test gets an empty store: a fresh directory, or a fresh schema of the database.
import { PGlite } from '@electric-sql/pglite';
import type { OpenOptions, Storage } from '../../src/store/contract.ts';
import { JsonStorage } from '../../src/store/json/json-storage.ts';
import { pgDriver } from '../../src/store/postgres/pg-driver.ts';
import { PgStorage } from '../../src/store/postgres/pg-storage.ts';
import { tempDir } from '../helpers.ts';
import { pgliteDriver } from './pglite-driver.ts';

export interface Engine {
  name: string;
  /** True when several instances may open the store at once (a database). */
  shared: boolean;
  /** Starts an empty store; returns how to open it (again) and how to throw it away. */
  fresh(): Promise<{ open: (options?: OpenOptions) => Promise<Storage>; where: string; dispose: () => Promise<void> }>;
}

let schemas = 0;
const schemaName = (): string => `t_${process.pid}_${Date.now().toString(36)}_${++schemas}`;

export const jsonEngine: Engine = {
  name: 'json',
  shared: false,
  async fresh() {
    const { dir, cleanup } = tempDir();
    const path = `${dir}/store.json`;
    return { open: (options) => JsonStorage.open(path, options), where: path, dispose: async () => cleanup() };
  },
};

let pglite: Promise<PGlite> | null = null;
/** One in-process database for the whole file (starting one takes seconds); a schema per test. */
export const pgliteEngine: Engine = {
  name: 'pglite',
  shared: true,
  async fresh() {
    pglite ??= PGlite.create();
    const db = await pglite;
    const schema = schemaName();
    return {
      open: async (options) => PgStorage.open(await pgliteDriver(db, schema), { ...options, location: `pglite (${schema})`, channel: `zwgk_${schema}` }),
      where: `pglite:${schema}`,
      dispose: async () => void (await db.exec(`DROP SCHEMA ${schema} CASCADE`)),
    };
  },
};

export const TEST_DATABASE_URL = process.env.ZWGK_TEST_DATABASE_URL;

export const serverEngine: Engine = {
  name: 'postgres server',
  shared: true,
  async fresh() {
    const url = TEST_DATABASE_URL as string;
    const schema = schemaName();
    return {
      open: async (options) => PgStorage.open(await pgDriver(url, schema), { ...options, location: `test (${schema})`, channel: `zwgk_${schema}` }),
      where: schema,
      dispose: async () => {
        const admin = await pgDriver(url, schema);
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      },
    };
  },
};

/** Every engine this run can reach. */
export const ENGINES: Engine[] = [jsonEngine, pgliteEngine, ...(TEST_DATABASE_URL ? [serverEngine] : [])];
