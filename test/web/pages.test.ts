// The web 台账 through its HTTP interface (no browser): who gets in, what every page refuses, roles on
// marks, import, the reminder desk and export, escaping, headers and body limits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../src/ledger/export.ts';
import { paths } from '../../src/web/paths.ts';
import { FIXTURES_DIR } from '../helpers.ts';
import { Client } from './client.ts';
import { ADMIN, READER, REGION, STAFF, startWeb, type WebHarness } from './harness.ts';

let web: WebHarness;
const taskOf = (seq: number, region = REGION) => {
  const task = web.store.data.tasks.find((t) => t.region === region && t.seq === seq);
  if (!task) throw new Error(`no task ${seq}`);
  return task;
};
/** Task 25 names 县民政局 (the staff member's unit); task 3 does not. */
const OWN = 25;
const OTHERS = 3;

async function signedIn(person = ADMIN): Promise<Client> {
  const client = new Client(web);
  const response = await client.signIn(person);
  expect(response.status).toBe(303);
  return client;
}

describe('getting in', () => {
  beforeEach(async () => {
    web = await startWeb();
  });
  afterEach(() => web.close());

  it.each([paths.home(), paths.overview(REGION, 2022), paths.imports(), paths.reminders(), paths.exportLedger(REGION, 'csv'), '/web/t/whatever', '/web/no-such-page'])(
    'without a session %s sends to sign-in',
    async (path) => {
      const response = await new Client(web).get(path);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(paths.signIn());
    },
  );

  it('opening a link changes nothing (chat apps fetch links for previews); pressing 登录 uses it', async () => {
    const client = new Client(web);
    const link = web.linkPath(STAFF);
    expect((await client.get(link)).status).toBe(200);
    expect((await client.get(link)).status).toBe(200);
    expect(web.store.data.webLinks).toHaveLength(0);
    const csrf = await client.csrf(link);
    const t = new URL(link, 'http://x').searchParams.get('t') ?? '';
    const post = () => client.request(paths.signIn(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ t, _csrf: csrf }) });
    const first = await post();
    expect(first.status).toBe(303);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith('zwgk_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).toMatch(/Path=\/web/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await client.get(paths.home())).status).toBe(200);
    const again = await client.get(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('已经用过了');
    expect(web.store.data.webSessions).toHaveLength(1);
  });

  it('the sign-in form is refused without its own CSRF cookie (nobody can sign a browser in as someone else)', async () => {
    const attacker = new Client(web);
    const link = web.linkPath(ADMIN);
    const csrf = await attacker.csrf(link);
    const victim = new Client(web);
    const t = new URL(link, 'http://x').searchParams.get('t') ?? '';
    const response = await victim.request(paths.signIn(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ t, _csrf: csrf }) });
    expect(response.status).toBe(403);
    expect(web.store.data.webSessions).toHaveLength(0);
  });

  it.each([
    ['a reader', READER, 403, '您没有台账权限'],
    ['an admin of another platform id', { platform: 'wechat', userId: ADMIN.userId }, 403, '您没有台账权限'],
  ])('refuses %s', async (_name, person, status, text) => {
    const client = new Client(web);
    const page = await client.get(web.linkPath(person));
    expect(page.status).toBe(status);
    expect(await page.text()).toContain(text);
    expect((await client.signIn(person)).status).toBe(status);
    expect(web.store.data.webSessions).toHaveLength(0);
  });

  it('an expired or forged link is refused and says how to get a new one', async () => {
    const client = new Client(web);
    const link = web.linkPath(ADMIN);
    web.clock.now = new Date(web.clock.now.getTime() + 11 * 60_000);
    const expired = await client.get(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/已过期[\s\S]*登录台账/);
    const forged = await client.get(`${link.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(410);
    expect(await forged.text()).toContain('无效');
  });

  it('a session expires after a working day; the page says so', async () => {
    const client = await signedIn();
    web.clock.now = new Date(web.clock.now.getTime() + 8 * 3600_000 + 1000);
    const response = await client.get(paths.home());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(paths.signIn(undefined, 'expired'));
    expect(await (await client.get(paths.signIn(undefined, 'expired'))).text()).toContain('登录已过期');
  });

  it('staff whose binding is removed lose access at their next click', async () => {
    const client = await signedIn(STAFF);
    expect((await client.get(paths.home())).status).toBe(200);
    await web.store.change((d) => {
      d.bindings = d.bindings.filter((b) => b.user.userId !== STAFF.userId);
    });
    const response = await client.get(paths.home());
    expect(response.headers.get('location')).toBe(paths.signIn(undefined, 'revoked'));
    expect(web.store.data.webSessions).toHaveLength(0);
  });

  it('signing out ends the session', async () => {
    const client = await signedIn();
    const out = await client.post(paths.signOut(), {});
    expect(out.status).toBe(303);
    expect(web.store.data.webSessions).toHaveLength(0);
    expect((await client.get(paths.home())).status).toBe(303);
  });

  it('cookies are Secure when the 台账 is reached over https', async () => {
    const fresh = await startWeb({ secureCookies: true });
    try {
      const client = new Client(fresh);
      const page = await client.get(fresh.linkPath(ADMIN));
      expect(page.headers.getSetCookie()[0]).toMatch(/Secure/);
    } finally {
      await fresh.close();
    }
  });
});

describe('pages and changes', () => {
  beforeAll(async () => {
    web = await startWeb();
  });
  afterAll(() => web.close());

  it('every page carries the security headers and is not cached', async () => {
    const client = await signedIn();
    const response = await client.get(paths.overview(REGION, 2022));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\s*<html lang="zh-CN">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('the stylesheet is served by the process itself and cached under its hash', async () => {
    const client = await signedIn();
    const html = await (await client.get(paths.home())).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? '';
    const css = await new Client(web).get(href);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect((await new Client(web).get('/web/assets/style-000000000000.css')).status).toBe(404);
  });

  it('pages are compressed for browsers that ask', async () => {
    const client = await signedIn();
    const response = await client.request(paths.overview(REGION, 2022), { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });

  it('an unknown region, year, unit or task is a 404 page', async () => {
    const client = await signedIn();
    for (const path of [paths.region('无此县'), paths.overview(REGION, 1999), paths.unit(REGION, '无此局'), paths.task('2022-deadbeef-1'), '/web/zzz']) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('没有找到');
    }
    expect((await client.get(paths.region(REGION))).headers.get('location')).toBe(paths.overview(REGION, 2022));
  });

  it('staff record progress on their unit’s task; what they typed is shown, escaped', async () => {
    const staff = await signedIn(STAFF);
    const task = taskOf(OWN);
    const note = '<script>alert(1)</script> 已发布 & 解读';
    const response = await staff.post(paths.mark(task.id), { action: 'progress', note });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(paths.task(task.id, { msg: 'marked' }));
    const event = web.store.data.ledger.at(-1);
    expect(event).toMatchObject({ taskId: task.id, action: 'progress', note, by: { platform: 'telegram', userId: 'mz9', name: '民政局李经办' }, chat: 'web' });
    const page = await (await staff.get(paths.task(task.id))).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 已发布 &amp; 解读');
    expect(page).not.toContain('<script>');
  });

  it.each([
    ['progress without a note', { action: 'progress', note: '  ' }, 422, '请填写说明'],
    ['an unknown action', { action: 'delete', note: '' }, 422, '没有这种登记操作'],
    ['a note longer than a chat message', { action: 'done', note: '字'.repeat(501) }, 422, '说明太长了'],
  ])('refuses %s and writes nothing', async (_name, fields, status, text) => {
    const staff = await signedIn(STAFF);
    const before = web.store.data.ledger.length;
    const response = await staff.post(paths.mark(taskOf(OWN).id), fields);
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(text);
    expect(web.store.data.ledger).toHaveLength(before);
  });

  it('staff may not mark another unit’s task, even by posting the form themselves', async () => {
    const staff = await signedIn(STAFF);
    const before = web.store.data.ledger.length;
    const response = await staff.post(paths.mark(taskOf(OTHERS).id), { action: 'done', note: '' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('只有管理员或该任务责任单位的经办人可以登记进展');
    expect(web.store.data.ledger).toHaveLength(before);
  });

  it('done twice is refused; undone then done again is recorded, each with the person', async () => {
    const admin = await signedIn();
    const task = taskOf(OTHERS);
    expect((await admin.post(paths.mark(task.id), { action: 'done', note: '' })).status).toBe(303);
    expect((await admin.post(paths.mark(task.id), { action: 'done', note: '' })).status).toBe(409);
    expect((await admin.post(paths.mark(task.id), { action: 'undone', note: '误操作' })).status).toBe(303);
    expect((await admin.post(paths.mark(task.id), { action: 'undone', note: '' })).status).toBe(409);
    const events = web.store.data.ledger.filter((e) => e.taskId === task.id);
    expect(events.map((e) => e.action)).toEqual(['done', 'undone']);
    expect(events.every((e) => e.by.userId === ADMIN.userId && e.chat === 'web')).toBe(true);
  });

  it('a form without the CSRF token, or with another session’s, is refused and writes nothing', async () => {
    const admin = await signedIn();
    const other = await signedIn();
    const before = web.store.data.ledger.length;
    const task = taskOf(OTHERS);
    expect((await admin.post(paths.mark(task.id), { action: 'progress', note: 'x' }, { csrf: null })).status).toBe(403);
    expect((await admin.post(paths.mark(task.id), { action: 'progress', note: 'x' }, { csrf: await other.csrf(paths.home()) })).status).toBe(403);
    const json = await admin.request(paths.mark(task.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'done' }) });
    expect(json.status).toBe(403);
    expect(web.store.data.ledger).toHaveLength(before);
  });

  it('staff see the reminder desk but may not import or change it', async () => {
    const staff = await signedIn(STAFF);
    expect((await staff.get(paths.reminders())).status).toBe(200);
    expect(await (await staff.get(paths.reminders())).text()).toContain('只有管理员可以修改订阅和绑定');
    expect((await staff.get(paths.imports())).status).toBe(403);
    const csrf = await staff.csrf(paths.home());
    const before = web.store.data.subscriptions.length;
    expect((await staff.post(paths.subscriptionSave(), { chat: 'robot:ops', region: REGION, lead: '7,1,0', time: '09:00' }, { csrf })).status).toBe(403);
    expect((await staff.post(paths.importConfirm(), { id: 'x' }, { csrf })).status).toBe(403);
    expect(web.store.data.subscriptions).toHaveLength(before);
    expect(await (await staff.get(paths.home())).text()).not.toContain('导入任务表');
  });

  it('exports the ledger as xlsx and csv, as the chat and the CLI do', async () => {
    const client = await signedIn(STAFF);
    const xlsx = await client.get(paths.exportLedger(REGION, 'xlsx'));
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain(encodeURIComponent('汶上县政务公开台账-2022-06-20.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as ExcelJS.Buffer);
    expect(book.worksheets[0]?.rowCount).toBe(1 + 79);
    expect(book.worksheets[0]?.getRow(1).values).toEqual([undefined, ...LEDGER_COLUMNS]);
    const csv = await (await client.get(paths.exportLedger(REGION, 'csv'))).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 79);
    expect((await client.get(paths.exportLedger('无此县', 'csv'))).status).toBe(404);
  });
});

describe('import by upload', () => {
  beforeAll(async () => {
    web = await startWeb();
  });
  afterAll(() => web.close());

  const fileForm = (...files: Array<[string, Uint8Array | string]>): FormData => {
    const form = new FormData();
    for (const [name, data] of files) form.append('file', new Blob([data]), name);
    return form;
  };
  const fixture = (name: string): Uint8Array => readFileSync(join(FIXTURES_DIR, name));

  it('shows the parse before writing, then imports all of it with who did it', async () => {
    const admin = await signedIn();
    const preview = await admin.postMultipart(paths.importPreview(), fileForm(['plan.docx', fixture('office/plan.docx')]));
    expect(preview.status).toBe(200);
    const html = await preview.text();
    const docsBefore = web.store.data.documents.length;
    expect(html).toContain('预览：确认后导入');
    const id = /name="id" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const confirm = await admin.post(paths.importConfirm(), { id }, { from: paths.imports() });
    expect(confirm.status).toBe(303);
    expect(web.store.data.documents).toHaveLength(docsBefore + 1);
    const doc = web.store.data.documents.at(-1);
    expect(confirm.headers.get('location')).toBe(paths.overview(doc?.region ?? '', doc?.year ?? 0, { msg: 'imported' }));
    expect(web.store.data.changes.at(-1)).toMatchObject({ action: 'import', target: doc?.id, by: { platform: 'telegram', userId: 'admin1' }, via: 'web' });
    // A preview is used once.
    expect((await admin.post(paths.importConfirm(), { id }, { from: paths.imports() })).status).toBe(422);
  });

  it('a .zip of a page and its .doc attachment: both documents previewed and imported', async () => {
    const admin = await signedIn();
    const form = fileForm(['11-xuancheng.zip', fixture('published/11-xuancheng.zip')]);
    form.append('year', '2024');
    const preview = await admin.postMultipart(paths.importPreview(), form);
    const html = await preview.text();
    expect(preview.status, html).toBe(200);
    expect(html).toContain('11-xuancheng.zip/11-xuancheng.html');
    expect(html).toContain('11-xuancheng.zip/附件：11-xuancheng.doc');
    const docsBefore = web.store.data.documents.length;
    const id = /name="id" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect((await admin.post(paths.importConfirm(), { id }, { from: paths.imports() })).status).toBe(303);
    expect(web.store.data.documents.length).toBe(docsBefore + 2);
  });

  it('the same document again says it will replace the one imported before', async () => {
    const admin = await signedIn();
    const html = await (await admin.postMultipart(paths.importPreview(), fileForm(['plan.docx', fixture('office/plan.docx')]))).text();
    expect(html).toContain('将替换已导入的同一文件');
  });

  it('one bad file among several: nothing is written, and the page says which file and why', async () => {
    const admin = await signedIn();
    const before = JSON.stringify(web.store.data.documents);
    const response = await admin.postMultipart(paths.importPreview(), fileForm(['good.md', fixture('sixth-layout.md')], ['空白.txt', '   ']));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('导入失败，没有写入任何内容');
    expect(html).toContain('空白.txt');
    expect(JSON.stringify(web.store.data.documents)).toBe(before);
  });

  it.each([
    ['no file', () => new FormData(), '请选择要导入的文件'],
    ['a bad year', () => fileForm(['a.md', fixture('sixth-layout.md')]), '年度应为四位数字', { year: '22' }],
    ['a region that is not a region', () => fileForm(['a.md', fixture('sixth-layout.md')]), '地区名应为', { region: 'abc' }],
  ])('refuses %s', async (_name, make, text, extra: Record<string, string> = {}) => {
    const admin = await signedIn();
    const form = make();
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    const response = await admin.postMultipart(paths.importPreview(), form);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain(text);
  });

  it("a preview belongs to the session that made it; cancelling drops it", async () => {
    const admin = await signedIn();
    const other = await signedIn();
    const html = await (await admin.postMultipart(paths.importPreview(), fileForm(['a.md', fixture('sixth-layout.md')]))).text();
    const id = /name="id" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect((await other.post(paths.importConfirm(), { id }, { from: paths.imports() })).status).toBe(422);
    expect((await admin.post(paths.importCancel(), { id }, { from: paths.imports() })).headers.get('location')).toBe(paths.imports({ msg: 'cancelled' }));
    expect((await admin.post(paths.importConfirm(), { id }, { from: paths.imports() })).status).toBe(422);
  });

  it('only the upload takes a body over the server’s 1 MiB limit', async () => {
    const admin = await signedIn();
    const big = new Uint8Array(2 * 2 ** 20).fill(0x41);
    const upload = await admin.postMultipart(paths.importPreview(), fileForm(['big.txt', big]));
    expect(upload.status).toBe(422);
    const elsewhere = await admin.request(paths.mark(taskOf(OWN).id), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `note=${'a'.repeat(2 * 2 ** 20)}` });
    expect(elsewhere.status).toBe(413);
  });
});

describe('the reminder desk', () => {
  beforeAll(async () => {
    web = await startWeb();
  });
  afterAll(() => web.close());

  it('an admin subscribes a robot chat, edits it, previews a day and removes it; each change names the person', async () => {
    const admin = await signedIn();
    const save = (fields: Record<string, string>) => admin.post(paths.subscriptionSave(), fields, { from: paths.reminders() });
    expect((await save({ chat: 'robot:ops', region: REGION, units: '民政局、财政局', lead: '7,1,0', time: '08:30', weekly: 'on' })).status).toBe(303);
    expect(web.store.data.subscriptions).toEqual([expect.objectContaining({ chat: 'robot:ops', region: REGION, units: ['民政局', '财政局'], leadDays: [7, 1, 0], digestTime: '08:30', weekly: true, by: expect.objectContaining({ userId: 'admin1' }) })]);
    expect((await save({ chat: 'robot:ops', region: REGION, units: '', lead: '3，0', time: '09:00' })).status).toBe(303);
    expect(web.store.data.subscriptions).toEqual([expect.objectContaining({ units: [], leadDays: [3, 0], weekly: false })]);

    const page = await (await admin.get(paths.reminders({ day: '2022-06-27' }))).text();
    expect(page).toContain('robot:ops（汶上县）：会推送以下内容');
    expect(page).toMatch(/<pre class="digest">【政务公开到期提醒】汶上县 2022-06-27/);

    expect((await admin.post(paths.subscriptionDelete(), { chat: 'robot:ops' }, { from: paths.reminders() })).status).toBe(303);
    expect(web.store.data.subscriptions).toHaveLength(0);
    expect(web.store.data.changes.map((c) => c.action)).toEqual(['subscribe', 'subscribe', 'unsubscribe']);
    expect(web.store.data.changes.every((c) => c.by.userId === 'admin1' && c.via === 'web')).toBe(true);
  });

  it.each([
    [{ chat: 'ops', lead: '7', time: '09:00' }, '会话应写成'],
    [{ chat: 'robot:ops', lead: '99', time: '09:00' }, '提前天数应为'],
    [{ chat: 'robot:ops', lead: '7', time: '25:00' }, '推送时间应为'],
    [{ chat: 'robot:ops', lead: '7', time: '09:00', units: '宇宙局' }, '没有找到单位：宇宙局'],
    [{ chat: 'robot:ops', lead: '7', time: '09:00', region: '无此县' }, '没有地区“无此县”'],
  ])('refuses %j with what is wrong, keeping what was typed', async (fields, text) => {
    const admin = await signedIn();
    const response = await admin.post(paths.subscriptionSave(), { region: REGION, units: '', ...fields }, { from: paths.reminders() });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain(text);
    expect(html).toContain(`value="${fields.chat}"`);
    expect(web.store.data.subscriptions).toHaveLength(0);
  });

  it('binds staff to a unit and unbinds them; the bound person can then sign in, and not after', async () => {
    const admin = await signedIn();
    const bind = await admin.post(paths.bindingSave(), { chat: 'dingtalk:grp1', region: REGION, unit: '财政局', user: 'u-cz', name: '财政王经办' }, { from: paths.reminders() });
    expect(bind.status).toBe(303);
    const binding = web.store.data.bindings.find((b) => b.user.userId === 'u-cz');
    expect(binding).toMatchObject({ chat: 'dingtalk:grp1', unitKey: '财政局', user: { platform: 'dingtalk', userId: 'u-cz', name: '财政王经办' }, by: { userId: 'admin1' } });
    const newcomer = { platform: 'dingtalk', userId: 'u-cz' };
    expect((await new Client(web).signIn(newcomer)).status).toBe(303);

    const unbind = await admin.post(paths.bindingDelete(), { chat: 'dingtalk:grp1', region: REGION, unitKey: '财政局', platform: 'dingtalk', userId: 'u-cz' }, { from: paths.reminders() });
    expect(unbind.status).toBe(303);
    expect(web.store.data.bindings.some((b) => b.user.userId === 'u-cz')).toBe(false);
    expect((await new Client(web).signIn(newcomer)).status).toBe(403);
    expect(web.store.data.changes.slice(-2).map((c) => c.action)).toEqual(['bind', 'unbind']);
  });
});
