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
    `数据文件 ${path} 正被进程 ${pid}（自 ${since}）使用，同一时间只能有一个进程写入。` +
    '请先停止该进程（如 sudo systemctl stop zwgk-bot）再执行。导入文件和修改订阅不必停止：导入可直接用 npm run -s cli -- import（交给运行中的机器人写入）或在网页台账的“导入任务表”上传，订阅和经办人可在网页台账的“提醒与经办人”中修改。',
  lockedByHost: (path: string, host: string, pid: number): string => `数据文件 ${path} 被另一台机器 ${host} 的进程 ${pid} 锁定。`,
  cannotLock: (path: string): string => `无法取得数据文件 ${path} 的锁`,
  ledgerAppendOnly: '台账只能追加记录，不能修改或删除已有记录（the ledger is append-only）',
  changesAppendOnly: '修改记录（导入、订阅、绑定的留痕）只能追加，不能修改或删除（the change records are append-only）',
  planChangedByChange: '任务和文件只能通过导入修改（documents and tasks change only by an import）',
  badSchema: (schema: string): string => `数据库模式名“${schema}”不合法：只能用小写字母、数字和下划线，且不以数字开头。`,
  cannotConnect: (url: string, reason: string): string => `无法连接数据库 ${url}：${reason}。请检查 ZWGK_DATABASE_URL、数据库是否在运行、用户名和密码。`,
  databaseTooNew: (found: number, known: number): string =>
    `数据库结构版本为 ${found}，比本程序认识的版本 ${known} 新：请升级程序后再连接。数据库未被改动。`,
  migrationFailed: (version: number, name: string, reason: string): string => `数据库升级第 ${version} 步（${name}）失败：${reason}。数据库未被改动。`,
  badRow: (collection: string, reason: string): string => `数据库表 ${collection} 中有一行不符合格式（${reason}）。请从备份恢复或修正该行。`,
  badLogLine: (path: string, line: number, reason: string): string =>
    `数据变更日志 ${path} 第 ${line} 行已损坏（${reason}）。文件未被改动；请从备份恢复，或把该行之后的内容移走后重新启动。`,
  orphanTask: (task: string, document: string): string => `任务 ${task} 所属的文件 ${document} 不在数据中，无法迁移。请先修复原数据（重新导入该文件）。`,
  targetNotEmpty: (where: string): string => `目标 ${where} 已有数据。迁移只写入空的目标，不合并、不覆盖；请换一个空的位置（新文件路径或新的数据库模式）。`,
  copyMismatch: (from: string, to: string): string => `迁移后核对不一致：${to} 中的数据与 ${from} 不同。原数据未被改动；请删除目标中的数据后重试。`,
  databaseWriteFailed: (url: string, reason: string): string => `写入数据库 ${url} 失败：${reason}。本次修改未保存。`,
  backupUnreadable: (file: string, reason: string): string => `无法读取备份文件 ${file}：${reason}`,
  backupNotJson: (file: string, reason: string): string => `备份文件 ${file} 已损坏（不是有效的 JSON：${reason}），未恢复任何内容。`,
  notABackup: (file: string): string => `${file} 不是本程序的备份文件（用 npm run -s cli -- backup 生成），未恢复任何内容。`,
  backupDamaged: (file: string): string => `备份文件 ${file} 的校验和不符（文件不完整或被改动过），未恢复任何内容。`,
  backupWriteFailed: (file: string, reason: string): string => `写入备份文件 ${file} 失败：${reason}`,
  cannotKeepCopy: (path: string, copy: string, reason: string): string =>
    `数据文件 ${path} 由旧版本写入、需要升级格式，但无法先把原文件另存为 ${copy}（${reason}）。文件未被改动。`,
  newerVersion: (path: string, found: number, known: number): string =>
    `数据文件 ${path} 由更新的版本写入（格式 ${found}，本程序只认识到 ${known}）。文件未被改动；请升级 zwgk-bot 后再启动。`,
  lockUnreadable: (lockPath: string): string =>
    `锁文件 ${lockPath} 没有记录进程号（空文件或内容无法识别），无法判断是否有进程正在使用数据文件。请确认没有其他 zwgk-bot 进程在运行后删除该锁文件，再重新启动。`,
};
