// Every sentence the bot and the CLI say to people, in one place.
import type { Task, TaskDocument } from '../model/task.ts';

const KIND_LABEL: Record<Task['deadline']['kind'], string> = {
  dated: '',
  'year-round': '全年',
  recurring: '定期',
  ongoing: '长期',
  none: '未写明',
};

/** "2022-06-30" / "全年" / "2022-10-31（长期坚持）". */
export function deadlineLabel(task: Task): string {
  const d = task.deadline;
  if (d.kind === 'dated' && d.due) return d.ongoing ? `${d.due}（之后长期坚持）` : d.due;
  if (d.kind === 'none') return d.due ? `未写明（按 ${d.due}）` : '未写明';
  return d.raw && d.raw.length <= 12 ? d.raw : KIND_LABEL[d.kind];
}

export function unitsLabel(task: Task): string {
  const parts: string[] = [];
  if (task.lead.length) parts.push(`牵头：${task.lead.join('、')}`);
  if (task.responsible.length) parts.push(`责任：${task.responsible.join('、')}`);
  if (task.cooperating.length) parts.push(`配合：${task.cooperating.join('、')}`);
  return parts.join('；') || '未写明责任单位';
}

export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

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
};

const ROLE_NAME = { lead: '牵头', responsible: '责任', cooperating: '配合' } as const;

/** The command menu platforms show (Telegram's setMyCommands). */
export const commandMenu: ReadonlyArray<{ command: string; description: string }> = [
  { command: 'tasks', description: '单位任务，如 /tasks 民政局' },
  { command: 'due', description: '近期到期，如 /due 或 /due 民政局' },
  { command: 'ask', description: '提问，如 /ask 低保信息在哪公开' },
  { command: 'more', description: '上一个列表的下一页' },
  { command: 'help', description: '使用帮助' },
];

export const adminText = {
  adapterFailed: (name: string, reason: string): string => `【政务公开助手】${name} 连接异常：${reason}。请尽快处理。`,
  wechatLoggedOut: (user: string): string => `【政务公开助手】微信账号 ${user} 已退出登录，请重新扫码登录。`,
};

