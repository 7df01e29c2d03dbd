// One bot instance for the crash matrix: the reminder desk and a ledger writer on a shared PostgreSQL
// store. Driven over stdin on a simulated clock ("tick <iso>", "ledger-start", "ledger-stop"); it
// delivers digests to the test's HTTP server and reports each durable ledger write ("ledger <note>").
// The test kills it with SIGKILL at chosen moments.
import { createInterface } from 'node:readline';
import { createLogger } from '../../src/log.ts';
import type { Reply } from '../../src/model/reply.ts';
import { Scheduler } from '../../src/reminders/scheduler.ts';
import { pgDriver } from '../../src/store/postgres/pg-driver.ts';
import { PgStorage } from '../../src/store/postgres/pg-storage.ts';

const [url, schema, instance, port] = process.argv.slice(2) as [string, string, string, string];
const store = await PgStorage.open(await pgDriver(url, schema), { location: schema, channel: `zwgk_${schema}` });
const clock = { now: new Date(0) };

const channel = {
  async send(target: { chatId: string }, reply: Reply): Promise<void> {
    const heading = reply.blocks[0]?.type === 'heading' ? reply.blocks[0].text : '';
    const response = await fetch(`http://127.0.0.1:${port}/deliver`, {
      method: 'POST',
      body: JSON.stringify({ instance, chat: target.chatId, heading, at: clock.now.toISOString(), taskIds: reply.tasks.map((t) => t.id) }),
    });
    if (!response.ok) throw new Error(`delivery refused: ${response.status}`);
  },
};

const scheduler = new Scheduler({
  store,
  resolve: (chat) => ({ channel, chatId: chat }),
  logger: createLogger(() => {}),
  now: () => clock.now,
  claimLeaseMs: 5 * 60_000,
  sendTimeoutMs: 60_000,
});

let writing = false;
let writer: Promise<void> = Promise.resolve();
async function writeLedger(): Promise<void> {
  for (let n = 1; writing; n++) {
    const note = `${instance}-${n}`;
    await store.change((d) => void d.ledger.push({ taskId: 'crash-matrix', action: 'progress', note, by: { platform: 'test', userId: instance }, chat: 'test', at: new Date().toISOString() }));
    process.stdout.write(`ledger ${note}\n`);
  }
}

const lines = createInterface({ input: process.stdin });
let queue: Promise<void> = Promise.resolve();
lines.on('line', (line) => {
  const [command, arg] = line.split(' ');
  queue = queue.then(async () => {
    if (command === 'tick') {
      clock.now = new Date(arg as string);
      await scheduler.tick();
      process.stdout.write(`ticked ${arg}\n`);
    } else if (command === 'ledger-start') {
      writing = true;
      writer = writeLedger();
    } else if (command === 'ledger-stop') {
      writing = false;
      await writer;
      process.stdout.write('ledger-stopped\n');
    }
  });
});
process.stdout.write('ready\n');
