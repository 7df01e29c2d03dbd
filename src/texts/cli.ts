// What the command line says to the operator: usage and help of every command, results, and errors.
import type { Task, TaskDocument } from '../model/task.ts';
import { shanghaiDate, shanghaiTime } from '../time.ts';
import { clip, CLIP_WIDTH, deadlineLabel, unitsLabel } from './format.ts';

const RUN = 'npm run -s cli --';

/** One command as the operator reads it: its synopsis, a one-line summary, what it does, and one example. */
export interface CommandText {
  usage: string;
  summary: string;
  help: string;
  example: string;
}

/** Every format the importer reads, for the help texts. */
const FORMATS = '网页 .html/.htm、PDF（有文字层）、Word .doc/.docx、WPS .wps、Excel .xls/.xlsx、文本 .txt/.md，或装有这些文件的 .zip';
const LIMITS_HELP =
  '每份文件都有安全上限（默认：文件 50 MB、解压后 200 MB、压缩比 200 倍、压缩包 2000 个文件、10 万行、64 列、100 万个单元格、每格 5 万字、嵌套 256 层、PDF 2000 页、每份 60 秒），' +
  '确需调整时用 --limit，例如 --limit fileBytes=100MB --limit timeMs=120s。';

export const commandText = {
  import: {
    usage: 'import <文件…> [--region 地区] [--year 年度] [--limit 名称=值…]',
    summary: `导入任务分解表（${FORMATS}）`,
    help:
      `导入任务分解表。能读的格式：${FORMATS}；格式按文件内容识别，与扩展名无关。` +
      '先解析全部文件（压缩包里的每个文件），有一个文件出错就什么都不写入；同一文件重复导入会替换旧版本。读不出地区或年度时用 --region、--year 指定。' +
      `扫描版 PDF、图片、RTF、OFD、RAR/7z 等读不了的格式会说明是什么、该另存为什么。${LIMITS_HELP}`,
    example: 'import 2023年分解表.docx --region 冠县',
  },
  parse: {
    usage: 'parse <文件> [--region 地区] [--year 年度] [--limit 名称=值…] [--json]',
    summary: '只解析、不写入',
    help:
      `只解析一个文件、不写入数据，列出解析出的任务和提示；格式同 import（${FORMATS}）。` +
      '--json 时输出文件信息、任务和提示；一个 .zip 里有几份文件时，--json 输出 {"documents": [...]}，每份一项。' +
      LIMITS_HELP,
    example: 'parse 2023年分解表.pdf --json',
  },
  docs: {
    usage: 'docs [--json]',
    summary: '列出已导入的文件',
    help: '列出数据中已导入的文件：编号、地区、年度、文号、任务数和标题。',
    example: 'docs --json',
  },
  tasks: {
    usage: 'tasks [--region 地区] [--unit 单位] [--month YYYY-MM] [--json]',
    summary: '查询任务',
    help: '查询某地区、某单位（民政局、人社局…）或某月到期的任务；通过“各部门”等集体表述涉及该单位的任务另列。',
    example: 'tasks --region 汶上县 --unit 民政局',
  },
  ask: {
    usage: 'ask "问题" [--region 地区] [--chat 会话] [--today YYYY-MM-DD] [--json]',
    summary: '向机器人提问',
    help: '把一句话交给机器人回答，和在聊天里提问一样；--chat 让多次调用接着同一段对话（如“第3条”），--today 指定当天日期。',
    example: 'ask "本月到期的任务" --region 汶上县 --today 2022-06-15',
  },
  reminders: {
    usage: 'reminders preview [--region 地区] [--chat 会话] --today YYYY-MM-DD [--json]',
    summary: '预览当天的提醒（不发送）',
    help: '预览每个订阅当天会收到的提醒，不发送；加 --region 预览该地区的默认订阅，加 --chat 只看一个会话。',
    example: 'reminders preview --region 汶上县 --today 2022-06-24',
  },
  export: {
    usage: 'export --region 地区 [--format xlsx|csv] [--out 文件]',
    summary: '导出台账',
    help: '导出一个地区的工作台账（任务、章节、单位、时限、状态、最新进展），默认 xlsx，保存在导出目录（ZWGK_EXPORT_DIR，默认 data/exports）；--out 指定其他文件。',
    example: 'export --region 汶上县 --format xlsx',
  },
  subscribe: {
    usage: 'subscribe --chat 会话 --region 地区 [--unit 单位…] [--lead 7,1,0] [--time 09:00]',
    summary: '订阅提醒（会话如 robot:ops、telegram:-100）',
    help: '为一个会话订阅某地区（或其中某些单位）的到期提醒；--lead 为提前天数，--time 为每天推送时间。会话如 robot:ops、telegram:-100。',
    example: 'subscribe --chat robot:ops --region 汶上县 --unit 民政局 --lead 7,1,0 --time 09:00',
  },
  unsubscribe: {
    usage: 'unsubscribe --chat 会话',
    summary: '取消订阅',
    help: '取消一个会话的提醒订阅。',
    example: 'unsubscribe --chat robot:ops',
  },
  bind: {
    usage: 'bind --chat 会话 --unit 单位 --user 编号 [--name 姓名] [--region 地区]',
    summary: '绑定单位经办人（群机器人用手机号）',
    help: '把一个人绑定为某会话里某单位的经办人，该单位的提醒会 @ 他；群机器人用手机号作编号。不写 --region 时用该会话订阅或绑定的地区。',
    example: 'bind --chat robot:ops --unit 民政局 --user 13800000000 --name 张三',
  },
  'migrate-store': {
    usage: 'migrate-store --to 目标 [--from 来源] [--schema 模式] [--json]',
    summary: '把全部数据迁移到另一个存储（JSON 文件 ↔ PostgreSQL）',
    help:
      '把任务、台账、订阅、绑定、提醒记录等全部数据复制到一个空的目标，并核对一致。来源默认是当前配置的存储（ZWGK_STORE 或 ZWGK_DATABASE_URL）；目标和来源可以是 JSON 文件路径，也可以是 postgres:// 地址（--schema 指定数据库模式，默认 zwgk）。迁移前请先停止机器人；来源不会被改动。',
    example: 'migrate-store --to postgres://zwgk:密码@127.0.0.1:5432/zwgk',
  },
  backup: {
    usage: 'backup <文件或目录> [--force] [--json]',
    summary: '备份全部数据（机器人运行时也可以）',
    help: '把全部数据（任务分解表、台账、订阅、绑定、提醒记录）备份到一个文件；给出目录时自动命名。机器人运行时也能得到一致的备份。已有同名文件时不覆盖，除非加 --force。',
    example: 'backup /var/backups/zwgk-bot/',
  },
  restore: {
    usage: 'restore <备份文件> [--force]',
    summary: '从备份恢复（需先停止机器人）',
    help: '先检查备份文件（格式、校验和、内容），再用它替换全部数据。数据文件已有内容时必须加 --force 才覆盖，覆盖前原文件另存一份。恢复时机器人须已停止。',
    example: 'restore /var/backups/zwgk-bot/zwgk-backup-2026-06-01T020000Z.json --force',
  },
  status: {
    usage: 'status [--json]',
    summary: '运行状况：平台连接、最近发送、待发提醒、数据文件',
    help: '查看机器人是否在运行、各平台是否连通、每个会话最近一次成功发送和失败、待发送和重试中的提醒、数据文件的大小和最后写入时间。一切正常时退出码为 0，否则为 1。',
    example: 'status --json',
  },
  'web-link': {
    usage: 'web-link [--as 平台:编号] [--json]',
    summary: '生成台账网页的一次性登录链接（10 分钟内有效）',
    help: '生成台账网页的一次性登录链接：10 分钟内有效，只能使用一次。默认给本机管理员；--as 给某位管理员（ZWGK_ADMINS）或已绑定单位的经办人，其他人会被拒绝。不写入数据，机器人运行时也可以使用。',
    example: 'web-link --as telegram:123456',
  },
} satisfies Record<string, CommandText>;