export const chatText = {
  greeting: (regions: number, tasks: number): string =>
    `您好！我是政务公开任务助手，已载入 ${regions} 个地区的 ${tasks} 项任务。可以这样问我：\n` +
    '  1) 汶上县民政局有哪些任务\n  2) 2022年6月有什么到期\n  3) 低保信息在哪公开？找哪个部门？\n输入“帮助”查看更多用法，Ctrl+D 退出。',
  help:
    '我是政务公开任务助手，可以这样问我：\n' +
    '• 单位任务：民政局有哪些任务 · 人社局牵头的任务 · 财政局还有哪些没到期\n' +
    '• 到期提醒：这个月有什么到期 · 下周到期 · 6月底前 · 30天内 · 已经逾期的\n' +
    '• 翻看：第3条（详情）· 更多（下一页）· 相关任务\n' +
    '• 政策咨询：低保信息在哪公开？找哪个部门？· 孩子上学的政策谁负责公开\n' +
    '• 统计：各单位任务数 · 民政局有几项任务 · 今年一共多少任务\n' +
    '• 地区：切换到冠县（设定本群默认地区）\n' +
    'Telegram 中也可用 /tasks 民政局、/due、/ask 问题、/help。',
  fallback: '没太明白您的意思。可以试试：“民政局有哪些任务”“这个月有什么到期”“低保信息在哪公开”，或发送“帮助”。',
  empty: '请输入您的问题，例如“民政局有哪些任务”。发送“帮助”查看用法。',
  error: '抱歉，处理这条消息时出错了，请稍后再试。问题已记录。',
  tooLong: (max: number): string => `消息太长了（超过 ${max} 字），请把问题说得简短一些。`,

  pageHint: (page: number, pages: number): string => `第 ${page}/${pages} 页，回复“更多”查看下一页，回复“第N条”查看详情`,
  detailHint: '回复“第N条”查看详情',
  noList: '还没有可以翻看的列表。先问一个问题，例如“民政局有哪些任务”。',
  listEnd: '已经是最后一页了。',
  noSuchItem: (n: number, total: number): string => `没有第 ${n} 条，上一个列表共 ${total} 条。`,
  noSuchTask: (id: string): string => `没有找到编号为 ${id} 的任务。`,

  roles: (roles: readonly (keyof typeof ROLE_NAME)[]): string => roles.map((r) => ROLE_NAME[r]).join('、'),
  itemDue: (label: string): string => `时限：${label}`,
  itemUnits: (units: string): string => `单位：${units}`,
  itemRole: (roles: string, deadline: string): string => `本单位：${roles}｜时限：${deadline}`,
  itemSource: (region: string, year: number, section: string): string => `出处：${region}${year}年任务分解表${section ? ` ${section}` : ''}`,

  unitHeading: (region: string, unit: string, total: number, lead: number, responsible: number, cooperating: number): string =>
    `${region} ${unit}：点名负责 ${total} 项任务（牵头 ${lead}、责任 ${responsible}、配合 ${cooperating}）`,
  unitRoleHeading: (region: string, unit: string, role: string, total: number): string => `${region} ${unit}${role}的任务共 ${total} 项：`,
  unitNone: (unit: string): string => `${unit}没有被点名的任务。`,
  unitListTitle: (region: string, unit: string): string => `${region} ${unit}的任务`,
  planTitle: (region: string, year: number): string => `${region}${year}年任务分解表`,
  yearLabel: (scope: string, year: number): string => `${scope}${year}年`,
  thisMonth: (scope: string, month?: string): string => `${scope}本月${month ? `（${month}）` : ''}`,
  unitsCooperating: (units: string): string => `配合：${units}`,
  unitsUnknown: '原文未写明',
  unitsMore: (first: string, n: number): string => `${first}等${n}个`,
  taskId: (id: string): string => `编号：${id}`,
  unitRoleNone: (region: string, unit: string, role: string): string => `${region} ${unit}没有${role}的任务。`,
  relatedSummary: (n: number, collectives: string): string =>
    `另有 ${n} 项任务以“${collectives}”等集体表述涉及本单位，回复“相关任务”查看。`,
  relatedHeading: (unit: string, n: number): string => `以集体表述（各部门、各单位等）涉及 ${unit} 的任务共 ${n} 项：`,
  noRelated: '上一个单位没有通过集体表述涉及的任务。',
  unknownUnitHint: (regions: string): string => `（已在 ${regions} 中查找）`,
  multiRegion: (regions: string): string => `以下结果涉及多个地区：${regions}。发送“切换到某县”可设定本群地区。`,

  dueHeading: (scope: string, label: string, n: number): string => `${scope}${label}${label.endsWith('到期') ? '' : '到期'}的任务共 ${n} 项：`,
  dueNone: (scope: string, label: string): string => `${scope}${label}没有${label.endsWith('到期') ? '' : '到期的'}任务。`,
  overdueHeading: (scope: string, today: string, n: number): string => `${scope}截至 ${today} 已逾期的任务共 ${n} 项：`,
  overdueNone: (scope: string, today: string): string => `${scope}截至 ${today} 没有逾期的任务。`,
  notListed: (yearRound: number, other: number): string =>
    `另有全年性任务 ${yearRound} 项、定期/长期/未写明时限的任务 ${other} 项，不按日期列出。`,
  planYears: (years: string): string => `提示：数据中的计划年度为 ${years}。`,

  searchHeading: (topic: string, units: string): string => `“${topic}”相关的公开任务，主要由 ${units} 负责：`,
  searchHeadingNoUnit: (topic: string): string => `“${topic}”相关的公开任务：`,
  searchNone: (query: string, unitHint: string | null): string =>
    `没有找到与“${query}”相关的公开任务，我不便猜测。可以换个说法再问，或拨打 12345 政务服务便民热线咨询${unitHint ? `，也可以直接联系${unitHint}` : ''}。`,
  searchFooter: '具体办理请咨询责任单位或拨打 12345 政务服务便民热线。',

  statsUnitsHeading: (scope: string, n: number): string => `${scope}各单位被点名的任务数（共 ${n} 个单位）：`,
  statsUnitLine: (unit: string, n: number): string => `${unit}：${n} 项`,
  statsUnit: (region: string, unit: string, named: number, related: number): string =>
    `${region} ${unit}：点名负责 ${named} 项任务，另有 ${related} 项以集体表述涉及。`,
  statsTotal: (region: string, year: number, total: number, dated: number, yearRound: number, other: number): string =>
    `${region} ${year}年 共 ${total} 项任务：有明确期限 ${dated} 项，全年性 ${yearRound} 项，定期/长期/未写明 ${other} 项。`,
  statsNone: (label: string): string => `${label}没有任务数据。`,
  moreRegions: (n: number): string => `另有 ${n} 个地区未列出，发送“切换到某县”后再问。`,

  chooseRegion: (n: number, examples: readonly string[]): string =>
    `这个问题涉及 ${n} 个地区，请指明地区，例如“${examples[0] ?? ''}民政局有哪些任务”，或发送“切换到${examples[0] ?? ''}”设定本群地区。（如：${examples.join('、')}…）`,
  regionBound: (region: string): string => `好的，本群已切换到 ${region}。之后的问题默认查询 ${region}。`,
  regionUnknown: (name: string, known: string): string => `没有找到地区“${name}”。目前有：${known}。`,

  detailTitle: (n: number | null): string => (n ? `【第${n}条】任务详情` : '【任务详情】'),
  detailRequirement: (text: string): string => `要求：${text}`,
  detailRole: (role: keyof typeof ROLE_NAME, units: readonly string[]): string => `${ROLE_NAME[role]}单位：${units.join('、')}`,
  detailNoUnits: '责任单位：原文未写明',
  detailDeadline: (raw: string | null, label: string): string => `时限：${raw && raw !== label ? `${raw}（${label}）` : label}`,
  detailSource: (title: string, docNumber: string | null, section: string): string =>
    `出处：《${title}》${docNumber ? `（${docNumber}）` : ''}${section ? ` ${section}` : ''}`,
  detailRemarks: (text: string): string => `备注：${text}`,
  detailId: (id: string): string => `编号：${id}`,
};

