// Compiles the bot and the command line to dist/ (esbuild: one bundle of our own code per entry, with
// chunks for what is loaded only when used; packages stay in node_modules), so production starts
// without compiling TypeScript. `npm run build`; `npm start` builds first when dist/ is stale.
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
export const DIST = join(root, 'dist');
export const STAMP = join(DIST, '.built');
/** What the build is made from: a change to any of these makes dist/ stale. */
const SOURCES = ['src', 'adapters', 'package.json', 'package-lock.json'];

async function newestIn(path) {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestIn(join(path, entry)));
  return newest;
}

/** True when dist/ is missing or older than a source file. */
export async function stale() {
  const built = await stat(STAMP).catch(() => null);
  if (!built) return true;
  let newest = 0;
  for (const source of SOURCES) newest = Math.max(newest, await newestIn(join(root, source)));
  return newest > built.mtimeMs;
}

const packagesExternal = {
  name: 'packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.endsWith('.json') ? undefined : { path: args.path, external: true }));
  },
};

export async function buildDist() {
  // Chunk names change with their content: old ones are removed, not left beside the new.
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  await build({
    entryPoints: { main: join(root, 'src/app/main.ts'), cli: join(root, 'src/cli/index.ts') },
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay in node_modules, except JSON data a package ships (chinese-days' calendar): esbuild
    // would drop its import attribute, which Node requires, so that is bundled.
    plugins: [packagesExternal],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  await writeFile(STAMP, new Date().toISOString());
}

if (import.meta.url === `file://${process.argv[1]}`) await buildDist();
