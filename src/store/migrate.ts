// Stores written by older versions, brought to this version's shape when opened. Each step names what
// changed in the format and fixes exactly that, so a file from any older release passes through the
// steps it needs, in order. The caller keeps a copy of the file as it was before writing the result
// (the JSON engine's open); a store written by a newer version is refused, never rewritten. Splitting a
// single-file store into plan and state files is the engine's last step (json/migrate-v1.ts).
import { StoreError } from '../errors.ts';
import { storeText } from '../texts/store.ts';
import { SPLIT_STORE_VERSION } from './schema.ts';

type Json = Record<string, unknown>;

export interface Migration {
  /** What the step brings in, for logs and the operator. */
  readonly name: string;
  applies(store: Json): boolean;
  apply(store: Json): Json;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The steps, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    // The first releases stored tasks without the plan's year and without their own number ("3" in
    // "3．…"). The year is the document's; the number was not kept then, so it is unknown (null).
    name: 'task-year-and-number',
    applies: (store) => list(store.tasks).some((t) => isObject(t) && (!('year' in t) || !('number' in t))),
    apply: (store) => {
      const years = new Map(list(store.documents).filter(isObject).map((d) => [d.id, d.year]));
      const tasks = list(store.tasks).map((t) => (isObject(t) ? { number: null, ...t, year: t.year ?? years.get(t.documentId) } : t));
      return { ...store, tasks };
    },
  },
  {
    // Chat settings, subscriptions, bindings, the ledger and the reminder and digest logs came later:
    // a single-file store without them has none yet (a split store keeps them in its state file).
    name: 'records',
    applies: (store) => store.version !== SPLIT_STORE_VERSION && ['chats', 'subscriptions', 'bindings', 'ledger', 'reminders', 'digests'].some((k) => !(k in store)),
    apply: (store) => ({ chats: [], subscriptions: [], bindings: [], ledger: [], reminders: [], digests: [], ...store }),
  },
];

export interface Migrated {
  data: unknown;
  /** The names of the steps applied; empty when the store was current. */
  applied: string[];
}

/** The store brought up to this version; anything not a store object passes through for the schema to refuse. */
export function migrateStore(json: unknown, path: string): Migrated {
  if (!isObject(json)) return { data: json, applied: [] };
  if (typeof json.version === 'number' && json.version > SPLIT_STORE_VERSION) throw new StoreError(storeText.newerVersion(path, json.version, SPLIT_STORE_VERSION));
  let data = json;
  const applied: string[] = [];
  for (const step of MIGRATIONS) {
    if (!step.applies(data)) continue;
    data = step.apply(data);
    applied.push(step.name);
  }
  return { data, applied };
}
