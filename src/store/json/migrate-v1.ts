// Version 1 stores (plan and state in one file) become version 2 on open: the caller has copied the old
// file aside first (json-storage.ts), then the state file is written, then the plan file. A crash
// anywhere leaves either the old file (migrated again on the next open, from the same content) or the
// finished pair.
import { copyFile, open, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { type StoreSchema, SPLIT_STORE_VERSION } from '../schema.ts';
import type { ValidatedJsonFile } from '../json-file.ts';
import type { PlanFile, StateFile } from '../schema.ts';

type V1 = z.infer<typeof StoreSchema>;

/** Copies a file to `<path>.<label>.bak` (or .1.bak, .2.bak … when another copy is there), unless an identical copy exists. */
export async function keepCopy(path: string, label: string): Promise<string> {
  const content = await readFile(path);
  for (let n = 0; ; n++) {
    const copy = `${path}.${label}${n ? `.${n}` : ''}.bak`;
    if (existsSync(copy)) {
      if ((await readFile(copy)).equals(content)) return copy;
      continue;
    }
    await copyFile(path, copy);
    const handle = await open(copy, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return copy;
  }
}

export async function migrateV1(v1: V1, files: { statePath: string; logPath: string; plan: ValidatedJsonFile<PlanFile>; state: ValidatedJsonFile<StateFile> }): Promise<{ plan: PlanFile; state: StateFile }> {
  // A state file already there (a v1 file put back over a v2 store) is kept aside too, never lost.
  if (existsSync(files.statePath)) await keepCopy(files.statePath, 'before-v1');
  if (existsSync(files.logPath)) {
    await keepCopy(files.logPath, 'before-v1');
    await writeFile(files.logPath, '');
  }
  const { version: _v, documents, tasks, ...rest } = v1;
  const state: StateFile = { version: SPLIT_STORE_VERSION, ...rest, logSeq: 0 };
  const plan: PlanFile = { version: SPLIT_STORE_VERSION, documents, tasks };
  await files.state.write(state);
  await files.plan.write(plan);
  return { plan, state };
}
