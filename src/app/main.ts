// Start-up: validate the configuration, open (or build) the store, and wire the configured adapters
// to the bot. The only module that knows which adapters exist. One failing adapter does not take
// the others down; SIGINT/SIGTERM stop every adapter and flush the store. A start-up that fails after
// the store is open closes it (the lock is never left behind). Callback routes of the adapters and the
// web 台账 (unless ZWGK_WEB=off) are mounted on the one HTTP server, which runs only when something is
// mounted.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConsoleAdapter } from '../../adapters/console.ts';
import { type Config, loadConfig, secretsOf } from '../config.ts';
import { Bot } from '../core/bot.ts';
import { rememberAddressed } from '../core/listing.ts';
import { FileSessions } from '../core/sessions.ts';
import { createLogger, type Logger, registerSecret } from '../log.ts';
import { unitNames } from '../model/task.ts';
import type { ChatAdapter } from '../platform/adapter.ts';
import { dispatcher } from '../platform/dispatch.ts';
import { Scheduler } from '../reminders/scheduler.ts';
import { StateFile } from '../store/state-file.ts';
import type { TaskStore } from '../store/task-store.ts';
import { chatText } from '../texts/chat.ts';
import { cliText } from '../texts/cli.ts';
import { describeError } from '../texts/errors.ts';
import { adminText } from '../texts/ops.ts';
import { openStore } from './bootstrap.ts';
import { type Alert, alerter, Channels } from './channels.ts';
import { HttpServer } from './http-server.ts';
import { linkKeyPath, loadLinkKey } from '../web/auth/link-key.ts';
import { SignInLinks } from '../web/auth/links.ts';
import { webMounts } from '../web/app.ts';
import { startAll, type Supervised } from './supervise.ts';

export interface AppOptions {
  /** The environment to configure from. Default: process.env (with .env read into it by main). */
  env?: NodeJS.ProcessEnv;
  /** Default: lines to stderr at the configured level. */
  logger?: Logger;
  /** A puppet instance instead of WECHATY_PUPPET's package (tests drive wechaty-puppet-mock). */
  wechatPuppet?: object;
  /** Open the console chat too. Default: when no adapter is configured. */
  console?: boolean;
}

export interface App {
  config: Config;
  logger: Logger;
  store: TaskStore;
  bot: Bot;
  channels: Channels;
  alert: Alert;
  supervised: Supervised;
  scheduler: Scheduler;
  http: HttpServer;
  /** Stops everything once, in order: reminders, callbacks, adapters, then the store. */
  stop(): Promise<void>;
}

/**
 * The two-way adapters the configuration asks for (the console chat is added apart). Each adapter's
 * module, and so its platform's SDK, is imported only when that platform is configured: Wechaty alone
 * takes seconds to load, the Feishu SDK is 6 MB.
 */
async function configuredAdapters(config: Config, logger: Logger, alert: Alert, options: AppOptions): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.telegram) {
    const { TelegramAdapter } = await import('../../adapters/telegram.ts');
    const state = await StateFile.open(`${config.storePath}.telegram.json`, logger);
    adapters.push(new TelegramAdapter({ ...config.telegram, state, logger }));
  }
  if (config.wechat) {
    const { WechatAdapter } = await import('../../adapters/wechat.ts');
    const puppet = options.wechatPuppet ?? config.wechat.puppet;
    const puppetLog = config.logLevel === 'debug' ? 'info' : 'silent';
    adapters.push(new WechatAdapter({ puppet, puppetToken: config.wechat.token, session: config.wechat.session, logger, alert, puppetLog }));
  }
  if (config.dingtalk) adapters.push(new (await import('../../adapters/dingtalk.ts')).DingtalkAdapter({ ...config.dingtalk, logger, alert }));
  if (config.feishu) adapters.push(new (await import('../../adapters/feishu.ts')).FeishuAdapter({ ...config.feishu, logger }));
  if (config.wecom) adapters.push(new (await import('../../adapters/wecom.ts')).WecomAdapter({ ...config.wecom, logger, alert }));
  return adapters;
}

/** Starts the HTTP server when something is mounted on it; a port in use is reported, not fatal to the rest. */
async function serveHttp(http: HttpServer, logger: Logger, alert: Alert): Promise<void> {
  if (!http.needed) return;
  try {
    await http.start();
  } catch (error) {
    logger.error('http: could not listen', { error });
    await alert(adminText.adapterFailed('HTTP', describeError(error)));
  }
}

