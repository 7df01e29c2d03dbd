// The store as the layers above name it: `TaskStore` is the storage contract (contract.ts), whichever
// engine implements it; `TaskStore.open(path)` opens a JSON store file (tests, tools). The application
// opens the configured engine through openStorage (open.ts).
import type { OpenOptions, Storage } from './contract.ts';
import { JsonStorage } from './json/json-storage.ts';

export type { ImportOutcome, OpenOptions } from './contract.ts';
export type TaskStore = Storage;

export const TaskStore = {
  open: (path: string, options: OpenOptions = {}): Promise<JsonStorage> => JsonStorage.open(path, options),
};
