// What the store tells the operator when its file cannot be read, validated, locked or written.

/** How the store names the top of the file in a list of schema problems. */
const ROOT = '(根)';

/** One problem the schema found in the store file: where (a path of keys) and what. */
export interface StoreIssue {
  path: readonly PropertyKey[];
  message: string;
}

export const storeText = {
  cannotRead: (path: string, reason: string): string => `无法读取数据文件 ${path}：${reason}`,
  notJson: (path: string, reason: string): string =>
    `数据文件 ${path} 已损坏（不是有效的 JSON：${reason}）。文件未被改动；请从备份恢复，或移走该文件后重新启动以从 data/seeds 重建。`,
  invalid: (path: string, issues: readonly StoreIssue[]): string =>
    `数据文件 ${path} 的内容不符合格式（${issues.map((i) => `${i.path.map(String).join('.') || ROOT}：${i.message}`).join('；')}）。文件未被改动；请从备份恢复或移走该文件。`,
  unknownFields: (path: string, fields: readonly string[], total: number): string =>
    `数据文件 ${path} 含有本版本不认识的字段（${fields.join('、')}${total > fields.length ? ` 等 ${total} 处` : ''}），可能由更新的版本写入。为免丢失这些内容，本版本不打开它；文件未被改动。请使用写入它的版本，或从备份恢复。`,
  tooManyLinks: (path: string): string => `数据文件 ${path} 的符号链接层数过多（可能循环指向自身）`,
  writeFailed: (path: string, reason: string): string => `写入数据文件 ${path} 失败：${reason}`,
  readOnly: (path: string): string => `数据文件 ${path} 以只读方式打开，不能写入`,
  cannotCreateLock: (lockPath: string, reason: string): string => `无法创建锁文件 ${lockPath}：${reason}`,
  /** For the StoreLockedError of a live process on this machine. */
  lockedByProcess: (path: string, pid: number, since: string): string =>
    `数据文件 ${path} 正被进程 ${pid}（自 ${since}）使用。请先停止该进程，或通过机器人对话导入。`,
  lockedByHost: (path: string, host: string, pid: number): string => `数据文件 ${path} 被另一台机器 ${host} 的进程 ${pid} 锁定。`,
  cannotLock: (path: string): string => `无法取得数据文件 ${path} 的锁`,
  lockUnreadable: (lockPath: string): string =>
    `锁文件 ${lockPath} 没有记录进程号（空文件或内容无法识别），无法判断是否有进程正在使用数据文件。请确认没有其他 zwgk-bot 进程在运行后删除该锁文件，再重新启动。`,
};
