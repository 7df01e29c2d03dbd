// The storage contract: everything the bot keeps, behind one interface that the core, the reminders,
// the ledger, the adapters and the command line use. Two engines implement it (json/: lowdb files, the
// embedded default; postgres/: one database shared by several bot instances); nothing above this layer
// knows which one runs.
import type { Logger } from '../log.ts';
import type { ChangeRecord, ChatSettings } from '../model/records.ts';
import type { ParsedDocument } from '../model/task.ts';
import type { TaskIndex } from './indexes.ts';
import type { StoreData } from './schema.ts';

export interface ImportOutcome {
  documentId: string;
  /** True when a document with the same identity was already stored and has been replaced. */
  replaced: boolean;
}

export interface OpenOptions {
  /** Open without the right to write (the CLI reading beside a running bot); writing is refused. */
  readOnly?: boolean;
  /** The time of opening: reminder and digest records older than the retention window are pruned. */
  now?: Date;
  /** Where warnings go (a corrupt side file set aside …). */
  logger?: Logger;
}

/** One instance's hold on sending a chat's digest of a day. Released when sent, or given up. */
export interface DigestClaim {
  release(): Promise<void>;
}

/** A person's remembered list in a chat, opaque to the store (the core validates it): kept a while after it expires. */
export interface StoredSession {
  expiresAt: string;
  [field: string]: unknown;
}

/** Conversation state per key (chat and person, src/core/sessions.ts), shared by every instance on the same store. */
export interface SessionRecords {
  /** The session under `key`, unless it had expired by `now`. */
  get(key: string, now: Date): Promise<StoredSession | undefined>;
  /** Keeps the session; sessions expired by `forgetBefore` may be dropped on the way. Durable when it resolves. */
  set(key: string, session: StoredSession, forgetBefore: Date): Promise<void>;
}

/** Message ids already handled, so that a platform's redelivery (to any instance) is answered once. */
export interface HandledMessages {
  /** True the first time an id is offered. */
  first(id: string, now: Date): Promise<boolean>;
}

export type PlatformValue = string | number | boolean | null | number[];

/** Small values an adapter keeps across restarts (Telegram's last update id …). */
export interface PlatformState {
  get(key: string): PlatformValue | undefined;
  /** Resolves once the value is durably written. */
  set(key: string, value: PlatformValue): Promise<void>;
  /** Sets several values in one durable write. */
  setMany(values: Record<string, PlatformValue>): Promise<void>;
  /** Every key and value (to copy a store). */
  entries(): Array<[string, PlatformValue]>;
}

export interface Storage {
  /** Where the data lives, for messages: a file path, or the database's address without its password. */
  readonly location: string;
  /** False when the store was empty when opened (the caller seeds it). */
  readonly existed: boolean;
  readonly readOnly: boolean;
  /** The current snapshot. Never mutated in place: a change or a refresh replaces it. */
  readonly data: Readonly<StoreData>;
  /** Increases whenever documents or tasks change (here or, for a shared store, in another instance). */
  readonly revision: number;
  /** Lookups over the tasks, rebuilt after the tasks change. */
  readonly index: TaskIndex;

  /**
   * Adds documents, replacing any stored under the same identity (same region, year and number or
   * title). All or nothing; resolves once durable. `changes` (who imported what) are then appended to
   * the state's `changes`.
   */
  putDocuments(parsed: readonly ParsedDocument[], changes?: readonly ChangeRecord[]): Promise<ImportOutcome[]>;
  /**
   * Applies a change to a draft of the latest state and stores what it changed, all or nothing; resolves
   * once durable. The draft is fresh: changes made by other instances are in it. The ledger is
   * append-only: a change that rewrites or removes an event is refused. Documents and tasks change only
   * through putDocuments.
   */
  change(mutate: (draft: StoreData) => void): Promise<void>;
  /**
   * Replaces everything stored — the plan and every collection, histories included — with `data` (a
   * restored backup; the operator's `cli restore`, the bot stopped). Durable when it resolves.
   */
  replaceAll(data: StoreData): Promise<void>;
  chatSettings(chat: string): ChatSettings | undefined;
  /** Binds a chat to a region; durable before it resolves. */
  setChatRegion(chat: string, region: string, by: string, now: Date): Promise<void>;

  /**
   * Takes the right to send a chat's digest of a day, for `leaseMs` from `now`, or null when another
   * instance holds it. Once taken, `data` is fresh. A claim whose holder died expires with its lease.
   */
  claimDigest(chat: string, day: string, now: Date, leaseMs: number): Promise<DigestClaim | null>;
  /** Brings `data` (and, after an import elsewhere, the tasks) up to date with the store. */
  refresh(): Promise<void>;
  /** Drops reminder and digest records older than the retention window; returns how many. */
  pruneRecords(now: Date): Promise<number>;

  readonly sessions: SessionRecords;
  readonly handled: HandledMessages;
  readonly platformState: PlatformState;

  /** Waits for pending writes, then lets go of the store. */
  close(): Promise<void>;
}