/** How much a store (or a backup) holds. */
export interface Counts {
  documents: number;
  tasks: number;
  ledger: number;
  subscriptions: number;
}
const countsText = (c: Counts): string => `${c.documents} 个文件、${c.tasks} 项任务、${c.ledger} 条台账记录、${c.subscriptions} 个订阅`;

export const cliText = {
  usage: (commands: readonly CommandText[]): string =>
    [`用法: ${RUN} <命令> [选项]`, ...commands.map((c) => `  ${c.usage}   ${c.summary}`), '每个命令加 --help 查看说明和示例，例如 tasks --help'].join('\n'),
  commandHelp: (c: CommandText): string => `用法: ${RUN} ${c.usage}\n${c.help}\n例如: ${RUN} ${c.example}`,
  unknownCommand: (name: string, usage: string): string => `未知命令“${name}”\n${usage}`,
  remindersSubcommand: (usage: string): string => `reminders 的子命令只有 preview\n${usage}`,

  badYear: (got: string): string => `--year 应为四位年份，例如 --year 2022（收到“${got}”）`,
  badMonth: (got: string): string => `--month 应为 YYYY-MM，例如 --month 2022-06（收到“${got}”）`,
  badToday: (got: string): string => `--today 应为 YYYY-MM-DD，例如 --today 2022-06-24（收到“${got}”）`,
  badFormat: (got: string): string => `--format 应为 xlsx 或 csv（收到“${got}”）`,
  badLead: (max: number): string => `--lead 应为 0–${max} 的整数，用逗号分隔，例如 --lead 7,1,0`,
  badTime: '--time 应为 HH:mm，例如 --time 09:00',
  badLimit: (got: string, names: readonly string[]): string =>
    `--limit 应为“名称=值”，例如 --limit fileBytes=100MB 或 --limit timeMs=120s；名称为 ${names.join('、')}；大小可带 KB/MB/GB，时间可带 ms/s/min（收到“${got}”）`,
  importNeedsFiles: 'import 需要至少一个文件',
  parseNeedsOneFile: 'parse 需要且只需要一个文件',
  needRegion: '需要 --region，例如 --region 汶上县',
  unknownRegion: (name: string, known: readonly string[]): string => `没有地区“${name}”。已有：${known.join('、')}`,
  needChat: '需要 --chat，例如 --chat robot:ops 或 --chat telegram:-100',
  unknownRobot: (name: string, known: readonly string[]): string =>
    `没有名为“${name}”的群机器人：${known.length ? `已配置的有 ${known.join('、')}` : 'ZWGK_ROBOTS 中还没有配置机器人'}（见 .env.example）。`,
  missingOptions: (help: string): string => `缺少必需的选项。\n${help}`,

  importSummary: (doc: TaskDocument, tasks: number, units: number, replaced: boolean): string =>
    `${replaced ? '已替换' : '已导入'}：${doc.region} ${doc.year}年《${doc.title}》${doc.docNumber ? `（${doc.docNumber}）` : ''}，${tasks} 项任务，${units} 个单位`,
  parseSummary: (doc: Pick<TaskDocument, 'region' | 'year' | 'title'>, tasks: number): string =>
    `${doc.region} ${doc.year}年《${doc.title}》：${tasks} 项任务（仅解析，未写入）`,
  warningsHeader: (n: number): string => `  ${n} 条提示：`,
  warning: (w: string): string => `  - ${w}`,
  docLine: (doc: TaskDocument, tasks: number): string =>
    `${doc.id}  ${doc.region}  ${doc.year}年  ${doc.docNumber ?? '（无文号）'}  ${tasks} 项  《${doc.title}》`,
  noDocs: '数据中还没有任何文件。用 import 导入任务分解表。',
  taskLine: (task: Task): string =>
    `${task.id}  [${deadlineLabel(task)}]  ${clip(task.requirement, CLIP_WIDTH.cliLine)}\n    ${unitsLabel(task)}`,
  noTasks: '没有符合条件的任务。',
  relatedHeader: (n: number): string => `另有 ${n} 项通过“各部门/各单位”等集体表述涉及该单位：`,
  noSubscriptions: '还没有任何订阅。用 subscribe 订阅，或加 --region 预览默认订阅。',
  previewHeader: (chat: string, region: string, day: string, n: number, quiet: boolean): string =>
    `${chat}（${region}）${day}：${n} 项提醒${quiet ? '（周末且当天无到期，不推送）' : ''}`,
  previewItem: (reason: string, due: string | null, requirement: string): string => `  [${reason}] ${due}  ${requirement.slice(0, CLIP_WIDTH.cliLine)}`,
  exportFile: (region: string, day: string, format: string): string => `${region}政务公开台账-${day}.${format}`,
  botTakesNoImports: (pid: number, socket: string): string =>
    `机器人正在运行（进程 ${pid}），但无法通过 ${socket} 把导入交给它（它可能由旧版本或另一个系统用户启动；请用运行机器人的用户执行，如 sudo -u zwgk npm run -s cli -- import …）。` +
    '也可以先停止机器人（sudo systemctl stop zwgk-bot）再导入。数据未改动。',
  noAnswerFromBot: (pid: number, reason: string): string => `没有收到运行中的机器人（进程 ${pid}）的答复（${reason}）。请用 docs 查看是否已导入。`,
  importRefusedByBot: (pid: number, reason: string): string => `运行中的机器人（进程 ${pid}）没有写入：${reason}。数据未改动。`,
  importedThroughBot: (pid: number): string => `（机器人正在运行，已交给进程 ${pid} 写入，无需重启。）`,
  backupNeedsFile: 'backup 需要一个文件或目录，例如 backup /var/backups/zwgk-bot/',
  restoreNeedsFile: 'restore 需要一个备份文件',
  backupFile: (stamp: string): string => `zwgk-backup-${stamp}.json`,
  beforeRestoreFile: (stamp: string): string => `zwgk-before-restore-${stamp}.json`,
  backupExists: (file: string): string => `${file} 已存在，未覆盖。换一个文件名，或加 --force 覆盖。`,
  noStore: (path: string): string => `数据文件 ${path} 还不存在，没有可备份的内容。`,
  backedUp: (file: string, c: Counts): string => `已备份到 ${file}：${countsText(c)}。`,
  restoreWouldOverwrite: (path: string, now: Counts, backup: Counts): string =>
    `数据文件 ${path} 已有数据（${countsText(now)}）；备份中有 ${countsText(backup)}。恢复会替换现有数据：确认请加 --force（原文件会先另存一份）。`,
  restoreWhileRunning: (pid: number): string => `机器人正在运行（进程 ${pid}），不能恢复。请先停止它（如 sudo systemctl stop zwgk-bot），恢复后再启动。`,
  restored: (file: string, c: Counts, createdAt: string, keptAt: string | null): string =>
    `已从 ${file}（备份于 ${createdAt}）恢复：${countsText(c)}。${keptAt ? `原数据文件另存为 ${keptAt}。` : ''}`,
  exported: (file: string, n: number): string => `已导出 ${n} 项任务：${file}`,
  subscribed: (chat: string, region: string, units: number, time: string): string =>
    `已为 ${chat} 订阅 ${region}${units ? ` 的 ${units} 个单位` : '（全部单位）'}的到期提醒，每天 ${time} 推送。`,
  unsubscribed: (chat: string): string => `已取消 ${chat} 的订阅。`,
  migrateNeedsTo: (help: string): string => `migrate-store 需要 --to（目标：JSON 文件路径或 postgres:// 地址）。\n${help}`,
  migrateSameStore: '来源和目标是同一个存储。',
  migrateSourceEmpty: (where: string): string => `来源 ${where} 没有数据，无需迁移。`,
  migrated: (from: string, to: string, s: { documents: number; tasks: number; ledger: number; subscriptions: number; bindings: number; reminders: number; digests: number }): string =>
    `已把 ${from} 迁移到 ${to}，核对一致：${s.documents} 个文件、${s.tasks} 项任务、${s.ledger} 条台账记录、${s.subscriptions} 个订阅、${s.bindings} 个绑定、${s.reminders} 条提醒记录、${s.digests} 条推送记录。`,
  migrateNext: (to: string): string =>
    /^postgres/i.test(to) ? '下一步：在 .env 中设置 ZWGK_DATABASE_URL 为目标地址后重新启动机器人。' : '下一步：在 .env 中把 ZWGK_STORE 设为目标文件、删除 ZWGK_DATABASE_URL 后重新启动机器人。',
  bound: (chat: string, unit: string, who: string): string => `已在 ${chat} 将 ${who} 绑定为 ${unit} 的经办人。`,
  webLink: (url: string, who: string, until: string): string => `台账登录链接（${who}，${until} 前有效，只能使用一次）：\n${url}`,
  webLinkOff: '网页台账没有启用（ZWGK_WEB=off），不能生成登录链接。',
  webLinkBadAs: (value: string): string => `--as 应写成 平台:编号，例如 --as telegram:123456（收到“${value}”）`,
  webLinkDenied: (who: string): string =>
    `${who} 不是管理员（ZWGK_ADMINS），也没有绑定任何单位，登录会被拒绝。请先绑定单位（bind，或在群里“绑定 民政局 @经办人”），或把他加入 ZWGK_ADMINS。`,
  webLinkOperator: '本机管理员',
};

