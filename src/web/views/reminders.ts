// The reminder desk: each chat's subscription and the staff bound to units, with the forms to change
// them (admins), a preview of what each chat receives on a chosen day, and the record of changes.
import type { Binding, ChangeRecord, Subscription } from '../../model/records.ts';
import type { DayPreview } from '../../reminders/preview.ts';
import { webText } from '../../texts/web.ts';
import { paths } from '../paths.ts';
import { changesTable } from './changes.ts';
import { html, type Html } from './html.ts';
import { actorName, csrfField, dateTime } from './parts.ts';

export interface SubscriptionForm {
  chat: string;
  region: string;
  units: string;
  lead: string;
  time: string;
  weekly: boolean;
  /** Editing this chat's subscription (the chat field is then fixed). */
  editing: boolean;
}

export interface BindingForm {
  chat: string;
  region: string;
  unit: string;
  user: string;
  name: string;
}

export interface RemindersPage {
  csrf: string;
  /** Admins may change subscriptions and bindings; staff see them. */
  canEdit: boolean;
  regions: readonly string[];
  chats: readonly string[];
  subscriptions: readonly Subscription[];
  /** A subscription's unit keys as names. */
  unitNames: (sub: Subscription) => string;
  bindings: readonly Binding[];
  subForm: SubscriptionForm;
  bindForm: BindingForm;
  day: string;
  chat: string;
  previews: readonly { preview: DayPreview; text: string | null }[];
  changes: readonly ChangeRecord[];
}

const deleteForm = (action: string, csrf: string, fields: Record<string, string>, label: string, what: string): Html =>
  html`<form class="inline" method="post" action="${action}">${csrfField(csrf)}${Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button type="submit" class="danger" aria-label="${label} ${what}">${label}</button></form>`;

function regionSelect(id: string, regions: readonly string[], selected: string): Html {
  return html`<select id="${id}" name="region" required>${regions.map((r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${r}</option>`)}</select>`;
}

function subscriptionsTable(p: RemindersPage): Html {
  if (!p.subscriptions.length) return html`<p class="muted">${webText.subsNone}</p>`;
  const c = webText.subsColumns;
  return html`<div class="scroll"><table><caption>${webText.subsCaption}</caption>
<thead><tr><th scope="col">${c.chat}</th><th scope="col">${c.region}</th><th scope="col">${c.units}</th><th scope="col">${c.lead}</th><th scope="col">${c.time}</th><th scope="col">${c.weekly}</th><th scope="col">${c.by}</th>${p.canEdit ? html`<th scope="col">${c.actions}</th>` : ''}</tr></thead>
<tbody>${p.subscriptions.map(
    (s) =>
      html`<tr><th scope="row">${s.chat}</th><td>${s.region}</td><td>${p.unitNames(s) || webText.allUnits}</td><td>${s.leadDays.join(',')}</td><td>${s.digestTime}</td><td>${s.weekly ? webText.yes : webText.no}</td><td>${actorName(s.by)}<br><span class="muted">${s.at ? dateTime(s.at) : ''}</span></td>${
        p.canEdit
          ? html`<td><a href="${paths.reminders({ edit: s.chat })}#sub-form" aria-label="${webText.edit} ${s.chat}">${webText.edit}</a> ${deleteForm(paths.subscriptionDelete(), p.csrf, { chat: s.chat }, webText.remove, s.chat)}</td>`
          : ''
      }</tr>`,
  )}</tbody></table></div>`;
}

function subscriptionForm(p: RemindersPage): Html {
  const f = p.subForm;
  return html`<h3 id="sub-form">${f.editing ? webText.subFormEdit(f.chat) : webText.subFormNew}</h3>
<form class="stack" method="post" action="${paths.subscriptionSave()}">${csrfField(p.csrf)}
<div><label for="sub-chat">${webText.chatLabel}</label><span class="hint" id="sub-chat-hint">${webText.chatHint}</span>
<input type="text" id="sub-chat" name="chat" required list="chats" value="${f.chat}"${f.editing ? html` readonly` : ''} aria-describedby="sub-chat-hint"></div>
<div><label for="sub-region">${webText.regionSelect}</label>${regionSelect('sub-region', p.regions, f.region)}</div>
<div><label for="sub-units">${webText.unitsLabel}</label><span class="hint" id="sub-units-hint">${webText.unitsHint}</span>
<input type="text" id="sub-units" name="units" value="${f.units}" aria-describedby="sub-units-hint"></div>
<div><label for="sub-lead">${webText.leadLabel}</label><span class="hint" id="sub-lead-hint">${webText.leadHint}</span>
<input type="text" id="sub-lead" name="lead" required value="${f.lead}" inputmode="numeric" aria-describedby="sub-lead-hint"></div>
<div><label for="sub-time">${webText.timeLabel}</label><input type="time" id="sub-time" name="time" required value="${f.time}"></div>
<div><label><input type="checkbox" name="weekly" value="on"${f.weekly ? html` checked` : ''}> ${webText.weeklyLabel}</label></div>
<div class="buttons"><button type="submit">${webText.saveButton}</button></div></form>`;
}

function bindingsTable(p: RemindersPage): Html {
  if (!p.bindings.length) return html`<p class="muted">${webText.bindingsNone}</p>`;
  const c = webText.bindingsColumns;
  return html`<div class="scroll"><table><caption>${webText.bindingsCaption}</caption>
