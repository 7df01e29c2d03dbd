// Flood control: per person and per chat, how many messages the bot answers, and how many of them may
// change something (ledger marks, subscriptions, bindings, a region switch), in a sliding window. Over
// a limit, the bot says so once (a short, polite notice) and then stays quiet until there is room
// again; one member's flood never turns into a flood of answers in the group. Memory is bounded.

export interface Rate {
  limit: number;
  windowMs: number;
}

export interface FloodLimits {
  /** Answers to one person (in any chat of the platform). */
  personAnswers: Rate;
  /** Answers into one chat. */
  chatAnswers: Rate;
  /** Changes (mutating commands) by one person. */
  personChanges: Rate;
  /** Changes in one chat. */
  chatChanges: Rate;
}

const MINUTE_MS = 60_000;

/**
 * Defaults: a person gets 12 answers a minute (a staff member marking a dozen tasks in a row is fine),
 * a chat 20 (Telegram's own limit for a group), changes 10 a minute per person and 20 per chat.
 */
export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  personAnswers: { limit: 12, windowMs: MINUTE_MS },
  chatAnswers: { limit: 20, windowMs: MINUTE_MS },
  personChanges: { limit: 10, windowMs: MINUTE_MS },
  chatChanges: { limit: 20, windowMs: MINUTE_MS },
};

/** Keys (people, chats) remembered at most per window; the least recently seen go first. */
const MAX_KEYS = 10_000;

/** A sliding window of hits per key. */
class Window {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly rate: Rate) {}

  private times(key: string, now: number): number[] {
    const times = this.hits.get(key) ?? [];
    while (times.length && (times[0] as number) <= now - this.rate.windowMs) times.shift();
    this.hits.delete(key);
    if (times.length) this.hits.set(key, times);
    if (this.hits.size > MAX_KEYS) this.hits.delete(this.hits.keys().next().value as string);
    return times;
  }

  full(key: string, now: number): boolean {
    return this.times(key, now).length >= this.rate.limit;
  }

  take(key: string, now: number): void {
    const times = this.times(key, now);
    times.push(now);
    this.hits.set(key, times);
  }
}

export type Verdict = { kind: 'answer' } | { kind: 'notice'; who: 'person' | 'chat' } | { kind: 'quiet' };

export class FloodControl {
  private readonly personAnswers: Window;
  private readonly chatAnswers: Window;
  private readonly personChanges: Window;
  private readonly chatChanges: Window;
  /** People and chats told of their flood; forgotten once all their windows have room again. */
  private readonly told = new Set<string>();

  constructor(limits: FloodLimits = DEFAULT_FLOOD_LIMITS) {
    this.personAnswers = new Window(limits.personAnswers);
    this.chatAnswers = new Window(limits.chatAnswers);
    this.personChanges = new Window(limits.personChanges);
    this.chatChanges = new Window(limits.chatChanges);
  }

  /** A person or chat with room in every window may be told again in a later flood. */
  private forgetIfRoom(told: string, key: string, windows: readonly Window[], now: number): void {
    if (!windows.some((w) => w.full(key, now))) this.told.delete(told);
  }

  /** True the first time in a flood: the one notice. */
  private tell(key: string): boolean {
    if (this.told.has(key)) return false;
    this.told.add(key);
    if (this.told.size > MAX_KEYS) this.told.delete(this.told.values().next().value as string);
    return true;
  }

  /**
   * Whether to answer a message from `person` in `chat` (keys already qualified by platform); a change
   * counts as an answer too. Over a limit: one notice per flood (the chat's, or else the person's),
   * then quiet until there is room again.
   */
  admit(person: string, chat: string, change: boolean, now: number): Verdict {
    const chatKey = `chat ${chat}`;
    const personKey = `person ${person}`;
    const chatWindows = change ? [this.chatAnswers, this.chatChanges] : [this.chatAnswers];
    const personWindows = change ? [this.personAnswers, this.personChanges] : [this.personAnswers];
    // Fullness is judged over every window of the key, so that a notice is not repeated for another kind.
    this.forgetIfRoom(chatKey, chat, [this.chatAnswers, this.chatChanges], now);
    this.forgetIfRoom(personKey, person, [this.personAnswers, this.personChanges], now);
    if (chatWindows.some((w) => w.full(chat, now))) return this.tell(chatKey) ? { kind: 'notice', who: 'chat' } : { kind: 'quiet' };
    if (personWindows.some((w) => w.full(person, now))) {
      if (!this.tell(personKey)) return { kind: 'quiet' };
      // The person's notice is one more message into the chat.
      this.chatAnswers.take(chat, now);
      return { kind: 'notice', who: 'person' };
    }
    for (const w of chatWindows) w.take(chat, now);
    for (const w of personWindows) w.take(person, now);
    return { kind: 'answer' };
  }
}
