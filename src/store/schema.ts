// The shape of the store file, validated on every load.
import { z } from 'zod';
import { DocumentSchema, TaskSchema } from '../model/task.ts';

export const STORE_VERSION = 1;

/** A chat's settings: the region its questions default to. */
export const ChatSettingsSchema = z.object({
  chat: z.string(),
  region: z.string(),
  by: z.string(),
  at: z.string(),
});
export type ChatSettings = z.infer<typeof ChatSettingsSchema>;

export const StoreSchema = z.object({
  version: z.literal(STORE_VERSION),
  documents: z.array(DocumentSchema),
  tasks: z.array(TaskSchema),
  chats: z.array(ChatSettingsSchema).default([]),
});
export type StoreData = z.infer<typeof StoreSchema>;

export function emptyStore(): StoreData {
  return { version: STORE_VERSION, documents: [], tasks: [], chats: [] };
}
