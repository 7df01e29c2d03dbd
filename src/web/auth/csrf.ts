// CSRF tokens: every form carries one, every POST is refused without the right one. A session's token
// is derived from the session's secret cookie (the attacker's page can read neither); the sign-in form,
// before there is a session, uses a random value held in a cookie of its own (double submit).
import { hmac, sameText } from './secrets.ts';

export const CSRF_FIELD = '_csrf';
/** The sign-in form's cookie, readable only by the sign-in path. */
export const SIGN_IN_COOKIE = 'zwgk_signin';

export const csrfFor = (sessionToken: string): string => hmac(sessionToken, 'csrf');

/** Whether a submitted token is the expected one (constant time; a missing one never is). */
export function csrfMatches(submitted: unknown, expected: string | undefined): boolean {
  return typeof submitted === 'string' && submitted.length > 0 && expected !== undefined && expected.length > 0 && sameText(submitted, expected);
}
