// Every URL of the web 台账, built in one place: the pages link to each other through these, and the
// prefix it is mounted under is said once.

export const WEB_PREFIX = '/web';

const seg = (s: string): string => encodeURIComponent(s);
const query = (params: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const paths = {
  home: (params: { msg?: string } = {}): string => `${WEB_PREFIX}${query(params)}`,
  signIn: (token?: string, reason?: string): string => `${WEB_PREFIX}/login${query({ t: token, reason })}`,
  signOut: (): string => `${WEB_PREFIX}/logout`,
  region: (region: string): string => `${WEB_PREFIX}/r/${seg(region)}`,
  overview: (region: string, year: number, params: { msg?: string } = {}): string => `${WEB_PREFIX}/r/${seg(region)}/${year}${query(params)}`,
  unit: (region: string, key: string, year?: number | 'all'): string => `${WEB_PREFIX}/r/${seg(region)}/units/${seg(key)}${query({ year })}`,
  task: (id: string, params: { msg?: string } = {}): string => `${WEB_PREFIX}/t/${seg(id)}${query(params)}`,
  mark: (id: string): string => `${WEB_PREFIX}/t/${seg(id)}/mark`,
  imports: (params: { msg?: string } = {}): string => `${WEB_PREFIX}/import${query(params)}`,
  importPreview: (): string => `${WEB_PREFIX}/import/preview`,
  importConfirm: (): string => `${WEB_PREFIX}/import/confirm`,
  importCancel: (): string => `${WEB_PREFIX}/import/cancel`,
  reminders: (params: { day?: string; chat?: string; msg?: string; edit?: string } = {}): string => `${WEB_PREFIX}/reminders${query(params)}`,
  subscriptionSave: (): string => `${WEB_PREFIX}/reminders/subscriptions`,
  subscriptionDelete: (): string => `${WEB_PREFIX}/reminders/subscriptions/delete`,
  bindingSave: (): string => `${WEB_PREFIX}/reminders/bindings`,
  bindingDelete: (): string => `${WEB_PREFIX}/reminders/bindings/delete`,
  exportLedger: (region: string, format: 'xlsx' | 'csv'): string => `${WEB_PREFIX}/export${query({ region, format })}`,
  style: (hash: string): string => `${WEB_PREFIX}/assets/style-${hash}.css`,
};

/** Route patterns, relative to the prefix (Hono's syntax). */
export const routes = {
  home: '/',
  signIn: '/login',
  signOut: '/logout',
  region: '/r/:region',
  overview: '/r/:region/:year{[0-9]{4}}',
  unit: '/r/:region/units/:key',
  task: '/t/:id',
  mark: '/t/:id/mark',
  imports: '/import',
  importPreview: '/import/preview',
  importConfirm: '/import/confirm',
  importCancel: '/import/cancel',
  reminders: '/reminders',
  subscriptionSave: '/reminders/subscriptions',
  subscriptionDelete: '/reminders/subscriptions/delete',
  bindingSave: '/reminders/bindings',
  bindingDelete: '/reminders/bindings/delete',
  exportLedger: '/export',
  style: '/assets/:file{style-[0-9a-f]+\\.css}',
} as const;
