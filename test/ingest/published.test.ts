// Real published task tables of other regions and levels (test/fixtures/published, made by
// scripts/make-published-fixtures.ts from the stored text of the real pages) import in the format
// each was published in: every file accepted, every task count exact, the hand-read facts right.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUpload } from '../../src/ingest/import-document.ts';
import type { ParsedDocument, Task } from '../../src/model/task.ts';
import { FIXTURES_DIR, findTask, names, NOW } from '../helpers.ts';

interface Fact {
  text: string;
  lead?: string[];
  responsible?: string[];
  cooperating?: string[];
  due?: string;
  kind?: Task['deadline']['kind'];
  /** The dates of the deadline's milestones, when it has several. */
  milestones?: string[];
  title?: string;
  remarks?: string;
}

interface Case {
  file: string;
  /** What the operator supplies when the page does not say it. */
  options?: { year?: number; region?: string };
  region: string;
  year: number;
  tasks: number;
  facts: Fact[];
}

const guangdong: Fact[] = [
  { text: '重点围绕散发疫情', responsible: ['应急处', '监督处', '医政医管处', '疾控处', '基层处'], kind: 'ongoing', title: '做好常态化疫情防控信息发布' },
  { text: '扎实做好疫苗接种信息公开', responsible: ['疾控处'], title: '做好常态化疫情防控信息发布' },
  { text: '提高新冠肺炎疫情信息发布规范化水平', lead: ['宣传处'], cooperating: ['办公室'], due: '2021-08-31' },
  { text: '做好爱国卫生运动', responsible: ['规划信息处（爱卫办）'] },
  { text: '积极推进部门所属单位预算', responsible: ['财务处'], title: '常规政务公开事项', due: '2021-08-31', milestones: ['2021-02-28', '2021-08-31'] },
  { text: '修订完善本部门主动公开目录', responsible: ['办公室'], title: '常规政务公开事项' },
];
const baoshan: Fact[] = [
  { text: '并在政府信息公开专栏集中展示', lead: ['市发展改革委'], responsible: ['市直有关单位', '各县（市、区）人民政府'] },
  { text: '通过本级政府门户网站政府信息公开专栏集中发布', lead: ['市发展改革委'], responsible: ['市直有关单位'] },
  { text: '公开重大建设项目9类信息', lead: ['市发展改革委'], responsible: ['各县（市、区）人民政府'] },
];
const xuancheng: Fact[] = [
  { text: '切实做好稳经济大盘', responsible: ['市政府各部门', '各县（市、区）政府'], kind: 'ongoing' },
  { text: '建立市场主体反映投资', responsible: ['市发改委', '市住建局', '市政府各部门'], due: '2024-12-31', kind: 'dated' },
  { text: '持续推进反垄断', responsible: ['市市场监管局', '县（市、区）政府'] },
  { text: '全面落实支持市场主体纾困发展', responsible: ['市发改委', '市税务局', '各县（市、区）政府'] },
];

