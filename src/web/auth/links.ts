// One-time sign-in links: a signed token naming the person and when it expires, so issuing one needs
// no write (the CLI issues links while the server owns the store). Redeeming one records it in the
// store (sessions.ts), and a recorded link is refused: it works once. Roles are checked when it is
// redeemed, not when it is issued.
import type { Actor } from '../../model/records.ts';
import type { SignInIssuer, SignInLink } from '../../core/sign-in.ts';
import { paths } from '../paths.ts';
import { hmac, randomToken, sameText, sha256 } from './secrets.ts';

/** A link works for ten minutes. */
export const LINK_TTL_MS = 10 * 60_000;
/** Longer tokens are not ours: refused before any parsing. */
const MAX_TOKEN_CHARS = 2048;
const TOKEN_VERSION = 1;

export interface LinkClaims {
  /** SHA-256 of the link's nonce: what the store records once it is used. */
  id: string;
  user: Actor;
  expiresAt: Date;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'expired' };

interface Payload {
  v: number;
  n: string;
  p: string;
  u: string;
  m?: string;
  e: number;
}

function parsePayload(text: string): Payload | null {
  try {
    const p = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Payload>;
    const ok = p.v === TOKEN_VERSION && typeof p.n === 'string' && typeof p.p === 'string' && typeof p.u === 'string' && typeof p.e === 'number' && (p.m === undefined || typeof p.m === 'string');
    return ok ? (p as Payload) : null;
  } catch {
    return null;
  }
}

export class SignInLinks implements SignInIssuer {
  /** @param publicUrl where people reach the server, e.g. "https://taizhang.example.gov.cn". */
  constructor(
    private readonly key: Buffer,
    private readonly publicUrl: string,
  ) {}

  /** The token alone (tests and the CLI's --json use it). */
  token(person: Pick<Actor, 'platform' | 'userId' | 'name'>, now: Date): string {
    const payload: Payload = { v: TOKEN_VERSION, n: randomToken(), p: person.platform, u: person.userId, m: person.name, e: now.getTime() + LINK_TTL_MS };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${hmac(this.key, body)}`;
  }

  issue(person: Pick<Actor, 'platform' | 'userId' | 'name'>, now: Date): SignInLink {
    const token = this.token(person, now);
    return { url: `${this.publicUrl}${paths.signIn(token)}`, expiresAt: new Date(now.getTime() + LINK_TTL_MS) };
  }

  /** Whether the token is one of ours and still in time (whether it was used is the store's to say). */
  verify(token: string, now: Date): LinkCheck {
    if (token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'malformed' };
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined || !sameText(mac, hmac(this.key, body))) return { ok: false, reason: 'malformed' };
    const p = parsePayload(body);
    if (!p) return { ok: false, reason: 'malformed' };
    if (now.getTime() >= p.e) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { id: sha256(p.n), user: { platform: p.p, userId: p.u, name: p.m }, expiresAt: new Date(p.e) } };
  }
}
