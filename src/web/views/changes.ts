// The audit trail of changes that are not a task's progress (imports, subscriptions, bindings): when,
// who, and what, newest first.
import type { ChangeRecord } from '../../model/records.ts';
import { webText } from '../../texts/web.ts';
import { html, type Html } from './html.ts';
import { actorName, dateTime } from './parts.ts';

/** The newest this many changes are shown. */
export const CHANGES_SHOWN = 20;

export function describeChange(r: ChangeRecord): string {
  const c = webText.change;
  switch (r.action) {
    case 'import':
      return c.import(`${r.region ?? ''} ${r.name ?? r.target}`);
    case 'subscribe':
      return c.subscribe(r.target, r.region ?? '');
    case 'unsubscribe':
      return c.unsubscribe(r.target);
    case 'bind':
      return c.bind(r.user ? actorName(r.user) : '', r.name ?? '', r.target);
    case 'unbind':
      return c.unbind(r.user ? actorName(r.user) : '', r.name ?? '', r.target);
  }
}

export function changesTable(changes: readonly ChangeRecord[]): Html {
  if (!changes.length) return html`<h2>${webText.changesHeading}</h2><p class="muted">${webText.changesNone}</p>`;
  const c = webText.changesColumns;
  const newest = changes.slice(-CHANGES_SHOWN).reverse();
  return html`<h2>${webText.changesHeading}</h2><div class="scroll"><table><caption>${webText.changesCaption}</caption>
<thead><tr><th scope="col">${c.at}</th><th scope="col">${c.by}</th><th scope="col">${c.what}</th></tr></thead>
<tbody>${newest.map((r) => html`<tr><td>${dateTime(r.at)}</td><td>${webText.actor(r.by.name, r.by.platform, r.by.userId)}</td><td>${describeChange(r)}</td></tr>`)}</tbody></table></div>`;
}
