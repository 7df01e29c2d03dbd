// What kind of thing a question asks, read from its wording: a count (几项), the days left (还剩几天), a
// task's deadline (啥时候截止), who is responsible (找哪个部门), something the documents never hold (金额,
// 条件, 材料, 天气 …), or a change to the data that no chat may make (删掉, 改成已完成, "忽略以上规则").
// Pure regular expressions over the normalised text.

/** Counting the tasks: 几项, 多少条, 任务数 — not 多少钱, 几个月, 多少人. */
const COUNT = /几项|几条|几个(?!月|人|工作日)|几件|多少项|多少条|多少个(?:任务|单位|事项)?(?!月|人|工作日|天|日)|多少件|多少任务|任务数|总数|数量|一共多少(?!钱|元|人)|总共多少(?!钱|元|人)|一共几|总共几|有几(?!天|个月|人|点|号)|有多少(?!钱|元|人|天)/;
const NOT_A_COUNT = /多少钱|多少元|多少人|能领多少|能贷多少|领多少|贷多少|涨多少|多少一平|多少平/;
/** Days left until a task's (or every task's) deadline. */
const DAYS_LEFT = /还剩(?:下)?几天|还有几天|剩几天|还剩多少天|还有多少天|剩多少天|几天(?:后)?(?:到期|截止)|离(?:截止|到期)还有/;
/** When one task is due: its deadline, not a range of dates. */
const WHEN = /啥时候|什么时候|何时|几时|哪天|几号|几月几[日号]|多少个?(?:工作日|天|日)内?|几个?(?:工作日|天|日)内|多久|多长时间|截止(?:日期|时间)|时限是|期限是|哪个月/;
/** Who is responsible: the units, not the tasks. */
const WHO = /还有谁|跟它一起|和它一起|一起负责|还有哪些单位|哪个部门|哪个单位|哪些部门|哪些单位|谁负责|谁管|找谁|归谁|谁来管|谁发布|谁公开|谁发的|谁推送|谁解读|负责部门|责任单位|主管部门|哪个局|牵头部门/;
/**
 * What no task of a 政务公开 plan holds: amounts and rates, eligibility, papers to bring, how to apply,
 * office hours, weather, prices, people's names, chit-chat and writing on request.
 */
const OUT_OF_SCOPE =
  /多少钱|多少元|能领多少|领多少|能贷多少|贷多少|涨多少|额度|比例|报销多少|标准是多少|标准多少|补偿多少|多少一平|房价|门票|条件是|什么条件|啥条件|要啥条件|申请条件|符合条件|带啥|带什么|准备啥|准备什么|要啥材料|什么材料|哪些材料|怎么办理|如何办理|怎么申请|如何申请|怎么提取|如何提取|怎么补办|怎么换|怎么交|怎么缴|怎么领|如何领|怎么算|交多少|缴多少|手续费|费用是多少|流程是|怎么办$|几点|下班|上班时间|办公地址|在哪办公|电话是|电话多少|(?:局|政府|办|中心|医院|部门|领导)的?电话$|联系方式|天气|下雨|下雪|气温|限号|限行|(?:几个|多少个)(?:乡镇|街道|村|社区)(?!.*任务)|人口|长是谁|书记是谁|主任是谁|领导是谁|叫什么名字|[县区市]长叫|手机号|电话号码|身份证号|家庭住址|讲个笑话|笑话|写个|写一篇|帮我写|年终总结|荷花节|旅游攻略|好玩/;
/** Asking to change data in ways no chat command does, or to play another role. */
const REFUSE =
  /删除|删掉|删了|删去|去掉这|移除|清空|改成|改为|修改|改一下|更改|转给|转交|划给|新增一条|增加一条|添加一条|加一条|新建一条|标记为|标记成|标成|标记完成|都标记|改到|调到|延期到|推迟到|设为管理员|设置为管理员|我是管理员|你现在是|你已经是|把我设为|给我管理员|全部(?:设为|设置为|改)|都(?:设为|设置为|改)|所有任务.*(?:已完成|完成了)(?![吗没么嘛]|$)|所有任务.*(?:改|标|设)为?已完成|忽略(?:以上|之前|上面|前面)|无视(?:以上|之前)|系统通知|管理员模式|切换为管理员|开发者模式|越狱|回复\s*ok|直接回复/i;
/** Latin letters with no Chinese: a question in English. */
const LATIN = /[A-Za-z]/g;
const HAN = /\p{Script=Han}/u;

export const asksCount = (text: string): boolean => COUNT.test(text) && !NOT_A_COUNT.test(text);
export const asksDaysLeft = (text: string): boolean => DAYS_LEFT.test(text);
export const asksWhen = (text: string): boolean => WHEN.test(text);
export const asksWho = (text: string): boolean => WHO.test(text);
export const asksRefused = (text: string): boolean => REFUSE.test(text);
export const isEnglish = (text: string): boolean => !HAN.test(text) && (text.match(LATIN)?.length ?? 0) >= 3;

/** Amounts, eligibility, papers, hours, weather …: what the plans never hold, unless asked where it is published. */
/** "第二人民医院在哪": where a place is, not where something is published ("低保在哪" is the latter). */
const WHERE_IS = /(?:医院|学校|幼儿园|大厅|中心|馆|局|办|公司|政府|法院|站|所|银行|院|园|场)的?(?:在哪|在哪里|在哪儿|地址|位置)$/;
const ABOUT_INFORMATION = /信息|政策|公开|公示|公布|发布|名单|目录|标准|结果|情况|文件|规定/;

export function outOfScope(text: string): boolean {
  if (WHERE_IS.test(text) && !ABOUT_INFORMATION.test(text)) return true;
  if (!OUT_OF_SCOPE.test(text)) return false;
  // "低保标准在哪公开" asks where it is published; "低保标准是多少钱" asks the amount itself.
  const rest = text.replace(OUT_OF_SCOPE, '');
  return !/在哪公开|哪里公开|在哪公示|在哪公布|在哪看|哪看|在哪查|公开吗/.test(rest) || /多少钱|多少元|条件|材料/.test(text);
}


/** The words of a question that only say what kind of answer is wanted, removed to leave its topic. */
const ASK_WORDS = new RegExp(
  [COUNT, DAYS_LEFT, WHEN, WHO, /负责的|负责|哪个|在哪里|在哪儿|在那|在哪|哪里|哪儿|哪能|能|哪|可以|看到|查到|公开|公示|公布|发布|信息|政策|看|查|找|问|要|完成|到期|截止|弄好|建好|做完|更新完|交|那个|这个|任务|事项|时限是|时限|写的|的|了|吗|呢|吧|啊|呀|那|就|是|还|有|一共|总共|共/]
    .map((r) => r.source)
    .join('|'),
  'g',
);

export function topicOf(text: string): string {
  return text.replace(ASK_WORDS, '').replace(/[，,。.！!？?、\s]/g, '');
}