const cases: Case[] = [
  { file: '01-guangdong-weijianwei-2021.html', region: '广东省卫生健康委', year: 2021, tasks: 8, facts: guangdong },
  { file: '01-guangdong-weijianwei-2021.pdf', region: '广东省卫生健康委', year: 2021, tasks: 8, facts: guangdong },
  {
    file: '02-chizhou-xinfangju.html',
    options: { year: 2023 },
    region: '池州市信访局',
    year: 2023,
    tasks: 8,
    facts: [
      { text: '对行政规范性文件进行全面清理', responsible: ['办公室'], due: '2023-12-31', title: '强化行政规范性文件集中规范公开' },
      { text: '积极做好政策解读工作', responsible: ['各科室'], kind: 'ongoing' },
      { text: '规范做好政府信息公开工作年度报告', responsible: ['办公室'], title: '做好主动公开基础工作' },
      { text: '积极参加政务公开工作培训', responsible: ['办公室'], title: '做好指导监督' },
    ],
  },
  {
    file: '03-jiangmen-tudichubei.doc',
    options: { year: 2021 },
    region: '江门市土地储备中心',
    year: 2021,
    tasks: 10,
    facts: [
      { text: '积极推进本中心预算', responsible: ['财务科'], kind: 'none' },
      { text: '及时反馈网民对调查征集信息的意见', responsible: ['各科室'] },
      { text: '及时更新微信公众号信息', lead: ['办公室'], cooperating: ['各科室'] },
      { text: '健全政策解读工作机制', lead: ['办公室'], cooperating: ['各科室'], title: '不断改进政策解读工作方式。' },
      { text: '密切关注涉及土地储备', responsible: ['各科室'] },
    ],
  },
  {
    file: '04-jiangmen-wenguanglvti.docx',
    options: { year: 2021 },
    region: '江门市文化广电旅游体育局',
    year: 2021,
    tasks: 10,
    facts: [
      { text: '1.主动公开“十四五”规划纲要', lead: ['办公室'], cooperating: ['其他股室及属下单位'] },
      // Merged down in the table: the unit cell of item 1 covers item 2.
      { text: '2.做好“十一五”规划', lead: ['办公室'] },
      { text: '及时公开建设高标准市场体系', responsible: ['广电旅游和公共服务股（行政审批服务股）'] },
      { text: '持续深化地方政府债务信息公开', responsible: ['计划财务股'] },
      { text: '做好爱国卫生运动', lead: ['广电旅游和公共服务股（行政审批服务股）'], cooperating: ['办公室'] },
    ],
  },
  {
    file: '05-huainan-canlian-2024.wps',
    region: '淮南市残疾人联合会',
    year: 2024,
    tasks: 6,
    facts: [
      { text: '及时公开加快构建现代化产业体系', responsible: ['办公室'], kind: 'ongoing', title: '聚焦中心工作' },
      { text: '持续加大50项民生实事', responsible: ['市民生办'] },
      { text: '扩大公众参与', responsible: ['相关业务科室', '办公室'], title: '聚焦公众参与' },
      { text: '定期组织开展“政府开放日”等活动', responsible: ['相关业务科室'] },
    ],
  },
  {
    file: '06-huainan-minzheng-2024.pdf',
    region: '淮南市民政局',
    year: 2024,
    tasks: 5,
    facts: [
      { text: '深化社会救助、社会保障等民生领域信息公开', responsible: ['低保中心', '各相关科室'] },
      { text: '扩大公众参与', responsible: ['法规科和区划地名科', '各相关科室'] },
      { text: '加强行政机关权力配置', responsible: ['人事教育科'] },
      { text: '严格落实政策解读与政策文件同步起草', responsible: ['办公室', '各相关科室'], kind: 'ongoing' },
    ],
  },
  {
    file: '07-huainan-datongqu-2023.xls',
    region: '大通区',
    year: 2023,
    tasks: 6,
    facts: [
      { text: '运用智能推送服务等方式', responsible: ['政府有关部门', '各乡镇街道'], kind: 'none', remarks: '落实情况：序时推进。' },
      { text: '及时发布税费优惠政策', responsible: ['区税务局'], remarks: '落实情况：已发布税费优惠政策和申领办理规程。' },
    ],
  },
  {
    file: '08-huaibei-xiangshanqu.xlsx',
    options: { year: 2025 },
    region: '相山区',
    year: 2025,
    tasks: 5,
    facts: [
      { text: '及时规范发布政策信息及执行效果', responsible: ['各区直部门', '各镇（办）'], kind: 'ongoing' },
      { text: '动态更新涉企收费政策', responsible: ['区数据资源局', '区投资促进局', '区发改委'] },
      { text: '粮食收购进度与价格', responsible: ['区人社局', '区生态环境分局', '区财政局'] },
      { text: '动态更新各部门权责清单', responsible: ['区直各部门'] },
    ],
  },
  {
    file: '09-bozhou-qiaocheng-town.htm',
    options: { year: 2024, region: '谯城区某镇' },
    region: '谯城区某镇',
    year: 2024,
    tasks: 8,
    facts: [
      { text: '惠农惠民资金发放等领域信息', responsible: ['财政所', '便民综合服务中心', '土管所'], title: '推进政策公开' },
      { text: '积极探索特定群体的线下公开渠道', responsible: ['便民综合服务中心'], title: '推进政策公开' },
      { text: '开展“线上政策宣讲”', responsible: ['民政办公室', '卫生院'] },
      { text: '动态更新本镇各部门权责事项清单', responsible: ['党政办公室'], title: '强化权力配置信息公开' },
      { text: '通过发放简易版明白卡', responsible: ['党政办公室'], title: '提升解读咨询水平' },
    ],
  },
  ...['html', 'docx'].map((ext) => ({
    file: `10-jingmen-2022.${ext}`,
    region: '荆门市',
    year: 2022,
    tasks: 5,
    facts: [
      { text: '提振市场主体信心', lead: ['市审批局', '市发改委', '市市场监管局'], responsible: ['市直各部门', '各县市区'] },
      { text: '行业帮扶政策公开专题', lead: ['市商务局', '市文旅局', '市交通运输局'], responsible: ['市直各部门'] },
      { text: '抽查结果等信息', lead: ['市市场监管局'], responsible: ['市直各部门'] },
      { text: '持续推进反垄断', lead: ['市市场监管局'], responsible: ['市直相关部门'] },
    ],
  })),
  { file: '12-weifang-2017.docx', region: '潍坊市', year: 2017, tasks: 4, facts: [
    { text: '提供解读素材等形式及时宣传解读', lead: ['市发改委'], title: '加强预期引导' },
    { text: '深入解读政策背景', lead: ['市人社局'] },
    { text: '加大货币和金融业改革发展政策', lead: ['市金融办', '人民银行潍坊市中心支行', '潍坊银监分局'] },
    { text: '按月公开全市财政收支情况', lead: ['市财政局'] },
  ] },
  { file: '13-baoshan-2021.html', region: '保山市', year: 2021, tasks: 3, facts: baoshan },
  { file: '13-baoshan-2021.pdf', region: '保山市', year: 2021, tasks: 3, facts: baoshan },
  {
    file: '14-chongqing-gaoxinqu-2021.html',
    region: '重庆高新区',
    year: 2021,
    tasks: 2,
    facts: [
      { text: '第十四个五年规划和二○三五年远景目标纲要', lead: ['区改革发展局'], responsible: [] },
      { text: '重点专项规划', lead: ['区改革发展局', '区规划和自然资源局'], responsible: ['区建设局', '区综合执法局', '区城市建设事务中心'] },
    ],
  },
];

