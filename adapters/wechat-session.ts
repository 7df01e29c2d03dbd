// The WeChat login session (Wechaty's memory card) in a file written atomically: a temp file, fsync,
// then rename, so a SIGTERM or a kill while it is saved leaves the old session or the new one, never a
// truncated file. A file that cannot be read (left empty by an older version) is set aside with a
// warning and the bot starts without it (a new QR scan), instead of logging a parse error on every start.
import { MemoryCard } from 'memory-card';
import { z } from 'zod';
import type { Logger } from '../src/log.ts';
import { ValidatedJsonFile } from '../src/store/json-file.ts';
import { readSideFile } from '../src/store/side-file.ts';

const PayloadSchema = z.record(z.string(), z.unknown());
type Payload = z.infer<typeof PayloadSchema>;

/** Where Wechaty keeps a session named `name`. */
export const sessionFile = (name: string): string => (name.endsWith('.memory-card.json') ? name : `${name}.memory-card.json`);

/** The storage a memory card loads from and saves to (memory-card's StorageBackend contract). */
class AtomicFileStorage {
  private readonly file: ValidatedJsonFile<Payload>;

  constructor(
    path: string,
    private readonly logger: Logger,
  ) {
    this.file = new ValidatedJsonFile(path, PayloadSchema);
  }

  async load(): Promise<Payload> {
    return (await readSideFile(this.file, this.logger)) ?? {};
  }

  async save(payload: Payload): Promise<void> {
    await this.file.write(payload);
  }

  async destroy(): Promise<void> {
    await this.file.write({});
  }

  toString(): string {
    return `AtomicFileStorage<${this.file.path}>`;
  }
}

/**
 * The session's memory card, on AtomicFileStorage, loaded (Wechaty loads only the cards it makes
 * itself). memory-card keeps its storage in a field it fills on load when empty: filled here first.
 */
export async function openSessionCard(name: string, logger: Logger): Promise<MemoryCard> {
  const card = new MemoryCard({ name });
  (card as unknown as { storage: AtomicFileStorage }).storage = new AtomicFileStorage(sessionFile(name), logger);
  await card.load();
  return card;
}