/** One place the bot sends to: its last sends (the running bot's record) and its digests (the store's). */
export interface TargetStatus {
  target: string;
  lastOk?: string;
  lastFailure?: { at: string; error: string };
  lastDigest?: string;
  retrying?: { day: string; attempts: number; nextAttemptAt: string | null };
  nextDigest?: string;
}

/** What `cli status` reports. */
export interface StatusReport {
  bot: { state: 'running' | 'unresponsive' | 'stopped' | 'unknown'; pid?: number; startedAt?: string; updatedAt?: string };
  adapters: Array<{ name: string; state: 'up' | 'failed' | 'stopped'; since: string; error?: string }>;
  http: { host: string; port: number | null } | null;
  segmenter?: string;
  targets: TargetStatus[];
  reminders: { subscriptions: number; pendingSlots: number; oldestPending?: string; retrying: number };
  store: { path: string; bytes: number; modifiedAt: string | null; counts: Counts };
  healthy: boolean;
}

/** An instant as the operator reads it: Asia/Shanghai, to the minute. */
const at = (iso: string | null | undefined): string => (iso ? `${shanghaiDate(new Date(iso))} ${shanghaiTime(new Date(iso))}` : '—');
const BYTES_PER_KB = 1024;
const size = (bytes: number): string => (bytes >= BYTES_PER_KB * BYTES_PER_KB ? `${(bytes / BYTES_PER_KB / BYTES_PER_KB).toFixed(1)} MB` : `${Math.ceil(bytes / BYTES_PER_KB)} KB`);
const ADAPTER_STATE = { up: '正常', failed: '异常', stopped: '已停止' } as const;

