// Start-up with corrupt side files (the chats' sessions, the Telegram offset): set aside with a warning,
// never fatal, and the store's lock never left behind.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app/main.ts';
import { openStore } from '../../src/app/bootstrap.ts';
import { createLogger } from '../../src/log.ts';
import { FakeTelegram } from '../adapters/fake-telegram.ts';
import { NOW, SEEDS_DIR, tempDir } from '../helpers.ts';

let dir: string;
let cleanup: () => void;
let telegram: FakeTelegram;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  telegram = await new FakeTelegram().listen();
});
afterEach(async () => {
  await telegram.close();
  cleanup();
});

describe('start-up', () => {
  it('with corrupt sessions and Telegram offset files: starts, warns, sets them aside; stopping leaves no lock', async () => {
    const store = join(dir, 'store.json');
    await (await openStore(store, SEEDS_DIR, NOW)).store.close();
    writeFileSync(`${store}.sessions.json`, '{"sessions":');
    writeFileSync(`${store}.telegram.json`, '');
    const logs: string[] = [];
    const app = await startApp({
      env: { ZWGK_STORE: store, ZWGK_SEEDS_DIR: SEEDS_DIR, TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot },
      logger: createLogger((l) => logs.push(l)),
      console: false,
    });
    expect(app.supervised.running.map((a) => a.name)).toEqual(['telegram']);
    expect(logs.filter((l) => l.includes('WARN side file unreadable; set aside'))).toHaveLength(2);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-')).sort()).toEqual([expect.stringMatching(/^store\.json\.sessions\.json\.corrupt-/), expect.stringMatching(/^store\.json\.telegram\.json\.corrupt-/)]);
    expect(existsSync(`${store}.lock`)).toBe(true);
    await app.stop();
    expect(existsSync(`${store}.lock`)).toBe(false);
  });

  it('a configuration problem is reported before anything is opened', async () => {
    const store = join(dir, 'store.json');
    await expect(startApp({ env: { ZWGK_STORE: store, ZWGK_SEEDS_DIR: SEEDS_DIR, ZWGK_ALERT_TARGETS: 'robot:ops' }, logger: createLogger(() => {}), console: false })).rejects.toThrow(/unknown-target/);
    expect(existsSync(store)).toBe(false);
    expect(existsSync(`${store}.lock`)).toBe(false);
  });
});
