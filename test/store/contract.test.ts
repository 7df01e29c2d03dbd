// The storage contract, the same tests on every engine: JSON files, PostgreSQL in process (PGlite) and,
// when ZWGK_TEST_DATABASE_URL is set, a real PostgreSQL server. What one engine keeps, the other keeps
// the same way; what one refuses, the other refuses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.ts';
import type { Binding, DigestRecord, LedgerEvent, ReminderRecord, Subscription } from '../../src/model/records.ts';
import type { ParsedDocument } from '../../src/model/task.ts';
import type { OpenOptions, Storage } from '../../src/store/contract.ts';
import { RECORD_RETENTION_DAYS } from '../../src/store/retention.ts';
import type { StoreData } from '../../src/store/schema.ts';
import { addDays } from '../../src/time.ts';
import { NOW, parseSeed, seedFiles } from '../helpers.ts';
import { ENGINES, TEST_DATABASE_URL } from './engines.ts';

const actor = { platform: 'telegram', userId: '42', name: '张三' };
const event = (taskId: string, note: string, action: LedgerEvent['action'] = 'progress'): LedgerEvent => ({ taskId, action, note, by: actor, chat: 'telegram:-1', at: NOW.toISOString() });
const sub = (chat: string, over: Partial<Subscription> = {}): Subscription => ({
  chat, region: '汶上县', units: [], leadDays: [7, 1, 0], digestTime: '09:00', weekly: true, by: actor, at: NOW.toISOString(), ...over,
});
const binding = (chat: string, userId: string, unitName = '县民政局'): Binding => ({
  chat, region: '汶上县', unitKey: '民政局', unitName, user: { platform: 'telegram', userId }, by: actor, at: NOW.toISOString(),
});
const reminder = (chat: string, taskId: string, day: string, state: ReminderRecord['state'] = 'sent'): ReminderRecord => ({
  chat, taskId, slot: 'lead-7', reason: 'due-soon', state, day, attempts: 1, late: false, updatedAt: NOW.toISOString(),
});
const digest = (chat: string, day: string): DigestRecord => ({ chat, day, state: 'sent', late: false, attempts: 1, nextAttemptAt: null, at: NOW.toISOString() });

/** The state, each collection in a canonical order (engines may keep records in different orders). */
function canonical(data: Readonly<StoreData>): Record<string, unknown> {
  const sorted = <T>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    documents: data.documents,
    tasks: data.tasks,
    ledger: data.ledger,
    chats: sorted(data.chats),
    subscriptions: sorted(data.subscriptions),
    bindings: sorted(data.bindings),
    reminders: sorted(data.reminders),
    digests: sorted(data.digests),
  };
}

let seeds: ParsedDocument[];

