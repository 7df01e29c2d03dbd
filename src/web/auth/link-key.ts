// The key that signs sign-in links, in a file beside the store (mode 600). The CLI and the running
// server read the same file, so `web-link` works while the server owns the store; the first of them
// to need it creates it. Deleting the file invalidates every link not yet used (sessions stay).
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { WebError } from '../../errors.ts';
import { webText } from '../../texts/web.ts';
import { randomToken } from './secrets.ts';

const KEY_BYTES = 32;
/** 32 bytes in base64url. */
const KEY_FORMAT = /^[A-Za-z0-9_-]{43}$/;
const OWNER_ONLY = 0o600;

export const linkKeyPath = (storePath: string): string => `${storePath}.web-key`;

/**
 * Creates the key file unless it exists. Written to a temporary file first and linked into place, so
 * a process starting at the same moment sees either no file or the whole key, never an empty one.
 */
async function createKey(path: string): Promise<void> {
  // Unique per attempt: two loads at once in one process must not share (and delete) one temporary file.
  const tmp = `${path}.${process.pid}.${randomToken(8)}.tmp`;
  try {
    await writeFile(tmp, randomToken(KEY_BYTES), { mode: OWNER_ONLY, flush: true });
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new WebError(webText.keyUnwritable(path, (e as Error).message), { cause: e });
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Reads the key, creating it when there is none yet. */
export async function loadLinkKey(path: string): Promise<Buffer> {
  let text: string | null = null;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new WebError(webText.keyUnreadable(path, (e as Error).message), { cause: e });
  }
  if (text === null) {
    await createKey(path);
    return loadLinkKey(path);
  }
  if (!KEY_FORMAT.test(text)) throw new WebError(webText.keyCorrupt(path));
  return Buffer.from(text);
}
