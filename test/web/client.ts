// A browser in miniature for the page tests: keeps cookies (as Set-Cookie says, per path), follows
// nothing on its own, and fills in the CSRF token the pages carry.
import type { Actor } from '../../src/model/records.ts';
import { paths } from '../../src/web/paths.ts';
import type { WebHarness } from './harness.ts';

const CSRF = /name="_csrf" value="([^"]+)"/;

export class Client {
  readonly cookies = new Map<string, string>();

  constructor(private readonly web: WebHarness) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await this.web.app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** POSTs a form; the CSRF token is taken from `from` (a page) unless `csrf` says otherwise. */
  async post(path: string, fields: Record<string, string>, options: { csrf?: string | null; from?: string } = {}): Promise<Response> {
    const csrf = options.csrf === undefined ? await this.csrf(options.from ?? paths.home()) : options.csrf;
    const body = new URLSearchParams(csrf === null ? fields : { ...fields, _csrf: csrf });
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  }

  async postMultipart(path: string, form: FormData, from = paths.imports()): Promise<Response> {
    form.set('_csrf', await this.csrf(from));
    return this.request(path, { method: 'POST', body: form });
  }

  async csrf(page: string): Promise<string> {
    const html = await (await this.get(page)).text();
    const token = CSRF.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${page}`);
    return token;
  }

  /** Opens a link's confirmation and presses 登录; returns the answer to the POST. */
  async signIn(person: Actor): Promise<Response> {
    const link = this.web.linkPath(person);
    const page = await this.get(link);
    const html = await page.text();
    const csrf = CSRF.exec(html)?.[1] ?? '';
    const token = new URL(link, 'http://x').searchParams.get('t') ?? '';
    return this.request(paths.signIn(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ t: token, _csrf: csrf }) });
  }
}
