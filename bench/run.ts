// The benchmark: a province-scale store (100,000 tasks), index build time and heap, the latency of unit,
// deadline and search questions through the bot, 10,000 adversarial messages; ledger writes through the
// real store on both engines at 1,000 and 100,000 tasks; region-scoped search against FlexSearch and
// MiniSearch (same jieba tokenizer) and their relevance; today's date per message; cold start; the web
// 台账's server time and page weight; import throughput of text, HTML, .docx and PDF at two sizes each
// (bench/import.ts; alone: `npm run bench:import`).
// `npm run bench` (node --expose-gc) prints for people; `npm run bench -- --json` prints every figure
// as JSON on stdout (the lines for people go to stderr); `--only reads,search,writes,start,web,import`
// runs some parts. Exits non-zero when a target is missed.
// PostgreSQL figures use ZWGK_BENCH_DATABASE_URL or ZWGK_TEST_DATABASE_URL (`bash .ci/with-postgres.sh
// npm run bench` starts a server), else PostgreSQL in process (PGlite), labelled as such.
import { join } from 'node:path';
import { Bot, type BotStore } from '../src/core/bot.ts';
import { buildKnowledge } from '../src/core/knowledge.ts';
import { MemorySessions } from '../src/core/sessions.ts';
import type { Task } from '../src/model/task.ts';
import { TaskIndex } from '../src/store/indexes.ts';
import { emptyStore } from '../src/store/schema.ts';
import { shanghaiDate, shanghaiInstant } from '../src/time.ts';
import { fuzzMessages } from '../test/core/fuzz.ts';
import { parseSeed, seedFiles } from '../test/helpers.ts';
import { benchColdStart } from './cold-start.ts';
import { Figures, fixed, quantile } from './figures.ts';
import { flexsearch, minisearch, ours, relevance, reportSearch, timeEngines } from './search-peers.ts';
import { buildProvince, random } from './synthetic.ts';
import { benchWeb } from './web.ts';
import { benchWrites, writeEngines } from './writes.ts';
import { MAX_SCALING, runImportBench, TEXT_TARGET_MB_S } from './import.ts';

const TARGETS = { buildMs: 3000, heapMb: 150, unitP99: 1, dueP99: 1, searchP99: 5, fuzzMaxMs: 50, todayNs: 1000, webOverviewP99: 50 };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench)');
const figures = new Figures(process.argv.includes('--json'));
type Part = 'reads' | 'search' | 'writes' | 'start' | 'web' | 'import';
const only = process.argv.find((_a, i) => process.argv[i - 1] === '--only')?.split(',');
const runs = (part: Part): boolean => !only || only.includes(part);
const say = (line: string): void => figures.say(line);

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
// Reads are measured on the snapshot in memory, as answers read it; writes go through the real store below.
const store: BotStore = { index, revision: 0, data, chatSettings: () => undefined, setChatRegion: async () => {}, change: async () => {} };
const bot = new Bot({ store, sessions: new MemorySessions() });
bot.warmUp();
const buildMs = performance.now() - t0;
const heap = heapMb();
figures.add('index.build', { value: buildMs, unit: 'ms', target: TARGETS.buildMs });
figures.add('index.heap', { value: heap, unit: 'MB', target: TARGETS.heapMb, note: `${fixed(heap - baseHeap, 0)} MB for the indexes` });
say(`index build: ${fixed(buildMs, 0)} ms (target ≤ ${TARGETS.buildMs})`);
say(`heap: ${fixed(heap, 0)} MB in all, ${fixed(heap - baseHeap, 0)} MB for the indexes (target ≤ ${TARGETS.heapMb} in all)`);

