// A lowdb adapter for the store file: validates on read, never touches a file it cannot read, and
// writes atomically (temp file, fsync, rename) so a crash leaves the old or the new file, never half.
// A symlinked file is written through the link (the link stays a link). Fields the schema does not
// know are never dropped silently: the caller may have the read refuse them, naming each one.
import { lstat, open, readdir, readFile, readlink, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Adapter } from 'lowdb';
import type { ZodType } from 'zod';
import { messageOf, StoreError } from '../errors.ts';
import { storeText } from '../texts/store.ts';
import { alive, escapeRegExp } from './lock.ts';

/** A corrupt file's report names at most this many schema problems (and unknown fields). */
const MAX_ISSUES_SHOWN = 3;
/** Symlinks followed before giving up (the kernel's own limit is 40). */
const MAX_LINK_HOPS = 40;

/** Brings what an older version wrote up to the schema's shape (src/store/migrate.ts). */
export type Upgrade = (json: unknown, path: string) => { data: unknown; applied: string[] };

export interface JsonFileOptions {
  /** Refuse to read data holding fields the schema would drop (the read names them). */
  refuseUnknownFields?: boolean;
  /** Brings what an older version wrote up to the schema's shape first (src/store/migrate.ts). */
  upgrade?: Upgrade;
}

/** The file a path stands for: symlinks followed, even to a target that does not exist yet. */
export async function resolveLinks(path: string): Promise<string> {
  let current = resolve(path);
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw e;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw new StoreError(storeText.tooManyLinks(path));
}

/**
 * Where `parsed` lacks a key that `input` has, the path of that key ("tasks.3.priority"): the fields
 * a schema dropped. Records (z.record) keep every key, so only unknown object fields are reported.
 */
export function droppedFields(input: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) return input.flatMap((v, i) => droppedFields(v, parsed[i], `${path}${path ? '.' : ''}${i}`));
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.keys(input).flatMap((key) => {
    const at = `${path}${path ? '.' : ''}${key}`;
    return Object.hasOwn(parsed, key) ? droppedFields(input[key], parsed[key], at) : [at];
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Removes the temp files `ValidatedJsonFile` writes beside `path` (`<name>.<pid>.<seq>.tmp`) that a
 * killed writer left: of any pid when the caller is the file's one writer and has not written yet (a
 * container restarts with the same pid), else of dead pids only.
 */
export async function removeTempFiles(path: string, options: { anyPid: boolean }): Promise<string[]> {
  const dir = dirname(path);
  const pattern = new RegExp(`^${escapeRegExp(basename(path))}\\.(\\d+)\\.\\d+\\.tmp$`);
  const removed: string[] = [];
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(pattern.exec(entry)?.[1] ?? NaN);
    if (Number.isNaN(pid) || (!options.anyPid && (pid === process.pid || alive(pid)))) continue;
    await rm(join(dir, entry), { force: true });
    removed.push(entry);
  }
  return removed;
}

export class ValidatedJsonFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  /** A coalescing write that has not started yet (writeLatest). */
  private waiting: Promise<void> | null = null;
  private seq = 0;
  /** The upgrade steps the last read applied (none: the file was current). */
  upgraded: string[] = [];

  constructor(
    readonly path: string,
    private readonly schema: ZodType<T>,
    private readonly options: JsonFileOptions = {},
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
    const upgraded = this.options.upgrade?.(json, this.path) ?? { data: json, applied: [] };
    this.upgraded = upgraded.applied;
    const result = this.schema.safeParse(upgraded.data);
    if (!result.success) {
      const issues = result.error.issues.slice(0, MAX_ISSUES_SHOWN);
      throw new StoreError(storeText.invalid(this.path, issues), { cause: result.error });
    }
    if (this.options.refuseUnknownFields) {
      const unknown = droppedFields(upgraded.data, result.data);
      if (unknown.length) throw new StoreError(storeText.unknownFields(this.path, unknown.slice(0, MAX_ISSUES_SHOWN), unknown.length));
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

  /**
   * Writes what `snapshot` returns when the write starts; calls made while a write waits to start share
   * it (one file write for a burst). Resolves once a write holding the caller's change is durable.
   */
  writeLatest(snapshot: () => T): Promise<void> {
    this.waiting ??= this.queue.then(() => {
      this.waiting = null;
      return this.writeNow(JSON.stringify(snapshot()));
    });
    const next = this.waiting;
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every write started so far has finished. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private async writeNow(text: string): Promise<void> {
    let target = this.path;
    let tmp = '';
    try {
      target = await resolveLinks(this.path);
      tmp = `${target}.${process.pid}.${++this.seq}.tmp`;
      const file = await open(tmp, 'w');
      try {
        await file.writeFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, target);
      const dir = await open(dirname(target), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch (cause) {
      if (tmp) await rm(tmp, { force: true });
      throw new StoreError(storeText.writeFailed(this.path, messageOf(cause)), { cause });
    }
  }
}
