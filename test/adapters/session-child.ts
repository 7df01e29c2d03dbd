// Saves a WeChat session (memory card) over and over, each time larger or smaller, printing "saved N"
// after each save; the test kills it at random moments and reads the file.
import { openSessionCard } from '../../adapters/wechat-session.ts';
import { silentLogger } from '../../src/log.ts';

const card = await openSessionCard(process.argv[2] as string, silentLogger);
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  await card.set('session', { n, cookies: 'c'.repeat(1000 + (n % 7) * 20_000) });
  await card.save();
  process.stdout.write(`saved ${n}\n`);
}
