// Chinese word segmentation for search: jieba with a dictionary of the words these documents use, so
// that 低保, 放管服 and 以旧换新 stay whole; punctuation, single characters and filler words dropped.
// Which jieba (native or WebAssembly) is segmenter.ts's choice.
import { loadSegmenter, type Segmenter, segmenterChoice } from './segmenter.ts';
import { RESIDENT_WORDS } from './synonyms.ts';

/** Words of government-transparency documents that the general dictionary splits or misses. */
const DOMAIN_WORDS = [
  '低保', '城乡低保', '最低生活保障', '特困人员', '社会救助', '临时救助', '医疗救助', '救助供养', '放管服', '双随机',
  '一公开', '以旧换新', '设备更新', '一老一小', '双减', '企业开办', '证照分离', '国资国企', '无废城市', '建议提案', '政务公开', '依申请公开', '主动公开', '政策解读', '政务服务',
  '政务新媒体', '政府网站', '政府公报', '政府开放日', '营商环境', '减税降费', '留抵退税', '12345', '便民热线',
  '义务教育', '学前教育', '职业教育', '特殊教育', '养老保险', '医疗保险', '医疗保障', '医保', '社保', '公积金',
  '就业创业', '稳就业', '退役军人', '残疾人', '乡村振兴', '脱贫攻坚', '两不愁三保障', '农村人居环境', '高标准农田',
  '老旧小区', '棚户区', '保障性住房', '保障性租赁住房', '安居工程', '房地产', '征地拆迁', '土地征收', '国土空间规划',
  '生态环境', '垃圾分类', '黑臭水体', '饮用水', '空气质量', '疫情防控', '流调', '公共企事业单位', '权责清单',
  '行政执法', '执法公示', '规范性文件', '重大行政决策', '建议提案', '人大代表', '政协委员', '预决算', '政府采购',
  '财政资金', '惠民惠农', '惠企政策', '民营经济', '中小企业', '国资国企', '国有企业', '招商引资', '专项债',
  '养老服务', '养老机构', '托育', '助餐', '长期护理保险', '儿童福利', '孤儿', '慈善', '福利彩票', '公益金',
  '标准化规范化', '政务公开专区', '政策问答', '适老化', '无障碍', '信用体系', '红黑名单', '双公示', '新旧动能转换',
  '外卖骑手', '网约车', '新就业形态', '职业伤害', '灵活就业', '公益性岗位', '高校毕业生', '零就业家庭',
];

const STOP_WORDS = new Set([
  // question words and chat filler
  '在', '哪', '哪里', '哪儿', '哪个', '哪些', '什么', '怎么', '怎样', '如何', '谁', '吗', '呢', '吧', '啊', '呀', '的', '了',
  '是', '有', '有没有', '没有', '是否', '请问', '问', '问下', '问一下', '想', '想问', '想知道', '知道', '我', '我们', '你', '您',
  '找', '找谁', '办理', '怎么办', '办', '咨询', '查', '查询', '看', '哪看', '在哪看', '去', '能', '可以', '要', '需要', '归', '管', '负责', '部门', '单位', '政府', '一下', '这个', '那个', '和', '与',
  '及', '等', '或', '也', '都', '就', '还', '让', '给', '对', '把', '被', '从', '向', '到', '为', '以', '于', '之',
  // words every task uses
  '公开', '信息', '工作', '做好', '加强', '推进', '进一步', '相关', '有关', '情况', '方面', '持续', '及时', '积极', '深入',
  '加大', '力度', '政策',
  // colloquial filler
  '公示', '公布', '在那', '那', '那里', '哪能', '能看到', '看到', '查到',
  '咋', '咋样', '怎么样', '啥', '啥时候', '什么时候', '多会儿', '搞', '会不会', '不会', '能不能', '行不行', '谁来管', '来管', '太慢',
  '不到', '东西', '了没', '没', '建得', '弄', '整', '一般', '到底', '具体', '里面', '哪块', '这块', '那块', '情况下', '时候', '全面', '强化', '落实', '开展', '各类', '重点', '领域', '要求', '切实', '不断', '提升', '完善', '健全',
]);