const parsed = new Map<string, Promise<ParsedDocument[]>>();
const parse = (c: Pick<Case, 'file' | 'options'>): Promise<ParsedDocument[]> => {
  const key = `${c.file}|${JSON.stringify(c.options ?? {})}`;
  if (!parsed.has(key)) parsed.set(key, parseUpload(c.file, readFileSync(join(FIXTURES_DIR, 'published', c.file)), { ...c.options, now: NOW }));
  return parsed.get(key) as Promise<ParsedDocument[]>;
};

function checkFact(tasks: readonly Task[], fact: Fact): void {
  const task = findTask(tasks, fact.text);
  for (const role of ['lead', 'responsible', 'cooperating'] as const) {
    const expected = fact[role];
    if (!expected) continue;
    if (!expected.length) expect(task[role], role).toEqual([]);
    for (const u of expected) expect(names(task[role], u), `${role} ${u} in ${task[role].join('、')}`).toBe(true);
  }
  if (fact.due) expect(task.deadline.due).toBe(fact.due);
  if (fact.kind) expect(task.deadline.kind).toBe(fact.kind);
  if (fact.milestones) expect(task.deadline.milestones.map((m) => m.date)).toEqual(fact.milestones);
  if (fact.title) expect(task.title).toBe(fact.title);
  if (fact.remarks) expect(task.remarks).toContain(fact.remarks);
}

describe.each(cases)('$file', (c) => {
  it(`is one document of ${c.region}, ${c.year}, with ${c.tasks} tasks`, async () => {
    const [doc, ...rest] = await parse(c);
    expect(rest).toEqual([]);
    expect(doc?.document).toMatchObject({ region: c.region, year: c.year });
    expect(doc?.tasks).toHaveLength(c.tasks);
  });
  it.each(c.facts)('“$text”', async (fact) => {
    const [doc] = await parse(c);
    checkFact(doc?.tasks ?? [], fact);
  });
});

describe('each document names the format it was read from', () => {
  it.each([
    ['01-guangdong-weijianwei-2021.html', 'html'],
    ['01-guangdong-weijianwei-2021.pdf', 'pdf'],
    ['03-jiangmen-tudichubei.doc', 'doc'],
    ['04-jiangmen-wenguanglvti.docx', 'docx'],
    ['05-huainan-canlian-2024.wps', 'wps'],
    ['07-huainan-datongqu-2023.xls', 'xls'],
    ['08-huaibei-xiangshanqu.xlsx', 'xlsx'],
    ['10-jingmen-2022.html', 'html/numbered-prose'],
  ])('%s: %s', async (file, layout) => {
    const c = cases.find((x) => x.file === file) as Case;
    const [doc] = await parse(c);
    expect(doc?.document.layout).toBe(layout);
  });
});

describe('a .zip of the page and its .doc attachment', () => {
  it('imports both, each with all its tasks and the same facts', async () => {
    const docs = await parse({ file: '11-xuancheng.zip', options: { year: 2024 } });
    expect(docs.map((d) => [d.document.sourceFile, d.document.region, d.tasks.length])).toEqual([
      ['11-xuancheng.zip/11-xuancheng.html', '宣城市', 5],
      ['11-xuancheng.zip/附件：11-xuancheng.doc', '宣城市', 5],
    ]);
    for (const doc of docs) for (const fact of xuancheng) checkFact(doc.tasks, fact);
  });
});

describe('the same table in different formats reads the same', () => {
  it.each([
    ['01-guangdong-weijianwei-2021.html', '01-guangdong-weijianwei-2021.pdf'],
    ['13-baoshan-2021.html', '13-baoshan-2021.pdf'],
    ['10-jingmen-2022.html', '10-jingmen-2022.docx'],
  ])('%s and %s', async (a, b) => {
    const units = (docs: ParsedDocument[]): unknown => docs[0]?.tasks.map((t) => [t.requirement, t.lead, t.responsible, t.cooperating, t.deadline.due]);
    expect(units(await parse({ file: b }))).toEqual(units(await parse({ file: a })));
  });
});
