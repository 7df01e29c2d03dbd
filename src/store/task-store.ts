// The task store: one JSON file through lowdb, owned by one process, indexes rebuilt after each write.
import { Low } from 'lowdb';
import { copyFile, constants, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { messageOf, StoreError } from '../errors.ts';
import type { ParsedDocument } from '../model/task.ts';
import { TaskIndex } from './indexes.ts';
import { removeTempFiles, resolveLinks, ValidatedJsonFile } from './json-file.ts';
import { StoreLock } from './lock.ts';
import { type ChangeRecord, type ChatSettings } from '../model/records.ts';
import { migrateStore } from './migrate.ts';
import { emptyStore, type StoreData, StoreSchema } from './schema.ts';
import { storeText } from '../texts/store.ts';

export interface ImportOutcome {
  documentId: string;
  /** True when a document with the same identity was already stored and has been replaced. */
  replaced: boolean;
}

export interface OpenOptions {
  /** Open without taking the lock; writing is refused. */
  readOnly?: boolean;
}

/** Where the file as an older version wrote it is kept when it is migrated. */
export const preMigrationPath = (path: string, at: Date): string => `${path}.before-migration-${at.toISOString().replace(/[:.]/g, '-')}.json`;

/** What opening did to a store written by an older version. */
export interface Migration {
  steps: string[];
  /** The copy of the file as it was; null when opened read-only (migrated in memory only). */
  keptAt: string | null;
}

export class TaskStore {
  private cachedIndex: TaskIndex | null = null;
  /** Set when the file was written by an older version and has been migrated. */
  migration: Migration | null = null;
  /** Increases with every change of documents or tasks, so that derived indexes know to rebuild. */
  private taskRevision = 0;

  private constructor(
    readonly path: string,
    private readonly db: Low<StoreData>,
    private readonly file: ValidatedJsonFile<StoreData>,
    private lock: StoreLock | null,
    /** False when the file did not exist and the store starts empty. */
    readonly existed: boolean,
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<TaskStore> {
    // A new server's data folder (ZWGK_STORE=/var/lib/zwgk-bot/store.json) is made on first start.
    if (!options.readOnly) await mkdir(dirname(path), { recursive: true }).catch(() => undefined);
    // Locked by the file it stands for, so two links to one store still exclude each other.
    const target = await resolveLinks(path);
    const lock = options.readOnly ? null : await StoreLock.acquire(target);
    try {
      // The owner removes what a killed writer left: no other process writes this file.
      if (lock) await removeTempFiles(target, { anyPid: true });
      const adapter = new ValidatedJsonFile<StoreData>(path, StoreSchema, { refuseUnknownFields: true, upgrade: migrateStore });
      const db = new Low<StoreData>(adapter, emptyStore());
      const existing = await adapter.read();
      if (existing) db.data = existing;
      const store = new TaskStore(path, db, adapter, lock, existing !== null);
      if (adapter.upgraded.length) await store.keepAndMigrate(adapter.upgraded);
      return store;
    } catch (e) {
      await lock?.release();
      throw e;
    }
  }

  /** Keeps a copy of the file as the older version wrote it, then writes it in this version's shape. */
  private async keepAndMigrate(steps: string[]): Promise<void> {
    if (this.readOnly) {
      this.migration = { steps, keptAt: null };
      return;
    }
    const keptAt = preMigrationPath(this.path, new Date());
    try {
      await copyFile(this.path, keptAt, constants.COPYFILE_EXCL);
    } catch (cause) {
      throw new StoreError(storeText.cannotKeepCopy(this.path, keptAt, messageOf(cause)), { cause });
    }
    await this.db.write();
    this.migration = { steps, keptAt };
  }

  get readOnly(): boolean {
    return this.lock === null;
  }

  get data(): Readonly<StoreData> {
    return this.db.data;
  }

  get revision(): number {
    return this.taskRevision;
  }

  get index(): TaskIndex {
    this.cachedIndex ??= new TaskIndex(this.db.data.documents, this.db.data.tasks);
    return this.cachedIndex;
  }

  /**
   * Adds documents, replacing any stored under the same identity (same region, year and number or
   * title), with the records of who imported them in the same write. Resolves once the file is durably
   * written; on failure memory is rolled back too.
   */
  async putDocuments(parsed: readonly ParsedDocument[], changes: readonly ChangeRecord[] = []): Promise<ImportOutcome[]> {
    this.assertWritable();
    const before = this.db.data;
    const ids = new Set(parsed.map((p) => p.document.id));
    const next: StoreData = {
      ...before,
      documents: [...before.documents.filter((d) => !ids.has(d.id)), ...parsed.map((p) => p.document)],
      tasks: [...before.tasks.filter((t) => !ids.has(t.documentId)), ...parsed.flatMap((p) => p.tasks)],
      changes: changes.length ? [...before.changes, ...changes] : before.changes,
    };
    await this.commit(next);
    this.cachedIndex = null;
    this.taskRevision++;
    return parsed.map((p) => ({ documentId: p.document.id, replaced: before.documents.some((d) => d.id === p.document.id) }));
  }

  /**
   * Applies a change to a copy of the data and writes it; resolves once durable. On failure the data
   * in memory stays as it was. For ledger, subscriptions, bindings, reminder records and
   * the web 台账's links and sessions.
   */
  async change(mutate: (draft: StoreData) => void): Promise<void> {
    this.assertWritable();
    const d = this.db.data;
    const draft: StoreData = {
      ...d,
      chats: [...d.chats],
      subscriptions: [...d.subscriptions],
      bindings: [...d.bindings],
      ledger: [...d.ledger],
      reminders: [...d.reminders],
      digests: [...d.digests],
      webLinks: [...d.webLinks],
      webSessions: [...d.webSessions],
      changes: [...d.changes],
    };
    mutate(draft);
    await this.commit(draft);
  }

  chatSettings(chat: string): ChatSettings | undefined {
    return this.db.data.chats.find((c) => c.chat === chat);
  }

  /** Binds a chat to a region; durable before it resolves. */
  async setChatRegion(chat: string, region: string, by: string, now: Date): Promise<void> {
    this.assertWritable();
    const settings: ChatSettings = { chat, region, by, at: now.toISOString() };
    await this.commit({ ...this.db.data, chats: [...this.db.data.chats.filter((c) => c.chat !== chat), settings] });
  }

  private async commit(next: StoreData): Promise<void> {
    const before = this.db.data;
    this.db.data = next;
    try {
      await this.db.write();
    } catch (e) {
      this.db.data = before;
      throw e;
    }
  }

  private assertWritable(): void {
    if (!this.lock) throw new StoreError(storeText.readOnly(this.path));
  }

  /**
   * Replaces everything stored with `data` (a restored backup), durable when it resolves; on failure the
   * data in memory stays as it was.
   */
  async replaceAll(data: StoreData): Promise<void> {
    this.assertWritable();
    await this.commit(StoreSchema.parse(data));
    this.cachedIndex = null;
    this.taskRevision++;
  }

  /** Waits for pending writes, then gives up the file. */
  async close(): Promise<void> {
    await this.file.flush();
    await this.lock?.release();
    this.lock = null;
  }
}
