// The page shell: language, viewport, the stylesheet, a skip link, the navigation with who is signed
// in and the sign-out form, a flash message after a change, then the page's own content.
import { webText } from '../../texts/web.ts';
import type { Viewer } from '../deps.ts';
import { paths } from '../paths.ts';
import { html, type Html } from './html.ts';
import { csrfField } from './parts.ts';
import { STYLE_HASH } from './style.ts';

export type Section = 'home' | 'imports' | 'reminders' | null;

export interface PageOptions {
  title: string;
  viewer: Viewer | null;
  section?: Section;
  /** A message after a change (?msg=…), shown above the content. */
  flash?: string | null;
  /** An error to show above the content (a refused form). */
  error?: string | null;
}

function nav(viewer: Viewer, section: Section): Html {
  const item = (href: string, label: string, here: boolean): Html => html`<li><a href="${href}"${here ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<ul>
${item(paths.home(), webText.nav.home, section === 'home')}
${viewer.access === 'admin' ? item(paths.imports(), webText.nav.imports, section === 'imports') : ''}
${item(paths.reminders(), webText.nav.reminders, section === 'reminders')}
</ul>
<form class="who" method="post" action="${paths.signOut()}"><span>${webText.viewer(viewer.person.name ?? `${viewer.person.platform}:${viewer.person.userId}`, viewer.access)}</span>${csrfField(viewer.csrf)}<button type="submit">${webText.signOut}</button></form>`;
}

export function page(options: PageOptions, content: Html): Html {
  const { viewer } = options;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${webText.pageTitle(options.title)}</title>
<link rel="stylesheet" href="${paths.style(STYLE_HASH)}">
</head>
<body>
<a class="skip" href="#main">${webText.skip}</a>
<header class="top"><nav aria-label="${webText.navLabel}"><a class="brand" href="${paths.home()}">${webText.site}</a>${viewer ? nav(viewer, options.section ?? null) : ''}</nav></header>
<main id="main" tabindex="-1">
${options.flash ? html`<p class="flash" role="status">${options.flash}</p>` : ''}
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
${content}
</main>
<footer>${webText.footer}</footer>
</body>
</html>`;
}
