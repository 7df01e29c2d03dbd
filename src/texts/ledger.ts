// Ledger statuses and the export's columns, as people read them.

/** Ledger statuses and the export's columns, as people read them. */
export const ledgerText = {
  status: { 'not-started': '未开始', 'in-progress': '进行中', done: '已完成', overdue: '逾期' } as const,
  action: { sign: '签收', progress: '进展', done: '完成', undone: '撤销完成' } as const,
  columns: ['编号', '章节', '任务要求', '牵头单位', '责任单位', '配合单位', '完成时限', '截止日期', '状态', '最新进展', '登记人', '登记时间'] as const,
  sheet: (region: string): string => `${region}台账`,
  noSuchTarget: (ref: string): string => `没有找到任务“${ref}”：请用您上一个列表中的序号，或任务编号。`,
  /** The task a command refers to, as the person is shown it: number (or id), unit, first words. */
  taskRef: (n: number | null, id: string, unit: string, words: string): string => `${n ? `第${n}条` : `任务 ${id}`}（${unit}）“${words}”`,
  recorded: (action: string, task: string, status: string): string => `已登记：${task} ${action}，当前状态：${status}。`,
  alreadyDone: (task: string): string => `${task} 已经标记完成。`,
  notDone: (task: string): string => `${task} 还没有标记完成，无需撤销。`,
  noList: (action: string, n: number): string =>
    `您在这里还没有可以引用的列表，“${action} ${n}”指哪项任务无法确定，未登记。请先查询（如“民政局有哪些任务”），或用任务编号登记，如“${action} 2022-…”。`,
  listExpired: (action: string, n: number, minutes: number): string =>
    `您上次的列表已过期（列表保留 ${minutes} 分钟），“${action} ${n}”指哪项任务无法确定，未登记。请重新查询，或用任务编号登记。`,
  noSuchItem: (action: string, n: number, total: number): string => `您上一个列表共 ${total} 条，没有第 ${n} 条，未登记。`,
  ambiguous: (action: string, n: number, choices: ReadonlyArray<{ list: string; task: string; id: string }>): string =>
    `“${action} ${n}”可能指不同的任务，未登记。请用任务编号登记：\n${choices.map((c, i) => `${i + 1}）${c.list}的${c.task}：${action} ${c.id}`).join('\n')}`,
  noteTooLong: (max: number): string => `进展说明太长了（超过 ${max} 字），请精简后再登记。`,
  exportName: (region: string, day: string): string => `${region}政务公开台账-${day}.xlsx`,
  completion: (scope: string, done: number, total: number): string =>
    `${scope}完成情况：已完成 ${done}/${total} 项（完成率 ${total ? Math.round((done / total) * 100) : 0}%）。`,
  statusLine: (label: string, n: number): string => `${label} ${n} 项`,
  openHeading: (n: number): string => `未完成的 ${n} 项：`,
  doneThisMonth: (label: string, n: number): string => `${label}标记完成的任务共 ${n} 项：`,
  noneDone: (label: string): string => `${label}还没有标记完成的任务。`,
  exported: (region: string, n: number, name: string): string => `已导出 ${region} 台账（${n} 项任务）：${name}`,
  /** Where a platform that cannot send files tells people to get the exported ledger. */
  exportElsewhere: (region: string): string =>
    `这里不能直接发送文件。台账可由管理员在服务器上导出：npm run -s cli -- export --region ${region} --format xlsx，或在其他支持文件的群里发送“导出台账”。`,
  exportedUnits: (region: string, units: string, n: number, name: string): string => `已导出 ${region} ${units}的台账（${n} 项任务）：${name}`,
  exportNeedsRegion: '请指明地区，例如“导出台账 汶上县”。',
  exportPrivateOnly: '台账含经办人信息，不在群里发送。请在与助手的私聊中发送“导出台账 某县”。',
};