function botLine(bot: StatusReport['bot']): string {
  if (bot.state === 'running') return `机器人：运行中（进程 ${bot.pid}，${at(bot.startedAt)} 启动，状态更新于 ${at(bot.updatedAt)}）`;
  if (bot.state === 'unresponsive') return `机器人：无响应（进程 ${bot.pid} 的状态自 ${at(bot.updatedAt)} 起未更新；查看日志：journalctl -u zwgk-bot）`;
  if (bot.state === 'stopped') return `机器人：未运行（上次运行的进程 ${bot.pid}，最后记录于 ${at(bot.updatedAt)}）`;
  return '机器人：未运行（没有状态记录：还没有用 npm start 启动过）';
}

function targetLines(t: TargetStatus): string[] {
  const lines = [`  ${t.target}：最近成功发送 ${at(t.lastOk)}${t.lastFailure ? `；最近失败 ${at(t.lastFailure.at)}（${t.lastFailure.error}）` : ''}`];
  if (t.nextDigest) lines.push(`    日报：上次 ${at(t.lastDigest)}，下次 ${at(t.nextDigest)}`);
  if (t.retrying) lines.push(`    ${t.retrying.day} 的日报发送失败 ${t.retrying.attempts} 次，下次重试 ${at(t.retrying.nextAttemptAt)}`);
  return lines;
}

export const statusText = {
  render: (r: StatusReport): string =>
    [
      botLine(r.bot),
      ...(r.adapters.length ? ['平台：', ...r.adapters.map((a) => `  ${a.name}：${ADAPTER_STATE[a.state]}（自 ${at(a.since)}）${a.error ? ` ${a.error}` : ''}`)] : []),
      ...(r.http ? [`健康检查：http://${r.http.host}:${r.http.port ?? ''}/healthz`] : []),
      ...(r.targets.length ? ['发送：', ...r.targets.flatMap(targetLines)] : ['发送：还没有任何发送记录或订阅']),
      `提醒：${r.reminders.subscriptions} 个订阅；待确认的提醒 ${r.reminders.pendingSlots} 项${r.reminders.oldestPending ? `（最早 ${at(r.reminders.oldestPending)}）` : ''}；重试中的日报 ${r.reminders.retrying} 个`,
      `数据文件：${r.store.path}，${size(r.store.bytes)}，最后写入 ${at(r.store.modifiedAt)}；${countsText(r.store.counts)}`,
      r.healthy ? '状态：正常' : '状态：需要处理（见上）',
    ].join('\n'),
};
