// The shape of what the store holds, whatever the engine: the plan (documents, tasks) and the state that
// changes as people use the bot (chat settings, subscriptions, bindings, the ledger, reminder and digest
// records, the web 台账's sign-in links and sessions, the audit trail of changes). The JSON engine's files
// are validated against these on every load; version 1 is the single file of earlier releases, migrated
// on open. Collections this version does not know (written by a newer one) are kept as they are and
// written back; an unknown field inside a known record is refused by name when a file is read
// (ValidatedJsonFile's refuseUnknownFields), never dropped.
import { z } from 'zod';
import { BindingSchema, ChatSettingsSchema, DigestRecordSchema, LedgerEventSchema, ReminderRecordSchema, SubscriptionSchema, ChangeRecordSchema, WebLinkSchema, WebSessionSchema } from '../model/records.ts';
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
  /** The web 台账's used sign-in links and its sessions (absent from stores written before it). */
  webLinks: z.array(WebLinkSchema).default([]),
  webSessions: z.array(WebSessionSchema).default([]),
  /** Imports and reminder-desk changes with who made them (absent from stores written before it). */
  changes: z.array(ChangeRecordSchema).default([]),
};

/** The schema of one record of each collection. */
export const RECORD_SCHEMAS = Object.fromEntries(Object.entries(StateShape).map(([c, s]) => [c, s.unwrap().element])) as unknown as { [C in keyof typeof StateShape]: z.ZodType };

/** Version 1: everything in one file. Unknown collections are kept. */
export const StoreSchema = z.looseObject({
  version: z.literal(STORE_VERSION),
  documents: z.array(DocumentSchema),
  tasks: z.array(TaskSchema),
  ...StateShape,
});

/** Version 2, the plan file: rewritten only by an import. Unknown top-level keys are kept. */
export const PlanFileSchema = z.looseObject({
  version: z.literal(SPLIT_STORE_VERSION),
  documents: z.array(DocumentSchema),
  tasks: z.array(TaskSchema),
});
export type PlanFile = z.infer<typeof PlanFileSchema>;

/** Version 2, the state file: rewritten by every compaction, never holding a task. Unknown collections are kept. */
export const StateFileSchema = z.looseObject({
  version: z.literal(SPLIT_STORE_VERSION),
  ...StateShape,
  /** The changes of the state log (json/state-log.ts) already in this file: later ones are replayed on open. */
  logSeq: z.number().int().nonnegative().default(0),
});
export type StateFile = z.infer<typeof StateFileSchema>;

/** The plan file as it may be found on disk: either version. */
export const MainFileSchema = z.discriminatedUnion('version', [StoreSchema, PlanFileSchema]);

/** What the store holds, as one snapshot: what answers read and what `change` drafts. */
export const StoreDataSchema = z.object({ documents: z.array(DocumentSchema), tasks: z.array(TaskSchema), ...StateShape });
export type StoreData = z.infer<typeof StoreDataSchema>;
export type StateData = Omit<StoreData, 'documents' | 'tasks'>;
export type Collection = keyof StateData;
export const COLLECTIONS: readonly Collection[] = ['chats', 'subscriptions', 'bindings', 'ledger', 'reminders', 'digests', 'webLinks', 'webSessions', 'changes'];
/** Collections that are histories: records are appended, never rewritten or removed. */
export const APPEND_ONLY = ['ledger', 'changes'] as const;
export type AppendOnlyCollection = (typeof APPEND_ONLY)[number];
export const isAppendOnly = (c: Collection): c is AppendOnlyCollection => (APPEND_ONLY as readonly string[]).includes(c);

/** Top-level keys of a file that this version does not know (written by a newer one), to be kept as they are. */
export function unknownKeys(file: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(file).filter(([k]) => !known.includes(k)));
}

export function emptyState(): StateData {
  return { chats: [], subscriptions: [], bindings: [], ledger: [], reminders: [], digests: [], webLinks: [], webSessions: [], changes: [] };
}

export function emptyStore(): StoreData {
  return { documents: [], tasks: [], ...emptyState() };
}

/** The state part of a snapshot. */
export function stateOf(data: StoreData): StateData {
  return Object.fromEntries(COLLECTIONS.map((c) => [c, data[c]])) as unknown as StateData;
}
