// Side files beside the store (chat sessions, an adapter's state) are conveniences, not records: one
// that cannot be read is set aside under a new name with a warning, and the process starts without it.
// Start-up never stops for one, and nothing in it is overwritten.
import { rename } from 'node:fs/promises';
import { StoreError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { removeTempFiles, type ValidatedJsonFile } from './json-file.ts';

/** The name a corrupt side file is moved to: `<file>.corrupt-<time>` (colons left out for Windows shares). */
export const setAsideName = (path: string, now: Date): string => `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;

/** Reads a side file; a corrupt one is set aside (renamed) and read as absent. Temp files of dead writers are removed. */
export async function readSideFile<T>(file: ValidatedJsonFile<T>, logger: Logger, now = new Date()): Promise<T | null> {
  await removeTempFiles(file.path, { anyPid: false });
  try {
    return await file.read();
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    const aside = setAsideName(file.path, now);
    try {
      await rename(file.path, aside);
    } catch (cause) {
      // Cannot move it (a directory, no permission): start without it, and leave it as it is.
      logger.warn('side file unreadable and could not be set aside; starting without it', { file: file.path, error, cause });
      return null;
    }
    logger.warn('side file unreadable; set aside, starting without it', { file: file.path, setAside: aside, error });
    return null;
  }
}
