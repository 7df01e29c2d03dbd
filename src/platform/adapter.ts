// The one contract every platform adapter implements. Adapters translate a platform to and from the
// core's types; they decide nothing.
import type { Hono } from 'hono';
import type { IncomingMessage } from './message.ts';
import type { Reply } from '../model/reply.ts';

/** Where a reply or a push goes: a chat on the adapter's platform, and members to @-mention. */
export interface Target {
  chatId: string;
  /** Platform user ids (or phone numbers for robots) to @-mention, through the platform's own fields. */
  mentions?: string[];
  /** The message being answered, where the platform threads replies. */
  replyTo?: string;
}

export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/** A push-only channel (group robots): it can send, not listen. */
export interface Notifier {
  readonly name: string;
  send(target: Target, reply: Reply): Promise<void>;
}

/** Routes served on the process's one HTTP server: a platform's callbacks, the web 台账. */
export interface HttpMount {
  /** The path prefix it owns, e.g. "/dingtalk" or "/web". */
  readonly prefix: string;
  /** Its routes, relative to the prefix. */
  routes(): Hono;
  /** Routes (relative to the prefix) that take larger bodies than the server's limit: file uploads. */
  readonly bodyLimits?: ReadonlyArray<{ path: string; maxBytes: number }>;
}

/** A two-way chat platform. */
export interface ChatAdapter extends Notifier {
  /**
   * Starts receiving. `onMessage` answers; adapters that must acknowledge a platform quickly call it
   * without waiting (the dispatcher answers once and in order).
   */
  start(onMessage: MessageHandler): Promise<void>;
  stop(): Promise<void>;
  /** Where the platform calls back over HTTP (callback modes): mounted before start. */
  readonly http?: HttpMount;
}

/** What answers a message: the bot, seen from the platform layer. */
export interface Responder {
  handle(message: IncomingMessage): Promise<Reply>;
}
