// Child processes for the store's multi-process tests. Each test entry (a small TypeScript file) is
// bundled once with esbuild into node_modules/.cache, so hundreds of children start as plain Node in
// tens of milliseconds instead of each compiling the sources through tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'zwgk-tests');

/** Bundles `entry` (packages left to node_modules) and returns the bundle's path. */
export async function bundle(entry: string): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, `${basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return outfile;
}

export interface Child {
  child: ChildProcess;
  lines: string[];
  /** Resolves when the child printed `line` (rejects when it exits first). */
  printed: (line: string) => Promise<void>;
  exited: Promise<void>;
}

/** Starts `node <script> ...args`, collecting its stdout lines. */
export function startChild(script: string, args: readonly string[], options: { stdin?: boolean } = {}): Child {
  const child = spawn(process.execPath, [script, ...args], { stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting = new Map<string, Array<() => void>>();
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const resolve of waiting.get(line) ?? []) resolve();
      waiting.delete(line);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const printed = (line: string): Promise<void> =>
    lines.includes(line)
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          waiting.set(line, [...(waiting.get(line) ?? []), resolve]);
          void exited.then(() => reject(new Error(`child exited before printing “${line}”: ${lines.join(' | ')}`)));
        });
  return { child, lines, printed, exited };
}
