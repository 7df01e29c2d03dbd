// Copies one store into another, whatever their engines (JSON files → PostgreSQL, and back): the plan
// document by document in its order, the state in one change, the platform state; then reads the target
// back and checks it holds the same. The target must be empty: nothing is merged or overwritten.
// Sessions (kept 30 minutes) and handled message ids (a day) are not copied.
import { StoreError } from '../errors.ts';
import type { ParsedDocument } from '../model/task.ts';
import { storeText } from '../texts/store.ts';
import type { Storage } from './contract.ts';
import { COLLECTIONS, isAppendOnly, type StoreData } from './schema.ts';

export interface CopySummary {
  documents: number;
  tasks: number;
  ledger: number;
  chats: number;
  subscriptions: number;
  bindings: number;
  reminders: number;
  digests: number;
  platformState: number;
}

/** The plan as the imports that made it: each document with its tasks, in store order. */
function planOf(data: Readonly<StoreData>): ParsedDocument[] {
  const byDocument = new Map<string, ParsedDocument>(data.documents.map((document) => [document.id, { document, tasks: [], warnings: [] }]));
  for (const task of data.tasks) {
    const doc = byDocument.get(task.documentId);
    if (!doc) throw new StoreError(storeText.orphanTask(task.id, task.documentId));
    doc.tasks.push(task);
  }
  return [...byDocument.values()];
}

export function summaryOf(store: Storage): CopySummary {
  const d = store.data;
  return {
    documents: d.documents.length, tasks: d.tasks.length, ledger: d.ledger.length, chats: d.chats.length, subscriptions: d.subscriptions.length,
    bindings: d.bindings.length, reminders: d.reminders.length, digests: d.digests.length, platformState: store.platformState.entries().length,
  };
}

/** Each collection as sorted JSON lines: engines may keep the records of a keyed collection in another order. */
function fingerprint(data: Readonly<StoreData>): string {
  const lines = (xs: readonly unknown[], sort: boolean): string[] => {
    const out = xs.map((x) => JSON.stringify(x));
    return sort ? out.sort() : out;
  };
  return JSON.stringify([lines(data.documents, false), lines(data.tasks, false), ...COLLECTIONS.map((c) => lines(data[c], !isAppendOnly(c)))]);
}

export async function copyStore(from: Storage, to: Storage): Promise<CopySummary> {
  if (to.existed || to.data.documents.length || COLLECTIONS.some((c) => to.data[c].length)) throw new StoreError(storeText.targetNotEmpty(to.location));
  const plan = planOf(from.data);
  if (plan.length) await to.putDocuments(plan);
  const source = from.data;
  await to.change((draft) => {
    for (const c of COLLECTIONS) (draft as Record<string, unknown>)[c] = [...source[c]];
  });
  for (const [key, value] of from.platformState.entries()) await to.platformState.set(key, value);
  await to.refresh();
  if (fingerprint(to.data) !== fingerprint(from.data)) throw new StoreError(storeText.copyMismatch(from.location, to.location));
  return summaryOf(to);
}
