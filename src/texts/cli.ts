// What the command line says to the operator.
import type { Task, TaskDocument } from '../model/task.ts';
import { clip, deadlineLabel, unitsLabel } from './format.ts';

export const cliText = {
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
    `${task.id}  [${deadlineLabel(task)}]  ${clip(task.requirement, 40)}\n    ${unitsLabel(task)}`,
  noTasks: '没有符合条件的任务。',
  unknownUnit: (name: string): string => `没有找到单位“${name}”。`,
  relatedHeader: (n: number): string => `另有 ${n} 项通过“各部门/各单位”等集体表述涉及该单位：`,
  storeReady: (path: string, docs: number, tasks: number): string => `数据文件 ${path}：${docs} 个文件，${tasks} 项任务。`,
  seeded: (n: number): string => `首次启动：已从 data/seeds 导入 ${n} 个文件。`,
  noSubscriptions: '还没有任何订阅。用 subscribe 订阅，或加 --region 预览默认订阅。',
  previewHeader: (chat: string, region: string, day: string, n: number, quiet: boolean): string =>
    `${chat}（${region}）${day}：${n} 项提醒${quiet ? '（周末且当天无到期，不推送）' : ''}`,
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
