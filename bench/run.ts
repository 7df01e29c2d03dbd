// The benchmark: a province-scale store (100,000 tasks), index build time and heap, and the latency of
// unit, deadline and search questions through the bot; then 10,000 adversarial messages; then the web
// 台账's server time and page weight; then import throughput of text, HTML, .docx and PDF at two sizes
// each (bench/import.ts; alone: `npm run bench:import`). Run with `npm run bench` (node --expose-gc); `-- --json` prints
// only a JSON report on stdout. Exits non-zero when a target is missed.
import { join } from 'node:path';
import { Bot, type BotStore } from '../src/core/bot.ts';
import { MemorySessions } from '../src/core/sessions.ts';
import { TaskIndex } from '../src/store/indexes.ts';
import { emptyStore } from '../src/store/schema.ts';
import { shanghaiInstant } from '../src/time.ts';
import { buildProvince, random } from './synthetic.ts';
import { fuzzMessages } from '../test/core/fuzz.ts';
import { benchWeb } from './web.ts';
import { MAX_SCALING, runImportBench, TEXT_TARGET_MB_S } from './import.ts';

const TARGETS = { buildMs: 3000, heapMb: 150, unitP99: 1, dueP99: 1, searchP99: 5, fuzzMaxMs: 50, webOverviewP99: 50 };
const json = process.argv.includes('--json');
/** Human-readable lines: on stdout, or on stderr when stdout holds the JSON report. */
const say = (line: string): void => void (json ? process.stderr : process.stdout).write(`${line}\n`);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench)');

const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const province = await buildProvince({ tasks: 100_000, regions: 120, years: [2020, 2021, 2022, 2023, 2024], seedsDir: join(import.meta.dirname, '..', 'data', 'seeds') });
const baseHeap = heapMb();
say(`store: ${province.tasks.length} tasks, ${province.regions.length} regions, ${province.documents.length} documents`);

let t0 = performance.now();
const index = new TaskIndex(province.documents, province.tasks);
const data = { ...emptyStore(), documents: province.documents, tasks: province.tasks };
const store: BotStore = { index, revision: 0, data, chatSettings: () => undefined, setChatRegion: async () => {}, change: async () => {} };
const bot = new Bot({ store, sessions: new MemorySessions() });
bot.warmUp();
const buildMs = performance.now() - t0;
const heap = heapMb();
say(`index build: ${buildMs.toFixed(0)} ms (target ≤ ${TARGETS.buildMs})`);
say(`heap: ${heap.toFixed(0)} MB in all, ${(heap - baseHeap).toFixed(0)} MB for the indexes (target ≤ ${TARGETS.heapMb} in all)`);

const rand = random(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const UNITS = ['民政局有哪些任务', '财政局负责什么', '人社局的任务', '教体局牵头的任务', '卫健局有哪些任务', '市场监管局的任务'];
const DUE = ['这个月有什么到期', '下个月要完成什么', '本周到期', '6月底前', '30天内', '已经逾期的', '民政局这个月有什么到期'];
const SEARCH = ['低保信息在哪公开', '孩子上学的政策谁负责', '以旧换新有什么政策', '养老金在哪查', '找工作有啥政策', '老旧小区改造', '垃圾分类宣传', '饭店疫情帮扶'];

async function measure(name: string, questions: readonly string[], n: number): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < n + 200; i++) {
    const region = pick(province.regions);
    const text = pick(questions);
    const start = performance.now();
    await bot.handle(
      { platform: 'cli', chatId: `bench-${i % 50}`, chatType: 'group', userId: 'b', text, mentioned: true, messageId: String(i), time: shanghaiInstant('2022-06-10', '10:00') },
      { region },
    );
    if (i >= 200) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  say(`${name}: p50 ${p(0.5).toFixed(3)} ms, p99 ${p(0.99).toFixed(3)} ms`);
  return { p50: p(0.5), p99: p(0.99) };
}

const unit = await measure('unit questions', UNITS, 3000);
const due = await measure('deadline questions', DUE, 3000);
const search = await measure('search questions', SEARCH, 3000);

let fuzzMax = 0;
t0 = performance.now();
for (const [i, text] of fuzzMessages(10_000, 99).entries()) {
  const start = performance.now();
  await bot.handle({ platform: 'cli', chatId: 'fuzz', chatType: 'group', userId: 'f', text, mentioned: true, messageId: String(i), time: new Date() });
  fuzzMax = Math.max(fuzzMax, performance.now() - start);
}
say(`10,000 adversarial messages: ${(performance.now() - t0).toFixed(0)} ms in all, slowest ${fuzzMax.toFixed(2)} ms (target < ${TARGETS.fuzzMaxMs})`);

const web = await benchWeb(index, data, province.regions, 2000);
const ms = (t: { p50: number; p99: number }): string => `p50 ${t.p50.toFixed(2)} ms, p99 ${t.p99.toFixed(2)} ms`;
say(`web overview (a region's plan year): ${ms(web.overview)} (target p99 ≤ ${TARGETS.webOverviewP99})`);
say(`web home (all ${province.regions.length} regions): ${ms(web.home)}; unit page: ${ms(web.unit)}; task page: ${ms(web.task)}`);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
say(`web overview weight (${web.weight.tasks} tasks): ${kb(web.weight.gzipBytes)} gzip (${kb(web.weight.htmlBytes)} HTML) + stylesheet ${kb(web.weight.cssGzipBytes)} gzip (cached), no script`);

const imports = await runImportBench(say);

const missed = [
  buildMs > TARGETS.buildMs && 'index build',
  heap > TARGETS.heapMb && 'heap',
  unit.p99 > TARGETS.unitP99 && 'unit p99',
  due.p99 > TARGETS.dueP99 && 'deadline p99',
  search.p99 > TARGETS.searchP99 && 'search p99',
  fuzzMax >= TARGETS.fuzzMaxMs && 'adversarial max',
  web.overview.p99 > TARGETS.webOverviewP99 && 'web overview p99',
  ...imports.missed.map((m) => `import: ${m}`),
].filter((m): m is string => Boolean(m));
say(missed.length ? `MISSED: ${missed.join(', ')}` : 'all targets met');
if (json) {
  const report = {
    store: { tasks: province.tasks.length, regions: province.regions.length, documents: province.documents.length },
    buildMs, heapMb: heap, unit, due, search, fuzzMaxMs: fuzzMax, web,
    import: { measures: imports.measures, scaling: imports.scaling },
    targets: { ...TARGETS, importTextMbPerS: TEXT_TARGET_MB_S, importMaxScaling: MAX_SCALING },
    missed,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
process.exitCode = missed.length ? 1 : 0;
