// `npm start`: --help prints the usage and starts nothing; a mistyped option is refused; a test
// puppet is said to be one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStartOptions } from '../../src/app/start-options.ts';
import { UsageError } from '../../src/errors.ts';
import { startText } from '../../src/texts/ops.ts';
import { SEEDS_DIR, freePort, startBot, tempDir, until } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('parseStartOptions', () => {
  it.each([
    [[], { help: false, console: false }],
    [['--help'], { help: true, console: false }],
    [['-h'], { help: true, console: false }],
    [['--console'], { help: false, console: true }],
  ])('%j', (argv, options) => {
    expect(parseStartOptions(argv)).toEqual(options);
  });

  it.each([['--hlep'], ['--port', '80'], ['start']])('%j is refused with the usage', (...argv) => {
    expect(() => parseStartOptions(argv)).toThrow(UsageError);
    expect(() => parseStartOptions(argv)).toThrow(startText.usage);
  });
});

describe('npm start -- --help', () => {
  it('prints the usage and exits 0 without opening, building or locking a store', () => {
    const { dir, cleanup } = tempDir();
    try {
      const run = spawnSync('npm', ['start', '--silent', '--', '--help'], { cwd: ROOT, env: { ...process.env, ZWGK_STORE: join(dir, 'store.json'), ZWGK_SEEDS_DIR: SEEDS_DIR }, encoding: 'utf8', timeout: 30_000 });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${startText.usage}\n`);
      expect(run.stderr).toBe('');
      expect(existsSync(join(dir, 'store.json'))).toBe(false);
      expect(existsSync(join(dir, 'store.json.lock'))).toBe(false);
    } finally {
      cleanup();
    }
  }, 30_000);

  it('a mistyped option exits 2 with the usage on stderr, and starts nothing', () => {
    const { dir, cleanup } = tempDir();
    try {
      const run = spawnSync('npm', ['start', '--silent', '--', '--hepl'], { cwd: ROOT, env: { ...process.env, ZWGK_STORE: join(dir, 'store.json') }, encoding: 'utf8', timeout: 30_000 });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('未知选项“--hepl”');
      expect(run.stderr).toContain(startText.usage);
      expect(existsSync(join(dir, 'store.json'))).toBe(false);
    } finally {
      cleanup();
    }
  }, 30_000);
});

describe('WECHATY_PUPPET=wechaty-puppet-mock', () => {
  it('is said to be a test puppet, in Chinese and English, before the adapter starts', async () => {
    const { dir, cleanup } = tempDir();
    const bot = startBot(
      { ...process.env, WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_SESSION: join(dir, 'wechat'), ZWGK_STORE: join(dir, 'store.json'), ZWGK_SEEDS_DIR: SEEDS_DIR, ZWGK_WEB_PORT: String(await freePort()), ZWGK_LOG_FORMAT: 'json' },
      join(dir, 'store.json'),
    );
    try {
      await until(() => bot.logs.join('').includes('adapter started'), 60_000);
      const lines = bot.logs.join('').trim().split('\n').map((l) => JSON.parse(l) as { level: string; msg: string });
      const warning = lines.findIndex((l) => l.level === 'warn' && l.msg.includes('wechaty-puppet-mock is a test puppet'));
      expect(warning).toBeGreaterThanOrEqual(0);
      expect(lines[warning]!.msg).toContain('测试用的模拟微信');
      expect(lines[warning]!.msg).toContain('wechaty-puppet-wechat4u');
      expect(warning).toBeLessThan(lines.findIndex((l) => l.msg === 'adapter started'));
    } finally {
      await bot.stop().catch(() => undefined);
      cleanup();
    }
  }, 90_000);
});