const rand = random(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const UNITS = ['民政局有哪些任务', '财政局负责什么', '人社局的任务', '教体局牵头的任务', '卫健局有哪些任务', '市场监管局的任务'];
const DUE = ['这个月有什么到期', '下个月要完成什么', '本周到期', '6月底前', '30天内', '已经逾期的', '民政局这个月有什么到期'];
const SEARCH = ['低保信息在哪公开', '孩子上学的政策谁负责', '以旧换新有什么政策', '养老金在哪查', '找工作有啥政策', '老旧小区改造', '垃圾分类宣传', '饭店疫情帮扶'];

async function measure(name: string, key: string, questions: readonly string[], n: number, target: number): Promise<void> {
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
  figures.add(`bot.${key}.p50`, { value: quantile(times, 0.5), unit: 'ms' });
  figures.add(`bot.${key}.p99`, { value: quantile(times, 0.99), unit: 'ms', target });
  say(`${name}: p50 ${fixed(quantile(times, 0.5))} ms, p99 ${fixed(quantile(times, 0.99))} ms (target p99 ≤ ${target})`);
}

if (runs('reads')) {
  await measure('unit questions', 'unit', UNITS, 3000, TARGETS.unitP99);
  await measure('deadline questions', 'due', DUE, 3000, TARGETS.dueP99);
  await measure('search questions', 'search', SEARCH, 3000, TARGETS.searchP99);
  let fuzzMax = 0;
  t0 = performance.now();
  for (const [i, text] of fuzzMessages(10_000, 99).entries()) {
    const start = performance.now();
    await bot.handle({ platform: 'cli', chatId: 'fuzz', chatType: 'group', userId: 'f', text, mentioned: true, messageId: String(i), time: new Date() });
    fuzzMax = Math.max(fuzzMax, performance.now() - start);
  }
  figures.add('bot.adversarial.max', { value: fuzzMax, unit: 'ms', target: TARGETS.fuzzMaxMs });
  say(`10,000 adversarial messages: ${fixed(performance.now() - t0, 0)} ms in all, slowest ${fixed(fuzzMax, 2)} ms (target < ${TARGETS.fuzzMaxMs})`);
}

// Today's date, once per message: plain UTC+8 arithmetic against the time-zone database (Intl).
if (runs('reads')) {
  const n = 200_000;
  const zoned = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  let sink = 0;
  t0 = performance.now();
  for (let i = 0; i < n; i++) sink += shanghaiDate(new Date(1_650_000_000_000 + i * 60_000)).length;
  const plain = ((performance.now() - t0) / n) * 1e6;
  t0 = performance.now();
  for (let i = 0; i < n; i++) sink += zoned.format(new Date(1_650_000_000_000 + i * 60_000)).length;
  const tz = ((performance.now() - t0) / n) * 1e6;
  figures.add('time.today', { value: plain, unit: 'ns', target: TARGETS.todayNs, peers: { 'Intl time zone': tz / plain } });
  say(`today in Shanghai: ${fixed(plain, 0)} ns a message (${fixed(tz / plain, 1)}× faster than the time-zone database${sink ? '' : ''})`);
}

// Region-scoped search against the peers, on the same 100,000 tasks; relevance on the labelled seed questions.
if (runs('search')) {
  const tasks = [...index.byId.values()];
  const engines = [ours(tasks, buildKnowledge(index).search)];
  t0 = performance.now();
  engines.push(flexsearch(tasks));
  say(`FlexSearch+jieba built over ${tasks.length} tasks in ${fixed(performance.now() - t0, 0)} ms`);
  t0 = performance.now();
  engines.push(minisearch(tasks));
  say(`MiniSearch+jieba built over ${tasks.length} tasks in ${fixed(performance.now() - t0, 0)} ms`);
  const timed = timeEngines(engines, SEARCH, province.regions, 2000);
  const seeds: Task[] = (await Promise.all(seedFiles().map((f) => parseSeed(f)))).flatMap((p) => p.tasks);
  const relevances = new Map([ours(seeds), flexsearch(seeds), minisearch(seeds)].map((e) => [e.name, relevance(e, seeds)]));
  reportSearch(figures, timed, relevances, tasks.length);
}

if (runs('writes')) await benchWrites(figures, province, writeEngines(process.env.ZWGK_BENCH_DATABASE_URL ?? process.env.ZWGK_TEST_DATABASE_URL), [1_000, 100_000]);
if (runs('start')) await benchColdStart(figures);
if (runs('web')) {
  const web = await benchWeb(index, data, province.regions, 2000);
  const ms = (t: { p50: number; p99: number }): string => `p50 ${fixed(t.p50, 2)} ms, p99 ${fixed(t.p99, 2)} ms`;
  figures.add('web.overview.p50', { value: web.overview.p50, unit: 'ms' });
  figures.add('web.overview.p99', { value: web.overview.p99, unit: 'ms', target: TARGETS.webOverviewP99 });
  figures.add('web.overview.gzip', { value: web.weight.gzipBytes / 1024, unit: 'KB', note: `${web.weight.tasks} tasks` });
  say(`web overview (a region's plan year): ${ms(web.overview)} (target p99 ≤ ${TARGETS.webOverviewP99})`);
  say(`web home (all ${province.regions.length} regions): ${ms(web.home)}; unit page: ${ms(web.unit)}; task page: ${ms(web.task)}`);
  const kb = (n: number): string => `${fixed(n / 1024, 1)} KB`;
  say(`web overview weight (${web.weight.tasks} tasks): ${kb(web.weight.gzipBytes)} gzip (${kb(web.weight.htmlBytes)} HTML) + stylesheet ${kb(web.weight.cssGzipBytes)} gzip (cached), no script`);
}

if (runs('import')) {
  const imports = await runImportBench(say);
  for (const m of imports.measures) {
    const target = m.format === 'text' ? { target: TEXT_TARGET_MB_S, atLeast: true } : {};
    figures.add(`import.${m.format}.${m.rows}rows`, { value: m.mbPerS, unit: 'MB/s', ...target, note: `${fixed(m.mb, 2)} MB, ${m.tasks} of ${m.rows} tasks read` });
    figures.add(`import.${m.format}.${m.rows}rows.unread`, { value: m.rows - m.tasks, unit: 'tasks', target: 0 });
  }
  for (const [format, ratio] of Object.entries(imports.scaling)) figures.add(`import.${format}.scaling`, { value: ratio, unit: '×', target: MAX_SCALING, note: '1 = linear' });
}

const missed = figures.missed();
say(missed.length ? `MISSED: ${missed.join(', ')}` : 'all targets met');
figures.print();
process.exitCode = missed.length ? 1 : 0;
