// Sessions of the web 台账, kept in the store: redeeming a link records the link as used and opens a
// session in one write; the browser holds a random token in an HttpOnly, SameSite=Strict cookie, the
// store only its hash. Sessions end at their expiry or on sign-out; expired records are dropped on
// the next sign-in.
import { LinkUsedError } from '../../errors.ts';
import type { Actor, WebLink, WebSession } from '../../model/records.ts';
import type { StoreData } from '../../store/schema.ts';
import type { TaskStore } from '../../store/task-store.ts';
import type { LinkClaims } from './links.ts';
import { randomToken, sha256 } from './secrets.ts';

/** A session lasts a working day; then the person asks for a new link. */
export const SESSION_TTL_MS = 8 * 3600_000;
export const SESSION_COOKIE = 'zwgk_session';

export type SessionStore = Pick<TaskStore, 'data' | 'change'>;

const index = new WeakMap<readonly WebSession[], Map<string, WebSession>>();

function byId(sessions: readonly WebSession[]): Map<string, WebSession> {
  let map = index.get(sessions);
  if (!map) {
    map = new Map(sessions.map((s) => [s.id, s]));
    index.set(sessions, map);
  }
  return map;
}

export type SessionLookup = { state: 'active'; session: WebSession } | { state: 'expired' } | { state: 'none' };

/** The session a cookie's token opens (the store is searched by the token's hash). */
export function findSession(data: Pick<StoreData, 'webSessions'>, token: string | undefined, now: Date): SessionLookup {
  if (!token) return { state: 'none' };
  const session = byId(data.webSessions).get(sha256(token));
  if (!session) return { state: 'none' };
  return new Date(session.expiresAt) > now ? { state: 'active', session } : { state: 'expired' };
}

export function isLinkUsed(data: Pick<StoreData, 'webLinks'>, id: string): boolean {
  return data.webLinks.some((l) => l.id === id);
}

/**
 * Records the link as used and opens a session, in one durable write. Throws LinkUsedError when the
 * link is already recorded (checked inside the write, so two tabs redeeming it at once cannot both win).
 */
export async function redeem(store: SessionStore, claims: LinkClaims, user: Actor, now: Date): Promise<{ token: string; session: WebSession }> {
  const token = randomToken();
  const at = now.toISOString();
  const session: WebSession = { id: sha256(token), user, createdAt: at, expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() };
  const used: WebLink = { id: claims.id, user: claims.user, expiresAt: claims.expiresAt.toISOString(), usedAt: at };
  await store.change((draft) => {
    if (isLinkUsed(draft, claims.id)) throw new LinkUsedError(claims.id);
    draft.webLinks = [...draft.webLinks.filter((l) => l.expiresAt > at), used];
    draft.webSessions = [...draft.webSessions.filter((s) => s.expiresAt > at), session];
  });
  return { token, session };
}

export async function endSession(store: SessionStore, id: string): Promise<void> {
  if (!store.data.webSessions.some((s) => s.id === id)) return;
  await store.change((draft) => {
    draft.webSessions = draft.webSessions.filter((s) => s.id !== id);
  });
}
