// Screenshots for the README, taken the way the end-to-end tests see the 台账: the seed store with a
// few weeks of work recorded, the real server, Debian's Chromium. `npx tsx scripts/screenshots.ts`
// writes docs/web-overview.png, docs/web-overview-phone.png and docs/web-task.png.
// (Chinese text needs a CJK font on the machine, e.g. Debian's fonts-noto-cjk.)
import { join } from 'node:path';
import { launchBrowser } from '../test/web/browser.ts';
import { ADMIN, recordSomeWork, REGION, startWeb } from '../test/web/harness.ts';
import { paths } from '../src/web/paths.ts';

const OUT = join(import.meta.dirname, '..', 'docs');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const web = await startWeb({ listen: true });
const browser = await launchBrowser();
try {
  await recordSomeWork(web);
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(web.base + web.linkPath(ADMIN));
  await page.getByRole('button', { name: '登录' }).click();
  await page.goto(web.base + paths.overview(REGION, 2022));
  await page.screenshot({ path: join(OUT, 'web-overview.png'), fullPage: true });
  const task = web.store.index.byRegion.get(REGION)?.find((t) => t.seq === 25);
  if (!task) throw new Error('no task 25');
  await page.goto(web.base + paths.task(task.id));
  await page.screenshot({ path: join(OUT, 'web-task.png'), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.goto(web.base + paths.overview(REGION, 2022));
  await page.screenshot({ path: join(OUT, 'web-overview-phone.png'), fullPage: false });
  console.log(`screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await web.close();
}
