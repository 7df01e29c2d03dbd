// A file of one running instance that is not store data (its health, read by `cli status`): the JSON
// engine's atomic, validated file writer, offered to the layers above without the engine itself. It
// lives beside ZWGK_STORE whichever engine holds the data.
import type { z } from 'zod';
import { ValidatedJsonFile } from './json-file.ts';

export interface InstanceFile<T> {
  readonly path: string;
  /** The file's content, validated; null when there is none. Throws StoreError when it is unreadable. */
  read(): Promise<T | null>;
  /** Replaces the file atomically (temp file, fsync, rename). */
  write(value: T): Promise<void>;
}

export function instanceFile<T>(path: string, schema: z.ZodType<T>): InstanceFile<T> {
  return new ValidatedJsonFile<T>(path, schema);
}
