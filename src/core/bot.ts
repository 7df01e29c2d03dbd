// The bot: one platform-free function from an incoming message to a reply. Every adapter and the CLI
// go through it; it is the one error boundary per message.
import { silentLogger, type Logger } from '../log.ts';
import type { StoreData } from '../store/schema.ts';
import type { TaskStore } from '../store/task-store.ts';
import { shanghaiDate } from '../time.ts';
import { answerDetail, answerDetailById, answerMore, answerRelated } from './answers/browse.ts';
import { type Answer, type AnswerContext, planYear, say } from './answers/context.ts';
import { answerDue } from './answers/due.ts';
import { answerOutOfScope, answerSearch } from './answers/search.ts';
import { answerDeadlineOf, answerListDeadlines, answerListUnits } from './answers/deadline.ts';
import { answerStats } from './answers/stats.ts';
import { answerNoPlan, answerUnitTasks, answerUnitUnknown } from './answers/unit-tasks.ts';
import { readMessage, type ParsedIntent } from './intent.ts';
import { KnowledgeCache } from './knowledge.ts';
import { chatKey, type IncomingMessage } from '../platform/message.ts';
import type { Reply } from '../model/reply.ts';
import { sessionKey, type Frame, type Session, SESSION_TTL_MS, type SessionStore } from './sessions.ts';
import { chatText } from '../texts/chat.ts';
import { deniedText } from '../texts/chat.ts';
import { answerBind, answerDigestTime, answerLeadDays, answerSettings, answerSubscribe, answerUnsubscribe } from './answers/subscriptions.ts';
import { answerCompletion, answerDoneThisMonth, answerExport, answerMark } from './answers/ledger.ts';
import { may, type Person } from './roles.ts';
import { answerSignIn } from './answers/sign-in.ts';
import type { SignInIssuer } from './sign-in.ts';
import { eventsByTask } from '../ledger/status.ts';

/** Longer messages are not questions: they are refused before any parsing. */
export const MAX_MESSAGE_CHARS = 500;
/** An unbound chat asking for lists over more regions than this is asked to name one. */
export const MAX_UNSCOPED_REGIONS = 5;

/** What the bot needs of the store: its index and data, the chats' region bindings, and writing. */
export type BotStore = Pick<TaskStore, 'index' | 'revision' | 'data' | 'chatSettings' | 'setChatRegion' | 'change'>;

export interface BotDeps {
  store: BotStore;
  sessions: SessionStore;
  logger?: Logger;
  /** Admins as "platform:userId" (ZWGK_ADMINS). */
  admins?: readonly string[];
  /** Hands out sign-in links of the web 台账; absent when the web is off. */
  signIn?: SignInIssuer;
}

export class Bot {
  private readonly knowledge: KnowledgeCache;
  /** The ledger grouped by task, rebuilt only when the store's ledger array is replaced by a change. */
  private ledgerCache: { events: StoreData['ledger']; byTask: ReturnType<typeof eventsByTask> } | null = null;
  private readonly logger: Logger;

  constructor(private readonly deps: BotDeps) {
    this.knowledge = new KnowledgeCache(deps.store);
    this.logger = deps.logger ?? silentLogger;
  }

  /** Builds the indexes now rather than on the first message. */
  warmUp(): void {
    this.knowledge.get();
  }

  /**
   * Answers one message. `region` scopes this one question (the CLI's --region) without binding
   * the chat.
   */
  async handle(message: IncomingMessage, options: { region?: string } = {}): Promise<Reply> {
    try {
      return await this.answer(message, options.region);
    } catch (error) {
      this.logger.error('message failed', { platform: message.platform, chat: message.chatId, messageId: message.messageId, error });
      return say('error', chatText.error).reply;
    }
  }

  private async answer(message: IncomingMessage, regionOverride: string | undefined): Promise<Reply> {
    if (message.text.length > MAX_MESSAGE_CHARS) return say('fallback', chatText.tooLong(MAX_MESSAGE_CHARS)).reply;
    const knowledge = this.knowledge.get();
    const chat = chatKey(message);
    const today = shanghaiDate(message.time);
    const binding = (regionOverride && knowledge.catalog.region(regionOverride)) || this.deps.store.chatSettings(chat)?.region;
    const bound = binding !== undefined && knowledge.index.byRegion.has(binding);
    const regions = knowledge.index.regions();
    const data = this.deps.store.data;
    const person: Person = { platform: message.platform, userId: message.userId, name: message.userName, chat };
    const admins = this.deps.admins ?? [];
    // References ("第3条", "完成 3") are per person: another member's question never moves them.
    const key = sessionKey(chat, message.userId);
    const found = await this.deps.sessions.read(key, message.time);
    const ctx: AnswerContext = {
      knowledge,
      now: message.time,
      today,
      session: found.session,
      sessionLapsed: found.lapsed,
      person,
      chatType: message.chatType,
      admins,
      may: (action, task) => may(action, person, admins, data.bindings, task),
      region: bound ? (binding ?? null) : regions.length === 1 ? (regions[0] ?? null) : null,
      data,
      ledger: this.ledgerOf(data.ledger),
      mentions: message.mentions ?? [],
    };
    const { intent, frame } = readMessage(message.text, {
      catalog: knowledge.catalog,
      defaultRegions: bound ? [binding] : knowledge.index.regions(),
      today,
      planYear: (regions) => planYear(ctx, regions),
      years: (region) => knowledge.index.years(region),
      frame: ctx.session?.frame,
    });
    const answer = this.tooBroad(intent) ?? (await this.route(ctx, intent));
    if (answer.write) await this.deps.store.change(answer.write);
    if (answer.bindRegion) await this.deps.store.setChatRegion(chat, answer.bindRegion, `${message.platform}:${message.userId}`, message.time);
    const session = withFrame(answer.session ?? ctx.session, frame, message.time);
    if (session) await this.deps.sessions.set(key, session);
    return answer.reply;
  }

