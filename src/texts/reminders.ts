// What reminder digests say.

export const reminderText = {
  heading: (region: string, day: string, late: boolean): string => `【政务公开到期提醒】${region} ${day}${late ? '（补发）' : ''}`,
  unitHeading: (unit: string, staff: readonly string[]): string => `■ ${unit}${staff.length ? `（${staff.map((s) => `@${s}`).join(' ')}）` : ''}`,
  reason: (reason: 'due-today' | 'due-soon' | 'overdue' | 'overdue-followup', daysLeft: number): string =>
    reason === 'due-today' ? '今天到期' : reason === 'due-soon' ? `还剩 ${daysLeft} 天` : reason === 'overdue' ? '已逾期' : `逾期催办（已逾期 ${-daysLeft} 天）`,
  item: (label: string, due: string, requirement: string): string => `[${label}｜${due}] ${requirement}`,
  /** The date of a reminder about one milestone of a task: "阶段 2022-07-31 7月底前提出方案". */
  milestone: (stage: string): string => `阶段 ${stage}`,
  weekly: (s: { notStarted: number; inProgress: number; done: number; overdue: number; yearRound: number }): string =>
    `本周概况：未开始 ${s.notStarted} 项，进行中 ${s.inProgress} 项，已完成 ${s.done} 项，逾期 ${s.overdue} 项；全年性/长期任务 ${s.yearRound} 项未完成。`,
  yearEnd: (n: number): string => `临近年底，以下 ${n} 项全年性任务尚未标记完成：`,
  footer: '完成后请回复“完成 编号”登记；回复“逾期任务”查看全部逾期。',
  noUnit: '未写明单位',
};

/** Subscribing a chat to reminders and binding unit staff, from the chat. */
export const subscriptionText = {
  needRegion: '请先发送“切换到某县”设定本群地区，再订阅。',
  subscribed: (region: string, units: string, leads: string, time: string): string =>
    `已订阅 ${region}${units ? ` ${units}` : '（全部单位）'} 的到期提醒：每天 ${time} 推送，提前 ${leads} 天提醒；周一附本周概况。发送“取消订阅”可退订。`,
  unsubscribed: '已取消本群的到期提醒。',
  notSubscribed: '本群还没有订阅到期提醒。发送“订阅提醒”或“订阅 民政局”订阅。',
  settings: (region: string, units: string, leads: string, time: string, weekly: boolean): string =>
    `本群提醒设置：${region}${units ? ` ${units}` : '（全部单位）'}；每天 ${time}；提前 ${leads} 天；${weekly ? '周一附本周概况' : '不发周报'}；周末仅在当天有到期任务时提醒。`,
  leadsChanged: (leads: string): string => `好的，改为提前 ${leads} 天提醒。`,
  timeChanged: (time: string): string => `好的，每天 ${time} 推送提醒。`,
  badLead: (max: number): string => `提前天数应为 0–${max} 天，例如“提前3天提醒”。`,
  badTime: '时间格式不对，例如“提醒时间 08:30”。',
  unknownUnits: (names: string): string => `没有找到单位：${names}。`,
  bound: (unit: string, people: string): string => `已将 ${people} 绑定为 ${unit} 的经办人：${unit}的提醒会 @ 他们，他们可以登记本单位任务的进展。`,
  bindHow: '用法：绑定 民政局 @经办人（在群里 @ 要绑定的成员）。',
};
