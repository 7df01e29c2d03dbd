// What a unit name is: its kind (department, town, zone, collective), whom a collective binds, and an
// alias-aware key so that 民政局, 县民政局 and 县医保局 / 县医疗保障局 meet.

export type UnitKind = 'department' | 'town' | 'zone' | 'collective';
export type CollectiveScope = 'departments' | 'towns' | 'all';

const COLLECTIVE = /^各|(?:各|有关|相关)(?:部门|单位|机构)|[县区市]直|驻区单位|主管部门|开设单位/;
const TOWN = /(?:镇|乡|街道|街道办事处)$/;
const ZONE = /开发区|管委会|园区|高新区|经开区|经济区|新区|试验区|示范区|保税区/;

export function unitKind(name: string): UnitKind {
  if (COLLECTIVE.test(name)) return 'collective';
  if (ZONE.test(name)) return 'zone';
  if (TOWN.test(name)) return 'town';
  return 'department';
}

/** Whom a collective binds: every department, every township/street, or both. */
export function collectiveScope(name: string): CollectiveScope | null {
  if (unitKind(name) !== 'collective') return null;
  if (/各级各部门|各单位$/.test(name)) return 'all';
  if (/^各(?:乡镇|镇|乡|街道)/.test(name) && !/部门/.test(name)) return 'towns';
  return 'departments';
}

/** The administrative level a region's own units carry as prefix: 县, 区 or 市. */
export function regionLevel(region: string): '县' | '区' | '市' {
  const last = region.at(-1);
  return last === '区' || last === '市' ? last : '县';
}

/** The region without its level: 微山县 → 微山, 济宁高新区 → 济宁高新. */
export function regionBase(region: string): string {
  return region.length > 2 ? region.slice(0, -1) : region;
}

const LEVELED = /^(?:县|区|市|省|国家|中共|党工委|共青团|各)/;
/**
 * A name that carries a place of its own (人民银行潍坊市中心支行, 国网汶上县供电公司): two characters and a
 * level, not 城市 / 超市 / 市场 / 市民 / 市直 / 县级 … which are words, not places.
 */
const NAMED_PLACE = /\p{Script=Han}{2}(?<![城都超门])(?:省|市|县|旗)(?![场民政直级委属])/u;
/** Bodies that are no department of the government (banks, companies, customs …): named as they are. */
const NOT_GOVERNMENT = /银行|支行|分行|公司|保险|海关|铁路|机场/;

/**
 * Adds the region's level to a department written without one: 商务和投资促进局 → 县商务和投资促进局.
 * Names with a place of their own, zones (经开区) and bodies outside the government are left as written.
 */
export function withLevelPrefix(name: string, region: string): string {
  // Only a county, district or city lends its level; a province's, a town's or a department's plan names its units as they are.
  if (!/[县区市旗]$/.test(region)) return name;
  if (unitKind(name) !== 'department' || LEVELED.test(name)) return name;
  if (NAMED_PLACE.test(name) || NOT_GOVERNMENT.test(name)) return name;
  if (name.startsWith(regionBase(region))) return name;
  return regionLevel(region) + name;
}

/** Short and long official names of the same department, after 和/与 are dropped. */
const ALIASES: Record<string, string[]> = {
  人力资源社会保障局: ['人社局', '人力社保局', '人力资源局'],
  医疗保障局: ['医保局'],
  发展改革局: ['发改局', '发改委', '发展改革委', '发展改革委员会'],
  住房城乡建设局: ['住建局', '住建委', '住房城乡建设委员会'],
  教育体育局: ['教体局', '教育局'],
  行政审批服务局: ['审批局', '审批服务局', '行政审批局'],
  市场监督管理局: ['市场监管局', '市监局'],
  卫生健康局: ['卫健局', '卫健委', '卫生健康委', '卫生健康委员会', '卫生局'],
  退役军人事务局: ['退役军人局', '退役军人管理局'],
  工业信息化局: ['工信局'],
  自然资源规划局: ['自然资源局', '自规局', '自然资源规划分局'],
  文化旅游局: ['文旅局'],
  应急管理局: ['应急局'],
  交通运输局: ['交通局'],
  综合行政执法局: ['综合执法局', '执法局', '城管局'],
  农业农村局: ['农业局', '农村局'],
  科技局: ['科学技术局'],
  生态环境局: ['环保局', '生态环境分局', '环境局'],
  政府办公室: ['政府办', '府办'],
  大数据中心: ['大数据局'],
  商务投资促进局: ['商务投促局'],
  残联: ['残疾人联合会'],
  水务局: ['城乡水务局'],
  税务局: ['税务分局'],
};

