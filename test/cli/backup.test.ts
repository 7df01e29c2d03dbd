// Backup and restore: a round trip keeps everything (the ledger included); a backup taken while the
// bot writes is whole; a restore checks the file first, refuses to replace data without --force,
// keeps what it replaces, and never runs beside the bot.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshot, snapshotText } from '../../src/store/backup.ts';
import { emptyStore } from '../../src/store/schema.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { NOW } from '../helpers.ts';
import { useCli } from './run.ts';

const { cli, dir, storePath } = useCli();

/** Records progress on a task, as staff do from the chat. */
async function markDone(n: number): Promise<void> {
  await cli('ask', '汶上县民政局有哪些任务', '--chat', 'c1');
  const { code, out } = await cli('ask', `完成 ${n}`, '--chat', 'c1');
  expect(code).toBe(0);
  expect(out).toMatch(/完成/);
}

/** Everything the store holds, read as the bot would (the plan, the state and its log). */
async function storeData(path = storePath()): Promise<unknown> {
  const store = await TaskStore.open(path, { readOnly: true });
  try {
    return store.data;
  } finally {
    await store.close();
  }
}
const ledgerOf = async (): Promise<unknown[]> => ((await storeData()) as { ledger: unknown[] }).ledger;

describe('a round trip', () => {
  it('backup, then restore after changes, gives back exactly what was backed up, the ledger included', async () => {
    await markDone(1);
    await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县');
    const file = join(dir(), 'backup.json');
    const backup = await cli('backup', file);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('1 条台账记录、1 个订阅');
    const atBackup = await storeData();

    await markDone(2);
    await cli('unsubscribe', '--chat', 'robot:ops');
    expect(await ledgerOf()).toHaveLength(2);

    const refused = await cli('restore', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/已有数据.*--force/);
    expect(await ledgerOf()).toHaveLength(2);

    const restored = await cli('restore', file, '--force');
    expect(restored.code).toBe(0);
    expect(await storeData()).toEqual(atBackup);
    // What the restore replaced is kept.
    const kept = readdirSync(dir()).filter((f) => f.includes('before-restore'));
    expect(kept).toHaveLength(1);
    // …as a snapshot of its own, restorable the same way.
    expect((await readSnapshot(join(dir(), kept[0]!))).data.ledger).toHaveLength(2);
  });

  it('restores onto a fresh server (no store yet) without --force', async () => {
    await markDone(1);
    const file = join(dir(), 'backup.json');
    await cli('backup', file);
    const data = await storeData();
    const fresh = join(dir(), 'fresh');
    mkdirSync(fresh);
    const restored = await cli2(fresh, 'restore', file);
    expect(restored.code).toBe(0);
    expect(await storeData(join(fresh, 'store.json'))).toEqual(data);
  });

  it('a directory gets a backup named by the time; an existing file is not overwritten without --force', async () => {
    await cli('docs');
    const folder = join(dir(), 'backups');
    mkdirSync(folder);
    const { code, out } = await cli('backup', folder, '--json');
    expect(code).toBe(0);
    const { file, tasks } = JSON.parse(out) as { file: string; tasks: number };
    expect(file).toBe(join(folder, 'zwgk-backup-2026-11-23T020000Z.json'));
    expect(tasks).toBeGreaterThan(200);
    const again = await cli('backup', file);
    expect(again.code).toBe(2);
    expect(again.err).toContain('已存在');
    expect((await cli('backup', file, '--force')).code).toBe(0);
  });

  it('a backup of a store that does not exist yet builds nothing', async () => {
    const { code, err } = await cli('backup', join(dir(), 'b.json'));
    expect(code).toBe(1);
    expect(err).toContain('还不存在');
    expect(existsSync(storePath())).toBe(false);
  });
});

describe('a restore checks the backup first and changes nothing when it is bad', () => {
  const good = (): string => snapshotText({ ...emptyStore() }, 'x', NOW);
  it.each([
    ['not JSON', () => '{"kind":"zwgk-bot-backup",', /不是有效的 JSON/],
    ['not a backup (a store file)', () => JSON.stringify(emptyStore()), /不是本程序的备份文件/],
    ['edited after the backup', () => good().replace('"tasks":[]', '"tasks":[1]'), /校验和不符/],
    ['truncated', () => good().slice(0, -20), /不是有效的 JSON/],
    ['of a newer format inside', () => snapshotText({ ...emptyStore(), version: 9 } as never, 'x', NOW), /更新的版本/],
  ])('%s', async (_name, content, message) => {
    await markDone(1);
    const before = await storeData();
    const file = join(dir(), 'bad.json');
    writeFileSync(file, content());
    const { code, err } = await cli('restore', file, '--force');
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(await storeData()).toEqual(before);
  });

  it('a missing file says so', async () => {
    const { code, err } = await cli('restore', join(dir(), 'nope.json'));
    expect(code).toBe(1);
    expect(err).toContain('无法读取备份文件');
  });
});

describe('beside the running bot', () => {
  it('a restore is refused while the bot holds the store, naming it; nothing changes', async () => {
    await cli('docs');
    const file = join(dir(), 'b.json');
    await cli('backup', file);
    const bot = await TaskStore.open(storePath());
    try {
      const { code, err } = await cli('restore', file, '--force');
      expect(code).toBe(1);
      expect(err).toContain(`机器人正在运行（进程 ${process.pid}）`);
    } finally {
      await bot.close();
    }
  });

  it('backups taken while the bot writes are each whole and consistent', async () => {
    await cli('docs');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'store', 'writer-child.ts'), storePath()], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => c.toString().includes('done') && resolve()));
      for (let i = 0; i < 10; i++) {
        const file = join(dir(), `during-${i}.json`);
        expect((await cli('backup', file)).code).toBe(0);
        const snapshot = await readSnapshot(file);
        expect(snapshot.counts.tasks).toBe(snapshot.data.tasks.length);
        // Every document's tasks are all there: no write was caught halfway.
        const written = snapshot.data.documents.filter((doc) => doc.id.startsWith('crash-'));
        expect(written.length).toBeGreaterThan(0);
        for (const d of written) {
          expect(snapshot.data.tasks.filter((t) => t.documentId === d.id)).toHaveLength(300);
        }
      }
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

/** The CLI on another store path (a fresh server). */
async function cli2(folder: string, ...argv: string[]) {
  const { runCli } = await import('../../src/cli/index.ts');
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW, env: { ZWGK_STORE: join(folder, 'store.json'), ZWGK_SEEDS_DIR: join(folder, 'none') } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