/** The web 台账 on the HTTP server, unless ZWGK_WEB=off; its link signer, for "登录台账" in the chat. */
async function mountWeb(config: Config, store: TaskStore, http: HttpServer, logger: Logger): Promise<SignInLinks | undefined> {
  if (!config.web.enabled) return undefined;
  const key = await loadLinkKey(linkKeyPath(config.storePath));
  registerSecret(key.toString());
  const links = new SignInLinks(key, config.web.publicUrl);
  const deps = { store, admins: config.admins, links, now: () => new Date(), logger, secureCookies: config.web.publicUrl.startsWith('https:') };
  for (const mount of webMounts(deps)) http.mount(mount);
  return links;
}

function stopper(logger: Logger, scheduler: Scheduler, store: TaskStore, http: HttpServer, supervised: () => Supervised | null): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  return () => {
    stopping ??= (async () => {
      logger.info('stopping');
      await scheduler.stop();
      await http.stop();
      await supervised()?.stopAll();
      await store.close();
    })();
    return stopping;
  };
}

/** Subscriptions whose chat nothing configured reaches would fail every day: said once, at start-up. */
function warnUnreachable(store: TaskStore, channels: Channels, logger: Logger): void {
  for (const sub of store.data.subscriptions) {
    if (!channels.resolveChannel(sub.chat)) logger.warn('subscription target not available: its reminders cannot be sent', { chat: sub.chat, region: sub.region });
  }
}

/** Validates the configuration, opens the store and starts every configured adapter and the reminders. */
export async function startApp(options: AppOptions = {}): Promise<App> {
  const config = loadConfig(options.env ?? process.env);
  for (const secret of secretsOf(config)) registerSecret(secret);
  const logger = options.logger ?? createLogger(undefined, config.logLevel);

  const { store, seeded } = await openStore(config.storePath, config.seedsDir, new Date());
  const channels = new Channels();
  const http = new HttpServer({ ...config.http, logger });
  let sessions: FileSessions | null = null;
  let supervised: Supervised | null = null;
  // A digest that @-mentions people is a list they may refer to ("完成 2").
  const onDelivered = async (d: Parameters<typeof rememberAddressed>[1]): Promise<void> => {
    if (sessions) await rememberAddressed(sessions, d);
  };
  const scheduler = new Scheduler({ store, logger, now: () => new Date(), resolve: (chat) => channels.resolveChannel(chat), onDelivered });
  const stop = stopper(logger, scheduler, store, http, () => supervised);
  try {
    for (const p of seeded) logger.info(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, false));
    sessions = await FileSessions.open(`${config.storePath}.sessions.json`, logger);
    const signIn = await mountWeb(config, store, http, logger);
    const bot = new Bot({ store, sessions, logger, admins: config.admins, signIn });
    bot.warmUp();
    for (const r of config.robots) channels.addRobot(r);
    const alert = alerter(config.alertTargets, channels, logger);
    const adapters = await configuredAdapters(config, logger, alert, options);
    for (const adapter of adapters) if (adapter.http) http.mount(adapter.http);
    if (options.console ?? adapters.length === 0) {
      const greeting = chatText.greeting(store.index.regions().length, store.data.tasks.length);
      adapters.push(new ConsoleAdapter({ greeting, exportDir: config.exportDir, onClose: () => void stop() }));
    }
    // The console is the operator at the machine: no flood control there.
    const handlerFor = (adapter: ChatAdapter) => dispatcher(adapter, { bot, logger, now: () => new Date(), flood: adapter.name === 'console' ? null : undefined });
    supervised = await startAll(adapters, handlerFor, logger, alert);
    for (const adapter of supervised.running) channels.add(adapter.name, adapter);
    warnUnreachable(store, channels, logger);
    if (supervised.running.length) {
      await serveHttp(http, logger, alert);
      scheduler.start();
    }
    return { config, logger, store, bot, channels, alert, supervised, scheduler, http, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const wantConsole = process.argv.includes('--console') && process.stdin.isTTY ? true : undefined;
  const app = await startApp({ console: wantConsole });
  // Exit once stopped: a puppet or an HTTP agent may keep timers alive after a clean stop.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.stop().then(() => process.exit(process.exitCode ?? 0)));
  if (app.supervised.running.length === 0) {
    app.logger.error('no adapter could start');
    await app.stop();
    process.exitCode = 1;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  main().catch((e: unknown) => {
    console.error(describeError(e));
    process.exitCode = 1;
  });
}
