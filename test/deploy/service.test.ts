// The systemd unit in deploy/: systemd itself finds nothing wrong with it, and it asks for what an
// unattended bot needs (a dedicated user, the data directory, the environment file, restart on failure,
// `npm start`), with defaults the configuration accepts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const UNIT = join(import.meta.dirname, '..', '..', 'deploy', 'zwgk-bot.service');
const text = readFileSync(UNIT, 'utf8');

/** Every `key=value` of a section, in order (a key may repeat). */
function section(name: string): Array<[string, string]> {
  const body = text.split(/^\[/m).find((s) => s.startsWith(`${name}]`)) ?? '';
  return body
    .split('\n')
    .slice(1)
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]);
}
const value = (name: string, key: string): string | undefined => section(name).find(([k]) => k === key)?.[1];

describe('deploy/zwgk-bot.service', () => {
  it('systemd-analyze verify finds nothing to say about it', () => {
    const run = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stderr.split('\n').filter((l) => l.includes('zwgk-bot.service'))).toEqual([]);
    expect(run.status).toBe(0);
  });

  it.each([
    ['User', /^(?!root$)\w+$/],
    ['Restart', /^on-failure$/],
    ['EnvironmentFile', /^\/etc\/zwgk-bot\/zwgk-bot\.env$/],
    ['StateDirectory', /^zwgk-bot$/],
    ['ExecStart', /\bnpm start\b/],
    ['WorkingDirectory', /^\/opt\/zwgk-bot$/],
    ['KillSignal', /^SIGTERM$/],
  ])('[Service] %s', (key, expected) => {
    expect(value('Service', key)).toMatch(expected);
  });

  it('keeps the store, exports and WeChat session in the data directory, as a valid configuration', () => {
    const env = Object.fromEntries(
      section('Service')
        .filter(([k]) => k === 'Environment')
        .map(([, v]) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]),
    );
    const config = loadConfig(env);
    expect(config.storePath).toBe('/var/lib/zwgk-bot/store.json');
    expect(config.exportDir).toBe('/var/lib/zwgk-bot/exports');
    expect(config.wechat).toBeNull();
    expect(env.ZWGK_LOG_FORMAT).toBe('json');
  });
});
