// What the importer tells the operator: why a file cannot be imported, and what looked doubtful in one that can.

/** How many characters of a requirement a warning quotes. */
const QUOTE_CHARS = 20;

/** The column names a task table needs, as the reasons list them. */
const TABLE_COLUMNS = '“工作任务/具体要求/责任单位/完成时限”等列名';

/** Reasons a file cannot be imported (the error adds the file name). */
export const importReason = {
  fileMissing: '文件不存在，请检查路径',
  cannotReadFile: (reason: string): string => `无法读取：${reason}`,
  readFailed: (reason: string): string => `读取失败：${reason}`,
  binary: '这是二进制文件，不是文本、Word（.docx）或 Excel（.xlsx）文件',
  unknownEncoding: '文件编码无法识别（既不是 UTF-8 也不是 GB18030），请另存为 UTF-8 文本后再导入',
  badZip: (reason: string): string => `文件像是压缩包，但无法打开：${reason}`,
  zipWithoutOffice: '压缩包里既没有 Word 文档也没有 Excel 表格',
  empty: '文件是空的',
  noTaskTable: `没有找到任务表：既没有含${TABLE_COLUMNS}的表头，也没有带“（责任单位：…）”的编号条目`,
  noRequirementColumn: (headerCells: readonly string[]): string =>
    `表头（${headerCells.join('、')}）中没有“具体要求 / 工作任务 / 工作内容”列，无法确定任务内容`,
  docxNoBody: 'Word 文件中没有正文',
  docxNoTable: 'Word 文件中没有表格',
  docxNoHeader: `Word 文件的表格中没有${TABLE_COLUMNS}`,
  xlsxNoHeader: `Excel 文件中没有含${TABLE_COLUMNS}的表格`,
  noTasks: '找到了表头，但表中没有任何任务',
  noYear: '无法从文件中读出年度，请用 --year 指定（例如 --year 2022）',
  noRegion: '无法从文件中读出所属地区（县/区），请用 --region 指定（例如 --region 微山县）',
  badRegion: (region: string): string => `地区名“${region}”不像一个县或区的名称`,
  tooLarge: (bytes: number, max: number): string =>
    `文件太大（${(bytes / 2 ** 20).toFixed(1)} MB，上限 ${Math.round(max / 2 ** 20)} MB），请只导入任务分解表本身`,
};

/** Doubts about a file that was imported all the same. */
export const importWarning = {
  ocrRepaired: (from: string, to: string): string => `单位名“${from}”疑为识别错误，已按同文件中的“${to}”处理`,
  ofTask: (seq: number, warning: string): string => `第${seq}条：${warning}`,
  noUnits: (seq: number, requirement: string): string =>
    `第${seq}条：没有找到责任单位（“${requirement.slice(0, QUOTE_CHARS)}…”），已导入，请核对原文`,
  /** The command line has no option for the issue date: the document itself must say it, or the deadline be a date. */
  noIssueDate: (written: string, periodEnd: string): string =>
    `时限“${written}”以印发日期起算，但文件没有印发日期：暂按 ${periodEnd} 处理；可在文件中写明印发日期（如“2022年3月1日印发”）或把该时限改为具体日期后重新导入`,
  unknownDeadline: (written: string, periodEnd: string): string => `无法识别的时限“${written}”：暂按年底 ${periodEnd} 处理`,
};

/** What a document is called when it names no title of its own. */
export const defaultDocumentTitle = (year: number, region: string): string => `${year}年${region}政务公开工作任务`;
