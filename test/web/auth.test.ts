// Sign-in pieces on their own: the signing key file, one-time links (signature, expiry, tampering),
// redeeming a link once even when two tabs try at once, sessions that expire, CSRF tokens.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkUsedError, WebError } from '../../src/errors.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { csrfFor, csrfMatches } from '../../src/web/auth/csrf.ts';
import { linkKeyPath, loadLinkKey } from '../../src/web/auth/link-key.ts';
import { LINK_TTL_MS, SignInLinks } from '../../src/web/auth/links.ts';
import { endSession, findSession, redeem, SESSION_TTL_MS } from '../../src/web/auth/sessions.ts';
import { NOW, tempDir } from '../helpers.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const person = { platform: 'telegram', userId: 'mz9', name: '李经办' };
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('the signing key', () => {
  it('is created once, readable only by its owner, and the same for every process that loads it', async () => {
    const path = linkKeyPath(join(dir, 'store.json'));
    const [a, b] = await Promise.all([loadLinkKey(path), loadLinkKey(path)]);
    expect(a.equals(b)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await loadLinkKey(path)).equals(a)).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a damaged key file is refused with what to do, not replaced', async () => {
    const path = linkKeyPath(join(dir, 'store.json'));
    writeFileSync(path, 'not a key');
    await expect(loadLinkKey(path)).rejects.toThrow(WebError);
    await expect(loadLinkKey(path)).rejects.toThrow(/删除它后重启/);
    expect(readFileSync(path, 'utf8')).toBe('not a key');
  });
});

describe('one-time links', () => {
  const links = new SignInLinks(Buffer.from('k'.repeat(43)), 'https://taizhang.example.gov.cn');

  it('carries the person and expires ten minutes after it is issued', () => {
    const { url, expiresAt } = links.issue(person, NOW);
    expect(url).toMatch(/^https:\/\/taizhang\.example\.gov\.cn\/web\/login\?t=[\w-]+\.[\w-]+$/);
    expect(expiresAt.getTime() - NOW.getTime()).toBe(LINK_TTL_MS);
    const token = new URL(url).searchParams.get('t') ?? '';
    const ok = links.verify(token, later(LINK_TTL_MS - 1));
    expect(ok).toMatchObject({ ok: true, claims: { user: person } });
    expect(links.verify(token, later(LINK_TTL_MS))).toEqual({ ok: false, reason: 'expired' });
  });

  it('every link is different, even for the same person at the same moment', () => {
    const a = links.verify(links.token(person, NOW), NOW);
    const b = links.verify(links.token(person, NOW), NOW);
    expect(a.ok && b.ok && a.claims.id !== b.claims.id).toBe(true);
  });

  it.each([
    ['a changed person', (t: string) => retarget(t, 'admin1')],
    ['a changed expiry', (t: string) => extend(t)],
    ['a cut signature', (t: string) => t.slice(0, -3)],
    ['no signature', (t: string) => t.split('.')[0] ?? ''],
    ['an extra part', (t: string) => `${t}.x`],
    ['garbage', () => 'abc'],
    ['nothing', () => ''],
    ['an enormous token', (t: string) => t + 'a'.repeat(5000)],
  ])('refuses %s', (_name, tamper) => {
    expect(links.verify(tamper(links.token(person, NOW)), NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it("refuses another installation's link (another key)", () => {
    const other = new SignInLinks(Buffer.from('o'.repeat(43)), 'https://x');
    expect(links.verify(other.token(person, NOW), NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;
}
function withPayload(token: string, change: (p: Record<string, unknown>) => void): string {
  const p = payloadOf(token);
  change(p);
  return `${Buffer.from(JSON.stringify(p)).toString('base64url')}.${token.split('.')[1] ?? ''}`;
}
const retarget = (t: string, userId: string): string => withPayload(t, (p) => (p.u = userId));
const extend = (t: string): string => withPayload(t, (p) => (p.e = Number(p.e) + 3600_000));

describe('sessions in the store', () => {
  const links = new SignInLinks(Buffer.from('k'.repeat(43)), 'http://127.0.0.1:8787');
  const claimsOf = (token: string) => {
    const checked = links.verify(token, NOW);
    if (!checked.ok) throw new Error('bad token');
    return checked.claims;
  };

  it('a link is redeemed once: the second attempt, even at the same moment, fails and writes nothing', async () => {
    const store = await TaskStore.open(join(dir, 'store.json'));
    const claims = claimsOf(links.token(person, NOW));
    const results = await Promise.allSettled([redeem(store, claims, person, NOW), redeem(store, claims, person, NOW)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(failed?.status === 'rejected' && failed.reason).toBeInstanceOf(LinkUsedError);
    expect(store.data.webSessions).toHaveLength(1);
    expect(store.data.webLinks).toHaveLength(1);
    await store.close();
    // Durable: after a restart the link is still used.
    const reopened = await TaskStore.open(join(dir, 'store.json'));
    await expect(redeem(reopened, claims, person, NOW)).rejects.toBeInstanceOf(LinkUsedError);
    await reopened.close();
  });

  it('the store keeps a hash of the session token, never the token; a session expires and can be ended', async () => {
    const store = await TaskStore.open(join(dir, 'store.json'));
    const { token, session } = await redeem(store, claimsOf(links.token(person, NOW)), person, NOW);
    expect(readFileSync(join(dir, 'store.json'), 'utf8')).not.toContain(token);
    expect(findSession(store.data, token, later(SESSION_TTL_MS - 1))).toEqual({ state: 'active', session });
    expect(findSession(store.data, token, later(SESSION_TTL_MS))).toEqual({ state: 'expired' });
    expect(findSession(store.data, `${token}x`, NOW)).toEqual({ state: 'none' });
    expect(findSession(store.data, undefined, NOW)).toEqual({ state: 'none' });
    await endSession(store, session.id);
    expect(findSession(store.data, token, NOW)).toEqual({ state: 'none' });
    await store.close();
  });

  it('expired sessions and links are dropped at the next sign-in', async () => {
    const store = await TaskStore.open(join(dir, 'store.json'));
    await redeem(store, claimsOf(links.token(person, NOW)), person, NOW);
    const tomorrow = later(24 * 3600_000);
    const fresh = links.verify(links.token(person, tomorrow), tomorrow);
    if (!fresh.ok) throw new Error('bad token');
    await redeem(store, fresh.claims, person, tomorrow);
    expect(store.data.webSessions).toHaveLength(1);
    expect(store.data.webLinks).toHaveLength(1);
    await store.close();
  });
});

describe('CSRF tokens', () => {
  it.each([
    ['the right token', (t: string) => t, true],
    ['another session’s token', () => csrfFor('other-session'), false],
    ['an empty token', () => '', false],
    ['no token', () => undefined, false],
    ['a file instead of text', () => ({}) as unknown as string, false],
  ])('%s', (_name, submitted, expected) => {
    const token = csrfFor('session-token');
    expect(csrfMatches(submitted(token), token)).toBe(expected);
  });

  it('nothing matches when there is nothing to match', () => {
    expect(csrfMatches('', '')).toBe(false);
    expect(csrfMatches('x', undefined)).toBe(false);
  });
});
