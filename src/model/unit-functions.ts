// The curated national table of the names people use for government units (人社局, 医保局, 住建局, 人行 …),
// each with the words the official name of such a unit contains, and the function it holds. It is
// national knowledge, not any one county's: a name is resolved against the units that exist in a
// region, and when a region has no such unit the function may sit in another one (a development
// zone's 组织部（人力资源部） holds 人社 work): `unitWords` find it by name, `topics` by the tasks the
// plan gives it. Vertically managed services (公安, 税务, 人行 …) never move into a local bureau.

export interface UnitFunction {
  /** What the function is called in a sentence: 人社, 教育, 民政 … */
  label: string;
  /** The names people type for the unit (without 县/区/市). */
  names: readonly string[];
  /** The unit's official name contains every word of one of these groups (和/与 dropped). */
  official: ReadonlyArray<readonly string[]>;
  /** Words in another unit's name that show it holds the function (区党工委组织部（人力资源部）). */
  unitWords: readonly string[];
  /** Words in tasks that belong to the function, to find the unit the plan gives them to. */
  topics: readonly string[];
  /** Local work a zone may give to a merged bureau; false for vertically managed services. */
  absorbable: boolean;
}

const fn = (label: string, names: string[], official: string[][], unitWords: string[], topics: string[], absorbable = true): UnitFunction => ({
  label,
  names,
  official,
  unitWords,
  topics,
  absorbable,
});

export const UNIT_FUNCTIONS: readonly UnitFunction[] = [
  fn('人社', ['人社局', '人社', '人力社保局', '人社部门', '人力资源局', '社保局', '劳动局'], [['人力资源', '社会保障'], ['人社']], ['人力资源', '人社', '劳动'], ['就业', '社会保险', '社保', '技能培训', '养老保险']),
  fn('医保', ['医保局', '医疗保障局'], [['医疗保障'], ['医保']], ['医疗保障', '医保'], ['医疗保险', '医保', '医疗保障']),
  fn('住建', ['住建局', '住建委', '建设局', '城建局', '房管局', '住房局'], [['住房', '城乡建设'], ['住房', '建设'], ['住建'], ['城乡建设']], ['住房', '城乡建设', '住建', '建设'], ['住房', '房地产', '保障性', '老旧小区', '城市更新', '棚户区']),
  fn('自然资源和规划', ['自规局', '资规局', '自然资源局', '国土局', '规划局', '自然资源和规划局'], [['自然资源', '规划'], ['自然资源'], ['国土']], ['自然资源', '国土', '规划'], ['征地', '土地征收', '国土空间规划', '不动产']),
  fn('市场监管', ['市场监管局', '市监局', '市场局', '工商局', '食药监局'], [['市场监督管理'], ['市场监管']], ['市场监督', '市场监管'], ['市场监管', '双随机', '食品安全', '反垄断']),
  fn('应急管理', ['应急局', '应急管理局', '安监局'], [['应急管理'], ['应急']], ['应急'], ['应急', '安全生产', '灾害']),
  fn('大数据', ['大数据局', '大数据中心'], [['大数据']], ['大数据', '数据'], ['数据', '政务服务网']),
  fn('行政审批', ['审批局', '行政审批局', '审批服务局', '政务服务中心'], [['行政审批'], ['审批服务'], ['审批']], ['审批', '政务服务'], ['审批', '政务服务', '一件事', '一网通办']),
  fn('退役军人事务', ['退役军人局', '退役军人事务局'], [['退役军人']], ['退役军人'], ['退役军人', '优抚', '双拥']),
  fn('文化和旅游', ['文旅局', '文化局', '旅游局', '文广局'], [['文化', '旅游'], ['文旅'], ['文化']], ['文化', '旅游', '文旅'], ['文化', '旅游', '体育']),
  fn('卫生健康', ['卫健局', '卫健委', '卫生局', '卫计局', '卫生健康局'], [['卫生健康'], ['卫健'], ['卫生']], ['卫生', '卫健', '健康'], ['医疗', '卫生', '医院', '疫情', '就医', '看病']),
  fn('教育', ['教体局', '教育局', '教育和体育局', '教育体育局'], [['教育', '体育'], ['教育']], ['教育'], ['义务教育', '学前教育', '教育', '入学', '学校']),
  fn('生态环境', ['环保局', '环境局', '生态环境局', '环保分局', '生态环境分局'], [['生态环境'], ['环保'], ['环境保护']], ['生态环境', '环保'], ['生态环境', '环评', '污染', '环保']),
  fn('人民银行', ['人行', '人民银行', '央行'], [['人民银行'], ['人行']], [], [], false),
  fn('国资', ['国资局', '国资委', '国资中心', '国资办', '国资'], [['国有资产'], ['国资']], ['国有资产', '国资'], ['国资国企', '国有企业', '国有资本']),
  fn('发展改革', ['发改局', '发改委', '发改', '发展改革局', '发展和改革局'], [['发展', '改革'], ['发改']], ['发展改革', '发改'], ['重大建设项目', '投资', '收费']),
  fn('民政', ['民政局'], [['民政']], ['民政', '社会事务'], ['社会救助', '低保', '救助', '养老服务', '养老机构', '婚姻', '殡葬', '福利']),
  fn('财政', ['财政局'], [['财政']], ['财政'], ['预算', '预决算', '财政资金', '政府采购']),
  fn('公安', ['公安局', '派出所'], [['公安']], [], [], false),
  fn('税务', ['税务局'], [['税务']], [], [], false),
  fn('司法', ['司法局'], [['司法']], ['司法', '法制'], ['行政复议', '规范性文件', '法治']),
  fn('交通运输', ['交通局', '交通运输局', '交运局'], [['交通运输'], ['交通']], ['交通'], ['公路', '交通']),
  fn('水利', ['水利局', '水务局'], [['水利'], ['水务']], ['水利', '水务'], ['水利', '供水', '饮用水']),
  fn('农业农村', ['农业局', '农业农村局', '农委', '农村局'], [['农业农村'], ['农业']], ['农业', '农村', '城乡统筹'], ['乡村振兴', '农业', '农村', '涉农']),
  fn('工业和信息化', ['工信局', '经信局', '工业局'], [['工业', '信息化'], ['工信'], ['经济和信息化']], ['工业', '经济运行', '经信'], ['工业', '制造业', '中小企业']),
  fn('综合行政执法', ['执法局', '城管局', '综合执法局', '城管', '综合行政执法局'], [['综合行政执法'], ['行政执法'], ['城市管理']], ['执法', '城市管理'], ['垃圾分类', '城市管理', '执法']),
  fn('政府办公室', ['政府办', '府办', '党政办'], [['政府办公室'], ['党政办公室']], ['办公室'], ['政府网站', '政府公报', '政务公开']),
  fn('机构编制', ['编办', '编委办'], [['编办'], ['机构编制']], ['编办', '编制'], ['权责清单']),
  fn('扶贫', ['扶贫办', '乡村振兴局'], [['扶贫'], ['乡村振兴']], ['扶贫', '乡村振兴'], ['扶贫', '脱贫']),
  fn('住房公积金', ['公积金中心', '公积金管理中心'], [['住房公积金'], ['公积金']], [], [], false),
  fn('消防', ['消防队', '消防大队', '消防救援大队'], [['消防']], [], [], false),
  fn('商务', ['商务局', '商务委'], [['商务']], ['商务', '投资促进'], ['外贸', '消费', '招商']),
  fn('统计', ['统计局'], [['统计']], ['统计'], ['统计']),
  fn('金融', ['金融办', '金融局', '金融服务中心', '金融中心'], [['金融']], ['金融'], ['金融', '融资']),
  fn('科技', ['科技局', '科学技术局'], [['科技'], ['科学技术']], ['科技'], ['科技创新']),
  fn('残联', ['残联', '残疾人联合会'], [['残疾人联合会'], ['残联']], [], [], false),
  fn('档案', ['档案馆', '档案局'], [['档案']], [], [], false),
  fn('信访', ['信访局'], [['信访']], [], [], false),
];

