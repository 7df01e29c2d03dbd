// The store itself: migrate-store copies everything to another store (JSON files ↔ PostgreSQL) and
// checks the copy. The source is only read; the target must be empty.
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { UsageError } from '../errors.ts';
import { copyStore } from '../store/copy.ts';
import { openStorage, settingsOf, type StoreSettings } from '../store/open.ts';
import { cliText, commandText } from '../texts/cli.ts';
import type { Command, CommandInput } from './command.ts';

/** A path or a postgres:// URL as store settings; a path is taken from the working directory. */
function storeAt(where: string, schema: string | undefined): StoreSettings {
  const settings = settingsOf(where, schema);
  return settings.databaseUrl ? settings : { path: resolve(where) };
}

const describe = (s: StoreSettings): string => (s.databaseUrl ? `${s.databaseUrl}#${s.databaseSchema ?? ''}` : s.path);

async function runMigrateStore({ values, io }: CommandInput): Promise<void> {
  if (!values.to) throw new UsageError(cliText.migrateNeedsTo(cliText.commandHelp(commandText['migrate-store'])));
  const config = loadConfig(io.env);
  const schema = values.schema ?? config.store.databaseSchema;
  const from = values.from ? storeAt(values.from, schema) : config.store;
  const to = storeAt(values.to, schema);
  if (describe(from) === describe(to)) throw new UsageError(cliText.migrateSameStore);
  const now = io.now();
  const source = await openStorage(from, { now });
  try {
    if (!source.existed) throw new UsageError(cliText.migrateSourceEmpty(source.location));
    const target = await openStorage(to, { now });
    try {
      const summary = await copyStore(source, target);
      if (values.json) {
        io.out(JSON.stringify({ from: source.location, to: target.location, copied: summary }));
        return;
      }
      io.out(cliText.migrated(source.location, target.location, summary));
      io.out(cliText.migrateNext(values.to));
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

export const storeCommands = {
  'migrate-store': { ...commandText['migrate-store'], run: runMigrateStore },
} satisfies Record<string, Command>;