/** Departments every county has, known by one name only. */
const COMMON_STEMS = [
  '民政局', '财政局', '司法局', '公安局', '统计局', '审计局', '信访局', '林业局', '商务局', '水利局', '档案馆',
  '图书馆', '气象局', '人防办', '粮食局', '供销社', '国资局', '扶贫开发办', '金融服务中心', '融媒体中心', '机关事务服务中心',
  '委编办', '文化馆', '博物馆', '供电公司', '妇联', '团委', '总工会', '科协', '红十字会', '法院', '检察院',
];

const aliasToStem = new Map<string, string>(COMMON_STEMS.map((s) => [s, s]));
for (const [stem, aliases] of Object.entries(ALIASES)) {
  aliasToStem.set(stem, stem);
  for (const alias of aliases) aliasToStem.set(alias, stem);
}

/** Every short or long form the alias table knows (人社局, 医保局 …), for spotting units in questions. */
export function aliasForms(): string[] {
  return [...aliasToStem.keys()];
}

/** Stems the alias table knows: names with these stems are never "repaired" as OCR damage. */
export function isKnownStem(key: string): boolean {
  return aliasToStem.has(key);
}

/**
 * The key under which one unit's name variants meet: level prefix, trailing parenthesis, 和/与 and
 * separators removed, abbreviations expanded.
 */
export function unitKey(name: string): string {
  let s = name.replace(/\s+/g, '');
  if (unitKind(s) === 'collective') return s.replace(/[、，,（）()〈〉]/g, '');
  s = s.replace(/[（(〈][^）)〉]*[）)〉]$/u, '');
  s = s.replace(/^(?:县|区|市(?!场))/, '');
  s = s.replace(/[和与及]/g, '');
  if (/税务局$/.test(s)) return '税务局';
  if (/^生态环境局?.*分局$/.test(s)) return '生态环境局';
  return aliasToStem.get(s) ?? s;
}

/** Edit distance over code points (names are short: a plain dynamic programme is enough). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

function splitSuffix(name: string): [string, string] {
  const m = /^(.*?)([（〈][^）〉]*[）〉])$/u.exec(name);
  return m ? [m[1] ?? name, m[2] ?? ''] : [name, ''];
}

/** Edits a damaged name may be away from its repair, by the name's length: none below 5 characters, 1 from 5, 2 from 7. */
const REPAIR_DISTANCES: ReadonlyArray<{ minLength: number; edits: number }> = [
  { minLength: 7, edits: 2 },
  { minLength: 5, edits: 1 },
];
/** The true name is seen at least this many times as often as the damaged one. */
const TRUSTED_RATIO = 2;
/** A name seen this often in one document is trusted as written. */
const TRUSTED_COUNT = 2;

/** How many edits may repair a name of this many characters (0: none). */
function repairLimit(length: number): number {
  return REPAIR_DISTANCES.find((d) => length >= d.minLength)?.edits ?? 0;
}

/**
 * The trusted name one damaged name is nearest to, within `limit` edits; null when none is, or when two
 * are equally near. The same damage repeats where OCR read a merged cell twice: the true name must be
 * clearly more frequent.
 */
function nearestTrusted(base: string, trusted: readonly string[], limit: number, count: (n: string) => number): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of trusted) {
    if (candidate === base || candidate[0] !== base[0] || count(candidate) < TRUSTED_RATIO * count(base)) continue;
    const d = editDistance(base, candidate);
    if (d > limit) continue;
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? null : best;
}

/**
 * Repairs OCR damage (区以政政金融局 → 区财政金融局) by matching a name seen once to a trusted name of
 * the same document: one seen more often, or with a known stem. The level (县/区/市) must agree.
 * Returns a map from damaged name to repaired name.
 */
export function repairOcrNames(names: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const n of names) {
    const [base] = splitSuffix(n);
    counts.set(base, (counts.get(base) ?? 0) + 1);
  }
  const count = (n: string): number => counts.get(n) ?? 0;
  const trusted = [...counts.keys()].filter(
    (n) => unitKind(n) === 'department' && (count(n) >= TRUSTED_COUNT || isKnownStem(unitKey(n))),
  );
  const repairs = new Map<string, string>();
  for (const name of new Set(names)) {
    const [base, suffix] = splitSuffix(name);
    if (unitKind(base) !== 'department' || isKnownStem(unitKey(base))) continue;
    // Short names differ by one character between real units (县民政局 / 县财政局): leave them alone.
    const limit = repairLimit(Array.from(base).length);
    if (limit === 0) continue;
    const best = nearestTrusted(base, trusted, limit, count);
    if (best) repairs.set(name, best + suffix);
  }
  return repairs;
}
