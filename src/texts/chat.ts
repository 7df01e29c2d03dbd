// What the bot says in chats: help, lists, details, searches, counts and regions.

const ROLE_NAME = { lead: '牵头', responsible: '责任', cooperating: '配合' } as const;

/** The command menu platforms show (Telegram's setMyCommands). */
export const commandMenu: ReadonlyArray<{ command: string; description: string }> = [
  { command: 'tasks', description: '单位任务，如 /tasks 民政局' },
  { command: 'due', description: '近期到期，如 /due 或 /due 民政局' },
  { command: 'ask', description: '提问，如 /ask 低保信息在哪公开' },
  { command: 'more', description: '上一个列表的下一页' },
  { command: 'help', description: '使用帮助' },
];

export const chatText = {
  /** How the bot names itself where a platform wants a title (DingTalk's notification). */
  botName: '政务公开助手',
  greeting: (regions: number, tasks: number): string =>
    `您好！我是政务公开任务助手，已载入 ${regions} 个地区的 ${tasks} 项任务。可以这样问我：\n` +
    '  1) 汶上县民政局有哪些任务\n  2) 2022年6月有什么到期\n  3) 低保信息在哪公开？找哪个部门？\n输入“帮助”查看更多用法，Ctrl+D 退出。',
  help:
    '我是政务公开任务助手，可以这样问我（每行一个例子）：\n' +
    '• 单位任务：民政局有哪些任务（也可问“人社局牵头的任务”“民政局有几项任务”）\n' +
    '• 到期：这个月有什么到期（也可问“下周”“6月底前”“已经逾期的”）\n' +
    '• 某项任务的时限：工作台账啥时候截止 · 减税降费那个还剩几天\n' +
    '• 翻看：第3条（详情）· 更多（下一页）· 相关任务（以“各部门”等集体表述涉及本单位的任务）\n' +
    '• 政策咨询：低保信息在哪公开？找哪个部门？\n' +
    '• 统计：各单位任务数 · 完成率 · 民政局完成情况 · 本月完成了哪些\n' +
    '• 台账登记（序号是上一个列表里的）：签收 3 · 进展 3 已在网站发布解读 · 完成 3 · 撤销完成 3\n' +
    '• 提醒（管理员）：订阅提醒 · 订阅 民政局 · 提前3天提醒 · 提醒时间 08:30 · 提醒设置 · 取消订阅\n' +
    '• 台账导出：导出台账 汶上县（私聊）· 登录台账（私聊获取网页台账登录链接）\n' +
    '• 地区（管理员）：切换到冠县（设定本群默认地区）· 绑定 民政局 @经办人\n' +
    '在群里请 @ 我提问；以上命令原样发送时不用 @。Telegram 中也可用 /tasks 民政局、/due、/ask 问题、/help。',
  hello:
    '您好！我是政务公开任务助手。可以问我：“民政局有哪些任务”“这个月有什么到期”“低保信息在哪公开”。发送“帮助”查看全部用法。',
  thanks: '不客气！还有问题随时问我，发送“帮助”可以查看全部用法。',
  english:
    '我只能用中文回答政务公开任务方面的问题，例如“民政局有哪些任务”“这个月有什么到期”。\n' +
    'I answer questions about the county government-transparency task plans, in Chinese. Try “民政局有哪些任务” (a unit’s tasks) or “这个月有什么到期” (what falls due this month); send “帮助” for help.',
  refuse:
    '我只能查询任务和登记进展，不能删除、修改或新增任务，也不会按消息里的指令改变身份或规则。' +
    '登记进展请发“签收 3”“进展 3 内容”“完成 3”（序号是上一个列表里的）；任务本身以印发的文件为准，需要调整请联系政务公开办。',
  fallback: '没太明白您的意思。可以试试：“民政局有哪些任务”“这个月有什么到期”“低保信息在哪公开”，或发送“帮助”。',
  empty: '请输入您的问题，例如“民政局有哪些任务”。发送“帮助”查看用法。',
  error: '抱歉，处理这条消息时出错了，请稍后再试。问题已记录。',
  tooLong: (max: number): string => `消息太长了（超过 ${max} 字），请把问题说得简短一些。`,
  floodPerson: '您发得太快了，请稍候一分钟再发；这期间的消息不再逐条回复。',
  floodChat: '本群消息太多，助手暂停回复约一分钟，请稍后再问。',

  pageHint: (page: number, pages: number): string => `第 ${page}/${pages} 页，回复“更多”查看下一页，回复“第N条”查看详情`,
  detailHint: '回复“第N条”查看详情',
  noList: '您还没有可以翻看的列表（序号只指您自己查询的列表）。先问一个问题，例如“民政局有哪些任务”。',
  listExpired: '您上次的列表已过期，请重新查询，例如“民政局有哪些任务”。',
  lastPageHint: (page: number, pages: number): string => `第 ${page}/${pages} 页（最后一页），回复“第N条”查看详情`,
  linesPageHint: (page: number, pages: number): string => `第 ${page}/${pages} 页，回复“更多”查看下一页`,
  listEnd: '已经是最后一页了。',
  noSuchItem: (n: number, total: number): string => `没有第 ${n} 条，上一个列表共 ${total} 条。`,
  noSuchTask: (id: string): string => `没有找到编号为 ${id} 的任务。`,

  roles: (roles: readonly (keyof typeof ROLE_NAME)[]): string => roles.map((r) => ROLE_NAME[r]).join('、'),
  itemDue: (label: string): string => `时限：${label}`,
  itemUnits: (units: string): string => `单位：${units}`,
  itemRole: (roles: string, deadline: string): string => `本单位：${roles}｜时限：${deadline}`,
  itemSource: (title: string, section: string): string => `出处：《${title}》${section ? ` ${section}` : ''}`,
  itemMatched: (sentence: string): string => `相关原文：${sentence}`,
  itemAllUnits: (units: string): string => `单位：${units}`,

  unitHeading: (region: string, unit: string, total: number, lead: number, responsible: number, cooperating: number): string =>
    `${region} ${unit}：点名负责 ${total} 项任务（牵头 ${lead}、责任 ${responsible}、配合 ${cooperating}）`,
  unitRoleHeading: (region: string, unit: string, role: string, total: number): string => `${region} ${unit}${role}的任务共 ${total} 项：`,
  unitCountHeading: (region: string, unit: string, total: number, lead: number, responsible: number, cooperating: number): string =>
    `${region} ${unit}点名负责的任务共 ${total} 项（牵头 ${lead}、责任 ${responsible}、配合 ${cooperating}）：`,
  unitNone: (unit: string): string => `${unit}没有被点名的任务。`,
  standInByName: (region: string, asked: string, label: string, unit: string): string => `${region}没有${asked}，${label}职能由${unit}承担：`,
  standInByTasks: (region: string, asked: string, label: string, unit: string): string =>
    `${region}没有${asked}；本地区计划中${label}方面的任务主要由${unit}牵头：`,
  unitNotFound: (asked: string, suggestions: string): string =>
    suggestions ? `没有找到“${asked}”，您是不是要找：${suggestions}？` : `没有找到“${asked}”：本地区的任务分解表里没有这个单位。发送“各单位任务数”可以查看有哪些单位。`,
  unitNotFoundIn: (regions: string, asked: string, suggestions: string): string =>
    suggestions ? `${regions}没有找到“${asked}”，您是不是要找：${suggestions}？` : `${regions}的任务分解表里没有“${asked}”，也就没有它的任务。发送“各单位任务数”可以查看有哪些单位。`,
  noPlanYear: (region: string, year: number, years: string): string => `${region}没有 ${year} 年的任务分解表，已导入的是 ${years} 年度的。`,
  archivedNote: (region: string, year: number): string => `（${region}${year}年的计划已结束，以下只列出，不再计算逾期。）`,
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
  dueNone: (scope: string, label: string): string => `${scope}没有${label}${label.endsWith('到期') ? '的' : '到期的'}任务。`,
  dueNoneUnit: (scope: string, label: string): string => `${scope}没有${label}的任务。`,
  dueOverdueApart: (n: number): string => `其中已逾期 ${n} 项（排在最后，标“已逾期”）。`,
  overduePlanOver: (regions: string): string => `${regions}的现行计划年度已经结束，不再计算逾期。`,
  deadlineOf: (topic: string, label: string): string => `“${topic}”这项任务的时限：${label}`,
  deadlineRaw: (raw: string): string => `原文时限：${raw}`,
  deadlineNone: (topic: string): string => `没有找到与“${topic}”对应的任务，说不出它的时限。可以换个说法，或发送“这个月有什么到期”。`,
  allDueSame: (scope: string, n: number, label: string): string => `${scope}全部 ${n} 项任务：${label}`,
  daysLeftPlain: (days: number): string => (days > 0 ? `（距截止还有${days}天）` : '（今天截止）'),
  upcoming: '接下来',
  listUnitsHeading: (n: number): string => `上一个列表中 ${n} 项任务的全部责任单位：`,
  focusUnitsHeading: '这项任务的全部责任单位：',
  focusDeadlineHeading: '这项任务的时限：',
  listDeadlinesHeading: (n: number): string => `上一个列表中 ${n} 项任务的时限（按截止日期排列）：`,
  overdueHeading: (scope: string, today: string, n: number): string => `${scope}截至 ${today} 已逾期的任务共 ${n} 项：`,
  overdueNone: (scope: string, today: string): string => `${scope}截至 ${today} 没有逾期的任务。`,
  notListed: (yearRound: number, other: number): string =>
    `另有全年性任务 ${yearRound} 项、定期/长期/未写明时限的任务 ${other} 项，不按日期列出。`,
  planYears: (years: string): string => `提示：数据中的计划年度为 ${years}。`,

  searchHeading: (topic: string, units: string): string => `“${topic}”相关的公开任务，主要由 ${units} 负责：`,
  searchHeadingNoUnit: (topic: string): string => `“${topic}”相关的公开任务：`,
  searchNone: (query: string, unitHint: string | null): string =>
    `没有找到与“${query}”相关的公开任务，我不便猜测。可以换个说法再问，或拨打 12345 政务服务便民热线咨询${unitHint ? `，也可以直接联系${unitHint}` : ''}。`,
  outOfScope: (unitHint: string | null): string =>
    `这个问题政务公开任务分解表里没有答案：分解表只写各单位要公开哪些信息，不写具体金额、条件、办事材料和流程等，我不便回答。` +
    (unitHint ? `这类信息由 ${unitHint} 负责发布，可以直接咨询该单位，` : '') +
    `也可以拨打 12345 政务服务便民热线咨询。`,
  searchFooter: '具体办理请咨询责任单位或拨打 12345 政务服务便民热线。',

  statsUnitsHeading: (scope: string, n: number): string => `${scope}各单位被点名的任务数（共 ${n} 个单位）：`,
  statsUnitsTitle: (scope: string): string => `${scope}各单位被点名的任务数`,
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
  detailMilestones: (stages: string): string => `阶段节点：${stages}`,
  detailSource: (title: string, docNumber: string | null, section: string): string =>
    `出处：《${title}》${docNumber ? `（${docNumber}）` : ''}${section ? ` ${section}` : ''}`,
  detailRemarks: (text: string): string => `备注：${text}`,
  detailId: (id: string): string => `编号：${id}`,
};


