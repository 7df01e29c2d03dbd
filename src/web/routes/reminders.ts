// The reminder desk: view subscriptions and bindings (admins and staff), change them (admins, as in
// the chat), and preview a day's digests. Every change is written with who made it.
import { Hono, type Context } from 'hono';
import { may } from '../../core/roles.ts';
import { ledgerByTask } from '../../ledger/status.ts';
import type { Actor, ChangeRecord, Subscription } from '../../model/records.ts';
import { renderPlain } from '../../platform/reply.ts';
import { previewDay } from '../../reminders/preview.ts';
import { bindStaff, DEFAULT_DIGEST_TIME, DEFAULT_LEAD_DAYS, isChatKey, isDigestTime, parseLeadDays, removeSubscription, unbindStaff, upsertSubscription } from '../../reminders/subscriptions.ts';
import { webText } from '../../texts/web.ts';
import { shanghaiDate } from '../../time.ts';
import { WEB_CHAT } from '../auth/guard.ts';
import type { Viewer, WebDeps, WebEnv } from '../deps.ts';
import { paths, routes } from '../paths.ts';
import { refuse, respond } from '../respond.ts';
import { type BindingForm, remindersView, type SubscriptionForm } from '../views/reminders.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UNIT_LIST = /[、,，;；\s]+/;

type Forms = { sub?: SubscriptionForm; bind?: BindingForm; error?: string; status?: 200 | 422 };

const actor = (v: Viewer): Actor => ({ platform: v.person.platform, userId: v.person.userId, name: v.person.name });

function knownChats(deps: WebDeps): string[] {
  const { chats, subscriptions, bindings } = deps.store.data;
  return [...new Set([...subscriptions.map((s) => s.chat), ...bindings.map((b) => b.chat), ...chats.map((c) => c.chat)])].sort();
}

function unitNamesOf(deps: WebDeps, sub: Pick<Subscription, 'region' | 'units'>): string {
  return sub.units.map((k) => deps.store.index.units.get(sub.region, k)?.name ?? k).join(webText.listSep);
}

function blankSubscription(deps: WebDeps, edit: string | undefined): SubscriptionForm {
  const sub = edit ? deps.store.data.subscriptions.find((s) => s.chat === edit) : undefined;
  if (sub) return { chat: sub.chat, region: sub.region, units: unitNamesOf(deps, sub), lead: sub.leadDays.join(','), time: sub.digestTime, weekly: sub.weekly, editing: true };
  return { chat: '', region: deps.store.index.regions()[0] ?? '', units: '', lead: DEFAULT_LEAD_DAYS.join(','), time: DEFAULT_DIGEST_TIME, weekly: true, editing: false };
}

function remindersPage(c: Context<WebEnv>, deps: WebDeps, forms: Forms = {}): Response | Promise<Response> {
  const viewer = c.get('viewer');
  const { data, index } = deps.store;
  const today = shanghaiDate(deps.now());
  const askedDay = c.req.query('day');
  const day = askedDay && DAY.test(askedDay) ? askedDay : today;
  const chat = c.req.query('chat') ?? '';
  const ledger = ledgerByTask(data.ledger);
  const previews = data.subscriptions
    .filter((s) => !chat || s.chat === chat)
    .map((sub) => {
      const preview = previewDay(sub, day, data, index, ledger);
      return { preview, text: preview.digest ? renderPlain(preview.digest.reply) : null };
    });
  const view = remindersView({
    csrf: viewer.csrf,
    canEdit: may('subscribe', viewer.person, deps.admins, data.bindings),
    regions: index.regions(),
    chats: knownChats(deps),
    subscriptions: data.subscriptions,
    unitNames: (sub) => unitNamesOf(deps, sub),
    bindings: data.bindings,
    subForm: forms.sub ?? blankSubscription(deps, c.req.query('edit')),
    bindForm: forms.bind ?? { chat: '', region: index.regions()[0] ?? '', unit: '', user: '', name: '' },
    day,
    chat,
    previews,
    changes: data.changes.filter((r) => r.action !== 'import'),
  });
  const error = forms.error ?? (askedDay && !DAY.test(askedDay) ? webText.badDay : null);
  return respond(c, { title: webText.remindersTitle, section: 'reminders', error, status: forms.status }, view);
}

const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

/** The subscription the form describes, or what is wrong with it. */
function subscriptionOf(deps: WebDeps, f: SubscriptionForm, by: Actor, now: Date): Subscription | string {
  if (!isChatKey(f.chat)) return webText.badChat;
  if (!deps.store.index.byRegion.has(f.region)) return webText.unknownRegion(f.region);
  const names = f.units.split(UNIT_LIST).filter(Boolean);
  const found = names.map((name) => ({ name, unit: deps.store.index.units.find(name, [f.region])[0] }));
  const unknown = found.filter((x) => !x.unit).map((x) => x.name);
  if (unknown.length) return webText.unknownUnits(unknown.join(webText.listSep));
  const leadDays = parseLeadDays(f.lead);
  if (!leadDays) return webText.badLead;
  if (!isDigestTime(f.time)) return webText.badTime;
  const units = [...new Set(found.flatMap((x) => (x.unit ? [x.unit.key] : [])))];
  return { chat: f.chat, region: f.region, units, leadDays, digestTime: f.time, weekly: f.weekly, by, at: now.toISOString() };
}

