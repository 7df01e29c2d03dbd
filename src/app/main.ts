// Start-up: read the options (--help starts nothing), validate the configuration, open (or build) the
// store, and wire the configured adapters to the bot. The only module that knows which adapters exist.
// One failing adapter does not take the others down; SIGINT/SIGTERM/SIGHUP stop every adapter and flush
// the store. A start-up that fails after the store is open closes it (the lock is never left behind).
// Callback routes of the adapters and the web 台账 (unless ZWGK_WEB=off) are mounted on the one HTTP
// server, which runs only when something is mounted (and then serves /healthz too). The status file
// `cli status` reads is written all along, and the CLI hands imports to the running bot on the control
// socket.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ConsoleAdapter } from '../../adapters/console.ts';
import { type Config, loadConfig, secretsOf } from '../config.ts';
import { Bot } from '../core/bot.ts';
import { rememberAddressed } from '../core/listing.ts';
import { StoredSessions } from '../core/sessions.ts';
import { messageOf, UsageError } from '../errors.ts';
import { createLogger, type Level, type Logger, logFormatFor, registerSecret } from '../log.ts';
import { unitNames } from '../model/task.ts';
import type { ChatAdapter, Notifier } from '../platform/adapter.ts';
import { dispatcher } from '../platform/dispatch.ts';
import { Scheduler } from '../reminders/scheduler.ts';
import { segmenter } from '../search/tokenizer.ts';
import type { TaskStore } from '../store/task-store.ts';
import { chatText } from '../texts/chat.ts';
import { cliText } from '../texts/cli.ts';
import { describeError } from '../texts/errors.ts';
import { adapterText, adminText, startText } from '../texts/ops.ts';
import { openStore } from './bootstrap.ts';
import { type Alert, alerter, Channels } from './channels.ts';
import { ControlServer, controlPath } from './control.ts';
import { Health, statusPath } from './health.ts';
import { HttpServer } from './http-server.ts';
import { parseStartOptions } from './start-options.ts';
import { linkKeyPath, loadLinkKey } from '../web/auth/link-key.ts';
import { SignInLinks } from '../web/auth/links.ts';
import { webMounts } from '../web/app.ts';
import { startAll, type Supervised } from './supervise.ts';

/** Puppets that talk to no WeChat account: started, they wait for messages that never come. */
const TEST_PUPPETS: ReadonlySet<string> = new Set(['wechaty-puppet-mock']);

/** Exit codes: done, failed, wrong usage. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Whether any two-way chat platform is configured (else the console chat opens). */
const anyPlatform = (config: Config): boolean => Boolean(config.telegram || config.wechat || config.dingtalk || config.feishu || config.wecom);

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
  health: Health;
  /** Stops everything once, in order: reminders, the control socket, callbacks, adapters, the status, then the store. */
  stop(): Promise<void>;
}

/**
 * The two-way adapters the configuration asks for (the console chat is added apart). Each adapter's
 * module, and so its platform's SDK, is imported only when that platform is configured: Wechaty alone
 * takes seconds to load, the Feishu SDK is 6 MB.
 */