const byName = new Map<string, UnitFunction>();
for (const f of UNIT_FUNCTIONS) for (const name of f.names) if (!byName.has(name)) byName.set(name, f);

/** The function an everyday unit name stands for (人社局 → 人社), with or without its level. */
export function unitFunctionOf(name: string): UnitFunction | undefined {
  return byName.get(name) ?? byName.get(name.replace(/^[县区市](?!场)/, ''));
}

/** Every everyday name the table knows, for spotting units in questions. */
export function everydayUnitNames(): string[] {
  return [...byName.keys()];
}

/** What residents ask about, and the function whose unit publishes it (低保 → 民政). */
export const RESIDENT_TOPICS: ReadonlyArray<readonly [RegExp, string]> = [
  [/低保|救助|特困|残疾|婚姻|殡葬|养老院|敬老院|福利/, '民政'],
  [/养老金|养老保险|社保|失业|就业|工伤|退休|找工作|工资/, '人社'],
  [/医保|报销|医疗保险/, '医保'],
  [/上学|入学|学校|孩子|小孩|幼儿园|学籍|转学|招生/, '教育'],
  [/公积金/, '住房公积金'],
  [/身份证|户口|户籍|驾照|驾驶证|护照|签证|违章|限号|限行/, '公安'],
  [/过户|房|物业|燃气/, '住建'],
  [/税|发票/, '税务'],
  [/执照|食品|消费投诉|价格/, '市场监管'],
  [/土地|宅基地|不动产|征地/, '自然资源和规划'],
  [/看病|医院|疫苗|就医/, '卫生健康'],
];

/** The function a resident's question is about, by its words. */
export function residentFunction(text: string): UnitFunction | undefined {
  const label = RESIDENT_TOPICS.find(([re]) => re.test(text))?.[1];
  return UNIT_FUNCTIONS.find((f) => f.label === label);
}
