// The command-line interface: import, parse, docs, tasks. With --json, stdout holds only JSON.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { cliText } from '../texts/cli.ts';
import { StoreError, UsageError, ZwgkError } from '../errors.ts';
import type { Task } from '../model/task.ts';
import { unitNames } from '../model/task.ts';
import { openStore } from '../app/bootstrap.ts';
import { parseFiles } from '../ingest/parse-files.ts';
import type { TaskStore } from '../store/task-store.ts';
import { Bot } from '../core/bot.ts';
import { renderPlain } from '../platform/reply.ts';
import { FileSessions } from '../core/sessions.ts';
import { shanghaiDate, shanghaiInstant } from '../time.ts';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ledgerCsv, ledgerRows, ledgerXlsx } from '../ledger/export.ts';
import { eventsByTask } from '../ledger/status.ts';
import { DEFAULT_DIGEST_TIME, DEFAULT_LEAD_DAYS, quietDay, remindersFor } from '../reminders/select.ts';
import type { Subscription } from '../model/records.ts';
import { commandWebLink } from './web.ts';

const USAGE = `用法: npm run -s cli -- <命令> [选项]
  import <文件…> [--region 地区] [--year 年度]   导入任务分解表（.txt/.md/.docx/.xlsx）
  parse <文件> [--region 地区] [--year 年度] [--json]   只解析、不写入
  docs [--json]                                   列出已导入的文件
  tasks [--region 地区] [--unit 单位] [--month YYYY-MM] [--json]   查询任务
  ask "问题" [--region 地区] [--chat 会话] [--today YYYY-MM-DD] [--json]   向机器人提问
  reminders preview [--region 地区] [--chat 会话] --today YYYY-MM-DD [--json]   预览当天的提醒（不发送）
  export --region 地区 [--format xlsx|csv] [--out 文件]   导出台账
  subscribe --chat 会话 --region 地区 [--unit 单位…] [--lead 7,1,0] [--time 09:00]   订阅提醒（会话如 robot:ops、telegram:-100）
  unsubscribe --chat 会话                          取消订阅
  bind --chat 会话 --unit 单位 --user 编号 [--name 姓名] [--region 地区]   绑定单位经办人（群机器人用手机号）
  web-link [--as 平台:编号] [--json]              生成台账网页的一次性登录链接（10 分钟内有效）`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  now: () => Date;
  env: NodeJS.ProcessEnv;
}

const options = {
  region: { type: 'string' },
  year: { type: 'string' },
  unit: { type: 'string', multiple: true },
  month: { type: 'string' },
  chat: { type: 'string' },
  today: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  lead: { type: 'string' },
  time: { type: 'string' },
  user: { type: 'string' },
  name: { type: 'string' },
  as: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function yearOf(values: Values): number | undefined {
  if (values.year === undefined) return undefined;
  if (!/^\d{4}$/.test(values.year)) throw new UsageError(`--year 应为四位年份，例如 --year 2022（收到“${values.year}”）`);
  return Number(values.year);
}


/** Opens the store to write (taking the lock), or only to read when another process owns it. */
async function openForRead(io: Io): Promise<TaskStore> {
  const config = loadConfig(io.env);
  try {
    return (await openStore(config.storePath, config.seedsDir, io.now())).store;
  } catch (e) {
    if (e instanceof StoreError && /正被进程/.test(e.message)) {
      return (await openStore(config.storePath, config.seedsDir, io.now(), { readOnly: true })).store;
    }
    throw e;
  }
}

async function commandImport(files: string[], values: Values, io: Io): Promise<void> {
  if (files.length === 0) throw new UsageError('import 需要至少一个文件');
  // Parse everything first: one bad file means nothing is written.
  const parsed = await parseFiles(files, io.now(), { region: values.region, year: yearOf(values) });
  const config = loadConfig(io.env);
  const { store } = await openStore(config.storePath, config.seedsDir, io.now());
  try {
    const outcomes = await store.putDocuments(parsed);
    if (values.json) {
      io.out(JSON.stringify({ imported: parsed.map((p, i) => ({ document: p.document, tasks: p.tasks.length, replaced: outcomes[i]?.replaced ?? false, warnings: p.warnings })) }));
      return;
    }
    parsed.forEach((p, i) => {
      io.out(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, outcomes[i]?.replaced ?? false));
      if (p.warnings.length) io.out(cliText.warningsHeader(p.warnings.length));
      for (const w of p.warnings) io.out(cliText.warning(w));
    });
  } finally {
    await store.close();
  }
}