/** Why a person may not do what they asked (deny by default). */
export const deniedText = {
    subscribe: '只有管理员可以设置本群的提醒订阅。',
    bind: '只有管理员可以绑定单位经办人。',
    region: '只有管理员可以设置本群的默认地区。',
    import: '只有管理员可以导入文件。',
    progress: '只有管理员或该任务责任单位的经办人可以登记进展。',
    export: '只有管理员或本单位经办人可以导出台账（台账含经办人信息）；经办人只能导出本单位的任务。',
  } as const;

/** "登录台账": the one-time link to the web 台账, or why not. */
export const signInText = {
  link: (url: string, minutes: number): string =>
    `台账网页登录链接（${minutes} 分钟内有效，只能使用一次，请勿转发）：\n${url}\n在电脑或手机浏览器中打开后点“登录”。`,
  privateOnly: '登录链接只发在私聊里：请私聊我发送“登录台账”。',
  denied: '只有管理员和已绑定单位的经办人可以登录台账网页。请联系政务公开办绑定您的单位。',
  webOff: '台账网页没有启用（ZWGK_WEB=off），请联系管理员。',
} as const;

/** How a range of due dates is named in a reply ("本月（2022年6月）"). */
export const rangeText = {
  month: (label: string, year: number, month: number): string => `${label}（${year}年${month}月）`,
  overdue: '已逾期',
  today: (day: string): string => `今天（${day}）`,
  tomorrow: '明天',
  thisWeek: (monday: string): string => `本周（${monday} 起）`,
  nextWeek: (monday: string): string => `下周（${monday} 起）`,
  withinDays: (n: number): string => `${n}天内`,
  soon: '两周内',
  thisMonth: '本月',
  nextMonth: '下个月',
  lastMonth: '上个月',
  thisQuarter: (year: number, quarter: number): string => `本季度（${year}年第${quarter}季度）`,
  nextQuarter: '下季度',
  byMonthEnd: (year: number, month: number): string => `${year}年${month}月底前`,
  byDay: (year: number, month: number, day: number): string => `${year}年${month}月${day}日前`,
  day: (year: number, month: number, day: number): string => `${year}年${month}月${day}日`,
  byYearEnd: (year: number): string => `${year}年底前`,
  atYearEnd: (year: number): string => `${year}年底`,
  yearMonth: (year: number, month: number): string => `${year}年${month}月`,
  firstHalf: (year: number): string => `${year}年上半年`,
  secondHalf: (year: number): string => `${year}年下半年`,
  notDue: '尚未到期',
  thisYear: (year: number): string => `今年（${year}年）`,
  nextYear: (year: number): string => `明年（${year}年）`,
  lastYear: (year: number): string => `去年（${year}年）`,
  year: (year: number): string => `${year}年`,
};
