// The JSON engine's files: a change writes the state file only; a version 1 store (one file) becomes
// version 2 on open, with the old file kept; read-only opening migrates nothing.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonStorage, jsonStorePaths } from '../../src/store/json/json-storage.ts';
import { NOW, parseSeed, tempDir } from '../helpers.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const event = { taskId: 't1', action: 'done' as const, note: '', by: { platform: 'cli', userId: 'cli' }, chat: 'cli', at: NOW.toISOString() };

describe('the JSON engine', () => {
  it('a ledger write rewrites the state file, never the plan file', async () => {
    const path = join(dir, 'store.json');
    const store = await JsonStorage.open(path);
    await store.putDocuments([await parseSeed('000_8f567bc9b8b33b76.txt')]);
    const plan = statSync(path);
    const planText = readFileSync(path, 'utf8');
    for (let i = 0; i < 5; i++) await store.change((d) => void d.ledger.push({ ...event, note: String(i) }));
    await store.close();
    expect(statSync(path).mtimeMs).toBe(plan.mtimeMs);
    expect(readFileSync(path, 'utf8')).toBe(planText);
    const state = JSON.parse(readFileSync(jsonStorePaths(path).state, 'utf8')) as { version: number; ledger: unknown[]; tasks?: unknown };
    expect(state.version).toBe(2);
    expect(state.ledger).toHaveLength(5);
    expect(state.tasks).toBeUndefined();
  });

  it('a version 1 store is split on open, its file kept as it was; opened again, nothing more happens', async () => {
    const path = join(dir, 'store.json');
    const doc = await parseSeed('001_0e95c71143a3993b.txt');
    const v1 = JSON.stringify({ version: 1, documents: [doc.document], tasks: doc.tasks, ledger: [event], subscriptions: [], bindings: [], chats: [{ chat: 'c', region: '冠县', by: 'x', at: NOW.toISOString() }] });
    writeFileSync(path, v1);
    const store = await JsonStorage.open(path, { now: NOW });
    expect(store.existed).toBe(true);
    expect(store.data.tasks).toHaveLength(doc.tasks.length);
    expect(store.data.ledger).toEqual([event]);
    expect(store.chatSettings('c')?.region).toBe('冠县');
    expect(store.migration?.steps).toEqual(['records', 'split-plan-and-state']);
    await store.close();
    expect(readFileSync(store.migration?.keptAt as string, 'utf8')).toBe(v1);
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(2);
    const again = await JsonStorage.open(path);
    expect(again.data.ledger).toEqual([event]);
    expect(again.data.tasks).toHaveLength(doc.tasks.length);
    expect(again.migration).toBeNull();
    await again.close();
    expect(readdirSync(dir).filter((f) => f.includes('before-migration'))).toHaveLength(1);
  });

  it('a version 1 store opened read-only is read as it is, not migrated', async () => {
    const path = join(dir, 'store.json');
    const v1 = JSON.stringify({ version: 1, documents: [], tasks: [], ledger: [event] });
    writeFileSync(path, v1);
    const reader = await JsonStorage.open(path, { readOnly: true });
    expect(reader.data.ledger).toEqual([event]);
    await reader.close();
    expect(readFileSync(path, 'utf8')).toBe(v1);
    expect(readdirSync(dir).some((f) => f.includes('before-migration'))).toBe(false);
  });

  it('sessions and platform state of an earlier release are read from their files', async () => {
    const path = join(dir, 'store.json');
    writeFileSync(`${path}.telegram.json`, JSON.stringify({ 'telegram.lastUpdateId': 77 }));
    const store = await JsonStorage.open(path);
    expect(store.platformState.get('telegram.lastUpdateId')).toBe(77);
    await store.close();
  });

  it('a change is one appended line; a line cut short by a crash is dropped; a damaged line stops the start', async () => {
    const path = join(dir, 'store.json');
    const { log } = jsonStorePaths(path);
    const store = await JsonStorage.open(path);
    await store.change((d) => void d.ledger.push({ ...event, note: 'a' }));
    await store.change((d) => void d.ledger.push({ ...event, note: 'b' }));
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] as string)).toMatchObject({ seq: 2, upserts: [{ c: 'ledger', body: { note: 'b' } }] });
    // The process dies here (no close): the state file does not hold the two events, the log does.
    writeFileSync(log, `${readFileSync(log, 'utf8')}{"seq":3,"upserts":[{"c":"led`);
    const after = await JsonStorage.open(path, { readOnly: true });
    expect(after.data.ledger.map((e) => e.note)).toEqual(['a', 'b']);
    await after.close();
    writeFileSync(log, `${lines[0]}\n{"seq":2,"upserts":[{"c":"ledger","body":{"taskId":1}}],"deletes":[]}\n`);
    await expect(JsonStorage.open(path, { readOnly: true })).rejects.toThrow(/第 2 行已损坏/);
    await store.close();
  });
});
