// Starts adapters one by one: an adapter that fails to start is logged and reported to the admins,
// and the others run on. Stops them all together.
import type { Logger } from '../log.ts';
import type { ChatAdapter, MessageHandler } from '../platform/adapter.ts';
import { adminText } from '../texts/ops.ts';

export interface Supervised {
  running: ChatAdapter[];
  failed: Array<{ adapter: ChatAdapter; error: unknown }>;
  stopAll(): Promise<void>;
}

export async function startAll(
  adapters: readonly ChatAdapter[],
  handlerFor: (adapter: ChatAdapter) => MessageHandler,
  logger: Logger,
  alert: (text: string) => Promise<void>,
): Promise<Supervised> {
  const running: ChatAdapter[] = [];
  const failed: Supervised['failed'] = [];
  for (const adapter of adapters) {
    try {
      await adapter.start(handlerFor(adapter));
      running.push(adapter);
      logger.info('adapter started', { adapter: adapter.name });
    } catch (error) {
      failed.push({ adapter, error });
      logger.error('adapter failed to start', { adapter: adapter.name, error });
      await alert(adminText.adapterFailed(adapter.name, error instanceof Error ? error.message : String(error))).catch(() => undefined);
    }
  }
  return {
    running,
    failed,
    async stopAll() {
      const results = await Promise.allSettled(running.map((a) => a.stop()));
      results.forEach((r, i) => {
        if (r.status === 'rejected') logger.warn('adapter failed to stop', { adapter: running[i]?.name, error: r.reason });
      });
    },
  };
}