  private ledgerOf(events: StoreData['ledger']): ReturnType<typeof eventsByTask> {
    if (this.ledgerCache?.events !== events) this.ledgerCache = { events, byTask: eventsByTask(events) };
    return this.ledgerCache.byTask;
  }

  /** Lists over a whole province answer nobody: ask which region (search is fine everywhere). */
  private tooBroad(intent: ParsedIntent): Answer | null {
    if (intent.kind !== 'unit-tasks' && intent.kind !== 'due' && intent.kind !== 'stats') return null;
    const regions = intent.units.length ? new Set(intent.units.map((u) => u.region)) : new Set(intent.regions);
    if (regions.size <= MAX_UNSCOPED_REGIONS) return null;
    return say(intent.kind, chatText.chooseRegion(regions.size, [...regions].slice(0, 3)));
  }

  private async route(ctx: AnswerContext, intent: ParsedIntent): Promise<Answer> {
    switch (intent.kind) {
      case 'empty':
        return say('fallback', chatText.empty);
      case 'help':
        return say('help', chatText.help);
      case 'greeting':
        return say('help', chatText.hello);
      case 'thanks':
        return say('fallback', chatText.thanks);
      case 'english':
        return say('fallback', chatText.english);
      case 'refuse':
        return say('refuse', chatText.refuse);
      case 'unit-unknown':
        return answerUnitUnknown(ctx, intent.asked, intent.suggestions, intent.regions);
      case 'no-plan':
        return answerNoPlan(ctx, intent.year, intent.regions);
      case 'deadline-of':
        return answerDeadlineOf(ctx, intent.query, intent.regions, intent.units);
      case 'list-units':
        return answerListUnits(ctx);
      case 'list-deadlines':
        return answerListDeadlines(ctx);
      case 'out-of-scope':
        return answerOutOfScope(ctx, intent.query, intent.regions, intent.units);
      case 'more':
        return answerMore(ctx);
      case 'related':
        return answerRelated(ctx);
      case 'detail':
        return answerDetail(ctx, intent.n);
      case 'detail-id':
        return answerDetailById(ctx, intent.id);
      case 'region': {
        if (!ctx.may('region')) return say('denied', deniedText.region);
        const region = ctx.knowledge.catalog.region(intent.name);
        if (!region) return say('region', chatText.regionUnknown(intent.name, ctx.knowledge.index.regions().join('、')));
        return { ...say('region', chatText.regionBound(region)), bindRegion: region };
      }
      case 'stats':
        return answerStats(ctx, intent.units, intent.perUnit, intent.regions);
      case 'unit-tasks':
        return answerUnitTasks(ctx, intent);
      case 'due':
        return answerDue(ctx, intent.range, intent.regions, intent.units);
      case 'search':
        return answerSearch(ctx, intent.query, intent.regions, intent.units);
      case 'subscribe':
        return answerSubscribe(ctx, intent.regions, intent.units, intent.unknown);
      case 'unsubscribe':
        return answerUnsubscribe(ctx);
      case 'settings':
        return answerSettings(ctx);
      case 'lead-days':
        return answerLeadDays(ctx, intent.days);
      case 'digest-time':
        return answerDigestTime(ctx, intent.hour, intent.minute);
      case 'bind':
        return answerBind(ctx, intent.units);
      case 'mark':
        return answerMark(ctx, intent.action, intent.ref, intent.note);
      case 'completion':
        return answerCompletion(ctx, intent.regions, intent.units);
      case 'done-this-month':
        return answerDoneThisMonth(ctx, intent.regions, intent.units);
      case 'export':
        return answerExport(ctx, intent.regions);
      case 'sign-in':
        return answerSignIn(ctx, this.deps.signIn);
      case 'fallback':
        return say('fallback', chatText.fallback);
    }
  }
}

/**
 * The chat's session after a message: the list it shows (the new one, or the one before) and the frame
 * of the last question, so that a follow-up is read against it. Commands keep the frame they found.
 */
function withFrame(session: Session | undefined, frame: Frame | undefined, now: Date): Session | undefined {
  if (!frame) return session;
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  const base: Session = session ?? { title: '', taskIds: [], relatedUnits: [], relatedTitle: '', page: 0, roles: {}, expiresAt };
  return { ...base, frame, expiresAt };
}
