// The records the bot keeps besides the plan: chat settings, subscriptions, bindings, the ledger's
// events and the reminder log. zod schemas are the single source of their types.
import { z } from 'zod';

/** A chat's settings: the region its questions default to. */
export const ChatSettingsSchema = z.object({
  chat: z.string(),
  region: z.string(),
  by: z.string(),
  at: z.string(),
});
export type ChatSettings = z.infer<typeof ChatSettingsSchema>;

/** Who did something: the platform user id is the identity, the name is only shown. */
export const ActorSchema = z.object({ platform: z.string(), userId: z.string(), name: z.string().optional() });
export type Actor = z.infer<typeof ActorSchema>;

/** The longest lead time a subscription may ask for, in days before the due date. */
export const MAX_LEAD_DAYS = 60;

/** A chat's reminder subscription. */
export const SubscriptionSchema = z.object({
  chat: z.string(),
  region: z.string(),
  /** Unit keys; empty means every unit of the region. */
  units: z.array(z.string()),
  /** Days before the due date to remind (0 = the due day). */
  leadDays: z.array(z.number().int().min(0).max(MAX_LEAD_DAYS)),
  /** Daily digest time, HH:mm in Asia/Shanghai. */
  digestTime: z.string().regex(/^\d{2}:\d{2}$/),
  weekly: z.boolean(),
  by: ActorSchema,
  at: z.string(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/** A person bound to a unit in a chat: unit staff, @-mentioned in that unit's reminders. */
export const BindingSchema = z.object({
  chat: z.string(),
  region: z.string(),
  unitKey: z.string(),
  unitName: z.string(),
  user: ActorSchema,
  by: ActorSchema,
  at: z.string(),
});
export type Binding = z.infer<typeof BindingSchema>;

/** One change of a task's progress: the ledger (台账) is these events, never rewritten. */
export const LedgerEventSchema = z.object({
  taskId: z.string(),
  action: z.enum(['sign', 'progress', 'done', 'undone']),
  note: z.string(),
  by: ActorSchema,
  chat: z.string(),
  at: z.string(),
});
export type LedgerEvent = z.infer<typeof LedgerEventSchema>;

/** One reminder of one task in one chat for one slot (a lead time, overdue …): pending, then sent. */
export const ReminderRecordSchema = z.object({
  chat: z.string(),
  taskId: z.string(),
  slot: z.string(),
  reason: z.enum(['due-today', 'due-soon', 'overdue', 'overdue-followup']),
  state: z.enum(['pending', 'sent']),
  day: z.string(),
  attempts: z.number().int(),
  late: z.boolean(),
  updatedAt: z.string(),
});
export type ReminderRecord = z.infer<typeof ReminderRecordSchema>;

/** One chat's digest of one day: what became of it. */
export const DigestRecordSchema = z.object({
  chat: z.string(),
  day: z.string(),
  state: z.enum(['sent', 'empty', 'quiet', 'missed', 'failed']),
  late: z.boolean(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  at: z.string(),
});
export type DigestRecord = z.infer<typeof DigestRecordSchema>;

/**
 * A one-time sign-in link of the web 台账 that has been used: the link itself is signed and carries
 * its expiry, so issuing one writes nothing; redeeming it writes this record, and a link whose record
 * exists is refused. Kept until the link would have expired anyway.
 */
export const WebLinkSchema = z.object({
  /** SHA-256 of the link's nonce (never the link itself). */
  id: z.string(),
  user: ActorSchema,
  expiresAt: z.string(),
  usedAt: z.string(),
});
export type WebLink = z.infer<typeof WebLinkSchema>;

/** A signed-in browser of the web 台账. The cookie holds a random token; only its hash is stored. */
export const WebSessionSchema = z.object({
  /** SHA-256 of the cookie's token. */
  id: z.string(),
  user: ActorSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type WebSession = z.infer<typeof WebSessionSchema>;

/**
 * A change to the plan or the reminder desk made outside the ledger's own events (an import, a
 * subscription or binding set or removed), with who made it and from where: the audit trail of what
 * is not a task's progress.
 */
export const ChangeRecordSchema = z.object({
  at: z.string(),
  by: ActorSchema,
  /** Where it was made: "web", or a chat key. */
  via: z.string(),
  action: z.enum(['import', 'subscribe', 'unsubscribe', 'bind', 'unbind']),
  /** The document id, or the chat key of the subscription or binding. */
  target: z.string(),
  region: z.string().nullable(),
  /** The document's title, or the unit's name. */
  name: z.string().nullable(),
  /** The person bound or unbound. */
  user: ActorSchema.nullable(),
});
export type ChangeRecord = z.infer<typeof ChangeRecordSchema>;
