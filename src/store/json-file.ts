// A lowdb adapter for the store file: validates on read, never touches a file it cannot read, and
// writes atomically (temp file, fsync, rename) so a crash leaves the old or the new file, never half.
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { ZodType } from 'zod';
import { messageOf, StoreError } from '../errors.ts';
import { storeText } from '../texts/store.ts';

/** A corrupt file's report names at most this many schema problems. */
const MAX_ISSUES_SHOWN = 3;

/** Brings what an older version wrote up to the schema's shape (src/store/migrate.ts). */
export type Upgrade = (json: unknown, path: string) => { data: unknown; applied: string[] };

export class ValidatedJsonFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  private seq = 0;
  /** The upgrade steps the last read applied (none: the file was current). */
  upgraded: string[] = [];

  constructor(
    readonly path: string,
    private readonly schema: ZodType<T>,
    private readonly upgrade?: Upgrade,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError(storeText.cannotRead(this.path, messageOf(cause)), { cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new StoreError(storeText.notJson(this.path, messageOf(cause)), { cause });
    }
    const upgraded = this.upgrade?.(json, this.path) ?? { data: json, applied: [] };
    this.upgraded = upgraded.applied;
    const result = this.schema.safeParse(upgraded.data);
    if (!result.success) {
      const issues = result.error.issues.slice(0, MAX_ISSUES_SHOWN);
      throw new StoreError(storeText.invalid(this.path, issues), { cause: result.error });
    }
    return result.data;
  }

  /** Resolves only when the new content is durably in place. Writes are serialised. */
  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const next = this.queue.then(() => this.writeNow(text));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every write started so far has finished. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private async writeNow(text: string): Promise<void> {
    const tmp = `${this.path}.${process.pid}.${++this.seq}.tmp`;
    try {
      const file = await open(tmp, 'w');
      try {
        await file.writeFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, this.path);
      const dir = await open(dirname(this.path), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch (cause) {
      await rm(tmp, { force: true });
      throw new StoreError(storeText.writeFailed(this.path, messageOf(cause)), { cause });
    }
  }
}