async function commandParse(files: string[], values: Values, io: Io): Promise<void> {
  if (files.length !== 1) throw new UsageError('parse 需要且只需要一个文件');
  const [p] = await parseFiles(files, io.now(), { region: values.region, year: yearOf(values) });
  if (!p) return;
  if (values.json) {
    const { title, region, year, docNumber, issuedAt, issuer } = p.document;
    io.out(JSON.stringify({ document: { title, region, year, docNumber, issuedAt, issuer }, tasks: p.tasks, warnings: p.warnings }));
    return;
  }
  io.out(cliText.parseSummary(p.document, p.tasks.length));
  for (const t of p.tasks) io.out(cliText.taskLine(t));
  if (p.warnings.length) io.out(cliText.warningsHeader(p.warnings.length));
  for (const w of p.warnings) io.out(cliText.warning(w));
}

async function commandDocs(values: Values, io: Io): Promise<void> {
  const store = await openForRead(io);
  try {
    const { documents, tasks } = store.data;
    const count = (id: string): number => tasks.filter((t) => t.documentId === id).length;
    if (values.json) {
      io.out(JSON.stringify({ documents: documents.map((d) => ({ ...d, tasks: count(d.id) })) }));
      return;
    }
    if (!documents.length) io.out(cliText.noDocs);
    for (const d of documents) io.out(cliText.docLine(d, count(d.id)));
  } finally {
    await store.close();
  }
}

async function commandTasks(values: Values, io: Io): Promise<void> {
  if (values.month !== undefined && !/^\d{4}-\d{2}$/.test(values.month)) {
    throw new UsageError(`--month 应为 YYYY-MM，例如 --month 2022-06（收到“${values.month}”）`);
  }
  const store = await openForRead(io);
  try {
    const index = store.index;
    const regions = values.region ? [values.region] : undefined;
    let tasks: Task[] = values.month ? index.dueInMonth(values.month, regions) : store.data.tasks.filter((t) => !regions || regions.includes(t.region));
    let related: Task[] = [];
    const unitName = values.unit?.[0];
    if (unitName) {
      const units = index.units.find(unitName, regions ?? index.regions());
      if (!units.length) throw new UsageError(cliText.unknownUnit(unitName));
      const named = new Set<string>();
      const via = new Set<string>();
      for (const unit of units) {
        const found = index.tasksOfUnit(unit);
        found.named.forEach((n) => named.add(n.task.id));
        found.viaCollective.forEach((t) => via.add(t.id));
      }
      related = tasks.filter((t) => via.has(t.id) && !named.has(t.id));
      tasks = tasks.filter((t) => named.has(t.id));
    }
    if (values.json) {
      io.out(JSON.stringify({ tasks, related }));
      return;
    }
    if (!tasks.length) io.out(cliText.noTasks);
    for (const t of tasks) io.out(cliText.taskLine(t));
    if (related.length) {
      io.out(cliText.relatedHeader(related.length));
      for (const t of related) io.out(cliText.taskLine(t));
    }
  } finally {
    await store.close();
  }
}

