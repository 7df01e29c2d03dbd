// The command-line interface: import, parse, docs, tasks. With --json, stdout holds only JSON.
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { cliText } from './core/texts.ts';
import { StoreError, UsageError, ZwgkError } from './errors.ts';
import type { Task } from './model/task.ts';
import { unitNames } from './model/task.ts';
import { openStore, parseFiles } from './store/bootstrap.ts';
import type { TaskStore } from './store/task-store.ts';
import { Bot } from './core/bot.ts';
import { renderPlain } from './core/reply.ts';
import { FileSessions } from './core/sessions.ts';
import { shanghaiInstant } from './time.ts';

const USAGE = `用法: npm run -s cli -- <命令> [选项]
  import <文件…> [--region 地区] [--year 年度]   导入任务分解表（.txt/.md/.docx/.xlsx）
  parse <文件> [--region 地区] [--year 年度] [--json]   只解析、不写入
  docs [--json]                                   列出已导入的文件
  tasks [--region 地区] [--unit 单位] [--month YYYY-MM] [--json]   查询任务
  ask "问题" [--region 地区] [--chat 会话] [--today YYYY-MM-DD] [--json]   向机器人提问`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  now: () => Date;
  env: NodeJS.ProcessEnv;
}

const options = {
  region: { type: 'string' },
  year: { type: 'string' },
  unit: { type: 'string' },
  month: { type: 'string' },
  chat: { type: 'string' },
  today: { type: 'string' },
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
    if (values.unit) {
      const units = index.units.find(values.unit, regions ?? index.regions());
      if (!units.length) throw new UsageError(cliText.unknownUnit(values.unit));
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
