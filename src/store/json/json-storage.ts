// The JSON engine, the embedded default for one county: the plan (documents, tasks) in the store file,
// rewritten only by an import; the state (ledger, subscriptions, reminder records …) in a file beside it,
// so that "完成 3" rewrites a few hundred kilobytes, not the tasks. Both through lowdb and written
// atomically; one process owns them (a lock file), others may read.
import { existsSync } from 'node:fs';
import { Low } from 'lowdb';
import { StoreError } from '../../errors.ts';
import type { ChatSettings } from '../../model/records.ts';
import type { ParsedDocument } from '../../model/task.ts';
import { storeText } from '../../texts/store.ts';
import type { DigestClaim, ImportOutcome, OpenOptions, PlatformState, SessionRecords, Storage } from '../contract.ts';
import { diffState, draftOf } from '../diff.ts';
import { TaskIndex } from '../indexes.ts';
import { ValidatedJsonFile } from '../json-file.ts';
import { StoreLock } from '../lock.ts';
import { pruneOldRecords } from '../retention.ts';
import { emptyState, MainFileSchema, type PlanFile, PlanFileSchema, SPLIT_STORE_VERSION, type StateFile, StateFileSchema, stateOf, type StoreData } from '../schema.ts';
import { StateFile as PlatformStateFile } from '../state-file.ts';
import { MemoryHandled } from './handled-memory.ts';
import { migrateV1 } from './migrate-v1.ts';
import { SessionFile } from './session-file.ts';

/** The files of a JSON store, named from the store path (ZWGK_STORE). */
export function jsonStorePaths(path: string): { plan: string; state: string; sessions: string; platform: string; legacyPlatform: string } {
  return { plan: path, state: `${path}.state.json`, sessions: `${path}.sessions.json`, platform: `${path}.platform.json`, legacyPlatform: `${path}.telegram.json` };
}

interface Loaded {
  plan: PlanFile;
  state: StateFile;
  existed: boolean;
}

async function load(paths: ReturnType<typeof jsonStorePaths>, planFile: ValidatedJsonFile<PlanFile>, stateFile: ValidatedJsonFile<StateFile>, writable: boolean): Promise<Loaded> {
  const main = await new ValidatedJsonFile(paths.plan, MainFileSchema).read();
  if (!main) {
    // No plan yet (nothing imported), but the state may already hold subscriptions or a ledger.
    const state = await stateFile.read();
    return { plan: { version: SPLIT_STORE_VERSION, documents: [], tasks: [] }, state: state ?? { version: SPLIT_STORE_VERSION, ...emptyState() }, existed: state !== null };
  }
  if (main.version === SPLIT_STORE_VERSION) {
    const state = (await stateFile.read()) ?? { version: SPLIT_STORE_VERSION, ...emptyState() };
    return { plan: main, state, existed: true };
  }
  const { version: _v, documents, tasks, ...rest } = main;
  if (!writable) return { plan: { version: SPLIT_STORE_VERSION, documents, tasks }, state: { version: SPLIT_STORE_VERSION, ...rest }, existed: true };
  const migrated = await migrateV1(main, { planPath: paths.plan, statePath: paths.state, plan: planFile, state: stateFile });
  return { plan: migrated.plan, state: migrated.state, existed: true };
}

export class JsonStorage implements Storage {
  private cachedIndex: TaskIndex | null = null;
  private taskRevision = 0;
  private readonly claims = new Set<string>();
  /** Changes and imports run one at a time, each on the snapshot the previous one left. */
  private queue: Promise<unknown> = Promise.resolve();
  readonly handled = new MemoryHandled();

  private constructor(
    readonly location: string,
    private snapshot: StoreData,
    private readonly plan: Low<PlanFile>,
    private readonly state: Low<StateFile>,
    private readonly files: { plan: ValidatedJsonFile<PlanFile>; state: ValidatedJsonFile<StateFile> },
    private lock: StoreLock | null,
    readonly existed: boolean,
    readonly sessions: SessionRecords & { flush(): Promise<void> },
    readonly platformState: PlatformState,
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<JsonStorage> {
    const paths = jsonStorePaths(path);
    const lock = options.readOnly ? null : await StoreLock.acquire(path);
    try {
      const files = { plan: new ValidatedJsonFile(paths.plan, PlanFileSchema), state: new ValidatedJsonFile(paths.state, StateFileSchema) };
      const loaded = await load(paths, files.plan, files.state, lock !== null);
      const plan = new Low<PlanFile>(files.plan, loaded.plan);
      const state = new Low<StateFile>(files.state, loaded.state);
      const { version: _p, ...planData } = loaded.plan;
      const { version: _s, ...stateData } = loaded.state;
      const sessions = await SessionFile.open(paths.sessions);
      const platform = await PlatformStateFile.open(!existsSync(paths.platform) && existsSync(paths.legacyPlatform) ? paths.legacyPlatform : paths.platform);
      const store = new JsonStorage(path, { ...planData, ...stateData }, plan, state, files, lock, loaded.existed, sessions, platform);
      if (options.now && lock) await store.pruneRecords(options.now);
      return store;
    } catch (e) {
      await lock?.release();
      throw e;
    }
  }

  get readOnly(): boolean {
    return this.lock === null;
  }

  get data(): Readonly<StoreData> {
    return this.snapshot;
  }

  get revision(): number {
    return this.taskRevision;
  }

  get index(): TaskIndex {
    this.cachedIndex ??= new TaskIndex(this.snapshot.documents, this.snapshot.tasks);
    return this.cachedIndex;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async putDocuments(parsed: readonly ParsedDocument[]): Promise<ImportOutcome[]> {
    this.assertWritable();
    return this.serial(() => this.importNow(parsed));
  }

  private async importNow(parsed: readonly ParsedDocument[]): Promise<ImportOutcome[]> {
    const before = this.snapshot;
    const ids = new Set(parsed.map((p) => p.document.id));
    const documents = [...before.documents.filter((d) => !ids.has(d.id)), ...parsed.map((p) => p.document)];
    const tasks = [...before.tasks.filter((t) => !ids.has(t.documentId)), ...parsed.flatMap((p) => p.tasks)];
    const previous = this.plan.data;
    this.plan.data = { version: SPLIT_STORE_VERSION, documents, tasks };
    try {
      await this.plan.write();
    } catch (e) {
      this.plan.data = previous;
      throw e;
    }
    this.snapshot = { ...before, documents, tasks };
    this.cachedIndex = null;
    this.taskRevision++;
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
    if (diffState(base, draft).empty) return;
    const previous = this.state.data;
    this.state.data = { version: SPLIT_STORE_VERSION, ...stateOf(draft) };
    try {
      await this.state.write();
    } catch (e) {
      this.state.data = previous;
      throw e;
    }
    this.snapshot = draft;
  }

  chatSettings(chat: string): ChatSettings | undefined {
    return this.snapshot.chats.find((c) => c.chat === chat);
  }

  async setChatRegion(chat: string, region: string, by: string, now: Date): Promise<void> {
    const settings: ChatSettings = { chat, region, by, at: now.toISOString() };
    await this.change((draft) => {
      draft.chats = [...draft.chats.filter((c) => c.chat !== chat), settings];
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
    await this.queue;
    await this.files.plan.flush();
    await this.files.state.flush();
    await this.sessions.flush();
    await this.lock?.release();
    this.lock = null;
  }
}
