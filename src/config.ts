// Configuration from the environment (and .env), validated once at start-up. Each wrong or missing
// variable becomes one problem naming the variable (and the field, for robots) and what is wrong;
// src/texts/config.ts says it to people. No value is ever echoed (they may be secrets).
import { resolve } from 'node:path';
import { z } from 'zod';
import { type ConfigProblem, ConfigError } from './errors.ts';
import type { Level, LogFormat } from './log.ts';

/** zod issue messages here are problem codes, turned into sentences by src/texts/config.ts. */
const url = () => z.url({ message: 'url' });
const nonEmpty = z.string().trim().min(1, 'missing');
const port = () => z.coerce.number({ message: 'port' }).int('port').min(1, 'port').max(65535, 'port');

const RobotSchema = z.discriminatedUnion('type', [
  z.object({ name: nonEmpty, type: z.literal('wecom'), key: nonEmpty, apiRoot: url().optional() }),
  z.object({ name: nonEmpty, type: z.literal('dingtalk'), accessToken: nonEmpty, secret: nonEmpty, apiRoot: url().optional() }),
  z.object({ name: nonEmpty, type: z.literal('feishu'), hookId: nonEmpty, secret: nonEmpty, apiRoot: url().optional() }),
]);
export type RobotConfig = z.infer<typeof RobotSchema>;

/** "telegram:123,wechat:wxid_abc" → ["telegram:123", "wechat:wxid_abc"]. */
const platformIds = () =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(?:telegram|wechat|console|cli|robot|wecom|dingtalk|feishu):\S+$/, 'platform-id')));

const EnvSchema = z
  .object({
    ZWGK_STORE: nonEmpty.default('data/store.json'),
    ZWGK_DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(?:ql)?:\/\/\S+$/i, 'database-url')
      .refine((u) => URL.canParse(u), 'database-url')
      .optional(),
    ZWGK_DATABASE_SCHEMA: z.string().trim().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'database-schema').default('zwgk'),
    ZWGK_SEEDS_DIR: nonEmpty.default('data/seeds'),
    ZWGK_EXPORT_DIR: nonEmpty.default('data/exports'),
    ZWGK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
    ZWGK_LOG_FORMAT: z.enum(['text', 'json']).optional(),
    ZWGK_SEGMENTER: z.enum(['auto', 'native', 'wasm']).default('auto'),
    ZWGK_ADMINS: platformIds(),
    ZWGK_ALERT_TARGETS: platformIds(),
    ZWGK_ROBOTS: z.string().optional(),
    WECHATY_PUPPET: z.string().trim().optional(),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().trim().optional(),
    WECHATY_SESSION: nonEmpty.default('data/wechat-session'),
    TELEGRAM_BOT_TOKEN: z.string().trim().regex(/^\d+:[\w-]{20,}$/, 'telegram-token').optional(),
    TELEGRAM_API_ROOT: url().optional(),
    TELEGRAM_WEBHOOK_URL: url().optional(),
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'webhook-secret').optional(),
    TELEGRAM_WEBHOOK_PORT: port().default(8443),
    TELEGRAM_WEBHOOK_HOST: nonEmpty.default('127.0.0.1'),
    ZWGK_WEB_HOST: nonEmpty.default('127.0.0.1'),
    ZWGK_WEB_PORT: z.coerce.number({ message: 'port' }).int('port').min(0, 'port').max(65535, 'port').default(8787),
    ZWGK_WEB: z.enum(['on', 'off']).default('on'),
    ZWGK_WEB_URL: url().optional(),
    DINGTALK_CLIENT_ID: nonEmpty.optional(),
    DINGTALK_CLIENT_SECRET: nonEmpty.optional(),
    DINGTALK_ROBOT_CODE: nonEmpty.optional(),
    DINGTALK_MODE: z.enum(['stream', 'http']).default('stream'),
    DINGTALK_API_ROOT: url().optional(),
    DINGTALK_OAPI_ROOT: url().optional(),
    FEISHU_APP_ID: z.string().trim().regex(/^cli_[0-9a-f]{16}$/i, 'feishu-app-id').optional(),
    FEISHU_APP_SECRET: nonEmpty.optional(),
    FEISHU_MODE: z.enum(['websocket', 'webhook']).default('websocket'),
    FEISHU_DOMAIN: url().optional(),
    FEISHU_VERIFICATION_TOKEN: nonEmpty.optional(),
    FEISHU_ENCRYPT_KEY: nonEmpty.optional(),
    WECOM_MODE: z.enum(['websocket', 'callback']).default('websocket'),
    WECOM_BOT_ID: nonEmpty.optional(),
    WECOM_BOT_SECRET: nonEmpty.optional(),
    WECOM_WS_URL: z.url({ protocol: /^wss?$/, message: 'ws-url' }).optional(),
    WECOM_TOKEN: nonEmpty.optional(),
    WECOM_ENCODING_AES_KEY: z.string().trim().regex(/^[A-Za-z0-9+/]{43}$/, 'aes-key').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'requires:TELEGRAM_WEBHOOK_URL' });
    }
    if ((env.TELEGRAM_WEBHOOK_URL || env.TELEGRAM_API_ROOT) && !env.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'requires:TELEGRAM_API_ROOT' });
    }
    if (env.WECHATY_PUPPET === 'wechaty-puppet-service' && !env.WECHATY_PUPPET_SERVICE_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['WECHATY_PUPPET_SERVICE_TOKEN'], message: 'requires:WECHATY_PUPPET' });
    }
  });

