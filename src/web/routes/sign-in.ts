// Sign-in and sign-out. A link opens a confirmation page (GET changes nothing: chat apps fetch links
// for previews); its button redeems the link (POST, with the sign-in form's own CSRF cookie), which
// records the link as used and opens a session in one write.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { webAccess } from '../../core/roles.ts';
import { LinkUsedError } from '../../errors.ts';
import { webText } from '../../texts/web.ts';
import type { Actor } from '../../model/records.ts';
import { CSRF_FIELD, csrfMatches, SIGN_IN_COOKIE } from '../auth/csrf.ts';
import { sessionCookiePath } from '../auth/guard.ts';
import { LINK_TTL_MS, type LinkClaims } from '../auth/links.ts';
import { randomToken } from '../auth/secrets.ts';
import { endSession, isLinkUsed, redeem, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/sessions.ts';
import type { WebDeps, WebEnv } from '../deps.ts';
import { paths, routes } from '../paths.ts';
import { refuse, respond } from '../respond.ts';
import { actorName, dateTime } from '../views/parts.ts';
import { linkRefusedView, signInConfirmView, signInHelpView } from '../views/sign-in.ts';

type Refusal = keyof typeof webText.linkBad;

/** The link's claims if it may be redeemed now, else why not. */
function check(deps: WebDeps, token: string): { claims: LinkClaims } | { refusal: Refusal } {
  const checked = deps.links.verify(token, deps.now());
  if (!checked.ok) return { refusal: checked.reason };
  if (isLinkUsed(deps.store.data, checked.claims.id)) return { refusal: 'used' };
  if (!webAccess(checked.claims.user, deps.admins, deps.store.data.bindings)) return { refusal: 'denied' };
  return { claims: checked.claims };
}

function refused(c: Context<WebEnv>, refusal: Refusal): Response | Promise<Response> {
  return respond(c, { title: webText.signInTitle, status: refusal === 'denied' ? 403 : 410 }, linkRefusedView(refusal));
}

/** The person as the session records them: the link's name, or the operator's for the CLI's own link. */
const sessionUser = (user: Actor): Actor => (user.platform === 'cli' && !user.name ? { ...user, name: webText.operatorName } : user);

export function signInRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const secure = deps.secureCookies;

  app.get(routes.signIn, (c) => {
    const token = c.req.query('t');
    if (!token) return respond(c, { title: webText.signInTitle }, signInHelpView(c.req.query('reason')));
    const result = check(deps, token);
    if ('refusal' in result) return refused(c, result.refusal);
    const csrf = randomToken();
    setCookie(c, SIGN_IN_COOKIE, csrf, { httpOnly: true, sameSite: 'Strict', secure, path: paths.signIn(), maxAge: LINK_TTL_MS / 1000 });
    const who = actorName(sessionUser(result.claims.user));
    return respond(c, { title: webText.signInTitle }, signInConfirmView(token, who, dateTime(result.claims.expiresAt.toISOString()), csrf));
  });

  app.post(routes.signIn, async (c) => {
    const form = await c.req.formData().catch(() => null);
    if (!csrfMatches(form?.get(CSRF_FIELD), getCookie(c, SIGN_IN_COOKIE))) return refuse(c, 403, webText.csrfTitle, webText.csrf);
    const token = form?.get('t');
    const result = check(deps, typeof token === 'string' ? token : '');
    if ('refusal' in result) return refused(c, result.refusal);
    const now = deps.now();
    let opened: Awaited<ReturnType<typeof redeem>>;
    try {
      opened = await redeem(deps.store, result.claims, sessionUser(result.claims.user), now);
    } catch (e) {
      if (e instanceof LinkUsedError) return refused(c, 'used');
      throw e;
    }
    deleteCookie(c, SIGN_IN_COOKIE, { path: paths.signIn() });
    setCookie(c, SESSION_COOKIE, opened.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: sessionCookiePath,
      // Max-Age, not Expires: the browser counts it from now by its own clock, which may differ from ours.
      maxAge: SESSION_TTL_MS / 1000,
    });
    deps.logger.info('web: signed in', { platform: result.claims.user.platform, userId: result.claims.user.userId });
    return c.redirect(paths.home(), 303);
  });
  return app;
}

/** Sign-out: behind the guard (a session and its CSRF token are needed). */
export function signOutRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.post(routes.signOut, async (c) => {
    await endSession(deps.store, c.get('viewer').sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: sessionCookiePath });
    return c.redirect(paths.signIn(undefined, 'signed-out'), 303);
  });
  return app;
}
