// Start-up: read the options (--help starts nothing), validate the configuration, open (or build) the
// store, and wire the configured adapters to the bot; serve /healthz and the adapters' callback routes
// on the one HTTP server, write the status file `cli status` reads, and take imports from the CLI on
// the control socket. The only module that knows which adapters exist. One failing adapter does not
// take the others down; SIGINT/SIGTERM/SIGHUP stop every adapter and flush the store.
import { existsSync } from 'node:fs';
import { ConsoleAdapter } from '../../adapters/console.ts';
import { type Config, loadConfig, secretsOf } from '../config.ts';
import { Bot } from '../core/bot.ts';
import { FileSessions } from '../core/sessions.ts';
import { UsageError, messageOf } from '../errors.ts';
import { createLogger, type Level, type Logger, logFormatFor, registerSecret } from '../log.ts';
import { unitNames } from '../model/task.ts';
import type { ChatAdapter, Notifier } from '../platform/adapter.ts';
import { dispatcher } from '../platform/dispatch.ts';
import { Scheduler } from '../reminders/scheduler.ts';
import { segmenter } from '../search/tokenizer.ts';
import { StateFile } from '../store/state-file.ts';
import type { TaskStore } from '../store/task-store.ts';
import { chatText } from '../texts/chat.ts';
import { cliText } from '../texts/cli.ts';
import { describeError } from '../texts/errors.ts';
import { adapterText, adminText, startText } from '../texts/ops.ts';
import { openStore } from './bootstrap.ts';
import { alerter, Channels, robotOf } from './channels.ts';
import { ControlServer, controlPath } from './control.ts';
import { Health, statusPath } from './health.ts';
import { HttpServer } from './http-server.ts';
import { parseStartOptions, type StartOptions } from './start-options.ts';
import { startAll, type Supervised } from './supervise.ts';

/** Puppets that talk to no WeChat account: started, they wait for messages that never come. */
const TEST_PUPPETS: ReadonlySet<string> = new Set(['wechaty-puppet-mock']);

/** Exit codes: done, failed, wrong usage. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Whether any two-way chat platform is configured (else the console chat opens). */
const anyPlatform = (config: Config): boolean => Boolean(config.telegram || config.wechat || config.dingtalk || config.feishu || config.wecom);

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
    if (TEST_PUPPETS.has(config.wechat.puppet)) logger.warn(adapterText.mockPuppet(config.wechat.puppet));
    const { WechatAdapter } = await import('../../adapters/wechat.ts');
    adapters.push(new WechatAdapter({ puppet: config.wechat.puppet, puppetToken: config.wechat.token, session: config.wechat.session, logger, alert }));
  }
  if (config.dingtalk) adapters.push(new (await import('../../adapters/dingtalk.ts')).DingtalkAdapter({ ...config.dingtalk, logger, alert }));
  if (config.feishu) adapters.push(new (await import('../../adapters/feishu.ts')).FeishuAdapter({ ...config.feishu, logger }));
  if (config.wecom) adapters.push(new (await import('../../adapters/wecom.ts')).WecomAdapter({ ...config.wecom, logger, alert }));
  return adapters;
}

interface Running {
  scheduler: Scheduler;
  http: HttpServer;
  health: Health;
  store: TaskStore;
  control: () => ControlServer | null;
  supervised: () => Supervised | null;
}

/** Stops everything once, in order: reminders, the control socket, the HTTP server, adapters, the status, then the store. */
function stopper(logger: Logger, r: Running): () => Promise<void> {
  let stopping = false;
  return async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    await r.scheduler.stop();
    await r.control()?.close();
    await r.http.stop();
    const supervised = r.supervised();
    await supervised?.stopAll();
    for (const adapter of supervised?.running ?? []) r.health.adapterStopped(adapter.name);
    await r.health.stop();
    await r.store.close();
  };
}

