// The control socket: the CLI hands an import to the running bot, which writes it into the store it
// owns; a bot that does not listen is said plainly; a bad request changes nothing.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ControlServer, controlPath, sendControl } from '../../src/app/control.ts';
import { ControlUnavailableError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { FIXTURES_DIR } from '../helpers.ts';
import { useCli } from '../cli/run.ts';

const { cli, storePath } = useCli();

/** As the running bot: the store's lock held, the control socket listening. */
async function runningBot(): Promise<{ store: TaskStore; control: ControlServer; stop: () => Promise<void> }> {
  const store = await TaskStore.open(storePath());
  const control = await ControlServer.listen(controlPath(storePath()), { importDocuments: (docs) => store.putDocuments(docs) }, silentLogger);
  return { store, control, stop: async () => (await control.close(), await store.close()) };
}

describe('import while the bot runs', () => {
  it('goes to the bot, which writes it: the store it answers from has the new plan at once', async () => {
    await cli('docs');
    const bot = await runningBot();
    try {
      const before = bot.store.data.documents.length;
      const { code, out, err } = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'), '--region', '测试县', '--year', '2023');
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain('已导入');
      expect(out).toContain(`已交给进程 ${process.pid} 写入`);
      expect(bot.store.data.documents).toHaveLength(before + 1);
      expect(bot.store.index.regions()).toContain('测试县');
      // Written to the file too, by the bot.
      expect(readFileSync(storePath(), 'utf8')).toContain('测试县');
    } finally {
      await bot.stop();
    }
  });

  it('a file that does not parse is refused by the CLI before the bot is asked', async () => {
    await cli('docs');
    const bot = await runningBot();
    try {
      const { code, err } = await cli('import', join(FIXTURES_DIR, 'office', 'plan.docx.missing'));
      expect(code).toBe(1);
      expect(err).toContain('plan.docx.missing');
    } finally {
      await bot.stop();
    }
  });

  it('a bot that does not listen: the message says why and what to do; nothing is written', async () => {
    await cli('docs');
    const before = readFileSync(storePath(), 'utf8');
    const store = await TaskStore.open(storePath());
    try {
      const { code, err } = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'));
      expect(code).toBe(1);
      expect(err).toContain(`机器人正在运行（进程 ${process.pid}）`);
      expect(err).toContain('systemctl stop zwgk-bot');
    } finally {
      await store.close();
    }
    expect(readFileSync(storePath(), 'utf8')).toBe(before);
  });
});

describe('the socket', () => {
  it('nobody listening is ControlUnavailableError', async () => {
    await expect(sendControl(join(storePath(), '..', 'none.sock'), { op: 'import', documents: [] })).rejects.toBeInstanceOf(ControlUnavailableError);
  });

  it('a request that is not a valid import is refused and changes nothing', async () => {
    await cli('docs');
    const bot = await runningBot();
    try {
      const response = await sendControl(controlPath(storePath()), { op: 'import', documents: [{ document: { id: 'x' } }] } as never);
      expect(response).toMatchObject({ ok: false });
      expect(bot.store.data.documents.some((d) => d.id === 'x')).toBe(false);
    } finally {
      await bot.stop();
    }
  });

  it('is for the owner only', async () => {
    await cli('docs');
    const bot = await runningBot();
    try {
      const { statSync } = await import('node:fs');
      expect(statSync(controlPath(storePath())).mode & 0o777).toBe(0o600);
    } finally {
      await bot.stop();
    }
  });
});
