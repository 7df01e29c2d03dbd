// Side files (chat sessions, the Telegram offset) are conveniences: a corrupt one is set aside with a
// warning and the process starts without it; start-up never stops for one.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSessions, sessionKey } from '../../src/core/sessions.ts';
import { createLogger } from '../../src/log.ts';
import { StateFile } from '../../src/store/state-file.ts';
import { tempDir } from '../helpers.ts';

let dir: string;
let cleanup: () => void;
const logs: string[] = [];
const logger = createLogger((l) => logs.push(l), 'debug');
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  logs.length = 0;
});
afterEach(() => cleanup());

const session = { title: '列表', taskIds: ['a', 'b'], relatedUnits: [], relatedTitle: '', page: 0, roles: {}, expiresAt: '2030-01-01T00:00:00.000Z' };

describe.each([
  ['sessions', (path: string) => FileSessions.open(path, logger)],
  ['Telegram offset', (path: string) => StateFile.open(path, logger)],
])('a corrupt %s file', (_name, open) => {
  it.each([
    ['empty', ''],
    ['not JSON', '{"sessions":{'],
    ['of the wrong shape', '[{"sessions":1}]'],
    ['zero bytes of a killed write', '\u0000\u0000\u0000'],
  ])('%s: set aside under a new name with a warning, and opened empty', async (_kind, content) => {
    const path = join(dir, 'side.json');
    writeFileSync(path, content);
    await expect(open(path)).resolves.toBeDefined();
    expect(existsSync(path)).toBe(false);
    const aside = readdirSync(dir).filter((f) => f.startsWith('side.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(content);
    expect(logs.join('\n')).toMatch(/WARN side file unreadable; set aside/);
  });
});

describe('the sessions file', () => {
  it('keeps each person’s list across a restart', async () => {
    const path = join(dir, 'sessions.json');
    const sessions = await FileSessions.open(path, logger);
    await sessions.set(sessionKey('telegram:-1', '42'), session);
    const again = await FileSessions.open(path, logger);
    expect(again.get(sessionKey('telegram:-1', '42'), new Date('2029-01-01'))).toEqual(session);
    expect(again.get(sessionKey('telegram:-1', '43'), new Date('2029-01-01'))).toBeUndefined();
  });

  it('an older version’s lists kept per chat load, and are not used (whose they were is unknown)', async () => {
    const path = join(dir, 'sessions.json');
    writeFileSync(path, JSON.stringify({ sessions: { 'telegram:-1': session } }));
    const sessions = await FileSessions.open(path, logger);
    expect(sessions.get('telegram:-1', new Date('2029-01-01'))).toBeUndefined();
    expect(existsSync(path)).toBe(true);
    expect(logs.join('\n')).toMatch(/older version were dropped/);
  });
});

describe('a burst of changes', () => {
  it('shares file writes, and every change is durable once its call resolves', async () => {
    const path = join(dir, 'state.json');
    const state = await StateFile.open(path, logger);
    await Promise.all(Array.from({ length: 50 }, (_, i) => state.set(`k${i}`, i)));
    const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
    expect(Object.keys(written)).toHaveLength(50);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
