// The web 台账 end to end in a real browser (Debian's Chromium through playwright-core, off the
// network): one-time sign-in, the overview's counts, a unit's page, marking a task done and seeing the
// chart and the audit trail change, importing through the preview, and the refusals (a reader's link,
// a form without its CSRF token, an expired session). One browser for the file; a context per person.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { FIXTURES_DIR } from '../helpers.ts';
import { launchBrowser } from './browser.ts';
import { ADMIN, READER, REGION, STAFF, startWeb, TODAY, type WebHarness } from './harness.ts';

/** Playwright waits this long for an element before failing (the pages answer in milliseconds). */
const STEP_TIMEOUT_MS = 20_000;
const PHONE_WIDTH = 390;

let web: WebHarness;
let browser: Browser;
let admin: Page;
let staff: Page;

async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, who: typeof ADMIN): Promise<void> {
  await page.goto(web.base + web.linkPath(who));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${web.base}${paths.home()}`);
}

const kpi = (page: Page, label: string): Promise<string> =>
  page.locator('ul.kpis li', { hasText: label }).locator('.n').innerText();

beforeAll(async () => {
  [web, browser] = await Promise.all([startWeb({ listen: true }), launchBrowser()]);
  admin = (await newPage()).page;
  staff = (await newPage()).page;
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

// Generous per-test time: the machine running CI may be busy; each test takes about a second alone.
describe('the web 台账 in a browser', { timeout: 60_000 }, () => {
  it('signs in with a one-time link; the same link a second time is refused', async () => {
    const link = web.base + web.linkPath(ADMIN);
    await admin.goto(link);
    expect(await admin.getByText('将以 公开办张主任 的身份登录台账。').count()).toBe(1);
    await admin.getByRole('button', { name: '登录' }).click();
    await admin.waitForURL(`${web.base}${paths.home()}`);
    expect(await admin.getByRole('heading', { level: 1 }).innerText()).toBe('各地区台账总览');
    expect(await admin.getByText('公开办张主任（管理员）').count()).toBe(1);

    const { context, page } = await newPage();
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    expect(await page.getByRole('alert').innerText()).toContain('已经用过了');
    await page.goto(web.base + paths.home());
    expect(new URL(page.url()).pathname).toBe(paths.signIn());
    await context.close();
  });

  it("shows 汶上县's 2022 overview with the counts of the seed store", async () => {
    // The expected numbers, counted here from the store's tasks rather than by the code under test.
    const tasks = web.store.data.tasks.filter((t) => t.region === REGION && t.year === 2022);
    const overdue = tasks.filter((t) => t.deadline.kind === 'dated' && t.deadline.due !== null && t.deadline.due < TODAY);
    expect(tasks).toHaveLength(79);
    expect(overdue.length).toBe(1);

    await admin.goto(web.base + paths.home());
    await admin.getByRole('link', { name: REGION, exact: true }).click();
    await admin.waitForURL(`${web.base}${paths.overview(REGION, 2022)}`);
    expect(await admin.getByRole('heading', { level: 1 }).innerText()).toBe('汶上县 2022年政务公开任务台账');
    expect(await kpi(admin, '完成率')).toBe('0%');
    expect(await admin.locator('ul.kpis li.rate').innerText()).toContain('共 79 项');
    expect(await kpi(admin, '逾期')).toBe(String(overdue.length));
    expect(await kpi(admin, '未开始')).toBe(String(tasks.length - overdue.length));
    expect(await kpi(admin, '进行中')).toBe('0');
    expect(await kpi(admin, '已完成')).toBe('0');
    // The red list holds the overdue task, the bars start with the units that have it.
    const red = admin.locator('section', { has: admin.getByRole('heading', { name: /逾期任务/ }) });
    expect(await red.getByRole('link').first().innerText()).toContain(overdue[0]?.requirement.slice(0, 20));
    const firstBar = await admin.locator('.chart svg g title').first().textContent();
    expect(firstBar).toMatch(/逾期 1/);
    // The year-round tasks are apart, and the timeline shows the three tasks due 2022-06-30.
    expect(await admin.getByRole('heading', { name: /全年性、定期和长期任务（48 项/ }).count()).toBe(1);
    expect(await admin.getByRole('heading', { name: /未来 30 天到期（3 项）/ }).count()).toBe(1);
    expect(await admin.getByRole('img', { name: /未来 30 天每天到期任务数的时间轴，共 3 项/ }).count()).toBe(1);
  });

  it("opens 县民政局's page from the overview", async () => {
    await admin.getByText(/全部 \d+ 个单位的数据表/).click();
    await admin.getByRole('link', { name: '县民政局', exact: true }).click();
    expect(await admin.getByRole('heading', { level: 1 }).innerText()).toBe('汶上县 县民政局');
    expect(await admin.getByRole('heading', { name: '责任的任务（4 项）' }).count()).toBe(1);
    expect(await admin.getByRole('heading', { name: '牵头的任务（0 项）' }).count()).toBe(1);
    expect(await admin.getByRole('heading', { name: /以集体表述涉及本单位的任务（40 项/ }).count()).toBe(1);
  });

  it('staff mark their task 完成 and the chart and the audit trail change', async () => {
    const doneInChart = async (): Promise<number> => {
      await admin.goto(web.base + paths.overview(REGION, 2022));
      const titles = await admin.locator('#units-h ~ svg g > title').allTextContents();
      return titles.reduce((sum, t) => sum + Number(/已完成 (\d+)$/.exec(t)?.[1] ?? NaN), 0);
    };
    expect(await doneInChart()).toBe(0);
    expect(await admin.locator('#units-h ~ svg rect.s-done').count()).toBe(0);

    await signIn(staff, STAFF);
    await staff.getByRole('link', { name: '汶上县 县民政局' }).click();
    const responsible = staff.locator('section', { has: staff.getByRole('heading', { name: /责任的任务/ }) });
    await responsible.getByRole('link').first().click();
    expect(await staff.getByText('还没有任何登记。').count()).toBe(1);

    await staff.getByLabel('说明').fill('已在政府网站养老服务专栏发布');
    await staff.getByRole('button', { name: '标记完成' }).click();
    await staff.waitForURL(/msg=marked/);
    expect(await staff.getByRole('status').innerText()).toBe('已登记。');
    const rows = staff.locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(/完成\s+已在政府网站养老服务专栏发布\s+民政局李经办 \(telegram:mz9\)\s+台账网页/);
    expect(await staff.locator('dl.facts .badge').innerText()).toBe('已完成');
    expect(await staff.getByRole('button', { name: '撤销完成' }).count()).toBe(1);
    expect(web.store.data.ledger.at(-1)).toMatchObject({ action: 'done', by: { platform: 'telegram', userId: 'mz9' }, chat: 'web' });

    // The office sees it: one done on the overview, and the bars of the task's units have a done part.
    expect(await doneInChart()).toBeGreaterThan(0);
    expect(await admin.locator('#units-h ~ svg rect.s-done').count()).toBeGreaterThan(0);
    expect(await kpi(admin, '已完成')).toBe('1');
    expect(await kpi(admin, '完成率')).toBe('1%');
    await admin.getByText(/全部 \d+ 个单位的数据表/).click();
    const row = admin.getByRole('row', { name: /^县民政局/ });
    expect((await row.getByRole('cell').allInnerTexts()).map((x) => x.trim())).toEqual(['4', '0', '3', '0', '1', '25%']);
  });

  it('staff may not mark another unit’s task: the page says why and nothing is written', async () => {
    const other = web.store.data.tasks.find((t) => t.region === REGION && t.seq === 3);
    await staff.goto(web.base + paths.task(other?.id ?? ''));
    expect(await staff.getByText('只有管理员或该任务责任单位的经办人可以登记进展。').count()).toBe(1);
    expect(await staff.getByRole('button', { name: '标记完成' }).count()).toBe(0);
  });

  it('an admin imports a document through the preview', async () => {
    await admin.getByRole('link', { name: '导入任务表' }).click();
    await admin.getByLabel('文件').setInputFiles(join(FIXTURES_DIR, 'sixth-layout.md'));
    await admin.getByRole('button', { name: '上传并预览' }).click();
    expect(await admin.getByRole('heading', { level: 1 }).innerText()).toBe('预览：确认后导入');
    expect(await admin.getByRole('heading', { level: 2 }).first().innerText()).toMatch(/^临河区 2024年《/);
    expect(await admin.locator('dl.facts').first().innerText()).toMatch(/任务数\s+5/);
    expect(web.store.data.documents.some((d) => d.region === '临河区')).toBe(false);

    await admin.getByRole('button', { name: '确认导入' }).click();
    await admin.waitForURL(/\/web\/r\/.+\/2024\?msg=imported/);
    expect(await admin.getByRole('status').innerText()).toBe('已导入。');
    expect(await admin.getByRole('heading', { level: 1 }).innerText()).toBe('临河区 2024年政务公开任务台账');
    expect(await admin.locator('ul.kpis li.rate').innerText()).toContain('共 5 项');
    expect(web.store.data.changes.at(-1)).toMatchObject({ action: 'import', region: '临河区', by: { userId: 'admin1' } });
  });

  it("refuses a reader's link", async () => {
    const { context, page } = await newPage();
    const response = await page.goto(web.base + web.linkPath(READER));
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('alert').innerText()).toContain('您没有台账权限');
    expect(await page.getByRole('button', { name: '登录' }).count()).toBe(0);
    expect((await context.cookies()).some((c) => c.name === 'zwgk_session')).toBe(false);
    await context.close();
  });

  it('refuses a form posted without its CSRF token and writes nothing', async () => {
    const task = web.store.data.tasks.find((t) => t.region === REGION && t.seq === 4);
    await admin.goto(web.base + paths.task(task?.id ?? ''));
    const before = web.store.data.ledger.length;
    await admin.locator('form[action$="/mark"] input[name="_csrf"]').evaluateAll((els) => els.forEach((el) => el.remove()));
    await admin.getByLabel('说明').fill('不该被记录');
    const [response] = await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), admin.getByRole('button', { name: '标记完成' }).click()]);
    expect(response.status()).toBe(403);
    expect(await admin.getByRole('alert').innerText()).toContain('缺少校验码');
    expect(web.store.data.ledger).toHaveLength(before);
  });

  it('works on a phone and from the keyboard', async () => {
    const { context, page } = await newPage({ width: PHONE_WIDTH, height: 844 });
    await signIn(page, ADMIN);
    await page.goto(web.base + paths.overview(REGION, 2022));
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('跳到正文');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
    await context.close();
  });

  it('sends an expired session back to sign-in', async () => {
    await admin.goto(web.base + paths.home());
    expect(await admin.getByRole('heading', { level: 1 }).innerText()).toBe('各地区台账总览');
    web.clock.now = new Date(web.clock.now.getTime() + 9 * 3600_000);
    await admin.reload();
    expect(new URL(admin.url()).pathname).toBe(paths.signIn());
    expect(await admin.getByRole('status').innerText()).toContain('登录已过期');
  });
});
