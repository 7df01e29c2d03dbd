// Uploads parsed and shown as a preview, waiting for the admin's confirmation: kept in memory for a
// while, each tied to the session that uploaded it, a few at a time. Nothing is written until the
// confirmation; a restart forgets them (the admin uploads again).
import type { ParsedDocument } from '../model/task.ts';
import { randomToken } from './auth/secrets.ts';

/** A preview waits this long for its confirmation. */
export const PREVIEW_TTL_MS = 30 * 60_000;
/** At most this many previews are kept (the oldest goes first): parsed plans can be large. */
export const MAX_PENDING_IMPORTS = 8;

interface Pending {
  sessionId: string;
  parsed: ParsedDocument[];
  expiresAt: number;
}

export class PendingImports {
  private readonly items = new Map<string, Pending>();

  put(sessionId: string, parsed: ParsedDocument[], now: Date): string {
    this.prune(now);
    // One preview per session: a new upload replaces the last.
    for (const [id, p] of this.items) if (p.sessionId === sessionId) this.items.delete(id);
    while (this.items.size >= MAX_PENDING_IMPORTS) this.items.delete(this.items.keys().next().value as string);
    const id = randomToken();
    this.items.set(id, { sessionId, parsed, expiresAt: now.getTime() + PREVIEW_TTL_MS });
    return id;
  }

  /** The preview's documents, removed from the waiting list; null when gone, expired or another session's. */
  take(id: string, sessionId: string, now: Date): ParsedDocument[] | null {
    this.prune(now);
    const p = this.items.get(id);
    if (!p || p.sessionId !== sessionId) return null;
    this.items.delete(id);
    return p.parsed;
  }

  private prune(now: Date): void {
    for (const [id, p] of this.items) if (p.expiresAt <= now.getTime()) this.items.delete(id);
  }
}
