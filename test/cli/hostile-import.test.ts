// Hostile files through `cli import` in a child process with a 1 GB heap (--max-old-space-size=1024):
// each is refused within seconds with a clear message, the process exits normally (no out-of-memory
// abort) having stayed under 1 GB of resident memory, and the store file is byte for byte unchanged.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileFiles } from '../hostile-files.ts';
import { SEEDS_DIR, tempDir } from '../helpers.ts';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');
const READER_WORKER = join(ROOT, 'src', 'ingest', 'sandbox', 'reader-worker.mjs');
const RSS_REPORTER = join(import.meta.dirname, 'max-rss.mjs');
const HEAP_MB = 1024;
/** Resident memory the child may reach, heap and readers' worker included: below 1 GB. */
const MAX_RSS_KB = 1024 * 1024;
/** "Within seconds": far above what a refusal takes, far below the minutes the issue saw. */
const WITHIN_MS = 30_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
  maxRssKb: number;
}

let dir = '';
let cleanup = (): void => {};
/** The CLI bundled once (children start as plain Node, not through tsx), its reader worker beside it. */
let cli = '';

/**
 * Bundles the CLI with its packages left to node_modules, except the holiday calendar's JSON (imported
 * with an attribute a bundle does not keep), and puts the reader worker beside it.
 */
async function bundleCli(): Promise<string> {
  const outDir = join(ROOT, 'node_modules', '.cache', 'zwgk-tests');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `cli-${process.pid}.mjs`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<'dependencies' | 'devDependencies', Record<string, string>>;
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => name !== 'chinese-days')
    .flatMap((name) => [name, `${name}/*`]);
  await build({ entryPoints: [join(ROOT, 'src', 'cli', 'index.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', external, logLevel: 'error' });
  copyFileSync(READER_WORKER, join(dirname(outfile), 'reader-worker.mjs'));
  return outfile;
}
const store = (): string => join(dir, 'store.json');

function cliImport(file: string): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, '--import', RSS_REPORTER, cli, 'import', file],
      { cwd: ROOT, env: { ...process.env, ZWGK_STORE: store() }, timeout: 4 * WITHIN_MS },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const rss = /max-rss-kb (\d+)/.exec(stderr);
        resolve({ code, signal: error?.signal ?? null, stderr, ms: performance.now() - started, maxRssKb: rss ? Number(rss[1]) : Infinity });
      },
    );
  });
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  cli = await bundleCli();
  const seeded = await cliImport(join(SEEDS_DIR, '000_8f567bc9b8b33b76.txt'));
  expect(seeded.code, seeded.stderr).toBe(0);
  for (const h of hostileFiles) writeFileSync(join(dir, h.name), await h.bytes());
  execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
}, 4 * WITHIN_MS);
afterAll(() => cleanup());

const cases = [
  ...hostileFiles.map((h) => ({ what: h.what, file: () => join(dir, h.name), message: h.message })),
  { what: 'a FIFO', file: () => join(dir, 'fifo.txt'), message: /不是普通文件（FIFO）/ },
  { what: '/dev/zero', file: () => '/dev/zero', message: /不是普通文件（device）/ },
];

// One child at a time, so that each one's time is its own.
describe('cli import of a hostile file, in a child process with a 1 GB heap', () => {
  it.each(cases)('$what: refused within seconds, under 1 GB, the store unchanged', async ({ file, message }) => {
    const before = sha256(store());
    const files = readdirSync(dir).sort();
    const run = await cliImport(file());
    expect(run.signal, run.stderr).toBeNull();
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/heap out of memory|FATAL ERROR/);
    expect(run.ms).toBeLessThan(WITHIN_MS);
    expect(run.maxRssKb).toBeLessThan(MAX_RSS_KB);
    expect(sha256(store())).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(files);
  }, 4 * WITHIN_MS);
});