async function configuredAdapters(config: Config, store: TaskStore, logger: Logger, alert: Alert, options: AppOptions): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.telegram) {
    const { TelegramAdapter } = await import('../../adapters/telegram.ts');
    // Kept by the store: the JSON engine's platform file, or the database's table.
    adapters.push(new TelegramAdapter({ ...config.telegram, state: store.platformState, logger }));
  }
  if (config.wechat) {
    if (!options.wechatPuppet && TEST_PUPPETS.has(config.wechat.puppet)) logger.warn(adapterText.mockPuppet(config.wechat.puppet));
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
async function serveHttp(http: HttpServer, config: Config, health: Health, logger: Logger, alert: Alert): Promise<void> {
  if (!http.needed) return;
  try {
    await http.start();
    health.listening(config.http.host, http.port);
  } catch (error) {
    logger.error('http: could not listen', { error });
    await alert(adminText.adapterFailed('HTTP', describeError(error)));
  }
}

/** The control socket: imports from the CLI while the bot holds the store. Without it the bot runs on. */
async function listenControl(config: Config, store: TaskStore, logger: Logger): Promise<ControlServer | null> {
  try {
    return await ControlServer.listen(controlPath(config.storePath), { importDocuments: (documents) => store.putDocuments(documents) }, logger);
  } catch (error) {
    logger.warn('control: socket not available, the CLI cannot import while the bot runs', { path: controlPath(config.storePath), error });
    return null;
  }
}

interface Parts {
  scheduler: Scheduler;
  store: TaskStore;
  http: HttpServer;
  health: Health;
  control: () => ControlServer | null;
  supervised: () => Supervised | null;
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

function stopper(logger: Logger, p: Parts): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  return () => {
    stopping ??= (async () => {
      logger.info('stopping');
      await p.scheduler.stop();
      await p.control()?.close();
      await p.http.stop();
      const supervised = p.supervised();
      await supervised?.stopAll();
      for (const adapter of supervised?.running ?? []) p.health.adapterStopped(adapter.name);
      await p.health.stop();
      await p.store.close();
    })();
    return stopping;
  };
}

/**
 * The log level: as configured, or info for a service and warn while a person chats on the console
 * (start-up lines would only crowd their screen; warnings and errors still show, above the prompt).
 */
function logLevel(config: Config, interactive: boolean): Level {
  return config.logLevel ?? (interactive ? 'warn' : 'info');
}

/** The process's logger: lines on stderr (above the console's prompt while it waits), text or JSON. */
function processLogger(config: Config, interactive: boolean, consoleChat: () => ConsoleAdapter | null): Logger {
  const sink = (line: string): void => {
    const chat = consoleChat();
    if (chat) chat.writeAbove(line, process.stderr);
    else process.stderr.write(`${line}\n`);
  };
  return createLogger(sink, logLevel(config, interactive), { format: logFormatFor(config.logFormat, process.stderr) });
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
  const wantConsole = options.console ?? !anyPlatform(config);
  let consoleChat: ConsoleAdapter | null = null;
  const logger = options.logger ?? processLogger(config, wantConsole && Boolean(process.stdin.isTTY), () => consoleChat);

  const { store, seeded } = await openStore(config.store, config.seedsDir, new Date(), { logger });
  const words = segmenter();
  const health = new Health({ now: () => new Date(), logger, path: statusPath(config.storePath), robots: config.robots.map((r) => `robot:${r.name}`), segmenter: words.engine });
  // Every send to a chat or robot is recorded for `cli status`: the last success and the last failure.
  const recorded = (channel: Notifier, prefix: string): Notifier => health.recorded(channel, (t) => `${prefix}:${t.chatId}`);
  const channels = new Channels();
  const http = new HttpServer({ ...config.http, logger });
  let sessions: StoredSessions | null = null;
  let supervised: Supervised | null = null;
  let control: ControlServer | null = null;
  // A digest that @-mentions people is a list they may refer to ("完成 2").
  const onDelivered = async (d: Parameters<typeof rememberAddressed>[1]): Promise<void> => {
    if (sessions) await rememberAddressed(sessions, d);
  };
  const resolve = (chat: string): ReturnType<Channels['resolveChannel']> => {
    const route = channels.resolveChannel(chat);
    return route && { chatId: route.chatId, channel: health.recorded(route.channel, () => chat) };
  };
  const scheduler = new Scheduler({ store, logger, now: () => new Date(), resolve, onDelivered });
  const stop = stopper(logger, { scheduler, store, http, health, control: () => control, supervised: () => supervised });
  try {
    for (const p of seeded) logger.info(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, false));
    // Kept by the store, per chat and person: shared by every instance on a database.
    sessions = new StoredSessions(store.sessions);
    const signIn = await mountWeb(config, store, http, logger);
    const bot = new Bot({ store, sessions, logger, admins: config.admins, signIn });
    bot.warmUp();
    if (words.fallbackReason) logger.warn(adapterText.segmenterFallback(`${process.platform}-${process.arch}`, words.fallbackReason));
    for (const r of config.robots) channels.addRobot(r);
    const alert = alerter(config.alertTargets, channels, logger);
    const adapters = await configuredAdapters(config, store, logger, alert, options);
    for (const adapter of adapters) if (adapter.http) http.mount(adapter.http);
    // /healthz rides on the HTTP server when it runs for something else (a callback, the web 台账); it
    // opens no port of its own: the status file (`cli status`) tells the same without one.
    if (http.needed) http.mount(health.mount());
    if (wantConsole) {
      const { ConsoleAdapter } = await import('../../adapters/console.ts');
      const greeting = chatText.greeting(store.index.regions().length, store.data.tasks.length);
      consoleChat = new ConsoleAdapter({ greeting, exportDir: config.exportDir, onClose: () => void stop() });
      adapters.push(consoleChat);
    }
    health.start();
    control = await listenControl(config, store, logger);
    // The console is the operator at the machine: no flood control there.
    // Message ids handled are also the store's: with a shared store, a redelivery to another instance is answered once too.
    const shared = { first: (id: string) => store.handled.first(id, new Date()) };
    const handlerFor = (adapter: ChatAdapter) =>
      dispatcher(recorded(adapter, adapter.name), { bot, logger, now: () => new Date(), shared, flood: adapter.name === 'console' ? null : undefined });
    supervised = await startAll(adapters, handlerFor, logger, alert);
    for (const adapter of supervised.running) {
      channels.add(adapter.name, adapter);
      health.adapterUp(adapter.name);
    }
    for (const { adapter, error } of supervised.failed) health.adapterFailed(adapter.name, error);
    warnUnreachable(store, channels, logger);
    if (supervised.running.length) {
      await serveHttp(http, config, health, logger, alert);
      scheduler.start();
    }
    return { config, logger, store, bot, channels, alert, supervised, scheduler, http, health, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseStartOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${messageOf(e)}\n`);
    process.exitCode = e instanceof UsageError ? EXIT.usage : EXIT.failed;
    return;
  }
  if (options.help) {
    process.stdout.write(`${startText.usage}\n`);
    return;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const app = await startApp({ console: options.console && process.stdin.isTTY ? true : undefined });
  // Exit once stopped (SIGHUP: the terminal closed): a puppet or an HTTP agent may keep timers alive after a clean stop.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void app.stop().then(() => process.exit(process.exitCode ?? 0)));
  if (app.supervised.running.length === 0) {
    app.logger.error('no adapter could start');
    await app.stop();
    process.exitCode = EXIT.failed;
  }
}

/** Starts the bot as a program: `npm start` (scripts/start.mjs, the compiled bundle) calls it. */
export function runMain(): void {
  main().catch((e: unknown) => {
    console.error(describeError(e));
    process.exitCode = EXIT.failed;
  });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) runMain();
