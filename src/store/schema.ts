// The shape of the store file, validated on every load.
import { z } from 'zod';
import { DocumentSchema, TaskSchema } from '../model/task.ts';

export const STORE_VERSION = 1;

export const StoreSchema = z.object({
  version: z.literal(STORE_VERSION),
  documents: z.array(DocumentSchema),
  tasks: z.array(TaskSchema),
});
export type StoreData = z.infer<typeof StoreSchema>;

export function emptyStore(): StoreData {
  return { version: STORE_VERSION, documents: [], tasks: [] };
}
