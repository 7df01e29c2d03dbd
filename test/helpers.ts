// Shared test helpers: the bundled seed documents, parsed once per file, and temporary directories.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from '../src/ingest/import-document.ts';
import type { ParsedDocument } from '../src/model/task.ts';
import { unitKey } from '../src/model/unit-names.ts';
import type { Task } from '../src/model/task.ts';

export const SEEDS_DIR = join(import.meta.dirname, '..', 'data', 'seeds');
export const FIXTURES_DIR = join(import.meta.dirname, 'fixtures');
export const NOW = new Date('2026-11-23T02:00:00Z');

export const seedFiles = (): string[] => readdirSync(SEEDS_DIR).sort();

const cache = new Map<string, Promise<ParsedDocument>>();
export function parseSeed(file: string): Promise<ParsedDocument> {
  let p = cache.get(file);
  if (!p) {
    p = parseDocument(file, readFileSync(join(SEEDS_DIR, file)), { now: NOW });
    cache.set(file, p);
  }
  return p;
}

export function parseFixture(name: string, options: { region?: string; year?: number } = {}): Promise<ParsedDocument> {
  return parseDocument(name, readFileSync(join(FIXTURES_DIR, name)), { ...options, now: NOW });
}

/** True when the task names the unit as written or under the same alias key. */
export function names(units: readonly string[], unit: string): boolean {
  return units.some((u) => u === unit || unitKey(u) === unitKey(unit));
}

export function findTask(tasks: readonly Task[], text: string): Task {
  const found = tasks.filter((t) => t.requirement.includes(text));
  if (found.length !== 1) throw new Error(`expected one task containing “${text}”, found ${found.length}`);
  return found[0] as Task;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-'));
  // Retries: a bot process stopped by a signal may still be writing its last status file for a moment.
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }) };
}

/** Waits until a condition holds (polling), or fails after `ms`. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A TCP port free on 127.0.0.1 right now (for a child process's HTTP server). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The repository's root, where a newcomer types `npm start`. */
export const REPO_ROOT = join(import.meta.dirname, '..');

/** A bot started as a newcomer does: `npm start` in its own process group, every line it writes kept. */
export interface StartedBot {
  child: ChildProcess;
  /** stdout and stderr, as written. */
  logs: string[];
  /** SIGTERM to the group (as a service manager or Ctrl+C does), then waits until the bot let go of its store. */
  stop(): Promise<number | null>;
}

/** Waits this long for the bot (not npm, which exits at once) to release the store's lock after SIGTERM. */
const STOP_WAIT_MS = 30_000;

export function startBot(env: NodeJS.ProcessEnv, storePath: string): StartedBot {
  const child = spawn('npm', ['start', '--silent'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const logs: string[] = [];
  child.stdout?.on('data', (c: Buffer) => logs.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => logs.push(c.toString()));
  const stop = async (): Promise<number | null> => {
    const code = await new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (c) => resolve(c));
      process.kill(-(child.pid as number), 'SIGTERM');
    });
    // The lock is released last: when it is gone, the bot is done.
    await until(() => !existsSync(`${storePath}.lock`), STOP_WAIT_MS);
    return code;
  };
  return { child, logs, stop };
}
