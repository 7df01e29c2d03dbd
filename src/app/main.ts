// Start-up: validate the configuration, open (or build) the store, and wire the configured adapters
// to the bot. The only module that knows which adapters exist. One failing adapter does not take
// the others down; SIGINT/SIGTERM stop every adapter and flush the store. Callback routes of the
// adapters and the web 台账 (unless ZWGK_WEB=off) are mounted on the one HTTP server, which runs only
// when something is mounted.
import { existsSync } from 'node:fs';
import { ConsoleAdapter } from '../../adapters/console.ts';
import { type Config, loadConfig, secretsOf } from '../config.ts';
import { Bot } from '../core/bot.ts';
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
import { openStore } from './bootstrap.ts';
import { alerter, Channels, robotOf } from './channels.ts';
import { HttpServer } from './http-server.ts';
import { linkKeyPath, loadLinkKey } from '../web/auth/link-key.ts';
import { SignInLinks } from '../web/auth/links.ts';
import { webMounts } from '../web/app.ts';
import { startAll, type Supervised } from './supervise.ts';
import { adminText } from '../texts/ops.ts';

/**
 * The two-way adapters the configuration asks for (the console chat is added apart). Each adapter's
 * module, and so its platform's SDK, is imported only when that platform is configured: Wechaty alone
 * takes seconds to load, the Feishu SDK is 6 MB.
 */
async function configuredAdapters(config: Config, logger: Logger, alert: (text: string) => Promise<void>): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.telegram) {
    const { TelegramAdapter } = await import('../../adapters/telegram.ts');
    const state = await StateFile.open(`${config.storePath}.telegram.json`);
    adapters.push(new TelegramAdapter({ ...config.telegram, state, logger }));
  }
  if (config.wechat) {
    const { WechatAdapter } = await import('../../adapters/wechat.ts');
    adapters.push(new WechatAdapter({ puppet: config.wechat.puppet, puppetToken: config.wechat.token, session: config.wechat.session, logger, alert }));
  }
  if (config.dingtalk) adapters.push(new (await import('../../adapters/dingtalk.ts')).DingtalkAdapter({ ...config.dingtalk, logger, alert }));
  if (config.feishu) adapters.push(new (await import('../../adapters/feishu.ts')).FeishuAdapter({ ...config.feishu, logger }));
  if (config.wecom) adapters.push(new (await import('../../adapters/wecom.ts')).WecomAdapter({ ...config.wecom, logger, alert }));
  return adapters;
}

/** Starts the HTTP server when something is mounted on it; a port in use is reported, not fatal to the rest. */
async function serveHttp(http: HttpServer, logger: Logger, alert: (text: string) => Promise<void>): Promise<void> {
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

/** Stops everything once, in order: reminders, callbacks, adapters, then the store. */
function stopper(logger: Logger, scheduler: Scheduler, store: TaskStore, http: HttpServer, supervised: () => Supervised | null): () => Promise<void> {
  let stopping = false;
  return async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    await scheduler.stop();
    await http.stop();
    await supervised()?.stopAll();
    await store.close();
  };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  for (const secret of secretsOf(config)) registerSecret(secret);
  const logger = createLogger(undefined, config.logLevel);

  const { store, seeded } = await openStore(config.storePath, config.seedsDir, new Date());
  for (const p of seeded) logger.info(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, false));
  const sessions = await FileSessions.open(`${config.storePath}.sessions.json`);
  const http = new HttpServer({ ...config.http, logger });
  const signIn = await mountWeb(config, store, http, logger);
  const bot = new Bot({ store, sessions, logger, admins: config.admins, signIn });
  bot.warmUp();

  const channels = new Channels();
  for (const r of config.robots) channels.add(`robot:${r.name}`, robotOf(r));
  const alert = alerter(config.alertTargets, channels, logger);
  const adapters = await configuredAdapters(config, logger, alert);
  const wantConsole = adapters.length === 0 || (process.argv.includes('--console') && process.stdin.isTTY);
  for (const adapter of adapters) if (adapter.http) http.mount(adapter.http);

  let supervised: Supervised | null = null;
  const scheduler = new Scheduler({ store, logger, now: () => new Date(), resolve: (chat) => channels.resolveChannel(chat) });
  const stop = stopper(logger, scheduler, store, http, () => supervised);
  // Exit once stopped: a puppet or an HTTP agent may keep timers alive after a clean stop.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(process.exitCode ?? 0)));

  if (wantConsole) {
    const greeting = chatText.greeting(store.index.regions().length, store.data.tasks.length);
    adapters.push(new ConsoleAdapter({ greeting, exportDir: config.exportDir, onClose: () => void stop() }));
  }
  supervised = await startAll(adapters, (adapter) => dispatcher(adapter, { bot, logger, now: () => new Date() }), logger, alert);
  for (const adapter of supervised.running) channels.add(adapter.name, adapter);
  if (supervised.running.length === 0) {
    logger.error('no adapter could start');
    await stop();
    process.exitCode = 1;
    return;
  }
  await serveHttp(http, logger, alert);
  scheduler.start();
}

main().catch((e: unknown) => {
  console.error(describeError(e));
  process.exitCode = 1;
});
