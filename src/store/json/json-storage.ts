// The JSON engine, the embedded default for one county: the plan (documents, tasks) in the store file,
// rewritten only by an import; the state (ledger, subscriptions, reminder records …) in a file beside it,
// and each change appended to the state log (state-log.ts) before it is compacted into that file: a
// "完成 3" writes one line, not the tasks and not the ledger. Files through lowdb, written atomically;
// one process owns them (a lock file, taken on the file a symlinked store stands for), others may read.
// Collections and plan keys this version does not know are kept and written back; an unknown field in a
// known record is refused by name; temp files a killed writer left are removed by the next owner.
import { existsSync } from 'node:fs';
import { constants, copyFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { messageOf, StoreError } from '../../errors.ts';
import type { ChangeRecord } from '../../model/records.ts';
import type { ParsedDocument } from '../../model/task.ts';
import { storeText } from '../../texts/store.ts';
import type { DigestClaim, ImportOutcome, OpenOptions, PlatformState, SessionRecords, Storage } from '../contract.ts';
import { deltaOf, diffState, draftOf } from '../diff.ts';
import { removeTempFiles, resolveLinks, ValidatedJsonFile } from '../json-file.ts';
import { StoreLock } from '../lock.ts';
import { migrateStore } from '../migrate.ts';
import { pruneOldRecords } from '../retention.ts';
import { SnapshotStore } from '../snapshot-store.ts';
import { COLLECTIONS, emptyState, MainFileSchema, unknownKeys, type PlanFile, PlanFileSchema, SPLIT_STORE_VERSION, type StateData, type StateFile, StateFileSchema, stateOf, StoreDataSchema, type StoreData } from '../schema.ts';
import { StateFile as PlatformStateFile } from '../state-file.ts';
import { MemoryHandled } from './handled-memory.ts';
import { migrateV1 } from './migrate-v1.ts';
import { SessionFile } from './session-file.ts';
import { COMPACT_EVERY, replay, StateLog } from './state-log.ts';

/** The files of a JSON store, named from the store path (ZWGK_STORE). */
export function jsonStorePaths(path: string): { plan: string; state: string; log: string; sessions: string; platform: string; legacyPlatform: string } {
  return {
    plan: path, state: `${path}.state.json`, log: `${path}.state.log`, sessions: `${path}.sessions.json`, platform: `${path}.platform.json`, legacyPlatform: `${path}.telegram.json`,
  };
}

/** The state file's own keys besides the collections. */
const STATE_FILE_KEYS = ['version', 'logSeq', ...COLLECTIONS];

const emptyStateFile = (): StateFile => ({ version: SPLIT_STORE_VERSION, ...emptyState(), logSeq: 0 });

/** What opening did to a store written by an older version. */
export interface Migration {
  /** The steps applied (migrate.ts), then `split-plan-and-state` for a single-file store. */
  steps: string[];
  /** The copy of the file as it was; null when opened read-only (migrated in memory only). */
  keptAt: string | null;
}

/** Where the file as an older version wrote it is kept when it is migrated. */
export const preMigrationPath = (path: string, at: Date): string => `${path}.before-migration-${at.toISOString().replace(/[:.]/g, '-')}.json`;

interface Loaded {
  plan: PlanFile;
  state: StateFile;
  existed: boolean;
  migration: Migration | null;
}

/** Copies the file as it is before a migration rewrites it; never over an existing copy. */
async function keepPreMigration(path: string, now: Date): Promise<string> {
  const keptAt = preMigrationPath(path, now);
  try {
    await copyFile(path, keptAt, constants.COPYFILE_EXCL);
  } catch (cause) {
    throw new StoreError(storeText.cannotKeepCopy(path, keptAt, messageOf(cause)), { cause });
  }
  return keptAt;
}

async function load(paths: ReturnType<typeof jsonStorePaths>, planFile: ValidatedJsonFile<PlanFile>, stateFile: ValidatedJsonFile<StateFile>, writable: boolean, now: Date): Promise<Loaded> {
  const mainFile = new ValidatedJsonFile(paths.plan, MainFileSchema, { refuseUnknownFields: true, upgrade: migrateStore });
  const main = await mainFile.read();
  if (!main) {
    // No plan yet (nothing imported), but the state may already hold subscriptions or a ledger.
    const state = await stateFile.read();
    return { plan: { version: SPLIT_STORE_VERSION, documents: [], tasks: [] }, state: state ?? emptyStateFile(), existed: state !== null || existsSync(paths.log), migration: null };
  }
  const steps = [...mainFile.upgraded, ...(main.version === SPLIT_STORE_VERSION ? [] : ['split-plan-and-state'])];
  const keptAt = steps.length && writable ? await keepPreMigration(paths.plan, now) : null;
  const migration = steps.length ? { steps, keptAt } : null;
  if (main.version === SPLIT_STORE_VERSION) {
    const state = (await stateFile.read()) ?? emptyStateFile();
    if (keptAt) await planFile.write(main);
    return { plan: main, state, existed: true, migration };
  }
  const { version: _v, documents, tasks, ...rest } = main;
  if (!writable) return { plan: { version: SPLIT_STORE_VERSION, documents, tasks }, state: { ...rest, version: SPLIT_STORE_VERSION, logSeq: 0 }, existed: true, migration };
  const migrated = await migrateV1(main, { statePath: paths.state, logPath: paths.log, plan: planFile, state: stateFile });
  return { plan: migrated.plan, state: migrated.state, existed: true, migration };
}

export class JsonStorage extends SnapshotStore implements Storage {
  private readonly claims = new Set<string>();
  readonly handled = new MemoryHandled();
  /** Set when the files were written by an older version and have been migrated. */
  migration: Migration | null = null;

  private constructor(
    readonly location: string,
    snapshot: StoreData,
    private readonly plan: Low<PlanFile>,
    private readonly state: Low<StateFile>,
    private readonly files: { plan: ValidatedJsonFile<PlanFile>; state: ValidatedJsonFile<StateFile> },
    private lock: StoreLock | null,
    /** The state log, when writable; `seq` is the number of its last change. */
    private readonly log: StateLog | null,
    private seq: number,
    readonly existed: boolean,
    readonly sessions: SessionRecords & { flush(): Promise<void> },
    readonly platformState: PlatformState,
    /** Collections of the state file this version does not know: written back as they were. */
    private readonly extras: Record<string, unknown>,
  ) {
    super(snapshot);
  }

  static async open(path: string, options: OpenOptions = {}): Promise<JsonStorage> {
    // A new server's data folder (ZWGK_STORE=/var/lib/zwgk-bot/store.json) is made on first start.
    if (!options.readOnly) await mkdir(dirname(path), { recursive: true }).catch(() => undefined);
    // A symlinked store is the file it stands for: its lock and its other files are beside that file,
    // so two links to one store still exclude each other.
    const paths = jsonStorePaths(await resolveLinks(path));
    const lock = options.readOnly ? null : await StoreLock.acquire(paths.plan);
    let log: StateLog | null = null;
    try {
      // The owner removes what a killed writer left: no other process writes these files.
      if (lock) for (const file of [paths.plan, paths.state, paths.sessions, paths.platform]) await removeTempFiles(file, { anyPid: true });
      const refuse = { refuseUnknownFields: true };
      const files = { plan: new ValidatedJsonFile(paths.plan, PlanFileSchema, refuse), state: new ValidatedJsonFile(paths.state, StateFileSchema, refuse) };
      const loaded = await load(paths, files.plan, files.state, lock !== null, options.now ?? new Date());
      const { documents, tasks } = loaded.plan;
      const { logSeq } = loaded.state;
      const extras = unknownKeys(loaded.state, STATE_FILE_KEYS);
      const replayed = await replay(paths.log, stateOf({ documents, tasks, ...(loaded.state as unknown as StateData) }), logSeq);
      const state = new Low<StateFile>(files.state, { ...extras, version: SPLIT_STORE_VERSION, ...replayed.state, logSeq: replayed.lastSeq });
      log = lock ? await StateLog.open(paths.log, replayed.bytes, replayed.entries) : null;
      const sessions = await SessionFile.open(paths.sessions, options.logger);
      const platform = await PlatformStateFile.open(!existsSync(paths.platform) && existsSync(paths.legacyPlatform) ? paths.legacyPlatform : paths.platform, options.logger);
      const plan = new Low<PlanFile>(files.plan, loaded.plan);
      const store = new JsonStorage(path, { documents, tasks, ...replayed.state }, plan, state, files, lock, log, replayed.lastSeq, loaded.existed || replayed.entries > 0, sessions, platform, extras);
      // What the log held goes into the state file now, so the log starts empty.
      if (log?.pending) await store.compact();
      store.migration = loaded.migration;
      if (loaded.migration) options.logger?.warn('store: written by an older version, migrated', { steps: loaded.migration.steps, keptAt: loaded.migration.keptAt });
      if (options.now && lock) await store.pruneRecords(options.now);
      return store;
    } catch (e) {
      await log?.close();
      await lock?.release();
      throw e;
    }
  }

  get readOnly(): boolean {
    return this.lock === null;
  }

  async putDocuments(parsed: readonly ParsedDocument[], changes: readonly ChangeRecord[] = []): Promise<ImportOutcome[]> {
    this.assertWritable();
    const outcomes = await this.serial(() => this.importNow(parsed));
    // Who imported what goes to the state (its own file) right after the plan is written.
    if (changes.length) await this.change((draft) => void draft.changes.push(...changes));
    return outcomes;
  }

  private async importNow(parsed: readonly ParsedDocument[]): Promise<ImportOutcome[]> {
    const before = this.snapshot;
    const ids = new Set(parsed.map((p) => p.document.id));
    const documents = [...before.documents.filter((d) => !ids.has(d.id)), ...parsed.map((p) => p.document)];
    const tasks = [...before.tasks.filter((t) => !ids.has(t.documentId)), ...parsed.flatMap((p) => p.tasks)];
    const previous = this.plan.data;
    this.plan.data = { ...previous, version: SPLIT_STORE_VERSION, documents, tasks };
    try {
      await this.plan.write();
    } catch (e) {
      this.plan.data = previous;
      throw e;
    }
    this.snapshot = { ...before, documents, tasks };
    this.planChanged();
    return parsed.map((p) => ({ documentId: p.document.id, replaced: before.documents.some((d) => d.id === p.document.id) }));
  }

  async change(mutate: (draft: StoreData) => void): Promise<void> {
    this.assertWritable();
    return this.serial(() => this.changeNow(mutate));
  }

  private async changeNow(mutate: (draft: StoreData) => void): Promise<void> {
    const base = this.snapshot;
    const draft = draftOf(base);
    mutate(draft);
    const diff = diffState(base, draft);
    if (diff.empty) return;
    await (this.log as StateLog).append(this.seq + 1, deltaOf(diff));
    this.seq++;
    this.snapshot = draft;
    if ((this.log as StateLog).pending >= COMPACT_EVERY) await this.compact();
  }

  /** Writes the whole state (with the log's last sequence number) to the state file, then empties the log. */
  private async compact(): Promise<void> {
    const state: StateData = stateOf(this.snapshot);
    this.state.data = { ...this.extras, version: SPLIT_STORE_VERSION, ...state, logSeq: this.seq };
    await this.state.write();
    await this.log?.clear();
  }

  /**
   * The state is written first, then the plan: a crash between them leaves the restored state with the
   * plan as it was, and the restore (checked, repeatable) is run again.
   */
  async replaceAll(data: StoreData): Promise<void> {
    this.assertWritable();
    const next = StoreDataSchema.parse(data);
    return this.serial(async () => {
      this.snapshot = { ...this.snapshot, ...stateOf(next) };
      await this.compact();
      const previous = this.plan.data;
      this.plan.data = { ...previous, version: SPLIT_STORE_VERSION, documents: next.documents, tasks: next.tasks };
      try {
        await this.plan.write();
      } catch (e) {
        this.plan.data = previous;
        throw e;
      }
      this.snapshot = next;
      this.planChanged();
    });
  }

  /** One process owns the files: a claim only keeps two sends of this process apart. */
  async claimDigest(chat: string, day: string): Promise<DigestClaim | null> {
    const key = `${chat}|${day}`;
    if (this.claims.has(key)) return null;
    this.claims.add(key);
    return { release: async () => void this.claims.delete(key) };
  }

  /** The files change only through this process. */
  async refresh(): Promise<void> {}

  async pruneRecords(now: Date): Promise<number> {
    if (this.readOnly) return 0;
    let pruned = 0;
    await this.change((draft) => {
      pruned = pruneOldRecords(draft, now);
    });
    return pruned;
  }

  private assertWritable(): void {
    if (!this.lock) throw new StoreError(storeText.readOnly(this.location));
  }

  async close(): Promise<void> {
    await this.settled();
    if (this.log?.pending) await this.serial(() => this.compact()).catch(() => undefined);
    await this.log?.close();
    await this.files.plan.flush();
    await this.files.state.flush();
    await this.sessions.flush();
    await this.lock?.release();
    this.lock = null;
  }
}
