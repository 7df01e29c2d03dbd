// Start-up: validate the configuration, open (or build) the store, and wire the adapters to the bot.
// The only module that knows which adapters exist.
import { ConsoleAdapter } from '../adapters/console.ts';
import { loadConfig } from './config.ts';
import type { ChatAdapter } from './core/adapter.ts';
import { Bot } from './core/bot.ts';
import { chatKey } from './core/message.ts';
import { FileSessions } from './core/sessions.ts';
import { chatText, cliText } from './core/texts.ts';
import { ZwgkError } from './errors.ts';
import { createLogger } from './log.ts';
import { unitNames } from './model/task.ts';
import { openStore } from './store/bootstrap.ts';

async function main(): Promise<void> {
  const logger = createLogger();
  const config = loadConfig();
  const { store, seeded } = await openStore(config.storePath, config.seedsDir, new Date());
  for (const p of seeded) logger.info(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, false));
  const sessions = await FileSessions.open(`${config.storePath}.sessions.json`);
  const bot = new Bot({ store, sessions, logger });
  bot.warmUp();

  const adapters: ChatAdapter[] = [];
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await store.close();
  };

  adapters.push(
    new ConsoleAdapter({
      greeting: chatText.greeting(store.index.regions().length, store.data.tasks.length),
      onClose: () => void stop(),
    }),
  );
  for (const adapter of adapters) {
    await adapter.start(async (message) => {
      const reply = await bot.handle(message);
      await adapter.send({ chatId: message.chatId, replyTo: message.messageId }, reply);
      logger.debug('answered', { chat: chatKey(message), intent: reply.intent });
    });
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof ZwgkError ? e.message : e);
  process.exitCode = 1;
});
