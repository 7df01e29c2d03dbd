// How a route answers with a page: the shell around its content, the person signed in, the flash
// message a redirect after a change asked for (?msg=), and no caching of pages that hold data.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { webText } from '../texts/web.ts';
import type { WebEnv } from './deps.ts';
import type { Html } from './views/html.ts';
import { page, type Section } from './views/layout.ts';
import { messageView } from './views/sign-in.ts';

export interface Respond {
  title: string;
  section?: Section;
  error?: string | null;
  status?: ContentfulStatusCode;
}

export function respond(c: Context<WebEnv>, options: Respond, content: Html): Response | Promise<Response> {
  const msg = c.req.query('msg');
  c.header('Cache-Control', 'no-store');
  const viewer = c.get('viewer') ?? null;
  return c.html(page({ title: options.title, section: options.section, viewer, flash: msg ? (webText.flash[msg] ?? null) : null, error: options.error }, content), options.status);
}

/** A refusal or error page with its status. */
export function refuse(c: Context<WebEnv>, status: ContentfulStatusCode, title: string, message: string): Response | Promise<Response> {
  return respond(c, { title, status }, messageView(title, message));
}