let loaded: Segmenter | null = null;
const added = new Set<string>();

/** The segmenter in use, loaded on first use (ZWGK_SEGMENTER decides which). */
export function segmenter(): Segmenter {
  loaded ??= loadSegmenter([...DOMAIN_WORDS, ...RESIDENT_WORDS], segmenterChoice());
  return loaded;
}

const MEANINGFUL = /[\p{Script=Han}A-Za-z0-9]/u;

/** Words of a question: segmented without punctuation, filler or lone characters. */
export function tokenize(text: string): string[] {
  return keep(segmenter().cut(text.toLowerCase()));
}

/** Terms to index a document by: whole words and the shorter words inside them (建议提案 → 建议, 提案). */
export function indexTerms(text: string): string[] {
  return keep(segmenter().cutForSearch(text.toLowerCase()));
}

/** The shorter words inside a word, for a question word no document uses (国企改革 → 国企, 改革). */
export function subWords(word: string): string[] {
  return keep(segmenter().cutForSearch(word)).filter((w) => w !== word);
}

/** Rejoins what the segmenter splits at a dot: "pm2" "." "5" → "pm2.5". */
function joinDotted(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const prev = out.at(-1);
    if (w === '.' && prev && /[a-z0-9]$/.test(prev) && /^[a-z0-9]/.test(words[i + 1] ?? '')) {
      out[out.length - 1] = `${prev}.${words[++i]}`;
    } else out.push(w);
  }
  return out;
}

function keep(segmented: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of joinDotted(segmented)) {
    const word = w.trim();
    if (!word || !MEANINGFUL.test(word) || STOP_WORDS.has(word)) continue;
    if (Array.from(word).length < 2) continue;
    out.push(word);
  }
  return out;
}

/** A name cut into words as jieba reads it, punctuation kept out (住房保障和房地产发展 → 住房/保障/和/房地产/发展). */
export function nameWords(name: string): string[] {
  return segmenter()
    .cut(name)
    .filter((w) => MEANINGFUL.test(w));
}

/** Adds words the segmenter keeps whole from now on (terms the documents quote); each word once. */
export function addWords(words: readonly string[]): void {
  const fresh = words.filter((w) => !added.has(w));
  if (!fresh.length) return;
  for (const w of fresh) added.add(w);
  segmenter().addWords(fresh);
}

const nounMemo = new Map<string, boolean>();
/** Memoised words kept at most (question words repeat). */
const NOUN_MEMO_LIMIT = 20_000;

/** Whether jieba tags a word as a noun (消防, 天气, 公积金), not a verb or an adverb (泄露, 受伤, 不好). */
export function isNounLike(word: string): boolean {
  let noun = nounMemo.get(word);
  if (noun === undefined) {
    noun = segmenter().tag(word).some((t) => /^(?:n|j|nz|nw|ns|nt|nr)/.test(t.tag) && Array.from(t.word).length >= 2);
    if (nounMemo.size < NOUN_MEMO_LIMIT) nounMemo.set(word, noun);
  }
  return noun;
}

/**
 * Words that say what kind of thing is asked about, never which thing (材料, 中心, 名单, 任务): a match on
 * them alone answers nothing ("中心", "材料在哪交").
 */
const FACET_WORDS = new Set([
  '任务', '中心', '材料', '工作', '情况', '结果', '名单', '目录', '清单', '文件', '事项', '问题', '项目', '内容', '要求',
  '服务', '管理', '建设', '机制', '制度', '平台', '系统', '标准', '规定', '通知', '方案', '部门', '单位', '活动', '措施',
  '资料', '手续', '地方', '时间', '办法', '规划', '计划', '专栏', '网上', '线上', '窗口', '大厅', '电话', '网站',
]);

export function isFacet(word: string): boolean {
  return FACET_WORDS.has(word);
}
