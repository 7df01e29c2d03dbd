// Opens the configured store: PostgreSQL when a database URL is configured, else the JSON files. The
// one place that picks an engine; everything above works through the contract (contract.ts).
import type { Logger } from '../log.ts';
import type { OpenOptions, SessionRecords, Storage } from './contract.ts';
import { JsonStorage, jsonStorePaths } from './json/json-storage.ts';
import { SessionFile } from './json/session-file.ts';

export interface StoreSettings {
  /** The JSON store file (ZWGK_STORE). */
  path: string;
  /** postgres://… (ZWGK_DATABASE_URL): the database replaces the JSON files. */
  databaseUrl?: string;
  /** The database schema holding the tables (ZWGK_DATABASE_SCHEMA). Default "zwgk". */
  databaseSchema?: string;
  logger?: Logger;
}

export const DEFAULT_DATABASE_SCHEMA = 'zwgk';

/** A store given by a path or a URL (the command line's migrate-store): postgres:// and postgresql:// are databases. */
export function settingsOf(where: string, schema?: string): StoreSettings {
  return /^postgres(?:ql)?:\/\//i.test(where) ? { path: '', databaseUrl: where, databaseSchema: schema } : { path: where };
}

export async function openStorage(settings: StoreSettings, options: OpenOptions = {}): Promise<Storage> {
  if (!settings.databaseUrl) return JsonStorage.open(settings.path, options);
  // The PostgreSQL engine and its driver are loaded only when configured.
  const [{ PgStorage }, { pgDriver, redactUrl }] = await Promise.all([import('./postgres/pg-storage.ts'), import('./postgres/pg-driver.ts')]);
  const schema = settings.databaseSchema ?? DEFAULT_DATABASE_SCHEMA;
  const db = await pgDriver(settings.databaseUrl, schema);
  return PgStorage.open(db, { ...options, location: `${redactUrl(settings.databaseUrl)} (${schema})`, channel: `zwgk_${schema}` });
}

/**
 * A sessions file of its own, outside any store (the command line's `ask --chat` beside a running bot,
 * which is the one writer of the store's sessions file). A corrupt one is set aside.
 */
export async function openSessionFile(path: string, logger?: Logger): Promise<SessionRecords & { flush(): Promise<void> }> {
  return SessionFile.open(path, logger);
}

/** The files that hold the data (for `cli status`: their size and last write); none for a database. */
export function dataFiles(settings: StoreSettings): string[] {
  if (settings.databaseUrl) return [];
  const paths = jsonStorePaths(settings.path);
  return [paths.plan, paths.state, paths.log];
}
