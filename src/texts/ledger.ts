// Ledger statuses and the export's columns, as people read them.

/** Ledger statuses and the export's columns, as people read them. */
export const ledgerText = {
  status: { 'not-started': '未开始', 'in-progress': '进行中', done: '已完成', overdue: '逾期' } as const,
  action: { sign: '签收', progress: '进展', done: '完成', undone: '撤销完成' } as const,
  columns: ['编号', '章节', '任务要求', '牵头单位', '责任单位', '配合单位', '完成时限', '截止日期', '状态', '最新进展', '登记人', '登记时间'] as const,
  sheet: (region: string): string => `${region}台账`,
  noSuchTarget: (ref: string): string => `没有找到任务“${ref}”：请用上一个列表中的序号，或任务编号。`,
  recorded: (action: string, n: string, status: string): string => `已登记：第${n}条 ${action}，当前状态：${status}。`,
  alreadyDone: '这项任务已经标记完成。',
  notDone: '这项任务还没有标记完成，无需撤销。',
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
  exportNeedsRegion: '请先发送“切换到某县”，再导出该县台账。',
};
