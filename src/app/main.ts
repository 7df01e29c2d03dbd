// Start-up: validate the configuration, open (or build) the store, and wire the configured adapters
// to the bot. The only module that knows which adapters exist; each is loaded only when configured
// (WeChat's puppet stack alone takes over a second to import). One failing adapter does not take
// the others down; SIGINT/SIGTERM stop every adapter and flush the store.
import { existsSync } from 'node:fs';
import { type Config, loadConfig, secretsOf } from '../config.ts';
import { Bot } from '../core/bot.ts';
import { StoredSessions } from '../core/sessions.ts';
import { createLogger, type Logger, registerSecret } from '../log.ts';
import { unitNames } from '../model/task.ts';
import type { ChatAdapter } from '../platform/adapter.ts';
import { dispatcher } from '../platform/dispatch.ts';
import { Scheduler } from '../reminders/scheduler.ts';
import type { TaskStore } from '../store/task-store.ts';
import { chatText } from '../texts/chat.ts';
import { cliText } from '../texts/cli.ts';
import { describeError } from '../texts/errors.ts';
import { openStore } from './bootstrap.ts';
import { alerter, Channels, robotOf } from './channels.ts';
import { startAll, type Supervised } from './supervise.ts';

/** The two-way adapters the configuration asks for (the console chat is added apart). */
async function configuredAdapters(config: Config, store: TaskStore, logger: Logger, alert: (text: string) => Promise<void>): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.telegram) {
    const { TelegramAdapter } = await import('../../adapters/telegram.ts');
    adapters.push(new TelegramAdapter({ ...config.telegram, state: store.platformState, logger }));
  }
  if (config.wechat) {
    const { WechatAdapter } = await import('../../adapters/wechat.ts');
    adapters.push(new WechatAdapter({ puppet: config.wechat.puppet, puppetToken: config.wechat.token, session: config.wechat.session, logger, alert }));
  }
  return adapters;
}

/** Stops everything once, in order: reminders, adapters, then the store. */
function stopper(logger: Logger, scheduler: Scheduler, store: TaskStore, supervised: () => Supervised | null): () => Promise<void> {
  let stopping = false;
  return async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    await scheduler.stop();
    await supervised()?.stopAll();
    await store.close();
  };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  for (const secret of secretsOf(config)) registerSecret(secret);
  const logger = createLogger(undefined, config.logLevel);

  const { store, seeded } = await openStore(config.store, config.seedsDir, new Date());
  for (const p of seeded) logger.info(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, false));
  const bot = new Bot({ store, sessions: new StoredSessions(store.sessions), logger, admins: config.admins });
  bot.warmUp();

  const channels = new Channels();
  for (const r of config.robots) channels.add(`robot:${r.name}`, robotOf(r));
  const alert = alerter(config.alertTargets, channels, logger);
  const adapters = await configuredAdapters(config, store, logger, alert);
  const wantConsole = adapters.length === 0 || (process.argv.includes('--console') && process.stdin.isTTY);

  let supervised: Supervised | null = null;
  const scheduler = new Scheduler({ store, logger, now: () => new Date(), resolve: (chat) => channels.resolveChannel(chat) });
  const stop = stopper(logger, scheduler, store, () => supervised);
  // Exit once stopped: a puppet or an HTTP agent may keep timers alive after a clean stop.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(process.exitCode ?? 0)));

  if (wantConsole) {
    const { ConsoleAdapter } = await import('../../adapters/console.ts');
    const greeting = chatText.greeting(store.index.regions().length, store.data.tasks.length);
    adapters.push(new ConsoleAdapter({ greeting, exportDir: config.exportDir, onClose: () => void stop() }));
  }
  // Message ids handled are the store's: with a shared store, a redelivery to another instance is answered once too.
  const seen = { first: (id: string) => store.handled.first(id, new Date()) };
  supervised = await startAll(adapters, (adapter) => dispatcher(adapter, { bot, logger, now: () => new Date(), seen }), logger, alert);
  for (const adapter of supervised.running) channels.add(adapter.name, adapter);
  if (supervised.running.length === 0) {
    logger.error('no adapter could start');
    await stop();
    process.exitCode = 1;
    return;
  }
  scheduler.start();
}

main().catch((e: unknown) => {
  console.error(describeError(e));
  process.exitCode = 1;
});
