// The shape of the store file, validated on every load. Collections this version does not know (written
// by a newer one) are kept as they are and written back; an unknown field inside a known record is
// refused by name when the file is read (ValidatedJsonFile's refuseUnknownFields), never dropped.
import { z } from 'zod';
import { BindingSchema, ChatSettingsSchema, DigestRecordSchema, LedgerEventSchema, ReminderRecordSchema, SubscriptionSchema, ChangeRecordSchema, WebLinkSchema, WebSessionSchema } from '../model/records.ts';
import { DocumentSchema, TaskSchema } from '../model/task.ts';

export const STORE_VERSION = 1;

export const StoreSchema = z.looseObject({
  version: z.literal(STORE_VERSION),
  documents: z.array(DocumentSchema),
  tasks: z.array(TaskSchema),
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
});
export type StoreData = z.infer<typeof StoreSchema>;

export function emptyStore(): StoreData {
  return { version: STORE_VERSION, documents: [], tasks: [], chats: [], subscriptions: [], bindings: [], ledger: [], reminders: [], digests: [], webLinks: [], webSessions: [], changes: [] };
}
