// The one HTTP server: mounts under their prefixes, the body limit for everyone, a larger one only
// for the routes that ask (uploads), and a real socket on 127.0.0.1.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/app/http-server.ts';
import { silentLogger } from '../../src/log.ts';

const KIB = 1024;

function server(): HttpServer {
  const s = new HttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger, bodyLimitBytes: 4 * KIB });
  const echo = async (c: { req: { text: () => Promise<string> }; text: (s: string) => Response }) => c.text(String((await c.req.text()).length));
  s.mount({ prefix: '/web', routes: () => new Hono().post('/upload', echo).post('/form', echo), bodyLimits: [{ path: '/upload', maxBytes: 64 * KIB }] });
  s.mount({ prefix: '/hook', routes: () => new Hono().post('/', echo) });
  return s;
}

const post = (s: HttpServer, path: string, bytes: number): Promise<Response> =>
  Promise.resolve(s.fetch(new Request(`http://127.0.0.1${path}`, { method: 'POST', body: 'a'.repeat(bytes) })));

describe('HttpServer', () => {
  it.each([
    ['/web/upload', 32 * KIB, 200],
    ['/web/upload', 65 * KIB, 413],
    ['/web/form', 3 * KIB, 200],
    ['/web/form', 32 * KIB, 413],
    ['/hook', 32 * KIB, 413],
  ])('POST %s with %i bytes → %i', async (path, bytes, status) => {
    expect((await post(server(), path, bytes)).status).toBe(status);
  });

  it('starts only when asked, listens on 127.0.0.1 and stops', async () => {
    const s = server();
    expect(s.needed).toBe(true);
    expect(new HttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger }).needed).toBe(false);
    await s.start();
    try {
      const response = await fetch(`http://127.0.0.1:${s.port}/web/form`, { method: 'POST', body: 'abc' });
      expect(await response.text()).toBe('3');
    } finally {
      await s.stop();
    }
  });
});
