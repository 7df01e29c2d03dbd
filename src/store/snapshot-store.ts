// What both engines share: the snapshot answers read (never mutated in place), the task index built
// from it when first asked for, the revision that tells derived indexes to rebuild, and the one queue
// every operation on the snapshot runs through, each on what the previous one left.
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
