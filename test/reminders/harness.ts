// A reminder desk on a fake clock: a real store file, a recording channel, and helpers to move time.
import { join } from 'node:path';
import type { Notifier, Target } from '../../src/platform/adapter.ts';
import { renderPlain } from '../../src/platform/reply.ts';
import { type Reply } from '../../src/model/reply.ts';
import { createLogger } from '../../src/log.ts';
import { Scheduler, type ReminderStore } from '../../src/reminders/scheduler.ts';
import { openStore } from '../../src/app/bootstrap.ts';
import type { Subscription } from '../../src/model/records.ts';
import { TaskStore } from '../../src/store/task-store.ts';
import { shanghaiInstant } from '../../src/time.ts';
import { NOW, SEEDS_DIR } from '../helpers.ts';

export interface Delivery {
  at: Date;
  target: Target;
  text: string;
  reply: Reply;
}

export class RecordingChannel implements Notifier {
  readonly name = 'test';
  readonly deliveries: Delivery[] = [];
  failing = false;
  constructor(private readonly clock: { now: Date }) {}
  async send(target: Target, reply: Reply): Promise<void> {
    if (this.failing) throw new Error('target down');
    this.deliveries.push({ at: this.clock.now, target, text: renderPlain(reply), reply });
  }
}

export const subscription = (over: Partial<Subscription> = {}): Subscription => ({
  chat: 'robot:zwgk',
  region: '汶上县',
  units: [],
  leadDays: [7, 1, 0],
  digestTime: '09:00',
  weekly: false,
  by: { platform: 'cli', userId: 'cli' },
  at: shanghaiInstant('2022-06-01', '08:00').toISOString(),
  ...over,
});

export async function createDesk(dir: string, sub: Subscription = subscription()) {
  const path = join(dir, 'store.json');
  const { store } = await openStore(path, SEEDS_DIR, NOW);
  await store.change((d) => {
    d.subscriptions.push(sub);
  });
  return { path, store };
}

export function scheduler(store: ReminderStore, channel: Notifier, clock: { now: Date }): Scheduler {
  return new Scheduler({
    store,
    resolve: () => ({ channel, chatId: 'zwgk' }),
    logger: createLogger(() => {}),
    now: () => clock.now,
    retryBaseMs: 60_000,
  });
}

/** Ticks every `stepMinutes` from `from` to `to` (Shanghai wall times "YYYY-MM-DD HH:mm"). */
export async function runClock(s: Scheduler, clock: { now: Date }, from: string, to: string, stepMinutes = 60): Promise<void> {
  const [fd, ft] = from.split(' ') as [string, string];
  const [td, tt] = to.split(' ') as [string, string];
  const end = shanghaiInstant(td, tt).getTime();
  for (let t = shanghaiInstant(fd, ft).getTime(); t <= end; t += stepMinutes * 60_000) {
    clock.now = new Date(t);
    await s.tick();
  }
}

export { TaskStore };
