// The store on real files: first start from the seeds, replacement, corruption, the lock, and crashes.
import type { ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.ts';
import { openStore } from '../../src/app/bootstrap.ts';
import { ValidatedJsonFile } from '../../src/store/json-file.ts';
import { PlanFileSchema } from '../../src/store/schema.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { NOW, parseSeed, SEEDS_DIR, tempDir } from '../helpers.ts';
import { bundle, startChild } from './child-process.ts';

/** The writer child, bundled once: plain Node starts it in a tenth of the time tsx takes. */
let writerScript = '';
beforeAll(async () => {
  writerScript = await bundle(join(import.meta.dirname, 'writer-child.ts'));
});
afterAll(() => rmSync(writerScript, { force: true }));

let dir: string;
let cleanup: () => void;
let storePath: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  storePath = join(dir, 'store.json');
});
afterEach(() => cleanup());

describe('first start', () => {
  it('builds the store from data/seeds and reads it back after a restart', async () => {
    const { store, seeded } = await openStore(storePath, SEEDS_DIR, NOW);
    expect(seeded).toHaveLength(5);
    expect(store.data.tasks).toHaveLength(79 + 67 + 53 + 54 + 41);
    await store.close();
    const again = await openStore(storePath, SEEDS_DIR, NOW);
    expect(again.seeded).toHaveLength(0);
    expect(again.store.data).toEqual(store.data);
    expect(again.store.index.dueInMonth('2022-06', ['汶上县'])).toHaveLength(3);
    await again.store.close();
  });
});

describe('a store written before milestones', () => {
  it('loads: every deadline gets an empty milestone list, and the month lookup works as before', async () => {
    const doc = await parseSeed('000_8f567bc9b8b33b76.txt');
    const old = { version: 1, documents: [doc.document], tasks: doc.tasks.map((t) => ({ ...t, deadline: { ...t.deadline, milestones: undefined } })) };
    writeFileSync(storePath, JSON.stringify(old));
    expect(readFileSync(storePath, 'utf8')).not.toContain('milestones');
    const store = await TaskStore.open(storePath);
    expect(store.data.tasks.every((t) => Array.isArray(t.deadline.milestones) && t.deadline.milestones.length === 0)).toBe(true);
    expect(store.index.dueInMonth('2022-06', ['汶上县'])).toHaveLength(3);
    await store.close();
  });
});

describe('stores written before the web 台账', () => {
  it('open with empty link, session and change records, and keep everything else', async () => {
    const { store } = await openStore(storePath, SEEDS_DIR, NOW);
    await store.setChatRegion('telegram:-1', '汶上县', 'cli', NOW);
    await store.close();
    const statePath = `${storePath}.state.json`;
    const old = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
    delete old.webLinks;
    delete old.webSessions;
    delete old.changes;
    writeFileSync(statePath, JSON.stringify(old));
    const reopened = await TaskStore.open(storePath);
    expect(reopened.data.webLinks).toEqual([]);
    expect(reopened.data.webSessions).toEqual([]);
    expect(reopened.data.changes).toEqual([]);
    expect(reopened.data.tasks).toHaveLength(294);
    await reopened.change((d) => {
      d.webSessions.push({ id: 'h', user: { platform: 'cli', userId: 'cli' }, createdAt: NOW.toISOString(), expiresAt: NOW.toISOString() });
    });
    await reopened.close();
    expect((JSON.parse(readFileSync(statePath, 'utf8')) as { webSessions: unknown[] }).webSessions).toHaveLength(1);
  });
});

describe('imports', () => {
  it('re-importing a document replaces it; a new year is added beside the old', async () => {
    const store = await TaskStore.open(storePath);
    const doc = await parseSeed('000_8f567bc9b8b33b76.txt');
    expect(await store.putDocuments([doc])).toEqual([{ documentId: doc.document.id, replaced: false }]);
    expect(await store.putDocuments([doc])).toEqual([{ documentId: doc.document.id, replaced: true }]);
    expect(store.data.documents).toHaveLength(1);
    expect(store.data.tasks).toHaveLength(79);

    const nextYear = { ...doc, document: { ...doc.document, id: '2023-next', year: 2023 }, tasks: doc.tasks.map((t) => ({ ...t, id: `2023-next-${t.seq}`, documentId: '2023-next' })) };
    await store.putDocuments([nextYear]);
    expect(store.data.documents.map((d) => d.year).sort()).toEqual([2022, 2023]);
    expect(store.data.tasks).toHaveLength(158);
    await store.close();
  });

  it('a failed write reports failure and leaves memory as it was', async () => {
    const store = await TaskStore.open(storePath);
    const doc = await parseSeed('000_8f567bc9b8b33b76.txt');
    cleanup();
    await expect(store.putDocuments([doc])).rejects.toBeInstanceOf(StoreError);
    expect(store.data.documents).toHaveLength(0);
  });
});

