// The shape of what the store holds, whatever the engine: the plan (documents, tasks) and the state that
// changes as people use the bot (chat settings, subscriptions, bindings, the ledger, reminder and digest
// records). The JSON engine's files are validated against these on every load; version 1 is the single
// file of earlier releases, migrated on open.
import { z } from 'zod';
import { BindingSchema, ChatSettingsSchema, DigestRecordSchema, LedgerEventSchema, ReminderRecordSchema, SubscriptionSchema } from '../model/records.ts';
import { DocumentSchema, TaskSchema } from '../model/task.ts';

/** The single-file store of earlier releases: plan and state in one file, all rewritten on every change. */
export const STORE_VERSION = 1;
/** The split JSON store: the plan in one file, the state in another. */
export const SPLIT_STORE_VERSION = 2;

/** The records that change as people use the bot, one array per collection. */
export const StateShape = {
  chats: z.array(ChatSettingsSchema).default([]),
  subscriptions: z.array(SubscriptionSchema).default([]),
  bindings: z.array(BindingSchema).default([]),
  ledger: z.array(LedgerEventSchema).default([]),
  reminders: z.array(ReminderRecordSchema).default([]),
  digests: z.array(DigestRecordSchema).default([]),
};

/** The schema of one record of each collection. */
export const RECORD_SCHEMAS = Object.fromEntries(Object.entries(StateShape).map(([c, s]) => [c, s.unwrap().element])) as unknown as { [C in keyof typeof StateShape]: z.ZodType };

/** Version 1: everything in one file. */
export const StoreSchema = z.object({
  version: z.literal(STORE_VERSION),
  documents: z.array(DocumentSchema),
  tasks: z.array(TaskSchema),
  ...StateShape,
});

/** Version 2, the plan file: rewritten only by an import. */
export const PlanFileSchema = z.object({
  version: z.literal(SPLIT_STORE_VERSION),
  documents: z.array(DocumentSchema),
  tasks: z.array(TaskSchema),
});
export type PlanFile = z.infer<typeof PlanFileSchema>;

/** Version 2, the state file: rewritten by every change, never holding a task. */
export const StateFileSchema = z.object({
  version: z.literal(SPLIT_STORE_VERSION),
  ...StateShape,
  /** The changes of the state log (json/state-log.ts) already in this file: later ones are replayed on open. */
  logSeq: z.number().int().nonnegative().default(0),
});
export type StateFile = z.infer<typeof StateFileSchema>;

/** The plan file as it may be found on disk: either version. */
export const MainFileSchema = z.discriminatedUnion('version', [StoreSchema, PlanFileSchema]);

/** What the store holds, as one snapshot: what answers read and what `change` drafts. */
export type StoreData = Omit<z.infer<typeof StoreSchema>, 'version'>;
export type StateData = Omit<StoreData, 'documents' | 'tasks'>;
export type Collection = keyof StateData;
export const COLLECTIONS: readonly Collection[] = ['chats', 'subscriptions', 'bindings', 'ledger', 'reminders', 'digests'];

export function emptyState(): StateData {
  return { chats: [], subscriptions: [], bindings: [], ledger: [], reminders: [], digests: [] };
}

export function emptyStore(): StoreData {
  return { documents: [], tasks: [], ...emptyState() };
}

/** The state part of a snapshot. */
export function stateOf(data: StoreData): StateData {
  const { chats, subscriptions, bindings, ledger, reminders, digests } = data;
  return { chats, subscriptions, bindings, ledger, reminders, digests };
}
