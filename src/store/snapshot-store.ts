// What both engines share: the snapshot answers read (never mutated in place), the task index built
// from it when first asked for, the revision that tells derived indexes to rebuild, and the one queue
// every operation on the snapshot runs through, each on what the previous one left; and a chat's region,
// which is a change like any other.
import type { ChatSettings } from '../model/records.ts';
import { TaskIndex } from './indexes.ts';
import type { StoreData } from './schema.ts';

export abstract class SnapshotStore {
  private cachedIndex: TaskIndex | null = null;
  private taskRevision = 0;
  private queue: Promise<unknown> = Promise.resolve();

  protected constructor(protected snapshot: StoreData) {}

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

  /** Applies a change to a draft of the latest state and stores it (each engine its own way). */
  abstract change(mutate: (draft: StoreData) => void): Promise<void>;

  chatSettings(chat: string): ChatSettings | undefined {
    return this.snapshot.chats.find((c) => c.chat === chat);
  }

  /** Binds a chat to a region; durable before it resolves. */
  async setChatRegion(chat: string, region: string, by: string, now: Date): Promise<void> {
    const settings: ChatSettings = { chat, region, by, at: now.toISOString() };
    await this.change((draft) => {
      draft.chats = [...draft.chats.filter((c) => c.chat !== chat), settings];
    });
  }

  /** After the documents or tasks changed: the index is rebuilt when next asked for, the revision moves on. */
  protected planChanged(): void {
    this.cachedIndex = null;
    this.taskRevision++;
  }

  /** Runs `fn` after every operation queued before it; a failure does not stop the ones after. */
  protected serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every queued operation has run. */
  protected settled(): Promise<unknown> {
    return this.queue;
  }
}