export const reminderText = {
  heading: (region: string, day: string, late: boolean): string => `【政务公开到期提醒】${region} ${day}${late ? '（补发）' : ''}`,
  unitHeading: (unit: string, staff: readonly string[]): string => `■ ${unit}${staff.length ? `（${staff.map((s) => `@${s}`).join(' ')}）` : ''}`,
  reason: (reason: 'due-today' | 'due-soon' | 'overdue' | 'overdue-followup', daysLeft: number): string =>
    reason === 'due-today' ? '今天到期' : reason === 'due-soon' ? `还剩 ${daysLeft} 天` : reason === 'overdue' ? '已逾期' : `逾期催办（已逾期 ${-daysLeft} 天）`,
  item: (label: string, due: string, requirement: string): string => `[${label}｜${due}] ${requirement}`,
  weekly: (s: { notStarted: number; inProgress: number; done: number; overdue: number; yearRound: number }): string =>
    `本周概况：未开始 ${s.notStarted} 项，进行中 ${s.inProgress} 项，已完成 ${s.done} 项，逾期 ${s.overdue} 项；全年性/长期任务 ${s.yearRound} 项未完成。`,
  yearEnd: (n: number): string => `临近年底，以下 ${n} 项全年性任务尚未标记完成：`,
  footer: '完成后请回复“完成 编号”登记；回复“逾期任务”查看全部逾期。',
  noUnit: '未写明单位',
};

