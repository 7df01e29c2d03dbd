// A platform access token (DingTalk's OpenAPI, WeCom's and Feishu's REST APIs issue tokens for about
// two hours): fetched on first use, cached, refreshed a few minutes before it expires, fetched once
// however many sends wait for it, and dropped when the platform says it is no longer valid.

export interface IssuedToken {
  token: string;
  /** Seconds the platform says the token lives. */
  expiresInSec: number;
}

/** A token is refreshed this long before the platform's expiry: clocks drift and requests take time. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export class AccessToken {
  private cached: { token: string; until: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token: the cached one, or a new one (one request however many callers wait). */
  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.until) return this.cached.token;
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets the token (the platform refused it): the next get() fetches a new one. */
  invalidate(): void {
    this.cached = null;
  }

  private async refresh(): Promise<string> {
    const issued = await this.issue();
    const lifetime = Math.max(0, issued.expiresInSec * 1000 - TOKEN_REFRESH_MARGIN_MS);
    this.cached = { token: issued.token, until: this.now() + lifetime };
    return issued.token;
  }
}
