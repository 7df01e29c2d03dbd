// The stylesheet, public (the sign-in page needs it too) and cached for a year: its name changes
// with its content.
import { Hono } from 'hono';
import type { WebEnv } from '../deps.ts';
import { routes } from '../paths.ts';
import { STYLE, STYLE_HASH } from '../views/style.ts';

const YEAR_SECONDS = 365 * 24 * 3600;

export function assetRoutes(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get(routes.style, (c) => {
    if (c.req.param('file') !== `style-${STYLE_HASH}.css`) return c.text('', 404);
    c.header('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(STYLE);
  });
  return app;
}