export const deskText = {
  needRegion: '请先发送“切换到某县”设定本群地区，再订阅。',
  subscribed: (region: string, units: string, leads: string, time: string): string =>
    `已订阅 ${region}${units ? ` ${units}` : '（全部单位）'} 的到期提醒：每天 ${time} 推送，提前 ${leads} 天提醒；周一附本周概况。发送“取消订阅”可退订。`,
  unsubscribed: '已取消本群的到期提醒。',
  notSubscribed: '本群还没有订阅到期提醒。发送“订阅提醒”或“订阅 民政局”订阅。',
  settings: (region: string, units: string, leads: string, time: string, weekly: boolean): string =>
    `本群提醒设置：${region}${units ? ` ${units}` : '（全部单位）'}；每天 ${time}；提前 ${leads} 天；${weekly ? '周一附本周概况' : '不发周报'}；周末仅在当天有到期任务时提醒。`,
  leadsChanged: (leads: string): string => `好的，改为提前 ${leads} 天提醒。`,
  timeChanged: (time: string): string => `好的，每天 ${time} 推送提醒。`,
  badTime: '时间格式不对，例如“提醒时间 08:30”。',
  unknownUnits: (names: string): string => `没有找到单位：${names}。`,
  bound: (unit: string, people: string): string => `已将 ${people} 绑定为 ${unit} 的经办人：${unit}的提醒会 @ 他们，他们可以登记本单位任务的进展。`,
  bindHow: '用法：绑定 民政局 @经办人（在群里 @ 要绑定的成员）。',
  denied: {
    subscribe: '只有管理员可以设置本群的提醒订阅。',
    bind: '只有管理员可以绑定单位经办人。',
    region: '只有管理员可以设置本群的默认地区。',
    import: '只有管理员可以导入文件。',
    progress: '只有管理员或该任务责任单位的经办人可以登记进展。',
  } as const,
  noSuchTarget: (ref: string): string => `没有找到任务“${ref}”：请用上一个列表中的序号，或任务编号。`,
  recorded: (action: string, n: string, status: string): string => `已登记：第${n}条 ${action}，当前状态：${status}。`,
  alreadyDone: '这项任务已经标记完成。',
  notDone: '这项任务还没有标记完成，无需撤销。',
  actionName: { sign: '签收', progress: '进展', done: '完成', undone: '撤销完成' } as const,
  exportName: (region: string, day: string): string => `${region}政务公开台账-${day}.xlsx`,
  completion: (scope: string, done: number, total: number): string =>
    `${scope}完成情况：已完成 ${done}/${total} 项（完成率 ${total ? Math.round((done / total) * 100) : 0}%）。`,
  statusLine: (label: string, n: number): string => `${label} ${n} 项`,
  openHeading: (n: number): string => `未完成的 ${n} 项：`,
  doneThisMonth: (label: string, n: number): string => `${label}标记完成的任务共 ${n} 项：`,
  noneDone: (label: string): string => `${label}还没有标记完成的任务。`,
  exported: (region: string, n: number, name: string): string => `已导出 ${region} 台账（${n} 项任务）：${name}`,
  exportNeedsRegion: '请先发送“切换到某县”，再导出该县台账。',
};

/** Ledger statuses and the export's columns, as people read them. */
export const ledgerText = {
  status: { 'not-started': '未开始', 'in-progress': '进行中', done: '已完成', overdue: '逾期' } as const,
  action: { sign: '签收', progress: '进展', done: '完成', undone: '撤销完成' } as const,
  columns: ['编号', '章节', '任务要求', '牵头单位', '责任单位', '配合单位', '完成时限', '截止日期', '状态', '最新进展', '登记人', '登记时间'] as const,
  sheet: (region: string): string => `${region}台账`,
};
