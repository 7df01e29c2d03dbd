// The web 台账 as mounts for the one HTTP server: its pages under /web (public: the stylesheet and
// sign-in; everything else behind the session guard), and a redirect from the server's root. Security
// headers on every answer: a strict content policy (no script, styles only from here), no framing,
// no referrer (a sign-in link never leaks through one).
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import type { HttpMount } from '../platform/adapter.ts';
import { webText } from '../texts/web.ts';
import { signedIn } from './auth/guard.ts';
import type { WebDeps, WebEnv } from './deps.ts';
import { paths, routes, WEB_PREFIX } from './paths.ts';
import { refuse } from './respond.ts';
import { assetRoutes } from './routes/assets.ts';
import { exportRoutes } from './routes/export.ts';
import { importRoutes, UPLOAD_BODY_LIMIT } from './routes/imports.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { reminderRoutes } from './routes/reminders.ts';
import { signInRoutes, signOutRoutes } from './routes/sign-in.ts';

const CONTENT_POLICY = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

export function webApp(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_POLICY, referrerPolicy: 'no-referrer', xFrameOptions: 'DENY' }));
  app.use('*', compress());
  app.route('/', assetRoutes());
  app.route('/', signInRoutes(deps));
  app.use('*', signedIn(deps));
  app.route('/', signOutRoutes(deps));
  app.route('/', ledgerRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', reminderRoutes(deps));
  app.route('/', exportRoutes(deps));
  app.all('*', (c) => refuse(c, 404, webText.notFoundTitle, webText.notFound));
  app.onError((error, c) => {
    deps.logger.error('web: request failed', { path: c.req.path, error });
    return refuse(c, 500, webText.serverErrorTitle, webText.serverError);
  });
  return app;
}

/** The web 台账 and the root redirect, to mount on the HTTP server. */
export function webMounts(deps: WebDeps): HttpMount[] {
  const app = webApp(deps);
  const root = new Hono().get('/', (c) => c.redirect(paths.home(), 302)).get(`${WEB_PREFIX}/`, (c) => c.redirect(paths.home(), 302));
  // The root's redirects first: "/web/" would otherwise reach the 台账's own not-found page.
  return [
    { prefix: '/', routes: () => root },
    // The server takes a plain Hono; the 台账's own variables (the viewer) are set by its guard.
    { prefix: WEB_PREFIX, routes: () => app as unknown as Hono, bodyLimits: [{ path: routes.importPreview, maxBytes: UPLOAD_BODY_LIMIT }] },
  ];
}