<thead><tr><th scope="col">${c.chat}</th><th scope="col">${c.region}</th><th scope="col">${c.unit}</th><th scope="col">${c.user}</th><th scope="col">${c.by}</th>${p.canEdit ? html`<th scope="col">${c.actions}</th>` : ''}</tr></thead>
<tbody>${p.bindings.map(
    (b) =>
      html`<tr><td>${b.chat}</td><td>${b.region}</td><td><a href="${paths.unit(b.region, b.unitKey)}">${b.unitName}</a></td><td>${webText.actor(b.user.name, b.user.platform, b.user.userId)}</td><td>${actorName(b.by)}<br><span class="muted">${dateTime(b.at)}</span></td>${
        p.canEdit
          ? html`<td>${deleteForm(paths.bindingDelete(), p.csrf, { chat: b.chat, region: b.region, unitKey: b.unitKey, platform: b.user.platform, userId: b.user.userId }, webText.unbind, `${b.unitName} ${actorName(b.user)}`)}</td>`
          : ''
      }</tr>`,
  )}</tbody></table></div>`;
}

function bindingForm(p: RemindersPage): Html {
  const f = p.bindForm;
  return html`<h3>${webText.bindFormHeading}</h3><form class="stack" method="post" action="${paths.bindingSave()}">${csrfField(p.csrf)}
<div><label for="bind-chat">${webText.chatLabel}</label><span class="hint" id="bind-chat-hint">${webText.chatHint}</span>
<input type="text" id="bind-chat" name="chat" required list="chats" value="${f.chat}" aria-describedby="bind-chat-hint"></div>
<div><label for="bind-region">${webText.regionSelect}</label>${regionSelect('bind-region', p.regions, f.region)}</div>
<div><label for="bind-unit">${webText.unitLabel}</label><input type="text" id="bind-unit" name="unit" required value="${f.unit}"></div>
<div><label for="bind-user">${webText.userLabel}</label><span class="hint" id="bind-user-hint">${webText.userHint}</span>
<input type="text" id="bind-user" name="user" required value="${f.user}" aria-describedby="bind-user-hint"></div>
<div><label for="bind-name">${webText.nameLabel}</label><input type="text" id="bind-name" name="name" value="${f.name}"></div>
<div class="buttons"><button type="submit">${webText.bindButton}</button></div></form>`;
}

function preview(p: RemindersPage): Html {
  const results = p.subscriptions.length
    ? p.previews.map(
        ({ preview: r, text }) =>
          html`<h3>${webText.previewOutcome(r.sub.chat, r.sub.region, r.outcome, r.items.length)}</h3>${text ? html`<pre class="digest">${text}</pre>` : ''}`,
      )
    : html`<p class="muted">${webText.previewNone}</p>`;
  return html`<section class="card" aria-labelledby="preview-h"><h2 id="preview-h">${webText.previewHeading}</h2><p class="muted">${webText.previewHint}</p>
<form class="stack" method="get" action="${paths.reminders()}#preview-h">
<div><label for="day">${webText.dayLabel}</label><input type="date" id="day" name="day" required value="${p.day}"></div>
<div><label for="preview-chat">${webText.chatFilter}</label><select id="preview-chat" name="chat"><option value="">${webText.allChats}</option>${p.subscriptions.map((s) => html`<option value="${s.chat}"${s.chat === p.chat ? html` selected` : ''}>${s.chat}</option>`)}</select></div>
<div class="buttons"><button type="submit">${webText.showButton}</button></div></form>${results}</section>`;
}

export function remindersView(p: RemindersPage): Html {
  return html`<h1>${webText.remindersTitle}</h1><p>${webText.remindersIntro}</p>${p.canEdit ? '' : html`<p class="warn">${webText.adminOnlyEdit}</p>`}
<datalist id="chats">${p.chats.map((c) => html`<option value="${c}"></option>`)}</datalist>
<section class="card" aria-labelledby="subs-h"><h2 id="subs-h">${webText.subsHeading(p.subscriptions.length)}</h2>${subscriptionsTable(p)}${p.canEdit ? subscriptionForm(p) : ''}</section>
<section class="card" aria-labelledby="bind-h"><h2 id="bind-h">${webText.bindingsHeading(p.bindings.length)}</h2>${bindingsTable(p)}${p.canEdit ? bindingForm(p) : ''}</section>
${preview(p)}
<section class="card">${changesTable(p.changes)}</section>`;
}
