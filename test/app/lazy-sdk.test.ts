// Each platform SDK is loaded only when its platform is started: importing the adapters (as start-up
// does) loads none of them (the Feishu SDK alone is 6 MB), and starting one loads only its own.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SDKS = ['dingtalk-stream', '@larksuiteoapi/node-sdk', '@wecom/aibot-node-sdk'];

/** Records every module URL the ESM loader resolves (dingtalk-stream loads as ESM, the others as CommonJS). */
const WATCH_IMPORTS = `
const { register } = await import('node:module');
const { MessageChannel } = await import('node:worker_threads');
const { port1, port2 } = new MessageChannel();
const resolved = [];
port1.on('message', (url) => resolved.push(url));
port1.unref();
const hook = 'let port; export function initialize(d) { port = d.port; } export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }';
register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
`;

/** The SDKs loaded by a script run in a fresh Node process: through the ESM loader or the CommonJS cache. */
function loadedAfter(script: string): string[] {
  const probe = `${WATCH_IMPORTS}
${script}
await new Promise((r) => setTimeout(r, 100));
const { createRequire } = await import('node:module');
const paths = [...resolved, ...Object.keys(createRequire(import.meta.url).cache)];
console.log(JSON.stringify(${JSON.stringify(SDKS)}.filter((sdk) => paths.some((path) => path.includes('/node_modules/' + sdk + '/')))));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[];
}

describe('platform SDKs', () => {
  it('are not loaded by importing the adapters', () => {
    expect(loadedAfter(`await import('./adapters/dingtalk.ts'); await import('./adapters/feishu.ts'); await import('./adapters/wecom.ts');`)).toEqual([]);
  });

  it('are loaded one by one, by the adapter that starts', () => {
    const wecom = `const { WecomAdapter } = await import('./adapters/wecom.ts');
      const { silentLogger } = await import('./src/log.ts');
      await new WecomAdapter({ mode: 'callback', token: 't', encodingAesKey: '${'a'.repeat(43)}', logger: silentLogger }).start(async () => {});`;
    expect(loadedAfter(wecom)).toEqual(['@wecom/aibot-node-sdk']);
    expect(loadedAfter(`await import('dingtalk-stream');`)).toEqual(['dingtalk-stream']);
  });
});
