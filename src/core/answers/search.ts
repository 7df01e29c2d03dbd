// Residents' questions ("低保信息在哪公开？找哪个部门？"): the best matching tasks, the units responsible,
// and the source. When nothing fits, say so and point to 12345 and the unit most likely — never invent.
import type { Task } from '../../model/task.ts';
import { unitKind } from '../../model/unit-names.ts';
import type { UnitEntry } from '../../store/unit-directory.ts';
import { firstPage, itemBlock } from '../listing.ts';
import { chatText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, say } from './context.ts';

/** Tasks quoted in an answer. */
const SHOWN = 3;
/** Units named as responsible in an answer's heading. */
const UNITS_NAMED = 3;
/** Further hits are shown only when they score at least this share of the best one. */
const RELATIVE_SCORE = 0.45;
/** Below this BM25 score the best hit shares only common words with the question. */
const MIN_SCORE = 2.5;
/** Below this share of the question answered, the best hit is about something else. */
const MIN_COVERAGE = 0.5;

/** Topics residents ask about that no task may cover, and whom to ask instead. */
const TOPIC_UNITS: Array<[RegExp, string]> = [
  [/户口|身份证|户籍|落户|护照|签证|驾照|交通违章/, '公安局'],
  [/社保|养老金|工伤|失业金|劳动合同|工资/, '人力资源和社会保障局'],
  [/医保|报销|药费/, '医疗保障局'],
  [/学校|上学|入学|转学|学籍/, '教育和体育局'],
  [/低保|救助|困难|残疾|婚姻|殡葬/, '民政局'],
  [/房|物业|装修|燃气/, '住房和城乡建设局'],
  [/税|发票/, '税务局'],
  [/执照|注册公司|食品安全|消费投诉|价格/, '市场监督管理局'],
  [/土地|宅基地|不动产|规划/, '自然资源和规划局'],
];

/** The named departments responsible for a task (collectives only when no department is named). */
function responsibleOf(task: Task): string[] {
  const named = [...task.lead, ...task.responsible];
  const departments = named.filter((u) => unitKind(u) !== 'collective');
  return [...new Set(departments.length ? departments : named)];
}

export function answerSearch(ctx: AnswerContext, query: string, regions: string[], units: UnitEntry[]): Answer {
  const search = ctx.knowledge.search;
  const named = new Set(units.flatMap((u) => ctx.knowledge.index.namedTasks(u).map((n) => n.task.id)));
  let result = units.length ? search.search(query, { regions, taskIds: named }) : search.search(query, { regions });
  if (units.length && !result.hits.length) result = search.search(query, { regions });

  const best = result.hits[0];
  if (!best || best.score < MIN_SCORE || result.coverage < MIN_COVERAGE) {
    const topic = TOPIC_UNITS.find(([re]) => re.test(query));
    const unitHint = topic ? (regions.length === 1 ? `${regions[0]?.at(-1) ?? ''}${topic[1]}` : topic[1]) : null;
    return say('search', chatText.searchNone(query, unitHint));
  }

  const hits = result.hits.filter((h) => h.score >= Math.max(MIN_SCORE, best.score * RELATIVE_SCORE)).slice(0, SHOWN);
  const tasks = hits.map((h) => h.task);
  // Across regions, name the unit without its level: 民政局 rather than one county's 县民政局.
  const manyRegions = new Set(tasks.map((t) => t.region)).size > 1;
  const responsible = [...new Set(responsibleOf(best.task).map((u) => (manyRegions ? u.replace(/^[县区市]/, '') : u)))].slice(0, UNITS_NAMED).join('、');
  const topic = result.matched.join('、');
  const head = responsible ? chatText.searchHeading(topic, responsible) : chatText.searchHeadingNoUnit(topic);
  const { reply, session } = firstPage({ intent: 'search', head: [{ type: 'heading', text: head }], title: head, tasks }, ctx.now);
  reply.blocks = [
    { type: 'heading', text: head },
    ...tasks.map((t, i) => itemBlock(t, i + 1)),
    { type: 'paragraph', text: chatText.searchFooter },
    { type: 'hint', text: chatText.detailHint },
  ];
  return { reply, session };
}