describe('a corrupt store', () => {
  it.each([
    ['not JSON', '{"version":1,"documents":[', /不是有效的 JSON/],
    ['JSON of the wrong shape', '{"version":1,"documents":[{"id":3}],"tasks":[]}', /不符合格式/],
    ['a future version', '{"version":9,"documents":[],"tasks":[]}', /更新的版本写入/],
  ])('%s stops start-up with a clear message and is never overwritten', async (_name, content, message) => {
    writeFileSync(storePath, content);
    await expect(openStore(storePath, SEEDS_DIR, NOW)).rejects.toThrow(message);
    expect(readFileSync(storePath, 'utf8')).toBe(content);
    expect(existsSync(`${storePath}.lock`)).toBe(false);
  });
});

function startWriter(path: string, mode: 'import' | 'ledger' = 'import'): { child: ChildProcess; lines: string[]; ready: Promise<void> } {
  const { child, lines, printed } = startChild(writerScript, [path, mode]);
  return { child, lines, ready: printed('ready') };
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('one process owns the file', () => {
  it('a second process is refused while the first lives, may read, and takes over once it is gone', async () => {
    const { child, ready } = startWriter(storePath);
    await ready;
    await expect(TaskStore.open(storePath)).rejects.toThrow(/正被进程 \d+/);
    const reader = await TaskStore.open(storePath, { readOnly: true });
    await expect(reader.putDocuments([])).rejects.toThrow(/只读/);
    child.kill('SIGKILL');
    await exited(child);
    const owner = await TaskStore.open(storePath);
    expect(owner.readOnly).toBe(false);
    await owner.close();
  });
});

describe('crashes', () => {
  it('killed at random moments 50 times, the file always parses and holds every write reported done', async () => {
    const file = new ValidatedJsonFile(storePath, PlanFileSchema);
    let reported = new Set<string>();
    let kills = 0;
    for (let round = 0; round < 50; round++) {
      const { child, lines, ready } = startWriter(storePath);
      await ready;
      await new Promise((r) => setTimeout(r, Math.random() * 120));
      child.kill('SIGKILL');
      await exited(child);
      kills++;
      for (const line of lines) if (line.startsWith('done ')) reported.add(`crash-${line.slice(5)}`);
      const data = await file.read();
      const stored = new Set(data?.documents.map((d) => d.id) ?? []);
      for (const id of reported) expect(stored.has(id), `${id} was reported written`).toBe(true);
      reported = stored;
    }
    expect(kills).toBe(50);
    expect(reported.size).toBeGreaterThan(0);
    // Whatever the kills left half-written is gone once the store is opened again.
    await (await TaskStore.open(storePath)).close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 180_000);

  it('ledger writes through the state log, killed at random moments 10 times: every write reported done is there once', async () => {
    let reported: string[] = [];
    for (let round = 0; round < 10; round++) {
      const { child, lines, ready } = startWriter(storePath, 'ledger');
      await ready;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 100));
      child.kill('SIGKILL');
      await exited(child);
      reported = [...reported, ...lines.filter((l) => l.startsWith('done ')).map((l) => `n${l.slice(5)}`)];
      const store = await TaskStore.open(storePath, { readOnly: true });
      const notes = store.data.ledger.map((e) => e.note);
      await store.close();
      expect(new Set(notes).size, 'no event twice').toBe(notes.length);
      for (const note of reported) expect(notes).toContain(note);
    }
    expect(reported.length).toBeGreaterThan(10);
  }, 180_000);
});

