// What a change did to the state, collection by collection: the records added or replaced and the keys
// removed, found by identity (a draft keeps the records it did not touch), so that an engine writes only
// those rows. The ledger and the changes (the audit trail) are append-only: a draft may only add records
// at their end.
import { StoreError } from '../errors.ts';
import type { Binding, ChatSettings, DigestRecord, ReminderRecord, Subscription, WebLink, WebSession } from '../model/records.ts';
import { storeText } from '../texts/store.ts';
import { APPEND_ONLY, type AppendOnlyCollection, type Collection, COLLECTIONS, isAppendOnly, type StateData, type StoreData } from './schema.ts';

/** Joins the parts of a key: the unit separator, which no id, name or date contains (and PostgreSQL text may hold, unlike NUL). */
const KEY_SEPARATOR = '\u001f';
const joinKey = (...parts: string[]): string => parts.join(KEY_SEPARATOR);
export const splitKey = (key: string): string[] => key.split(KEY_SEPARATOR);

export type KeyedCollection = Exclude<Collection, AppendOnlyCollection>;

/** Each keyed collection's key: what makes two records the same record. */
export const KEYS: { [C in KeyedCollection]: (record: StateData[C][number]) => string } = {
  chats: (r: ChatSettings) => r.chat,
  subscriptions: (r: Subscription) => r.chat,
  bindings: (r: Binding) => joinKey(r.chat, r.unitKey, r.region, r.user.userId),
  reminders: (r: ReminderRecord) => joinKey(r.chat, r.taskId, r.slot),
  digests: (r: DigestRecord) => joinKey(r.chat, r.day),
  webLinks: (r: WebLink) => r.id,
  webSessions: (r: WebSession) => r.id,
};
export const KEYED_COLLECTIONS = Object.keys(KEYS) as KeyedCollection[];

export interface CollectionDiff<R> {
  /** Records new or changed, in draft order (a key met twice: the last wins). */
  upserts: R[];
  /** Keys no longer present. */
  deletes: string[];
}

/**
 * The records of `next` not in `base` and the keys of `base` gone from `next`. Only the window between the
 * longest common prefix and suffix (by identity) is compared key by key: a change touches a few records of
 * a long array, so the cost is a pointer scan, not a map of every record.
 */
export function diffCollection<R>(base: readonly R[], next: readonly R[], keyOf: (record: R) => string): CollectionDiff<R> {
  if (base === next) return { upserts: [], deletes: [] };
  let start = 0;
  const shortest = Math.min(base.length, next.length);
  while (start < shortest && base[start] === next[start]) start++;
  let tail = 0;
  while (tail < shortest - start && base[base.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  const baseMid = base.slice(start, base.length - tail);
  const nextMid = next.slice(start, next.length - tail);
  const unchanged = new Set(baseMid);
  const upserts = new Map<string, R>();
  for (const record of nextMid) if (!unchanged.has(record)) upserts.set(keyOf(record), record);
  const kept = new Set(nextMid.map(keyOf));
  const deletes = [...new Set(baseMid.map(keyOf))].filter((key) => !kept.has(key));
  return { upserts: [...upserts.values()], deletes };
}

/** The records appended to a history (the ledger, the changes); throws when the draft rewrote or removed one. */
export function appendedEvents<R>(base: readonly R[], next: readonly R[], collection: AppendOnlyCollection = 'ledger'): R[] {
  const refused = (): StoreError => new StoreError(collection === 'ledger' ? storeText.ledgerAppendOnly : storeText.changesAppendOnly);
  if (next.length < base.length) throw refused();
  for (let i = base.length - 1; i >= 0; i--) if (base[i] !== next[i]) throw refused();
  return next.slice(base.length);
}

export interface StateDiff {
  ledger: StateData['ledger'];
  changes: StateData['changes'];
  keyed: { [C in KeyedCollection]: CollectionDiff<StateData[C][number]> };
  empty: boolean;
}

/** Everything a draft changed, checked: the plan is untouched and the ledger only grew. */
export function diffState(base: Readonly<StoreData>, draft: StoreData): StateDiff {
  if (draft.documents !== base.documents || draft.tasks !== base.tasks || draft.tasks.length !== base.tasks.length) {
    throw new StoreError(storeText.planChangedByChange);
  }
  const ledger = appendedEvents(base.ledger, draft.ledger, 'ledger');
  const changes = appendedEvents(base.changes, draft.changes, 'changes');
  const keyed = Object.fromEntries(KEYED_COLLECTIONS.map((c) => [c, diffCollection<unknown>(base[c], draft[c], KEYS[c] as (r: unknown) => string)])) as StateDiff['keyed'];
  const empty = ledger.length === 0 && changes.length === 0 && KEYED_COLLECTIONS.every((c) => keyed[c].upserts.length === 0 && keyed[c].deletes.length === 0);
  return { ledger, changes, keyed, empty };
}

/** A draft of the snapshot: every state array copied (records shared), the plan shared. */
export function draftOf(data: Readonly<StoreData>): StoreData {
  const draft = { ...data } as Record<string, unknown>;
  for (const c of COLLECTIONS) draft[c] = [...data[c]];
  return draft as StoreData;
}

/** Changes as a list: records added or replaced (ledger events appended) and keys removed. */
export interface StateDelta {
  upserts: Array<{ c: Collection; body: unknown }>;
  deletes: Array<{ c: KeyedCollection; key: string }>;
}

/** The state with a delta applied; collections the delta does not touch are shared, not copied. */
export function applyDelta(state: StateData, delta: StateDelta): StateData {
  if (!delta.upserts.length && !delta.deletes.length) return state;
  const next = { ...state } as Record<Collection, unknown[]>;
  const touched = new Set<Collection>([...delta.upserts.map((u) => u.c), ...delta.deletes.map((d) => d.c)]);
  for (const c of touched) {
    if (isAppendOnly(c)) {
      next[c] = [...state[c], ...delta.upserts.filter((u) => u.c === c).map((u) => u.body)];
      continue;
    }
    const keyOf = KEYS[c] as (r: unknown) => string;
    const byKey = new Map<string, unknown>();
    for (const record of state[c]) byKey.set(keyOf(record), record);
    // Deletions and upserts of one change never share a key; across changes, order is by revision.
    for (const d of delta.deletes) if (d.c === c) byKey.delete(d.key);
    for (const u of delta.upserts) if (u.c === c) byKey.set(keyOf(u.body), u.body);
    next[c] = [...byKey.values()];
  }
  return next as StateData;
}

/** A change as a delta: its ledger events and upserts, and its removed keys. */
export function deltaOf(diff: StateDiff): StateDelta {
  const delta: StateDelta = { upserts: [], deletes: [] };
  for (const c of APPEND_ONLY) for (const body of diff[c]) delta.upserts.push({ c, body });
  for (const c of KEYED_COLLECTIONS) {
    for (const body of diff.keyed[c].upserts) delta.upserts.push({ c, body });
    for (const key of diff.keyed[c].deletes) delta.deletes.push({ c, key });
  }
  return delta;
}
