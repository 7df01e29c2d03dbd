// What a configuration problem means, in Chinese and English: the variable, the item and field, and
// what to do. Never the value (it may be a secret).
import type { ConfigProblem } from '../errors.ts';

const SAY: Record<ConfigProblem['code'], (p: ConfigProblem) => [zh: string, en: string]> = {
  url: () => ['应为完整网址，例如 https://…', 'must be a full URL such as https://…'],
  'platform-id': () => ['的每一项应为 平台:编号，例如 telegram:123456', 'items must be platform:id, e.g. telegram:123456'],
  'telegram-token': () => ['格式不对，应形如 123456:ABC-DEF…（向 @BotFather 申请）', 'looks wrong: expected 123456:ABC-DEF… (from @BotFather)'],
  'webhook-secret': () => ['应为 16–256 位字母、数字、_ 或 -', 'must be 16–256 letters, digits, _ or -'],
  'database-url': () => ['应为 PostgreSQL 连接地址，例如 postgres://用户:密码@主机:5432/数据库', 'must be a PostgreSQL URL such as postgres://user:password@host:5432/database'],
  'database-schema': () => ['应为小写字母、数字或下划线组成、不以数字开头的名称（最长 63 位）', 'must be lowercase letters, digits or _, not starting with a digit (at most 63)'],
  'feishu-app-id': () => ['格式不对，应形如 cli_ 加 16 位十六进制（飞书开发者后台“凭证与基础信息”）', 'looks wrong: expected cli_ and 16 hex digits (Feishu console, credentials)'],
  'aes-key': () => ['应为 43 位字母和数字（企业微信后台随机生成的 EncodingAESKey）', 'must be the 43-character EncodingAESKey from the WeCom console'],
  'ws-url': () => ['应为 wss:// 或 ws:// 开头的完整地址', 'must be a full wss:// or ws:// URL'],
  requires: (p) => [`必须设置（因为设置了 ${p.requires ?? ''}）`, `is required when ${p.requires ?? ''} is set`],
  port: () => ['应为 1–65535 的端口号', 'must be a port number from 1 to 65535'],
  missing: () => ['缺少', 'is missing'],
  'not-text': () => ['应为带引号的文字，例如 "abc"', 'must be a quoted string such as "abc"'],
  'not-object': () => ['应为一个对象，例如 {"name":"ops","type":"wecom","key":"…"}', 'must be an object such as {"name":"ops","type":"wecom","key":"…"}'],
  enum: (p) => (p.allowed?.length ? [`应为 ${p.allowed.join('、')} 之一`, `must be one of ${p.allowed.join(', ')}`] : ['取值不在允许范围内', 'has a value that is not allowed']),
  'robot-type': () => ['type 应为 wecom、dingtalk 或 feishu', 'type must be wecom, dingtalk or feishu'],
  json: () => ['不是有效的 JSON 数组（示例见 .env.example）', 'is not a valid JSON array (see .env.example)'],
  duplicate: () => ['重复', 'is used twice'],
  'unknown-target': (p) => [
    `中的“${p.target ?? ''}”不存在：robot: 后应为 ZWGK_ROBOTS 中某个机器人的 name，telegram:、wechat: 需先配置该平台`,
    `names “${p.target ?? ''}”, which does not exist: robot: must name a robot of ZWGK_ROBOTS, telegram: and wechat: need that platform configured`,
  ],
  invalid: () => ['格式不对', 'is not valid'],
};

/** "ZWGK_ROBOTS 第1项缺少 key（ZWGK_ROBOTS item 1: key is missing）". */
export function configProblem(p: ConfigProblem): string {
  const [zh, en] = SAY[p.code](p);
  const whereZh = `${p.variable}${p.item !== undefined ? ` 第${p.item}项` : ''}${p.field && p.code !== 'robot-type' ? ` ${p.field} ` : ' '}`;
  const whereEn = `${p.variable}${p.item !== undefined ? ` item ${p.item}` : ''}${p.field && p.code !== 'robot-type' ? `: ${p.field}` : p.item !== undefined ? ':' : ''}`;
  const zhLine = p.code === 'missing' ? `${p.variable}${p.item !== undefined ? ` 第${p.item}项` : ''}缺少 ${p.field ?? ''}`.trimEnd() : `${whereZh.trimEnd()} ${zh}`;
  return `  ${zhLine}（${whereEn} ${en}）`;
}

export const configText = {
  report: (problems: readonly ConfigProblem[]): string =>
    `配置有误（invalid configuration）：\n${problems.map(configProblem).join('\n')}\n请对照 .env.example 修改后重新启动。Fix these in .env (see .env.example) and start again.`,
};