async function commandAsk(words: string[], values: Values, io: Io): Promise<void> {
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    throw new UsageError(`--today 应为 YYYY-MM-DD，例如 --today 2022-06-24（收到“${values.today}”）`);
  }
  const config = loadConfig(io.env);
  const store = await openForRead(io);
  try {
    const sessions = await FileSessions.open(`${config.storePath}.sessions.json`);
    const bot = new Bot({ store, sessions });
    const reply = await bot.handle(
      {
        platform: 'cli',
        chatId: values.chat ?? 'cli',
        chatType: 'private',
        userId: 'cli',
        text: words.join(' '),
        mentioned: true,
        messageId: 'cli',
        time: values.today ? shanghaiInstant(values.today, '12:00') : io.now(),
      },
      { region: values.region },
    );
    const text = renderPlain(reply);
    if (values.json) io.out(JSON.stringify({ intent: reply.intent, text, tasks: reply.tasks, related: reply.related }));
    else io.out(text);
  } finally {
    await store.close();
  }
}

function todayOf(values: Values, io: Io): string {
  if (values.today === undefined) return shanghaiDate(io.now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(`--today 应为 YYYY-MM-DD，例如 --today 2022-06-24（收到“${values.today}”）`);
  return values.today;
}

function regionOf(store: TaskStore, name: string | undefined): string {
  if (!name) throw new UsageError('需要 --region，例如 --region 汶上县');
  const region = store.index.regions().find((r) => r === name || r.startsWith(name));
  if (!region) throw new UsageError(`没有地区“${name}”。已有：${store.index.regions().join('、')}`);
  return region;
}

async function commandPreview(values: Values, io: Io): Promise<void> {
  const today = todayOf(values, io);
  const store = await openForRead(io);
  try {
    const subs: Subscription[] = values.region
      ? [{ chat: values.chat ?? `preview:${values.region}`, region: regionOf(store, values.region), units: [], leadDays: DEFAULT_LEAD_DAYS, digestTime: DEFAULT_DIGEST_TIME, weekly: true, by: { platform: 'cli', userId: 'cli' }, at: '' }]
      : store.data.subscriptions.filter((s) => !values.chat || s.chat === values.chat);
    const ledger = eventsByTask(store.data.ledger);
    const chats = subs.map((sub) => {
      const sent = new Set(store.data.reminders.filter((r) => r.chat === sub.chat && r.state === 'sent').map((r) => `${r.taskId}|${r.slot}`));
      const items = remindersFor(sub, today, store.index, ledger, sent);
      return { chat: sub.chat, region: sub.region, quiet: quietDay(today, items), items };
    });
    if (values.json) {
      io.out(JSON.stringify({ today, chats: chats.map((c) => ({ chat: c.chat, region: c.region, quiet: c.quiet, items: c.items.map((i) => ({ task: i.task, reason: i.reason, slot: i.slot, daysLeft: i.daysLeft })) })) }));
      return;
    }
    if (!chats.length) io.out(cliText.noSubscriptions);
    for (const c of chats) {
      io.out(cliText.previewHeader(c.chat, c.region, today, c.items.length, c.quiet));
      for (const i of c.items) io.out(`  [${i.reason}] ${i.task.deadline.due}  ${i.task.requirement.slice(0, 40)}`);
    }
  } finally {
    await store.close();
  }
}

async function commandExport(values: Values, io: Io): Promise<void> {
  const format = values.format ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError(`--format 应为 xlsx 或 csv（收到“${format}”）`);
  const store = await openForRead(io);
  try {
    const region = regionOf(store, values.region);
    const today = todayOf(values, io);
    const rows = ledgerRows(store.index.byRegion.get(region) ?? [], eventsByTask(store.data.ledger), today);
    const data = format === 'xlsx' ? await ledgerXlsx(region, rows) : ledgerCsv(rows);
    const out = resolve(values.out ?? `${region}政务公开台账-${today}.${format}`);
    await writeFile(out, data);
    io.out(values.json ? JSON.stringify({ file: out, rows: rows.length }) : cliText.exported(out, rows.length));
  } finally {
    await store.close();
  }
}

async function commandSubscribe(values: Values, io: Io, remove: boolean): Promise<void> {
  if (!values.chat) throw new UsageError('需要 --chat，例如 --chat robot:ops 或 --chat telegram:-100');
  const config = loadConfig(io.env);
  const { store } = await openStore(config.storePath, config.seedsDir, io.now());
  try {
    const chat = values.chat;
    if (remove) {
      await store.change((d) => {
        d.subscriptions = d.subscriptions.filter((s) => s.chat !== chat);
      });
      io.out(cliText.unsubscribed(chat));
      return;
    }
    const region = regionOf(store, values.region);
    const units = (values.unit ?? []).map((name) => {
      const found = store.index.units.find(name, [region])[0];
      if (!found) throw new UsageError(cliText.unknownUnit(name));
      return found.key;
    });
    const leadDays = values.lead ? values.lead.split(/[,，]/).map(Number) : DEFAULT_LEAD_DAYS;
    if (leadDays.some((d) => !Number.isInteger(d) || d < 0 || d > 60)) throw new UsageError('--lead 应为 0–60 的整数，用逗号分隔，例如 --lead 7,1,0');
    const digestTime = values.time ?? DEFAULT_DIGEST_TIME;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(digestTime)) throw new UsageError('--time 应为 HH:mm，例如 --time 09:00');
    const sub: Subscription = { chat, region, units, leadDays, digestTime, weekly: true, by: { platform: 'cli', userId: 'cli' }, at: io.now().toISOString() };
    await store.change((d) => {
      d.subscriptions = [...d.subscriptions.filter((s) => s.chat !== chat), sub];
    });
    io.out(cliText.subscribed(chat, region, units.length, digestTime));
  } finally {
    await store.close();
  }
}

