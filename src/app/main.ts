// Start-up: validate the configuration, open (or build) the store, and wire the configured adapters
// to the bot. The only module that knows which adapters exist. One failing adapter does not take
// the others down; SIGINT/SIGTERM stop every adapter and flush the store.
import { existsSync } from 'node:fs';
import { ConsoleAdapter } from '../../adapters/console.ts';
import { dingtalkRobot } from '../../adapters/robots/dingtalk.ts';
import { feishuRobot } from '../../adapters/robots/feishu.ts';
import { wecomRobot } from '../../adapters/robots/wecom.ts';
import { TelegramAdapter } from '../../adapters/telegram.ts';
import { WechatAdapter } from '../../adapters/wechat.ts';
import { type Config, loadConfig, type RobotConfig, secretsOf } from '../config.ts';
import type { ChatAdapter, Notifier } from '../platform/adapter.ts';
import { Bot } from '../core/bot.ts';
import { dispatcher } from '../platform/dispatch.ts';
import type { Reply } from '../model/reply.ts';
import { FileSessions } from '../core/sessions.ts';
import { chatText } from '../texts/chat.ts';
import { cliText } from '../texts/cli.ts';
import { startAll, type Supervised } from './supervise.ts';
import { ZwgkError } from '../errors.ts';
import { createLogger, type Logger, registerSecret } from '../log.ts';
import { unitNames } from '../model/task.ts';
import { openStore } from './bootstrap.ts';
import { StateFile } from '../store/state-file.ts';
import { Scheduler } from '../reminders/scheduler.ts';

function robot(config: RobotConfig): Notifier {
  const options = { name: config.name };
  if (config.type === 'wecom') return wecomRobot(config, options);
  if (config.type === 'dingtalk') return dingtalkRobot(config, options);
  return feishuRobot(config, options);
}

const asReply = (text: string): Reply => ({ intent: 'help', blocks: [{ type: 'paragraph', text }], tasks: [], related: [] });

/** Sends an alert to every configured admin target ("telegram:123", "robot:ops"); never throws. */
function alerter(config: Config, channels: Map<string, Notifier>, logger: Logger): (text: string) => Promise<void> {
  return async (text) => {
    for (const target of config.alertTargets) {
      const [platform, id = ''] = target.split(/:(.*)/s);
      const channel = platform === 'robot' ? channels.get(`robot:${id}`) : channels.get(platform ?? '');
      if (!channel) {
        logger.warn('alert target not available', { target });
        continue;
      }
      await channel.send({ chatId: id }, asReply(text)).catch((error: unknown) => logger.warn('alert failed', { target, error }));
    }
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
  const bot = new Bot({ store, sessions, logger, admins: config.admins });
  bot.warmUp();

  const channels = new Map<string, Notifier>();
  for (const r of config.robots) channels.set(`robot:${r.name}`, robot(r));
  const alert = alerter(config, channels, logger);

  const adapters: ChatAdapter[] = [];
  if (config.telegram) {
    const state = await StateFile.open(`${config.storePath}.telegram.json`);
    adapters.push(new TelegramAdapter({ ...config.telegram, state, logger }));
  }
  if (config.wechat) adapters.push(new WechatAdapter({ puppet: config.wechat.puppet, puppetToken: config.wechat.token, session: config.wechat.session, logger, alert }));
  const wantConsole = adapters.length === 0 || (process.argv.includes('--console') && process.stdin.isTTY);

  let supervised: Supervised | null = null;
  const scheduler = new Scheduler({
    store,
    logger,
    now: () => new Date(),
    // "robot:ops" is a robot by name; "telegram:-100" a chat on an adapter.
    resolve: (chat) => {
      const [platform = '', id = ''] = chat.split(/:(.*)/s);
      const channel = platform === 'robot' ? channels.get(chat) : channels.get(platform);
      return channel ? { channel, chatId: id } : undefined;
    },
  });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    await scheduler.stop();
    await supervised?.stopAll();
    await store.close();
  };
  // Exit once stopped: a puppet or an HTTP agent may keep timers alive after a clean stop.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(process.exitCode ?? 0)));

  if (wantConsole) {
    adapters.push(
      new ConsoleAdapter({
        greeting: chatText.greeting(store.index.regions().length, store.data.tasks.length),
        onClose: () => void stop(),
      }),
    );
  }
  supervised = await startAll(adapters, (adapter) => dispatcher(adapter, { bot, logger, now: () => new Date() }), logger, alert);
  for (const adapter of supervised.running) channels.set(adapter.name, adapter);
  if (supervised.running.length === 0) {
    logger.error('no adapter could start');
    await stop();
    process.exitCode = 1;
    return;
  }
  scheduler.start();
}

main().catch((e: unknown) => {
  console.error(e instanceof ZwgkError ? e.message : e);
  process.exitCode = 1;
});
