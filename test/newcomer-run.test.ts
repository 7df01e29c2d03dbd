// A newcomer's first hour, scripted: the README's commands, the console's first screen exactly as a
// person sees it in a terminal (tmux), `--help` of every command, progress recorded in the chat, a
// backup while the bot runs, an import handed to the running bot, `cli status` on the running bot, and a
// restore after it stops. .ci/run does the same from a fresh clone after `npm install` (scripts/newcomer.sh).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../src/cli/index.ts';
import { chatText } from '../src/texts/chat.ts';
import { cliText } from '../src/texts/cli.ts';
import { startText } from '../src/texts/ops.ts';
import { Terminal } from './app/terminal.ts';
import { FIXTURES_DIR, freePort, SEEDS_DIR, tempDir, until } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

let dir = '';
let cleanup = (): void => {};
let port = 0;
let terminal: Terminal | null = null;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  port = await freePort();
});
afterAll(() => {
  terminal?.close();
  cleanup();
});

/** A newcomer's environment: nothing configured but where this test keeps its files. */
const env = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? dir,
  TERM: 'xterm-256color',
  ZWGK_STORE: join(dir, 'data', 'store.json'),
  ZWGK_SEEDS_DIR: SEEDS_DIR,
  ZWGK_EXPORT_DIR: join(dir, 'data', 'exports'),
  ZWGK_WEB_PORT: String(port),
});

/** `npm run -s cli -- …` as the README writes it. */
function cli(...argv: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync('npm', ['run', '-s', 'cli', '--', ...argv], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** The same, without npm in between, several at once (for the help of every command). */
function cliDirect(argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...argv], { cwd: ROOT, env: env() });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

/** The ledger's size as an operator reads it: `cli status --json` (the store's files are the engine's business). */
const ledgerCount = (): number => (JSON.parse(cli('status', '--json').out) as { store: { counts: { ledger: number } } }).store.counts.ledger;

describe('a newcomer, following the README', () => {
  it('the README says to run `npm install && npm start` and `npm install && npm test`, in English and in Chinese', () => {
    const quickStart = README.slice(README.indexOf('## Quick start'), README.indexOf('## What the bot understands'));
    const commands = [...quickStart.matchAll(/^(npm [^#\n]+?)\s+#/gm)].map((m) => m[1]);
    expect(commands).toEqual(['npm install && npm start', 'npm install && npm test']);
    const guide = README.slice(README.indexOf('## 运营人员指南'));
    expect(guide).toContain('`npm install && npm start`');
    expect(guide).not.toMatch(/npm ci\b/);
  });

  it('the first screen of `npm start` is the greeting and the prompt, nothing else', async () => {
    terminal = Terminal.open('npm start --silent', ROOT, env());
    await terminal.waitFor('Ctrl+D', 60_000);
    // Whatever the start still writes (adapters, the HTTP server) would land here: give it time to.
    await new Promise((r) => setTimeout(r, 2_000));
    const store = JSON.parse(readFileSync(join(dir, 'data', 'store.json'), 'utf8')) as { tasks: Array<{ region: string }> };
    const greeting = chatText.greeting(new Set(store.tasks.map((t) => t.region)).size, store.tasks.length);
    expect(terminal.screen()).toEqual([...greeting.split('\n'), '>']);
  }, 90_000);

  it('asks, records progress in the chat, and gets the prompt back each time', async () => {
    const t = terminal as Terminal;
    t.type('汶上县民政局有哪些任务');
    await t.waitFor('点名负责');
    t.type('完成 1');
    await until(() => ledgerCount() === 1, 20_000);
    await until(() => t.screen().at(-1) === '>', 10_000);
  }, 40_000);

  it('`cli status` on the running bot: running, the console up, the ledger counted, exit 0; /healthz answers 200', async () => {
    const { code, out } = cli('status');
    expect(out).toMatch(/^机器人：运行中（进程 \d+/);
    expect(out).toContain('console：正常');
    expect(out).toContain('console:console：最近成功发送');
    expect(out).toContain('1 条台账记录');
    expect(out).toContain('状态：正常');
    expect(code).toBe(0);
    // The HTTP server runs for the web 台账 (on by default): it answers health checks too.
    expect(out).toContain(`健康检查：http://127.0.0.1:${port}/healthz`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', adapters: [{ name: 'console', state: 'up' }] });
  }, 60_000);

  it('`--help` of every command prints its usage and an example', async () => {
    const [all, tasks] = await Promise.all([cliDirect(['--help']), cliDirect(['tasks', '--help'])]);
    expect(all.code).toBe(0);
    expect(tasks.out.trim()).toBe(cliText.commandHelp(COMMANDS.tasks!));
    // Every other command the same way, in this process (the same code, without a Node start each).
    for (const [name, command] of Object.entries(COMMANDS)) {
      expect(all.out).toContain(command.usage);
      const out: string[] = [];
      expect(await runCli([name, '--help'], { out: (l) => out.push(l), err: () => {}, now: () => new Date(), env: env() }), name).toBe(0);
      expect(out.join('\n')).toBe(cliText.commandHelp(command));
      expect(out.join('\n')).toMatch(/\n例如: npm run -s cli -- \S/);
    }
    const start = spawnSync('npm', ['start', '--silent', '--', '--help'], { cwd: ROOT, env: env(), encoding: 'utf8' });
    expect(start.stdout.trim()).toBe(startText.usage);
  }, 120_000);

  it('backs up while the bot runs, imports through it, and cannot restore beside it', async () => {
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    const backup = cli('backup', backups);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('1 条台账记录');
    const [file] = readdirSync(backups);
    expect(file).toMatch(/^zwgk-backup-.*\.json$/);

    const imported = cli('import', join(FIXTURES_DIR, 'sixth-layout.md'), '--region', '测试县', '--year', '2023');
    expect(imported.err).toBe('');
    expect(imported.out).toContain('已交给进程');

    const t = terminal as Terminal;
    t.type('汶上县民政局有哪些任务');
    await t.waitFor('点名负责');
    t.type('完成 2');
    await until(() => ledgerCount() === 2, 20_000);

    const refused = cli('restore', join(backups, file!), '--force');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('机器人正在运行');
    expect(ledgerCount()).toBe(2);
  }, 120_000);

  it('after the bot stops: status says so; restore needs --force and brings the ledger back to the backup', async () => {
    const t = terminal as Terminal;
    t.endOfInput();
    await t.waitFor('[exit 0]', 30_000);
    const status = cli('status');
    expect(status.code).toBe(1);
    expect(status.out).toContain('机器人：未运行');

    const [file] = readdirSync(join(dir, 'backups'));
    const backupFile = join(dir, 'backups', file!);
    const refused = cli('restore', backupFile);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--force');
    const restored = cli('restore', backupFile, '--force');
    expect(restored.code).toBe(0);
    expect(ledgerCount()).toBe(1);
    expect(readdirSync(join(dir, 'data')).some((f) => f.includes('before-restore'))).toBe(true);
    expect(existsSync(join(dir, 'data', 'store.json.lock'))).toBe(false);
  }, 120_000);
});
