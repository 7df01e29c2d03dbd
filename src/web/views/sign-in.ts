// The sign-in pages: how to get a link; the confirmation a link opens (a button, so that a chat app
// fetching the link for a preview does not use it up); and why a link was refused.
import { webText } from '../../texts/web.ts';
import { paths } from '../paths.ts';
import { html, type Html } from './html.ts';
import { csrfField } from './parts.ts';

export function signInHelpView(reason: string | undefined): Html {
  const why = reason ? webText.signInReason[reason] : undefined;
  return html`<h1>${webText.signInTitle}</h1>${why ? html`<p class="warn" role="status">${why}</p>` : ''}<section class="card"><p>${webText.signInHow}</p></section>`;
}

export function signInConfirmView(token: string, who: string, expiresAt: string, csrf: string): Html {
  return html`<h1>${webText.signInTitle}</h1><section class="card"><p>${webText.signInAs(who)}</p><p class="muted">${webText.signInExpiresAt(expiresAt)}</p>
<form method="post" action="${paths.signIn()}">${csrfField(csrf)}<input type="hidden" name="t" value="${token}"><button type="submit">${webText.signInButton}</button></form></section>`;
}

export function linkRefusedView(reason: keyof typeof webText.linkBad): Html {
  return html`<h1>${webText.signInTitle}</h1><p class="error" role="alert">${webText.linkBad[reason]}</p>${reason === 'denied' ? '' : html`<section class="card"><p>${webText.linkAgain}</p><p class="muted">${webText.signInHow}</p></section>`}`;
}

/** A refusal or an error page: what happened and the way back. */
export function messageView(title: string, message: string): Html {
  return html`<h1>${title}</h1><p class="error" role="alert">${message}</p><p><a href="${paths.home()}">${webText.backHome}</a></p>`;
}
