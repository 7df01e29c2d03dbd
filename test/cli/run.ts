// Runs the command line in-process on a store in a fresh temporary directory (one per test).
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { NOW, SEEDS_DIR, tempDir } from '../helpers.ts';

/** The robots the tests' configuration names (reminders to robot:ops). */
export const ROBOTS = JSON.stringify([{ name: 'ops', type: 'wecom', key: 'test-wecom-key' }]);

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export interface CliHarness {
  /** The test's temporary directory (holds store.json). */
  dir: () => string;
  storePath: () => string;
  cli: (...argv: string[]) => Promise<CliResult>;
}

/** Registers a fresh temporary directory around each test, and returns how to run the CLI in it. */
export function useCli(): CliHarness {
  let dir = '';
  let cleanup = (): void => {};
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());
  const storePath = (): string => join(dir, 'store.json');
  const cli = async (...argv: string[]): Promise<CliResult> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => NOW,
      env: { ZWGK_STORE: storePath(), ZWGK_SEEDS_DIR: SEEDS_DIR, ZWGK_ROBOTS: ROBOTS, ZWGK_EXPORT_DIR: join(dir, 'exports') },
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  return { dir: () => dir, storePath, cli };
}

export const seed = (name: string): string => join(SEEDS_DIR, name);
