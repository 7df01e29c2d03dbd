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
  binary: '这是无法识别的二进制文件：可导入的有网页（.html）、PDF（带文字层）、Word（.doc/.docx/.wps）、Excel（.xls/.xlsx）、文本和装有这些文件的 .zip',
  unknownEncoding: '文件编码无法识别（既不是 UTF-8 也不是 GB18030），请另存为 UTF-8 文本后再导入',
  badZip: (reason: string): string => `文件像是压缩包，但无法打开：${reason}`,
  /** A format recognised by its bytes that cannot be read: what it is and what to save it as. */
  format: (found: FoundFormat): string => FORMAT_ADVICE[found],
  archiveOfMany: (n: number): string => `这是装有 ${n} 个文件的压缩包：请用 import 导入（每个文件分别解析，一个出错就都不写入）`,
  zipEmpty: '压缩包里没有可导入的文件（网页、PDF、Word、Excel 或文本）',
  zipNested: (entry: string): string => `压缩包里的“${entry}”又是一个压缩包：请解压后直接导入其中的文件`,
  zipEntry: (entry: string, reason: string): string => `压缩包里的“${entry}”：${reason}`,
  zipOversized: (entry: string): string => `压缩包里的“${entry}”解压后比它声明的大小还大（疑为压缩炸弹或已损坏），已停止读取：请检查文件来源`,
  zipEncrypted: (entry: string): string => `压缩包里的“${entry}”有密码保护，无法读取：请解压后导入`,
  notRegularFile: (kind: string): string => `这不是普通文件（${kind}），不能导入：请选择文件本身`,
  htmlNoTable: `网页中没有找到任务表：既没有含${'“工作任务/具体要求/责任单位/完成时限”等列名'}的表格，正文里也没有带“（责任单位：…）”的编号条目`,
  pdfNoTable: 'PDF 中没有找到任务表（表头应有“工作任务/具体要求/责任单位/完成时限”等列名）',
  pdfBroken: (reason: string): string => `PDF 文件已损坏或无法解析：${reason}。请用 WPS 或 Word 重新导出 PDF，或直接导入 Word 原件`,
  pdfEncrypted: 'PDF 有密码保护，无法读取：请导入未加密的 PDF 或 Word 原件',
  wordBroken: (format: string, reason: string): string => `${format} 文件已损坏或无法解析：${reason}。请用 WPS 或 Word 打开后另存为 .docx 再导入`,
  wordNoTable: (format: string): string => `${format} 文件中没有找到任务表（表头应有“工作任务/具体要求/责任单位/完成时限”等列名）`,
  readerOutOfMemory: (mb: number): string => `读取这个文件需要超过 ${mb} MB 内存，已停止：文件过于复杂或是恶意构造的，请另存为 .docx 或 .xlsx 后再试`,
  xlsBroken: (reason: string): string => `Excel 97-2003（.xls）文件无法解析：${reason}。请用 WPS 或 Excel 另存为 .xlsx 再导入`,
  empty: '文件是空的',
  noTaskTable: `没有找到任务表：既没有含${TABLE_COLUMNS}的表头，也没有带“（责任单位：…）”的编号条目`,
  noRequirementColumn: (headerCells: readonly string[]): string =>
    `表头（${headerCells.join('、')}）中没有“具体要求 / 工作任务 / 工作内容”列，无法确定任务内容`,
  docxNoBody: 'Word 文件中没有正文',
  xmlDoctype: (part: string): string => `文件中的“${part}”含有 DOCTYPE/实体声明（Office 文件从不写这些，可能是恶意构造的文件），已拒绝`,
  docxNoTable: 'Word 文件中没有表格',
  docxNoHeader: `Word 文件的表格中没有${TABLE_COLUMNS}`,
  xlsxNoHeader: `Excel 文件中没有含${TABLE_COLUMNS}的表格`,
  noTasks: '找到了表头，但表中没有任何任务',
  noYear: '无法从文件中读出年度，请用 --year 指定（例如 --year 2022）',
  noRegion: '无法从文件中读出所属地区（县/区），请用 --region 指定（例如 --region 微山县）',
  badRegion: (region: string): string => `地区名“${region}”不像一个县或区的名称`,
};

/** Formats recognised from a file's bytes that the importer cannot read as they are. */
export type FoundFormat = 'pdfScanned' | 'image' | 'rtf' | 'ofd' | 'rar' | 'sevenZip' | 'gzip' | 'ppt' | 'oleUnknown' | 'odf' | 'officeEncrypted';