async function commandBind(values: Values, io: Io): Promise<void> {
  if (!values.chat || !values.user || !values.unit?.[0]) throw new UsageError('用法：bind --chat robot:ops --unit 民政局 --user 13800000000 [--name 张三] [--region 汶上县]');
  const config = loadConfig(io.env);
  const { store } = await openStore(config.storePath, config.seedsDir, io.now());
  try {
    const chat = values.chat;
    const region = regionOf(store, values.region ?? store.data.subscriptions.find((s) => s.chat === chat)?.region ?? store.chatSettings(chat)?.region);
    const unit = store.index.units.find(values.unit[0], [region])[0];
    if (!unit) throw new UsageError(cliText.unknownUnit(values.unit[0]));
    const [platform] = chat.split(':');
    const user = { platform: platform ?? 'robot', userId: values.user, name: values.name };
    await store.change((d) => {
      d.bindings = [...d.bindings.filter((b) => !(b.chat === chat && b.unitKey === unit.key && b.user.userId === user.userId)), { chat, region, unitKey: unit.key, unitName: unit.name, user, by: { platform: 'cli', userId: 'cli' }, at: io.now().toISOString() }];
    });
    io.out(cliText.bound(chat, unit.name, values.name ?? values.user));
  } finally {
    await store.close();
  }
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      io.out(USAGE);
      return command || values.help ? 0 : 2;
    }
    switch (command) {
      case 'import':
        await commandImport(rest, values, io);
        return 0;
      case 'parse':
        await commandParse(rest, values, io);
        return 0;
      case 'docs':
        await commandDocs(values, io);
        return 0;
      case 'tasks':
        await commandTasks(values, io);
        return 0;
      case 'ask':
        await commandAsk(rest, values, io);
        return 0;
      case 'reminders':
        if (rest[0] !== 'preview') throw new UsageError(`reminders 的子命令只有 preview\n${USAGE}`);
        await commandPreview(values, io);
        return 0;
      case 'export':
        await commandExport(values, io);
        return 0;
      case 'subscribe':
      case 'unsubscribe':
        await commandSubscribe(values, io, command === 'unsubscribe');
        return 0;
      case 'bind':
        await commandBind(values, io);
        return 0;
      case 'web-link':
        await commandWebLink(values, io);
        return 0;
      default:
        throw new UsageError(`未知命令“${command}”\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof ZwgkError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const code = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
    env: process.env,
  });
  process.exitCode = code;
}
