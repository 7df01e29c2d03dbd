// Access tokens: fetched once however many sends wait, reused until a few minutes before expiry,
// fetched again when the platform refuses one.
import { describe, expect, it } from 'vitest';
import { AccessToken, TOKEN_REFRESH_MARGIN_MS } from '../../src/platform/access-token.ts';

function issuer(expiresInSec = 7200) {
  let n = 0;
  return { issued: () => n, issue: async () => ({ token: `t${++n}`, expiresInSec }) };
}

describe('AccessToken', () => {
  it('fetches once for many waiting callers, and reuses the token until the refresh margin', async () => {
    let now = 0;
    const source = issuer();
    const token = new AccessToken(source.issue, () => now);
    expect(await Promise.all([token.get(), token.get(), token.get()])).toEqual(['t1', 't1', 't1']);
    now = 7200_000 - TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await token.get()).toBe('t1');
    now += 2;
    expect(await token.get()).toBe('t2');
    expect(source.issued()).toBe(2);
  });

  it('fetches a new token after invalidate(), and again after a failed fetch', async () => {
    const source = issuer();
    let fail = true;
    const token = new AccessToken(async () => {
      if (fail) throw new Error('network');
      return source.issue();
    });
    await expect(token.get()).rejects.toThrow('network');
    fail = false;
    expect(await token.get()).toBe('t1');
    token.invalidate();
    expect(await token.get()).toBe('t2');
  });
});