/** Starts the HTTP server (/healthz, platform callbacks); a port in use is reported, not fatal to the rest. */
async function serveHttp(http: HttpServer, config: Config, health: Health, logger: Logger, alert: (text: string) => Promise<void>): Promise<void> {
  if (!http.needed) return;
  try {
    await http.start();
    health.listening(config.http.host, http.port);
  } catch (error) {
    logger.error('http: could not listen', { host: config.http.host, port: config.http.port, error });
    await alert(adminText.adapterFailed('HTTP', describeError(error))).catch(() => undefined);
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

/**
 * The log level: as configured, or info for a service and warn while a person chats on the console
 * (start-up lines would only crowd their screen; warnings and errors still show, above the prompt).
 */
function logLevel(config: Config, interactive: boolean): Level {
  return config.logLevel ?? (interactive ? 'warn' : 'info');
}

async function main(options: StartOptions): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  for (const secret of secretsOf(config)) registerSecret(secret);
  const wantConsole = !anyPlatform(config) || (options.console && Boolean(process.stdin.isTTY));
  let consoleChat: ConsoleAdapter | null = null;
  const sink = (line: string): void => (consoleChat ? consoleChat.writeAbove(line, process.stderr) : void process.stderr.write(`${line}\n`));
  const logger = createLogger(sink, logLevel(config, wantConsole && Boolean(process.stdin.isTTY)), { format: logFormatFor(config.logFormat, process.stderr) });

  const { store, seeded } = await openStore(config.storePath, config.seedsDir, new Date());
  for (const p of seeded) logger.info(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, false));
  const sessions = await FileSessions.open(`${config.storePath}.sessions.json`);
  const bot = new Bot({ store, sessions, logger, admins: config.admins });
  bot.warmUp();
  const words = segmenter();
  if (words.fallbackReason) logger.warn(adapterText.segmenterFallback(`${process.platform}-${process.arch}`, words.fallbackReason));

  const health = new Health({ now: () => new Date(), logger, path: statusPath(config.storePath), robots: config.robots.map((r) => `robot:${r.name}`), segmenter: words.engine });
  const recorded = (channel: Notifier, prefix: string): Notifier => health.recorded(channel, (t) => `${prefix}:${t.chatId}`);
  const channels = new Channels();
  for (const r of config.robots) channels.add(`robot:${r.name}`, health.recorded(robotOf(r), () => `robot:${r.name}`));
  const alert = alerter(config.alertTargets, channels, logger);
  const adapters = await configuredAdapters(config, logger, alert);
  const http = new HttpServer({ ...config.http, logger });
  for (const adapter of adapters) if (adapter.http) http.mount(adapter.http);
  // /healthz rides on the HTTP server when it runs for something else (a callback, the web 台账); it does
  // not open a port of its own: the status file (`cli status`) tells the same without one.
  if (http.needed) http.mount(health.mount());

  let supervised: Supervised | null = null;
  let control: ControlServer | null = null;
  const scheduler = new Scheduler({ store, logger, now: () => new Date(), resolve: (chat) => channels.resolveChannel(chat) });
  const stop = stopper(logger, { scheduler, http, health, store, control: () => control, supervised: () => supervised });
  // Exit once stopped (SIGHUP: the terminal closed): a puppet or an HTTP agent may keep timers alive after a clean stop.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop().then(() => process.exit(process.exitCode ?? 0)));

  if (wantConsole) {
    const greeting = chatText.greeting(store.index.regions().length, store.data.tasks.length);
    consoleChat = new ConsoleAdapter({ greeting, exportDir: config.exportDir, onClose: () => void stop() });
    adapters.push(consoleChat);
  }
  health.start();
  control = await listenControl(config, store, logger);
  supervised = await startAll(adapters, (adapter) => dispatcher(recorded(adapter, adapter.name), { bot, logger, now: () => new Date() }), logger, alert);
  for (const adapter of supervised.running) {
    channels.add(adapter.name, recorded(adapter, adapter.name));
    health.adapterUp(adapter.name);
  }
  for (const { adapter, error } of supervised.failed) health.adapterFailed(adapter.name, error);
  if (supervised.running.length === 0) {
    logger.error('no adapter could start');
    await stop();
    process.exitCode = EXIT.failed;
    return;
  }
  await serveHttp(http, config, health, logger, alert);
  scheduler.start();
}

function run(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${messageOf(e)}\n`);
    process.exitCode = e instanceof UsageError ? EXIT.usage : EXIT.failed;
    return Promise.resolve();
  }
  if (options.help) {
    process.stdout.write(`${startText.usage}\n`);
    return Promise.resolve();
  }
  return main(options);
}

run().catch((e: unknown) => {
  console.error(describeError(e));
  process.exitCode = EXIT.failed;
});