describe.each(ENGINES)('the storage contract on $name', (engine) => {
  let open: (options?: OpenOptions) => Promise<Storage>;
  let dispose: () => Promise<void>;
  const opened: Storage[] = [];
  const openStore = async (options?: OpenOptions): Promise<Storage> => {
    const store = await open(options);
    opened.push(store);
    return store;
  };
  /** Closes a store and opens it again: what was durable is all that is left. */
  const reopen = async (store: Storage): Promise<Storage> => {
    await store.close();
    return openStore();
  };

  beforeEach(async () => {
    seeds ??= await Promise.all(seedFiles().map((f) => parseSeed(f)));
    ({ open, dispose } = await engine.fresh());
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await dispose();
  });

  describe('documents and tasks', () => {
    it('an empty store says so; documents put are there after reopening, in the same order, with the same indexes', async () => {
      const store = await openStore();
      expect(store.existed).toBe(false);
      expect(store.data.tasks).toEqual([]);
      const outcomes = await store.putDocuments(seeds);
      expect(outcomes.every((o) => !o.replaced)).toBe(true);
      expect(store.revision).toBeGreaterThan(0);
      const again = await reopen(store);
      expect(again.existed).toBe(true);
      expect(again.data.documents.map((d) => d.id)).toEqual(seeds.map((s) => s.document.id));
      expect(again.data.tasks).toEqual(seeds.flatMap((s) => s.tasks));
      expect(again.index.dueInMonth('2022-06', ['汶上县'])).toHaveLength(3);
    });

    it('re-importing a document replaces it where it is; another document moves nothing', async () => {
      const store = await openStore();
      const [first, second] = seeds as [ParsedDocument, ParsedDocument];
      await store.putDocuments([first, second]);
      const revision = store.revision;
      const changed = { ...first, tasks: first.tasks.slice(0, 5) };
      expect(await store.putDocuments([changed])).toEqual([{ documentId: first.document.id, replaced: true }]);
      expect(store.revision).toBeGreaterThan(revision);
      expect(store.data.tasks).toHaveLength(second.tasks.length + 5);
      const again = await reopen(store);
      expect(again.data.documents.map((d) => d.id)).toEqual([second.document.id, first.document.id]);
      expect(again.data.tasks).toEqual([...second.tasks, ...changed.tasks]);
    });
  });

  describe('changes', () => {
    it('every collection keeps what a change did, and only that', async () => {
      const store = await openStore();
      await store.putDocuments(seeds.slice(0, 1));
      const taskId = store.data.tasks[0]!.id;
      await store.change((d) => {
        d.ledger.push(event(taskId, 'sign', 'sign'), event(taskId, '已发布'));
        d.subscriptions.push(sub('telegram:-1'), sub('robot:ops'));
        d.bindings.push(binding('telegram:-1', '7'), binding('telegram:-1', '8'));
        d.reminders.push(reminder('robot:ops', taskId, '2022-06-23', 'pending'));
        d.digests.push(digest('robot:ops', '2022-06-23'));
      });
      await store.setChatRegion('telegram:-1', '汶上县', 'telegram:42', NOW);
      // Replace one of each, remove one of each, add to the ledger.
      await store.change((d) => {
        d.ledger.push(event(taskId, '完成', 'done'));
        d.subscriptions = [...d.subscriptions.filter((s) => s.chat !== 'robot:ops'), sub('telegram:-1', { leadDays: [3, 1, 0] })].filter((s, i, all) => all.findIndex((x) => x.chat === s.chat) === all.length - 1 - [...all].reverse().findIndex((x) => x.chat === s.chat) || i === all.length - 1);
        d.bindings = d.bindings.filter((b) => b.user.userId !== '7').map((b) => ({ ...b, unitName: '民政局' }));
        d.reminders = d.reminders.map((r) => ({ ...r, state: 'sent' as const }));
        d.digests = [];
      });
      const expected = canonical(store.data);
      expect(store.data.subscriptions.map((s) => [s.chat, s.leadDays])).toEqual([['telegram:-1', [3, 1, 0]]]);
      expect(store.data.ledger.map((e) => e.note)).toEqual(['sign', '已发布', '完成']);
      expect(store.chatSettings('telegram:-1')?.region).toBe('汶上县');
      const again = await reopen(store);
      expect(canonical(again.data)).toEqual(expected);
      expect(again.data.bindings.map((b) => [b.user.userId, b.unitName])).toEqual([['8', '民政局']]);
      expect(again.data.reminders.map((r) => r.state)).toEqual(['sent']);
      expect(again.data.digests).toEqual([]);
    });

    it('the web 台账’s links and sessions are kept by id; change records only grow, also from an import', async () => {
      const store = await openStore();
      const user = { platform: 'telegram', userId: '42' };
      const change = (target: string) => ({ at: NOW.toISOString(), by: user, via: 'web', action: 'subscribe' as const, target, region: '汶上县', name: null, user: null });
      const imported = { ...change(seeds[0]!.document.id), action: 'import' as const };
      await store.putDocuments(seeds.slice(0, 1), [imported]);
      await store.change((d) => {
        d.webLinks.push({ id: 'l1', user, expiresAt: '2026-11-23T02:30:00.000Z', usedAt: NOW.toISOString() });
        d.webSessions.push({ id: 's1', user, createdAt: NOW.toISOString(), expiresAt: '2026-11-23T02:30:00.000Z' }, { id: 's2', user, createdAt: NOW.toISOString(), expiresAt: '2026-11-23T02:30:00.000Z' });
        d.changes.push(change('telegram:-1'));
      });
      await store.change((d) => {
        d.webSessions = d.webSessions.filter((x) => x.id !== 's1');
        d.changes.push(change('telegram:-2'));
      });
      await expect(store.change((d) => (d.changes = d.changes.slice(1)))).rejects.toThrow(/只能追加/);
      const expected = canonical(store.data);
      const again = await reopen(store);
      expect(canonical(again.data)).toEqual(expected);
      expect(again.data.webLinks.map((l) => l.id)).toEqual(['l1']);
      expect(again.data.webSessions.map((x) => x.id)).toEqual(['s2']);
      expect(again.data.changes.map((c) => [c.action, c.target])).toEqual([['import', seeds[0]!.document.id], ['subscribe', 'telegram:-1'], ['subscribe', 'telegram:-2']]);
    });

    it('a change that throws, rewrites the ledger or touches the tasks writes nothing', async () => {
      const store = await openStore();
      await store.putDocuments(seeds.slice(0, 1));
      const taskId = store.data.tasks[0]!.id;
      await store.change((d) => void d.ledger.push(event(taskId, 'first')));
      const before = canonical(store.data);
      class Refused extends Error {}
      // The caller's own error comes back as it was thrown.
      await expect(
        store.change((d) => {
          d.subscriptions.push(sub('x'));
          throw new Refused('no');
        }),
      ).rejects.toBeInstanceOf(Refused);
      await expect(store.change((d) => (d.ledger = d.ledger.map((e) => ({ ...e, note: 'rewritten' }))))).rejects.toBeInstanceOf(StoreError);
      await expect(store.change((d) => (d.ledger = []))).rejects.toThrow(/只能追加/);
      await expect(store.change((d) => (d.tasks = d.tasks.slice(1)))).rejects.toThrow(/只能通过导入/);
      expect(canonical(store.data)).toEqual(before);
      expect(canonical((await reopen(store)).data)).toEqual(before);
    });

    it('changes started together all land, each on the state the previous one left', async () => {
      const store = await openStore();
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.change((d) => void d.ledger.push(event('t', `n${i}`)))));
      expect(store.data.ledger).toHaveLength(20);
      expect((await reopen(store)).data.ledger.map((e) => e.note).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
    });

    it(`reminder and digest records older than ${RECORD_RETENTION_DAYS} days are pruned; the ledger is not`, async () => {
      const store = await openStore();
      const today = '2026-11-23';
      const old = addDays(today, -RECORD_RETENTION_DAYS - 1);
      const kept = addDays(today, -RECORD_RETENTION_DAYS);
      await store.change((d) => {
        d.reminders.push(reminder('c', 't1', old), reminder('c', 't2', kept));
        d.digests.push(digest('c', old), digest('c', kept));
        d.ledger.push({ ...event('t1', 'old'), at: `${old}T01:00:00.000Z` });
      });
      expect(await store.pruneRecords(NOW)).toBe(2);
      const again = await reopen(store);
      expect(again.data.reminders.map((r) => r.day)).toEqual([kept]);
      expect(again.data.digests.map((r) => r.day)).toEqual([kept]);
      expect(again.data.ledger).toHaveLength(1);
    });

    it('a store opened read-only refuses to write', async () => {
      await (await openStore()).close();
      if (engine.shared) return;
      const reader = await openStore({ readOnly: true });
      await expect(reader.change((d) => void d.ledger.push(event('t', 'x')))).rejects.toThrow(/只读/);
      await expect(reader.putDocuments([])).rejects.toThrow(/只读/);
    });
  });

  describe('replacing everything (a restore)', () => {
    it('the plan and every collection, histories included, become exactly the data given, and stay so', async () => {
      const source = await openStore();
      await source.putDocuments(seeds.slice(0, 2));
      const taskId = source.data.tasks[0]!.id;
      await source.change((d) => {
        d.ledger.push(event(taskId, 'sign', 'sign'), event(taskId, '完成', 'done'));
        d.subscriptions.push(sub('robot:ops'));
        d.bindings.push(binding('robot:ops', '7'));
      });
      const backup = structuredClone(source.data) as StoreData;
      // Then the store moves on: another document, more ledger, a subscription gone.
      await source.putDocuments(seeds.slice(2, 3));
      await source.change((d) => {
        d.ledger.push(event(taskId, '撤销', 'undone'));
        d.subscriptions = [];
        d.reminders.push(reminder('robot:ops', taskId, '2022-06-23'));
      });
      const revision = source.revision;
      await source.replaceAll(backup);
      expect(source.revision).toBeGreaterThan(revision);
      expect(canonical(source.data)).toEqual(canonical(backup));
      expect(source.index.byId.size).toBe(backup.tasks.length);
      // Ordinary writes go on from the restored state.
      await source.change((d) => void d.ledger.push(event(taskId, '再次完成', 'done')));
      const again = await reopen(source);
      expect(again.data.ledger.map((e) => e.note)).toEqual(['sign', '完成', '再次完成']);
      expect(again.data.documents.map((d) => d.id)).toEqual(backup.documents.map((d) => d.id));
      expect(again.data.reminders).toEqual([]);
    });

    it('a draft that is not a store is refused and nothing changes', async () => {
      const store = await openStore();
      await store.putDocuments(seeds.slice(0, 1));
      const before = canonical(store.data);
      await expect(store.replaceAll({ ...store.data, ledger: [{ nonsense: true }] } as never)).rejects.toThrow();
      expect(canonical(store.data)).toEqual(before);
      expect(canonical((await reopen(store)).data)).toEqual(before);
    });
  });

  describe('claims, sessions, handled messages, platform state', () => {
    it('a digest is claimed by one holder at a time', async () => {
      const store = await openStore();
      const now = new Date('2022-06-23T01:00:00Z');
      const claim = await store.claimDigest('robot:ops', '2022-06-23', now, 60_000);
      expect(claim).not.toBeNull();
      expect(await store.claimDigest('robot:ops', '2022-06-23', now, 60_000)).toBeNull();
      expect(await store.claimDigest('robot:ops', '2022-06-24', now, 60_000)).not.toBeNull();
      await claim!.release();
      expect(await store.claimDigest('robot:ops', '2022-06-23', now, 60_000)).not.toBeNull();
    });

    it('sessions are kept per chat and person until they expire, across reopening', async () => {
      const store = await openStore();
      const session = { title: '民政局的任务', taskIds: ['a', 'b'], expiresAt: '2026-11-23T02:30:00.000Z' };
      const other = { title: '教育局的任务', taskIds: ['c'], expiresAt: '2026-11-23T02:30:00.000Z' };
      await store.sessions.set('telegram:-1|42', session, NOW);
      await store.sessions.set('telegram:-1|43', other, NOW);
      const again = await reopen(store);
      expect(await again.sessions.get('telegram:-1|42', NOW)).toEqual(session);
      expect(await again.sessions.get('telegram:-1|43', NOW)).toEqual(other);
      expect(await again.sessions.get('telegram:-1|42', new Date('2026-11-23T02:30:00.000Z'))).toBeUndefined();
      expect(await again.sessions.get('telegram:-1|44', NOW)).toBeUndefined();
      expect(await again.sessions.get('telegram:-2|42', NOW)).toBeUndefined();
    });

    it('an expired session is kept until the caller lets it go (to say it has expired), then dropped', async () => {
      const store = await openStore();
      const expired = { title: 't', taskIds: ['x'], expiresAt: '2026-11-22T00:00:00.000Z' };
      await store.sessions.set('telegram:-1|42', expired, new Date('2026-11-21T00:00:00.000Z'));
      expect(await store.sessions.get('telegram:-1|42', new Date('2026-11-21T12:00:00.000Z'))).toEqual(expired);
      await store.sessions.set('telegram:-1|43', { ...expired, expiresAt: '2026-11-24T00:00:00.000Z' }, new Date('2026-11-23T00:00:00.000Z'));
      expect(await store.sessions.get('telegram:-1|42', new Date('2026-11-21T12:00:00.000Z'))).toBeUndefined();
    });

    it('a message id is handled once; platform state survives reopening', async () => {
      const store = await openStore();
      expect(await store.handled.first('telegram:-1:100', NOW)).toBe(true);
      expect(await store.handled.first('telegram:-1:100', NOW)).toBe(false);
      expect(await store.handled.first('telegram:-1:101', NOW)).toBe(true);
      await store.platformState.set('telegram.lastUpdateId', 812);
      expect(store.platformState.get('telegram.lastUpdateId')).toBe(812);
      const again = await reopen(store);
      expect(again.platformState.get('telegram.lastUpdateId')).toBe(812);
      expect(again.platformState.get('nothing')).toBeUndefined();
    });
  });

  describe.runIf(engine.shared)('several instances on one store', () => {
    it('each instance sees what the other wrote; writes made together never overwrite each other', async () => {
      const a = await openStore();
      const b = await openStore();
      await a.change((d) => void d.subscriptions.push(sub('telegram:-1')));
      await b.refresh();
      expect(b.data.subscriptions.map((s) => s.chat)).toEqual(['telegram:-1']);
      // Each instance's draft is fresh: B removes what A added, A then re-adds it on top of B's removal.
      await b.change((d) => (d.subscriptions = []));
      await a.change((d) => void d.bindings.push(binding('telegram:-1', '9')));
      expect(a.data.subscriptions).toEqual([]);
      await Promise.all([
        ...Array.from({ length: 15 }, (_, i) => a.change((d) => void d.ledger.push(event('t', `a${i}`)))),
        ...Array.from({ length: 15 }, (_, i) => b.change((d) => void d.ledger.push(event('t', `b${i}`)))),
      ]);
      await a.refresh();
      await b.refresh();
      expect(a.data.ledger).toHaveLength(30);
      expect(canonical(a.data)).toEqual(canonical(b.data));
    });

    it('an import on one instance is heard by the other, which rebuilds its index', async () => {
      const a = await openStore();
      const b = await openStore();
      const revision = b.revision;
      await a.putDocuments(seeds.slice(0, 2));
      await expect.poll(() => b.revision, { timeout: 10_000 }).toBeGreaterThan(revision);
      expect(b.index.byId.size).toBe(seeds[0]!.tasks.length + seeds[1]!.tasks.length);
      expect(b.data.tasks).toEqual(a.data.tasks);
    });

    it('a restore on one instance replaces what the other holds, histories included', async () => {
      const a = await openStore();
      const b = await openStore();
      await a.putDocuments(seeds.slice(0, 1));
      await a.change((d) => void d.ledger.push(event('t', 'before')));
      const backup = structuredClone(a.data) as StoreData;
      await a.putDocuments(seeds.slice(1, 2));
      await a.change((d) => void d.ledger.push(event('t', 'after')));
      await b.refresh();
      expect(b.data.ledger).toHaveLength(2);
      await a.replaceAll(backup);
      await b.refresh();
      expect(canonical(b.data)).toEqual(canonical(backup));
      expect(b.index.byId.size).toBe(backup.tasks.length);
      await b.change((d) => void d.ledger.push(event('t', 'by b')));
      await a.refresh();
      expect(a.data.ledger.map((e) => e.note)).toEqual(['before', 'by b']);
    });

    it('a claim held by one instance is refused to the other until released or its lease runs out', async () => {
      const a = await openStore();
      const b = await openStore();
      const now = new Date('2022-06-23T01:00:00Z');
      const held = await a.claimDigest('robot:ops', '2022-06-23', now, 60_000);
      expect(held).not.toBeNull();
      expect(await b.claimDigest('robot:ops', '2022-06-23', now, 60_000)).toBeNull();
      expect(await b.claimDigest('robot:ops', '2022-06-23', new Date(now.getTime() + 59_000), 60_000)).toBeNull();
      // A died holding it: after the lease, B takes over.
      const taken = await b.claimDigest('robot:ops', '2022-06-23', new Date(now.getTime() + 61_000), 60_000);
      expect(taken).not.toBeNull();
      await held!.release();
      expect(await a.claimDigest('robot:ops', '2022-06-23', new Date(now.getTime() + 62_000), 60_000)).toBeNull();
      await taken!.release();
      expect(await a.claimDigest('robot:ops', '2022-06-23', new Date(now.getTime() + 62_000), 60_000)).not.toBeNull();
    });

    it.runIf(engine.name === 'postgres server')('a dropped listening connection is replaced; the instance catches up', async () => {
      const a = await openStore();
      const b = await openStore();
      const { pgDriver } = await import('../../src/store/postgres/pg-driver.ts');
      const admin = await pgDriver(TEST_DATABASE_URL as string, 'public');
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND query LIKE $1",
        [`%${b.location.replace(/^.*\((.*)\)$/, '$1')}%`],
      );
      await admin.close();
      expect(rows[0]?.n).toBeGreaterThan(0);
      await a.change((d) => void d.subscriptions.push(sub('telegram:-9')));
      await expect.poll(() => b.data.subscriptions.map((s) => s.chat), { timeout: 15_000, interval: 200 }).toEqual(['telegram:-9']);
    });

    it('sessions and handled ids are shared', async () => {
      const a = await openStore();
      const b = await openStore();
      const session = { title: 't', taskIds: ['x'], expiresAt: '2026-11-23T02:30:00.000Z' };
      await a.sessions.set('wechat:room|wxid_a', session, NOW);
      expect(await b.sessions.get('wechat:room|wxid_a', NOW)).toEqual(session);
      expect(await b.sessions.get('wechat:room|wxid_b', NOW)).toBeUndefined();
      expect(await a.handled.first('wechat:room:1', NOW)).toBe(true);
      expect(await b.handled.first('wechat:room:1', NOW)).toBe(false);
    });
  });
});
