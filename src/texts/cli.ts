// What the command line says to the operator: usage and help of every command, results, and errors.
import type { Task, TaskDocument } from '../model/task.ts';
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
    help: '导出一个地区的工作台账（任务、章节、单位、时限、状态、最新进展），默认 xlsx，保存在当前目录。',
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
  'web-link': {
    usage: 'web-link [--as 平台:编号] [--json]',
    summary: '生成台账网页的一次性登录链接（10 分钟内有效）',
    help: '生成台账网页的一次性登录链接：10 分钟内有效，只能使用一次。默认给本机管理员；--as 给某位管理员（ZWGK_ADMINS）或已绑定单位的经办人，其他人会被拒绝。不写入数据，机器人运行时也可以使用。',
    example: 'web-link --as telegram:123456',
  },
} satisfies Record<string, CommandText>;

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
  exported: (file: string, n: number): string => `已导出 ${n} 项任务：${file}`,
  subscribed: (chat: string, region: string, units: number, time: string): string =>
    `已为 ${chat} 订阅 ${region}${units ? ` 的 ${units} 个单位` : '（全部单位）'}的到期提醒，每天 ${time} 推送。`,
  unsubscribed: (chat: string): string => `已取消 ${chat} 的订阅。`,
  bound: (chat: string, unit: string, who: string): string => `已在 ${chat} 将 ${who} 绑定为 ${unit} 的经办人。`,
  webLink: (url: string, who: string, until: string): string => `台账登录链接（${who}，${until} 前有效，只能使用一次）：\n${url}`,
  webLinkOff: '网页台账没有启用（ZWGK_WEB=off），不能生成登录链接。',
  webLinkBadAs: (value: string): string => `--as 应写成 平台:编号，例如 --as telegram:123456（收到“${value}”）`,
  webLinkDenied: (who: string): string =>
    `${who} 不是管理员（ZWGK_ADMINS），也没有绑定任何单位，登录会被拒绝。请先绑定单位（bind，或在群里“绑定 民政局 @经办人”），或把他加入 ZWGK_ADMINS。`,
  webLinkOperator: '本机管理员',
};