const record = (viewer: Viewer, at: Date, r: Pick<ChangeRecord, 'action' | 'target' | 'region' | 'name' | 'user'>): ChangeRecord => ({ at: at.toISOString(), by: actor(viewer), via: WEB_CHAT, ...r });

export function reminderRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const canEdit = (c: Context<WebEnv>): boolean => may('subscribe', c.get('viewer').person, deps.admins, deps.store.data.bindings) && may('bind', c.get('viewer').person, deps.admins, deps.store.data.bindings);

  app.get(routes.reminders, (c) => remindersPage(c, deps));
  app.use(`${routes.reminders}/*`, async (c, next) => (canEdit(c) ? next() : refuse(c, 403, webText.deniedTitle, webText.adminOnly)));

  app.post(routes.subscriptionSave, async (c) => {
    const form = await c.req.formData();
    const viewer = c.get('viewer');
    const f: SubscriptionForm = { chat: text(form, 'chat'), region: text(form, 'region'), units: text(form, 'units'), lead: text(form, 'lead'), time: text(form, 'time'), weekly: form.get('weekly') === 'on', editing: false };
    const now = deps.now();
    const sub = subscriptionOf(deps, f, actor(viewer), now);
    if (typeof sub === 'string') return remindersPage(c, deps, { sub: f, error: sub, status: 422 });
    await deps.store.change((d) => {
      upsertSubscription(d, sub);
      d.changes.push(record(viewer, now, { action: 'subscribe', target: sub.chat, region: sub.region, name: null, user: null }));
    });
    return c.redirect(paths.reminders({ msg: 'subscribed' }), 303);
  });

  app.post(routes.subscriptionDelete, async (c) => {
    const chat = text(await c.req.formData(), 'chat');
    const sub = deps.store.data.subscriptions.find((s) => s.chat === chat);
    if (sub) {
      const now = deps.now();
      await deps.store.change((d) => {
        removeSubscription(d, chat);
        d.changes.push(record(c.get('viewer'), now, { action: 'unsubscribe', target: chat, region: sub.region, name: null, user: null }));
      });
    }
    return c.redirect(paths.reminders({ msg: 'unsubscribed' }), 303);
  });

  app.post(routes.bindingSave, async (c) => {
    const form = await c.req.formData();
    const f: BindingForm = { chat: text(form, 'chat'), region: text(form, 'region'), unit: text(form, 'unit'), user: text(form, 'user'), name: text(form, 'name') };
    const fail = (error: string): Response | Promise<Response> => remindersPage(c, deps, { bind: f, error, status: 422 });
    if (!isChatKey(f.chat)) return fail(webText.badChat);
    if (!deps.store.index.byRegion.has(f.region)) return fail(webText.unknownRegion(f.region));
    const unit = deps.store.index.units.find(f.unit, [f.region])[0];
    if (!unit) return fail(webText.unknownUnit(f.unit));
    if (!f.user || /\s/.test(f.user)) return fail(webText.badUser);
    const viewer = c.get('viewer');
    const now = deps.now();
    const user: Actor = { platform: f.chat.slice(0, f.chat.indexOf(':')), userId: f.user, name: f.name || undefined };
    await deps.store.change((d) => {
      bindStaff(d, { chat: f.chat, region: f.region, unit, people: [user], by: actor(viewer), at: now.toISOString() });
      d.changes.push(record(viewer, now, { action: 'bind', target: f.chat, region: f.region, name: unit.name, user }));
    });
    return c.redirect(paths.reminders({ msg: 'bound' }), 303);
  });

  app.post(routes.bindingDelete, async (c) => {
    const form = await c.req.formData();
    const gone = { chat: text(form, 'chat'), region: text(form, 'region'), unitKey: text(form, 'unitKey'), user: { platform: text(form, 'platform'), userId: text(form, 'userId') } };
    const found = deps.store.data.bindings.find((b) => b.chat === gone.chat && b.region === gone.region && b.unitKey === gone.unitKey && b.user.platform === gone.user.platform && b.user.userId === gone.user.userId);
    if (found) {
      const now = deps.now();
      await deps.store.change((d) => {
        unbindStaff(d, gone);
        d.changes.push(record(c.get('viewer'), now, { action: 'unbind', target: found.chat, region: found.region, name: found.unitName, user: found.user }));
      });
    }
    return c.redirect(paths.reminders({ msg: 'unbound' }), 303);
  });
  return app;
}
