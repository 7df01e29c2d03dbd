// The gate in front of every page but sign-in: a live session or back to sign-in; the person's role
// checked again on every request (an admin removed or a binding undone loses access at once); and
// every POST refused without the session's CSRF token.
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { webAccess, type Person } from '../../core/roles.ts';
import { webText } from '../../texts/web.ts';
import type { WebDeps, WebEnv } from '../deps.ts';
import { paths, WEB_PREFIX } from '../paths.ts';
import { refuse } from '../respond.ts';
import { CSRF_FIELD, csrfFor, csrfMatches } from './csrf.ts';
import { endSession, findSession, SESSION_COOKIE } from './sessions.ts';

/** What the ledger's events record as the "chat" of a change made on a page. */
export const WEB_CHAT = 'web';

export const sessionCookiePath = WEB_PREFIX;

export function signedIn(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const found = findSession(deps.store.data, token, deps.now());
    if (found.state !== 'active' || !token) {
      if (token) deleteCookie(c, SESSION_COOKIE, { path: sessionCookiePath });
      return c.redirect(paths.signIn(undefined, found.state === 'expired' ? 'expired' : undefined), 303);
    }
    const { user, id } = found.session;
    const person: Person = { platform: user.platform, userId: user.userId, name: user.name, chat: WEB_CHAT };
    const access = webAccess(person, deps.admins, deps.store.data.bindings);
    if (!access) {
      await endSession(deps.store, id);
      deleteCookie(c, SESSION_COOKIE, { path: sessionCookiePath });
      return c.redirect(paths.signIn(undefined, 'revoked'), 303);
    }
    const csrf = csrfFor(token);
    c.set('viewer', { person, access, sessionId: id, csrf });
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const form = await readForm(c.req.raw.headers.get('content-type'), () => c.req.formData());
      if (!csrfMatches(form?.get(CSRF_FIELD), csrf)) return refuse(c, 403, webText.csrfTitle, webText.csrf);
    }
    await next();
  };
}

/** The submitted form, or null when the body is not a form (which then carries no token either). */
async function readForm(type: string | null, read: () => Promise<FormData>): Promise<FormData | null> {
  if (!type || !/^(?:multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) return null;
  try {
    return await read();
  } catch {
    return null;
  }
}
