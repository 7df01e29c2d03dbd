// Configuration from the environment (and .env), validated once at start-up. Each wrong or missing
// variable gets its own line saying what is wrong; no value is ever echoed (they may be secrets).
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import type { Level } from './log.ts';

const url = (name: string) => z.url({ message: `${name} 应为完整网址，例如 https://…` });
const nonEmpty = z.string().trim().min(1);

const RobotSchema = z.discriminatedUnion('type', [
  z.object({ name: nonEmpty, type: z.literal('wecom'), key: nonEmpty, apiRoot: z.url().optional() }),
  z.object({ name: nonEmpty, type: z.literal('dingtalk'), accessToken: nonEmpty, secret: nonEmpty, apiRoot: z.url().optional() }),
  z.object({ name: nonEmpty, type: z.literal('feishu'), hookId: nonEmpty, secret: nonEmpty, apiRoot: z.url().optional() }),
]);
export type RobotConfig = z.infer<typeof RobotSchema>;

/** "telegram:123,wechat:wxid_abc" → ["telegram:123", "wechat:wxid_abc"]. */
const platformIds = (name: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(?:telegram|wechat|console|cli|robot|wecom|dingtalk|feishu):\S+$/, `${name} 的每一项应为 平台:编号，例如 telegram:123456`)));

const EnvSchema = z
  .object({
    ZWGK_STORE: nonEmpty.default('data/store.json'),
    ZWGK_SEEDS_DIR: nonEmpty.default('data/seeds'),
    ZWGK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    ZWGK_ADMINS: platformIds('ZWGK_ADMINS'),
    ZWGK_ALERT_TARGETS: platformIds('ZWGK_ALERT_TARGETS'),
    ZWGK_ROBOTS: z.string().optional(),
    WECHATY_PUPPET: z.string().trim().optional(),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().trim().optional(),
    WECHATY_SESSION: nonEmpty.default('data/wechat-session'),
    TELEGRAM_BOT_TOKEN: z.string().trim().regex(/^\d+:[\w-]{20,}$/, 'TELEGRAM_BOT_TOKEN 格式不对，应形如 123456:ABC-DEF…（向 @BotFather 申请）').optional(),
    TELEGRAM_API_ROOT: url('TELEGRAM_API_ROOT').optional(),
    TELEGRAM_WEBHOOK_URL: url('TELEGRAM_WEBHOOK_URL').optional(),
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'TELEGRAM_WEBHOOK_SECRET 应为 16–256 位字母、数字、_ 或 -').optional(),
    TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
    TELEGRAM_WEBHOOK_HOST: nonEmpty.default('127.0.0.1'),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: '使用 TELEGRAM_WEBHOOK_URL 时必须设置 TELEGRAM_WEBHOOK_SECRET' });
    }
    if ((env.TELEGRAM_WEBHOOK_URL || env.TELEGRAM_API_ROOT) && !env.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: '设置了 Telegram 的其他变量，但缺少 TELEGRAM_BOT_TOKEN' });
    }
    if (env.WECHATY_PUPPET === 'wechaty-puppet-service' && !env.WECHATY_PUPPET_SERVICE_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['WECHATY_PUPPET_SERVICE_TOKEN'], message: 'wechaty-puppet-service 需要 WECHATY_PUPPET_SERVICE_TOKEN' });
    }
  });

export interface Config {
  storePath: string;
  seedsDir: string;
  logLevel: Level;
  admins: string[];
  alertTargets: string[];
  robots: RobotConfig[];
  wechat: { puppet: string; token?: string; session: string } | null;
  telegram: {
    token: string;
    apiRoot?: string;
    webhook?: { url: string; secret: string; port: number; host: string };
  } | null;
}

/** Every secret of a configuration, to keep out of logs. */
export function secretsOf(config: Config): string[] {
  return [
    config.telegram?.token,
    config.telegram?.webhook?.secret,
    config.wechat?.token,
    ...config.robots.flatMap((r) => (r.type === 'wecom' ? [r.key] : r.type === 'dingtalk' ? [r.accessToken, r.secret] : [r.hookId, r.secret])),
  ].filter((s): s is string => Boolean(s));
}

function parseRobots(raw: string | undefined): { robots: RobotConfig[]; problems: string[] } {
  if (!raw?.trim()) return { robots: [], problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    // The parser's message quotes the text, which holds keys: say where, not what.
    return { robots: [], problems: ['  ZWGK_ROBOTS: 不是有效的 JSON 数组（示例见 .env.example）'] };
  }
  const result = z.array(RobotSchema).safeParse(json);
  if (result.success) {
    const names = result.data.map((r) => r.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    return { robots: result.data, problems: dup ? [`  ZWGK_ROBOTS: 机器人名称“${dup}”重复`] : [] };
  }
  return {
    robots: [],
    problems: result.error.issues.map((i) => `  ZWGK_ROBOTS[${i.path.join('.')}]: ${i.code === 'invalid_union' ? 'type 应为 wecom、dingtalk 或 feishu' : i.message}`),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  const problems = result.success ? [] : result.error.issues.map((i) => `  ${i.path.join('.') || '(环境)'}: ${i.message}`);
  const robots = parseRobots(typeof cleaned.ZWGK_ROBOTS === 'string' ? cleaned.ZWGK_ROBOTS : undefined);
  problems.push(...robots.problems);
  if (!result.success || problems.length) throw new ConfigError(`配置有误：\n${problems.join('\n')}\n请对照 .env.example 修改后重新启动。`);
  const e = result.data;
  return {
    storePath: resolve(e.ZWGK_STORE),
    seedsDir: resolve(e.ZWGK_SEEDS_DIR),
    logLevel: e.ZWGK_LOG_LEVEL,
    admins: e.ZWGK_ADMINS,
    alertTargets: e.ZWGK_ALERT_TARGETS,
    robots: robots.robots,
    wechat: e.WECHATY_PUPPET ? { puppet: e.WECHATY_PUPPET, token: e.WECHATY_PUPPET_SERVICE_TOKEN, session: resolve(e.WECHATY_SESSION) } : null,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook:
            e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
              ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET, port: e.TELEGRAM_WEBHOOK_PORT, host: e.TELEGRAM_WEBHOOK_HOST }
              : undefined,
        }
      : null,
  };
}
