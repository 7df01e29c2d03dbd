// `web-link`: a link for the operator by default, for an admin or bound staff with --as, refused for
// anyone else and when the web is off; it works while another process owns the store.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/app/bootstrap.ts';
import { runCli } from '../../src/cli/index.ts';
import { bindStaff } from '../../src/reminders/subscriptions.ts';
import { linkKeyPath, loadLinkKey } from '../../src/web/auth/link-key.ts';
import { SignInLinks } from '../../src/web/auth/links.ts';
import { NOW, SEEDS_DIR, tempDir } from '../helpers.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function cli(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW, env: { ZWGK_STORE: join(dir, 'store.json'), ZWGK_SEEDS_DIR: SEEDS_DIR, ...env } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The person a printed link signs in, as the server will read it. */
async function personOf(url: string): Promise<unknown> {
  const links = new SignInLinks(await loadLinkKey(linkKeyPath(join(dir, 'store.json'))), 'http://x');
  const checked = links.verify(new URL(url).searchParams.get('t') ?? '', NOW);
  if (!checked.ok) throw new Error(checked.reason);
  return checked.claims.user;
}

describe('web-link', () => {
  it('prints a link for the operator, to the public address, valid ten minutes', async () => {
    const { code, out } = await cli({ ZWGK_WEB_URL: 'https://taizhang.example.gov.cn' }, 'web-link');
    expect(code).toBe(0);
    expect(out).toMatch(/^台账登录链接（本机管理员，2026-11-23 10:10 前有效，只能使用一次）：\nhttps:\/\/taizhang\.example\.gov\.cn\/web\/login\?t=\S+$/);
    expect(await personOf(out.split('\n')[1] ?? '')).toEqual({ platform: 'cli', userId: 'cli', name: '本机管理员' });
  });

  it('--as an admin; --json prints only JSON', async () => {
    const { code, out } = await cli({ ZWGK_ADMINS: 'wechat:wxid_boss' }, 'web-link', '--as', 'wechat:wxid_boss', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { url: string; expiresAt: string; as: string };
    expect(json).toMatchObject({ as: 'wechat:wxid_boss', expiresAt: '2026-11-23T02:10:00.000Z' });
    expect(json.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/web\/login\?t=/);
    expect(await personOf(json.url)).toEqual({ platform: 'wechat', userId: 'wxid_boss' });
  });

  it('--as bound staff carries their name, and works while the server owns the store', async () => {
    const { store } = await openStore(join(dir, 'store.json'), SEEDS_DIR, NOW);
    try {
      await store.change((d) => {
        bindStaff(d, { chat: 'telegram:-200', region: '汶上县', unit: { key: '民政局', name: '县民政局' }, people: [{ platform: 'telegram', userId: 'mz9', name: '李经办' }], by: { platform: 'cli', userId: 'cli' }, at: NOW.toISOString() });
      });
      const { code, out } = await cli({}, 'web-link', '--as', 'telegram:mz9', '--json');
      expect(code).toBe(0);
      expect(await personOf((JSON.parse(out) as { url: string }).url)).toEqual({ platform: 'telegram', userId: 'mz9', name: '李经办' });
    } finally {
      await store.close();
    }
  });

  it.each([
    [{}, ['--as', 'telegram:reader'], 1, '不是管理员（ZWGK_ADMINS），也没有绑定任何单位'],
    [{}, ['--as', 'nobody'], 2, '--as 应写成 平台:编号'],
    [{ ZWGK_WEB: 'off' }, [], 1, '网页台账没有启用'],
  ])('%j %j is refused', async (env, args, code, message) => {
    const result = await cli(env, 'web-link', ...args);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });
});
