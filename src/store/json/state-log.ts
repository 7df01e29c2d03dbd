// The JSON engine's state log: each change appended as one line (the records it added or replaced, the
// keys it removed) and fsync'd, so a "完成 3" writes a few hundred bytes whatever the size of the
// ledger. On open the lines the state file does not hold yet (by sequence number) are replayed and the
// log is compacted into the state file; it is compacted again every COMPACT_EVERY changes. A line cut
// short by a crash (the last one, unterminated) was never reported written, and is dropped.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { StoreError, messageOf } from '../../errors.ts';
import { storeText } from '../../texts/store.ts';
import { applyDelta, KEYED_COLLECTIONS, type KeyedCollection, type StateDelta } from '../diff.ts';
import { COLLECTIONS, RECORD_SCHEMAS, type Collection, type StateData } from '../schema.ts';

/** The state file is rewritten, and the log emptied, after this many changes. */
export const COMPACT_EVERY = 1_000;

const EntrySchema = z.object({
  seq: z.number().int().positive(),
  upserts: z.array(z.object({ c: z.enum(COLLECTIONS as [Collection, ...Collection[]]), body: z.unknown() })),
  deletes: z.array(z.object({ c: z.enum(KEYED_COLLECTIONS as [KeyedCollection, ...KeyedCollection[]]), key: z.string() })),
});
type Entry = z.infer<typeof EntrySchema>;

function parseEntry(path: string, line: number, text: string): Entry {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new StoreError(storeText.badLogLine(path, line, messageOf(cause)), { cause });
  }
  const entry = EntrySchema.safeParse(json);
  if (!entry.success) throw new StoreError(storeText.badLogLine(path, line, entry.error.issues[0]?.message ?? ''), { cause: entry.error });
  for (const u of entry.data.upserts) {
    const record = RECORD_SCHEMAS[u.c as Collection].safeParse(u.body);
    if (!record.success) throw new StoreError(storeText.badLogLine(path, line, record.error.issues[0]?.message ?? ''), { cause: record.error });
  }
  return entry.data;
}

/** The state with the log's changes after `fromSeq` applied, and the last sequence number in the log. */
export async function replay(path: string, state: StateData, fromSeq: number): Promise<{ state: StateData; lastSeq: number; entries: number; bytes: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { state, lastSeq: fromSeq, entries: 0, bytes: 0 };
    throw new StoreError(storeText.cannotRead(path, messageOf(cause)), { cause });
  }
  // Only whole lines count: an unterminated last line is a write the crash cut short.
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  let lastSeq = fromSeq;
  let entries = 0;
  let next = state;
  complete.split('\n').forEach((line, i) => {
    if (!line) return;
    const entry = parseEntry(path, i + 1, line);
    entries++;
    if (entry.seq <= fromSeq) return;
    if (entry.seq !== lastSeq + 1) throw new StoreError(storeText.badLogLine(path, i + 1, `sequence ${entry.seq} after ${lastSeq}`));
    next = applyDelta(next, { upserts: entry.upserts as StateDelta['upserts'], deletes: entry.deletes as Array<{ c: KeyedCollection; key: string }> });
    lastSeq = entry.seq;
  });
  return { state: next, lastSeq, entries, bytes: Buffer.byteLength(complete) };
}

/** The log, open for appending; one writer (the store's queue) at a time. */
export class StateLog {
  private constructor(
    readonly path: string,
    private handle: FileHandle,
    /** The bytes of whole entries: a failed append is cut back to here. */
    private size: number,
    /** Entries since the last compaction. */
    public pending: number,
  ) {}

  /** Opens the log, dropping any unterminated tail. */
  static async open(path: string, bytes: number, entries: number): Promise<StateLog> {
    let handle: FileHandle | null = null;
    try {
      handle = await open(path, 'a+');
      await handle.truncate(bytes);
      return new StateLog(path, handle, bytes, entries);
    } catch (cause) {
      await handle?.close().catch(() => undefined);
      throw new StoreError(storeText.writeFailed(path, messageOf(cause)), { cause });
    }
  }

  /** Appends one change; resolves when it is on disk. On failure the log is as before the call. */
  async append(seq: number, delta: StateDelta): Promise<void> {
    const line = `${JSON.stringify({ seq, upserts: delta.upserts, deletes: delta.deletes })}\n`;
    try {
      await this.handle.write(line);
      await this.handle.datasync();
    } catch (cause) {
      await this.handle.truncate(this.size).catch(() => undefined);
      throw new StoreError(storeText.writeFailed(this.path, messageOf(cause)), { cause });
    }
    this.size += Buffer.byteLength(line);
    this.pending++;
  }

  /** Empties the log: call only once the state file holds every entry. */
  async clear(): Promise<void> {
    await this.handle.truncate(0);
    await this.handle.sync();
    this.size = 0;
    this.pending = 0;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