describe('what a killed writer leaves', () => {
  it('its temp files (of any pid: a container restarts with the same one) are removed at the next start', async () => {
    const { pid: dead } = spawnSync(process.execPath, ['-e', '']);
    const left = [`store.json.${dead}.7.tmp`, `store.json.${process.pid}.3.tmp`, `store.json.state.json.${dead}.2.tmp`, `store.json.sessions.json.${process.pid}.1.tmp`];
    for (const name of left) writeFileSync(join(dir, name), 'x'.repeat(512 * 1024));
    writeFileSync(join(dir, 'store.json.backup.tmp'), 'not ours');
    const store = await TaskStore.open(storePath);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual(['store.json.backup.tmp']);
    expect(existsSync(join(dir, 'store.json.lock'))).toBe(true);
    await store.close();
  });
});

describe('a symlinked store', () => {
  it('is written through the link: the link stays a link, the store’s files are beside the target, and the lock is the target’s', async () => {
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'store.json');
    symlinkSync(target, storePath);
    const { store } = await openStore(storePath, SEEDS_DIR, NOW);
    await store.change((d) => void d.chats.push({ chat: 'telegram:-1', region: '汶上县', by: 'cli', at: '' }));
    expect(lstatSync(storePath).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).tasks).toHaveLength(294);
    await expect(TaskStore.open(target)).rejects.toThrow(/正被进程/);
    await store.close();
    expect(JSON.parse(readFileSync(`${target}.state.json`, 'utf8')).chats).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['real', 'store.json']);
    expect(readdirSync(join(dir, 'real')).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });
});

describe('fields this version does not know', () => {
  const base = { version: 1, documents: [], tasks: [] };

  it('a collection written by a newer version is kept through a write (and through the split of a version 1 file)', async () => {
    writeFileSync(storePath, JSON.stringify({ ...base, futureCollection: [{ token: 't', unit: '民政局' }] }));
    const store = await TaskStore.open(storePath);
    await store.change((d) => void d.chats.push({ chat: 'telegram:-1', region: '汶上县', by: 'cli', at: '' }));
    await store.close();
    expect(JSON.parse(readFileSync(`${storePath}.state.json`, 'utf8'))).toMatchObject({ futureCollection: [{ token: 't', unit: '民政局' }], chats: [{ chat: 'telegram:-1' }] });
  });

  it('in the state file and the plan file, unknown collections are kept through changes and imports', async () => {
    writeFileSync(storePath, JSON.stringify({ version: 2, documents: [], tasks: [], futurePlan: { a: 1 } }));
    writeFileSync(`${storePath}.state.json`, JSON.stringify({ version: 2, logSeq: 0, futureCollection: [{ token: 't' }] }));
    const store = await TaskStore.open(storePath);
    await store.change((d) => void d.chats.push({ chat: 'telegram:-1', region: '汶上县', by: 'cli', at: '' }));
    await store.putDocuments([await parseSeed('000_8f567bc9b8b33b76.txt')]);
    await store.close();
    expect(JSON.parse(readFileSync(`${storePath}.state.json`, 'utf8'))).toMatchObject({ futureCollection: [{ token: 't' }], chats: [{ chat: 'telegram:-1' }] });
    expect(JSON.parse(readFileSync(storePath, 'utf8'))).toMatchObject({ futurePlan: { a: 1 } });
  });

  it('an unknown field inside a record of the state file is refused by name, and the file left as it was', async () => {
    writeFileSync(storePath, JSON.stringify({ version: 2, documents: [], tasks: [] }));
    const content = JSON.stringify({ version: 2, logSeq: 0, bindings: [], chats: [{ chat: 'telegram:-1', region: '汶上县', by: 'cli', at: '', priority: 'high' }] });
    writeFileSync(`${storePath}.state.json`, content);
    await expect(TaskStore.open(storePath)).rejects.toThrow(/不认识的字段（chats\.0\.priority）/);
    expect(readFileSync(`${storePath}.state.json`, 'utf8')).toBe(content);
    expect(existsSync(`${storePath}.lock`)).toBe(false);
  });

  it('an unknown field inside a record is refused by name, and the file left as it was', async () => {
    const content = JSON.stringify({ ...base, chats: [{ chat: 'telegram:-1', region: '汶上县', by: 'cli', at: '', priority: 'high' }] });
    writeFileSync(storePath, content);
    await expect(TaskStore.open(storePath)).rejects.toThrow(/不认识的字段（chats\.0\.priority）/);
    expect(readFileSync(storePath, 'utf8')).toBe(content);
    expect(existsSync(`${storePath}.lock`)).toBe(false);
  });
});