/** Where the store is: the JSON store file, or a PostgreSQL database (and the schema in it) when a URL is set. */
export interface StoreConfig {
  path: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

export interface Config {
  /** The JSON store file; unused for data when a database is configured. */
  storePath: string;
  /** Where the store is: the JSON files, or the database (ZWGK_DATABASE_URL) when one is configured. */
  store: StoreConfig;
  seedsDir: string;
  /** Where exported ledgers are written when they cannot be sent as a file (console, CLI). */
  exportDir: string;
  /** Unset: info for a service, warn while a person chats on the console (the screen is theirs). */
  logLevel: Level | undefined;
  /** Unset: text on a terminal, JSON lines otherwise (journald, files). */
  logFormat: LogFormat | undefined;
  /** Chinese word segmentation: auto (the native jieba binary, else its WebAssembly build), or one forced. */
  segmenter: 'auto' | 'native' | 'wasm';
  admins: string[];
  alertTargets: string[];
  robots: RobotConfig[];
  wechat: { puppet: string; token?: string; session: string } | null;
  telegram: {
    token: string;
    apiRoot?: string;
    webhook?: { url: string; secret: string; port: number; host: string };
  } | null;
  /** The one HTTP server (platform callbacks, /healthz, the web 台账): where it listens (port 0: any free port). */
  http: { host: string; port: number };
  dingtalk: { clientId: string; clientSecret: string; robotCode?: string; mode: 'stream' | 'http'; apiRoot?: string; oapiRoot?: string } | null;
  feishu: { appId: string; appSecret: string; mode: 'websocket' | 'webhook'; domain?: string; verificationToken?: string; encryptKey?: string } | null;
  wecom: { mode: 'websocket' | 'callback'; botId?: string; secret?: string; wsUrl?: string; token?: string; encodingAesKey?: string } | null;
  /**
   * The web 台账: on unless ZWGK_WEB=off. `publicUrl` is where people reach it (their sign-in links
   * point there): ZWGK_WEB_URL behind a proxy, else the address the server listens on.
   */
  web: { enabled: boolean; publicUrl: string };
}

/** Every secret of a configuration, to keep out of logs. */
export function secretsOf(config: Config): string[] {
  return [
    databasePassword(config.store.databaseUrl),
    config.telegram?.token,
    config.telegram?.webhook?.secret,
    config.wechat?.token,
    config.dingtalk?.clientSecret,
    config.feishu?.appSecret,
    config.feishu?.verificationToken,
    config.feishu?.encryptKey,
    config.wecom?.secret,
    config.wecom?.token,
    config.wecom?.encodingAesKey,
    ...config.robots.flatMap((r) => (r.type === 'wecom' ? [r.key] : r.type === 'dingtalk' ? [r.accessToken, r.secret] : [r.hookId, r.secret])),
  ].filter((s): s is string => Boolean(s));
}

/** The password in a database URL, if any (kept out of logs like every secret). */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** Whether the value at `path` is there at all (zod does not say: a field absent and one of the wrong kind are both invalid_type). */
function present(input: unknown, path: readonly PropertyKey[]): boolean {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !(key in value)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}

/** A zod issue of a wrong type: absent, not text, or (a robot) not an object. */
function typeCode(issue: z.core.$ZodIssue, input: unknown): ConfigProblem['code'] {
  if (!present(input, issue.path)) return 'missing';
  return issue.path.length === 1 && typeof issue.path[0] === 'number' ? 'not-object' : 'not-text';
}

/** The variables of each two-way bot: any one set means the platform is wanted. */
const PLATFORM_VARIABLES = {
  dingtalk: ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_ROBOT_CODE', 'DINGTALK_MODE', 'DINGTALK_API_ROOT', 'DINGTALK_OAPI_ROOT'],
  feishu: ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_MODE', 'FEISHU_DOMAIN', 'FEISHU_VERIFICATION_TOKEN', 'FEISHU_ENCRYPT_KEY'],
  wecom: ['WECOM_MODE', 'WECOM_BOT_ID', 'WECOM_BOT_SECRET', 'WECOM_WS_URL', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'],
} as const;

/**
 * What a wanted two-way bot still lacks, from the variables as given (before defaults): one
 * 'requires' problem per missing variable, naming the variable that asked for it.
 */
function twoWayProblems(env: Readonly<Record<string, string | undefined>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const need = (variables: readonly string[], because: string): void => {
    for (const variable of variables) if (env[variable] === undefined) problems.push({ variable, code: 'requires', requires: because });
  };
  for (const platform of ['dingtalk', 'feishu', 'wecom'] as const) {
    const first = PLATFORM_VARIABLES[platform].find((v) => env[v] !== undefined);
    if (!first) continue;
    if (platform === 'dingtalk') need(['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET'], first);
    if (platform === 'feishu') need(['FEISHU_APP_ID', 'FEISHU_APP_SECRET'], first);
    if (platform === 'wecom' && env.WECOM_MODE !== 'callback') need(['WECOM_BOT_ID', 'WECOM_BOT_SECRET'], first);
  }
  if (env.FEISHU_MODE === 'webhook') need(['FEISHU_VERIFICATION_TOKEN', 'FEISHU_ENCRYPT_KEY'], 'FEISHU_MODE=webhook');
  if (env.WECOM_MODE === 'callback') need(['WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'], 'WECOM_MODE=callback');
  return problems;
}

/** A zod issue as a problem: the variable, the robot's item and field, and a code (no value). */
function problemOf(variable: string, issue: z.core.$ZodIssue, input: unknown, itemBase = 0): ConfigProblem {
  const [item, field] = issue.path;
  const inRobots = variable === 'ZWGK_ROBOTS' && typeof item === 'number';
  const where = inRobots ? { item: item + itemBase, field: field === undefined ? undefined : String(field) } : {};
  if (issue.code === 'invalid_union' || (issue.code === 'invalid_value' && field === 'type')) return { variable, code: 'robot-type', ...where };
  if (issue.code === 'invalid_type' && (inRobots || !present(input, issue.path))) return { variable, code: typeCode(issue, input), ...where };
  if (issue.code === 'invalid_value') return { variable, code: 'enum', allowed: issue.values.map(String), ...where };
  if (issue.code === 'custom' && issue.message.startsWith('requires:')) return { variable, code: 'requires', requires: issue.message.slice('requires:'.length) };
  const known = ['url', 'platform-id', 'telegram-token', 'webhook-secret', 'port', 'missing', 'feishu-app-id', 'aes-key', 'ws-url', 'database-url', 'database-schema'] as const;
  const code = known.find((k) => k === issue.message);
  return { variable, code: code ?? 'invalid', ...where };
}

function parseRobots(raw: string | undefined): { robots: RobotConfig[]; problems: ConfigProblem[] } {
  if (!raw?.trim()) return { robots: [], problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    // The parser's message quotes the text, which holds keys: say where, not what.
    return { robots: [], problems: [{ variable: 'ZWGK_ROBOTS', code: 'json' }] };
  }
  if (!Array.isArray(json)) return { robots: [], problems: [{ variable: 'ZWGK_ROBOTS', code: 'json' }] };
  const result = z.array(RobotSchema).safeParse(json);
  if (result.success) {
    const names = result.data.map((r) => r.name);
    const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
    return { robots: result.data, problems: dup >= 0 ? [{ variable: 'ZWGK_ROBOTS', code: 'duplicate', item: dup + 1, field: 'name' }] : [] };
  }
  // Items are numbered from 1 for people ("第1项").
  return { robots: [], problems: result.error.issues.map((i) => problemOf('ZWGK_ROBOTS', i, json, 1)) };
}

/** The platforms an alert (or a reminder) can reach, given what is configured: a robot by its name. */
function reachable(target: string, robots: readonly RobotConfig[], env: z.infer<typeof EnvSchema>): boolean {
  const [platform = '', id = ''] = target.split(/:(.*)/s);
  if (platform === 'robot') return robots.some((r) => r.name === id);
  if (platform === 'telegram') return Boolean(env.TELEGRAM_BOT_TOKEN);
  if (platform === 'wechat') return Boolean(env.WECHATY_PUPPET);
  if (platform === 'dingtalk') return Boolean(env.DINGTALK_CLIENT_ID && env.DINGTALK_CLIENT_SECRET);
  if (platform === 'feishu') return Boolean(env.FEISHU_APP_ID && env.FEISHU_APP_SECRET);
  // Only the long connection can push; the callback mode answers once per message.
  if (platform === 'wecom') return env.WECOM_MODE !== 'callback' && Boolean(env.WECOM_BOT_ID && env.WECOM_BOT_SECRET);
  return false;
}

/** Every alert target must reach something configured: an alert to nowhere is a silent failure. */
function targetProblems(env: z.infer<typeof EnvSchema>, robots: readonly RobotConfig[]): ConfigProblem[] {
  return env.ZWGK_ALERT_TARGETS.filter((t) => !reachable(t, robots, env)).map((target) => ({ variable: 'ZWGK_ALERT_TARGETS', code: 'unknown-target', target }));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  const problems = result.success ? [] : result.error.issues.map((i) => problemOf(String(i.path[0] ?? ''), i, cleaned));
  const robots = parseRobots(typeof cleaned.ZWGK_ROBOTS === 'string' ? cleaned.ZWGK_ROBOTS : undefined);
  problems.push(...robots.problems, ...twoWayProblems(cleaned));
  if (result.success && !robots.problems.length) problems.push(...targetProblems(result.data, robots.robots));
  if (!result.success || problems.length) throw new ConfigError(problems);
  const e = result.data;
  return {
    storePath: resolve(e.ZWGK_STORE),
    store: { path: resolve(e.ZWGK_STORE), databaseUrl: e.ZWGK_DATABASE_URL, databaseSchema: e.ZWGK_DATABASE_SCHEMA },
    seedsDir: resolve(e.ZWGK_SEEDS_DIR),
    exportDir: resolve(e.ZWGK_EXPORT_DIR),
    logLevel: e.ZWGK_LOG_LEVEL,
    logFormat: e.ZWGK_LOG_FORMAT,
    segmenter: e.ZWGK_SEGMENTER,
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
    http: { host: e.ZWGK_WEB_HOST, port: e.ZWGK_WEB_PORT },
    web: { enabled: e.ZWGK_WEB === 'on', publicUrl: (e.ZWGK_WEB_URL ?? `http://${hostForUrl(e.ZWGK_WEB_HOST)}:${e.ZWGK_WEB_PORT}`).replace(/\/+$/, '') },
    ...twoWayBots(e),
  };
}

/** The two-way bots the variables configure (twoWayProblems has made sure each is complete). */
function twoWayBots(e: z.infer<typeof EnvSchema>): Pick<Config, 'dingtalk' | 'feishu' | 'wecom'> {
  const wecomWanted = e.WECOM_MODE === 'callback' ? Boolean(e.WECOM_TOKEN && e.WECOM_ENCODING_AES_KEY) : Boolean(e.WECOM_BOT_ID && e.WECOM_BOT_SECRET);
  return {
    dingtalk:
      e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET
        ? { clientId: e.DINGTALK_CLIENT_ID, clientSecret: e.DINGTALK_CLIENT_SECRET, robotCode: e.DINGTALK_ROBOT_CODE, mode: e.DINGTALK_MODE, apiRoot: e.DINGTALK_API_ROOT, oapiRoot: e.DINGTALK_OAPI_ROOT }
        : null,
    feishu:
      e.FEISHU_APP_ID && e.FEISHU_APP_SECRET
        ? { appId: e.FEISHU_APP_ID, appSecret: e.FEISHU_APP_SECRET, mode: e.FEISHU_MODE, domain: e.FEISHU_DOMAIN, verificationToken: e.FEISHU_VERIFICATION_TOKEN, encryptKey: e.FEISHU_ENCRYPT_KEY }
        : null,
    wecom: wecomWanted
      ? { mode: e.WECOM_MODE, botId: e.WECOM_BOT_ID, secret: e.WECOM_BOT_SECRET, wsUrl: e.WECOM_WS_URL, token: e.WECOM_TOKEN, encodingAesKey: e.WECOM_ENCODING_AES_KEY }
      : null,
  };
}

/** An IPv6 address is bracketed in a URL; 0.0.0.0 (every interface) is reached on the machine as 127.0.0.1. */
function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