const FORMAT_ADVICE: Record<FoundFormat, string> = {
  pdfScanned: '这是 PDF 扫描件，没有文字层，无法读出文字：请导入该文件的 Word 或网页版本，或先用 WPS/Acrobat 的“文字识别（OCR）”转成带文字的 PDF',
  image: '这是图片（扫描件或截图），没有文字：请导入该文件的 Word、PDF（带文字层）或网页版本',
  rtf: '这是 RTF 文件：请用 WPS 或 Word 打开后另存为 .docx 再导入',
  ofd: '这是 OFD 版式文件：请用数科或 WPS 阅读器另存为 PDF，或导入同一文件的 Word 版本',
  rar: '这是 RAR 压缩包：请解压后导入其中的文件，或改用 .zip 压缩',
  sevenZip: '这是 7z 压缩包：请解压后导入其中的文件，或改用 .zip 压缩',
  gzip: '这是 gzip 压缩文件：请解压后导入',
  ppt: '这是演示文稿（PowerPoint/WPS 演示），不是任务表：请导入 Word、Excel、PDF 或网页版本',
  oleUnknown: '这是 Office 97-2003 格式的文件，但既不是 Word（.doc/.wps）也不是 Excel（.xls）：请另存为 .docx 或 .xlsx 再导入',
  odf: '这是 OpenDocument（.odt/.ods）文件：请另存为 .docx 或 .xlsx 再导入',
  officeEncrypted: '这是加密的 Office 文件（有打开密码）：请去掉密码后另存再导入',
};

/** A limit a file exceeds: what was found, the limit, and what to do. */
export const limitReason = {
  fileBytes: (n: number, max: number): string => `文件太大（${mb(n)}），超过上限 ${mb(max)}：请只导入任务分解表本身`,
  unpackedBytes: (n: number, max: number): string => `压缩内容解压后超过 ${mb(max)}（已达 ${mb(n)}），疑为压缩炸弹，已停止读取`,
  compressionRatio: (n: number, max: number): string => `压缩比异常（${Math.round(n)} 倍，上限 ${max} 倍），疑为压缩炸弹，已停止读取`,
  zipEntries: (n: number, max: number): string => `压缩包里的文件太多（${n} 个，上限 ${max} 个）`,
  rows: (n: number, max: number): string => `表格行数太多（已超过 ${max} 行），不像一份任务分解表：请检查文件`,
  columns: (n: number, max: number): string => `表格列数或合并单元格跨度异常（${n} 列，上限 ${max} 列），超出表格范围，疑为损坏或恶意构造的文件`,
  cells: (n: number, max: number): string => `表格单元格太多（已超过 ${max} 个）：请检查文件`,
  cellChars: (n: number, max: number): string => `有一个单元格长达 ${n} 字（上限 ${max} 字），不像任务表的内容：请检查文件`,
  depth: (n: number, max: number): string => `文件结构嵌套过深（${n} 层，上限 ${max} 层），疑为损坏或恶意构造的文件`,
  pages: (n: number, max: number): string => `PDF 页数太多（${n} 页，上限 ${max} 页）：请只导入任务分解表本身`,
  timeMs: (max: number): string => `读取超时（超过 ${Math.round(max / 1000)} 秒）：文件过于复杂或已损坏，请另存为 .docx 或 .xlsx 后再试`,
  cellAt: (ref: string, maxRows: number, maxColumns: number): string =>
    `Excel 表格在 ${ref} 处有单元格，超出表格范围（最多 ${maxRows} 行、${maxColumns} 列），疑为损坏或恶意构造的文件`,
};

const KB = 1024;
const MB = KB * KB;
/** A size as people say it: "1.5 MB", "12 KB", "800 字节". */
const mb = (bytes: number): string => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : bytes >= KB ? `${Math.round(bytes / KB)} KB` : `${bytes} 字节`);

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
  unplacedColumn: (header: string, example: string): string =>
    `“${header}”列无法对应到任务字段（要求/单位/时限/备注），其内容已保留在备注中${example ? `（如“${example.slice(0, QUOTE_CHARS)}”）` : ''}，请核对`,
  emptyRequirement: (seq: number, title: string): string =>
    `第${seq}条：具体要求一栏是空的，已按“${title.slice(0, QUOTE_CHARS)}”导入（单位和时限照原文），请核对原文`,
  guessedMerge: (seq: number, column: string, value: string): string =>
    `第${seq}条：“${column}”一栏是空的，按合并单元格沿用上一行的“${value.slice(0, QUOTE_CHARS)}”，请核对原文`,
  note: (label: string, value: string): string => `${label}：${value}`,
};

/** The task fields as an operator calls them, for warnings about a column. */
export const columnName = { lead: '牵头单位', responsible: '责任单位', cooperating: '配合单位', deadline: '完成时限' } as const;

/** What a document is called when it names no title of its own. */
export const defaultDocumentTitle = (year: number, region: string): string => `${year}年${region}政务公开工作任务`;
