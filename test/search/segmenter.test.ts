// Segmentation where the native jieba binary is missing (linux-arm64 when the registry lacks it): the
// WebAssembly build takes over, gives the same words, and the bot gives the same answers.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSegmenter, segmenterChoice } from '../../src/search/segmenter.ts';
import { SEEDS_DIR, tempDir } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WORDS = ['低保', '放管服', '以旧换新'];
/** What the native loader of @node-rs/jieba throws when no binary for the platform is installed. */
const MISSING = new Error('Cannot find native binding. npm has a bug related to optional dependencies');
/** The real loader, for the modules not made to fail. */
const loadReal = createRequire(import.meta.url);
/** A loader on a machine without the native binary. */
const withoutNative = (id: string): unknown => {
  if (id.startsWith('@node-rs/jieba')) throw MISSING;
  return loadReal(id);
};

describe('choosing the segmenter', () => {
  it('falls back to the WebAssembly build when the native binary cannot be loaded, and says why', () => {
    const s = loadSegmenter(WORDS, 'auto', withoutNative);
    expect(s.engine).toBe('wasm');
    expect(s.fallbackReason).toContain('Cannot find native binding');
    expect(s.cut('低保信息在哪公开')).toEqual(['低保', '信息', '在', '哪', '公开']);
  });

  it('uses the native build when it loads', () => {
    expect(loadSegmenter(WORDS, 'auto').engine).toBe('native');
  });

  it('a forced native build that is missing fails loudly rather than falling back', () => {
    expect(() => loadSegmenter(WORDS, 'native', withoutNative)).toThrow(MISSING);
  });

  it.each([
    [{}, 'auto'],
    [{ ZWGK_SEGMENTER: 'wasm' }, 'wasm'],
    [{ ZWGK_SEGMENTER: 'native' }, 'native'],
    [{ ZWGK_SEGMENTER: 'gpu' }, 'auto'],
  ])('%j → %s', (env, choice) => {
    expect(segmenterChoice(env)).toBe(choice);
  });
});

describe('the WebAssembly build segments as the native one does', () => {
  it('on every eval question and every line of the bundled documents, both ways of cutting', () => {
    const native = loadSegmenter(WORDS, 'native');
    const wasm = loadSegmenter(WORDS, 'wasm');
    const questions = (JSON.parse(readFileSync(join(ROOT, 'eval', 'questions.json'), 'utf8')) as { questions: Array<{ turns: string[] }> }).questions.flatMap((q) => q.turns);
    const lines = readdirSync(SEEDS_DIR).flatMap((f) => readFileSync(join(SEEDS_DIR, f), 'utf8').split('\n')).filter((l) => l.trim());
    const texts = [...questions, ...lines];
    expect(texts.length).toBeGreaterThan(500);
    const differing = texts.filter((t) => JSON.stringify(native.cut(t)) !== JSON.stringify(wasm.cut(t)) || JSON.stringify(native.cutForSearch(t)) !== JSON.stringify(wasm.cutForSearch(t)));
    expect(differing).toEqual([]);
  });
});

describe('a machine without the native binary', () => {
  it('answers as this one does: the CLI falls back by itself', () => {
    // NAPI_RS_NATIVE_LIBRARY_PATH makes @node-rs/jieba look for its binary where there is none, as on
    // a platform the registry has no binary for.
    const missing = { NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/jieba.node' };
    const probe = spawnSync(process.execPath, ['-e', "require('@node-rs/jieba')"], { cwd: ROOT, env: { ...process.env, ...missing }, encoding: 'utf8' });
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toContain('Cannot find native binding');

    const { dir, cleanup } = tempDir();
    try {
      const ask = (env: NodeJS.ProcessEnv, store: string): string => {
        const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'ask', '低保信息在哪公开？找哪个部门？', '--region', '汶上县', '--json'], {
          cwd: ROOT,
          env: { ...process.env, ...env, ZWGK_STORE: join(dir, store), ZWGK_SEEDS_DIR: SEEDS_DIR },
          encoding: 'utf8',
        });
        expect(run.stderr).toBe('');
        return run.stdout;
      };
      const withFallback = ask(missing, 'a.json');
      expect(JSON.parse(withFallback)).toMatchObject({ intent: 'search' });
      expect(withFallback).toBe(ask({}, 'b.json'));
    } finally {
      cleanup();
    }
  }, 60_000);
});
