// The bot: one platform-free function from an incoming message to a reply. Every adapter and the CLI
// go through it; it is the one error boundary per message.
import { silentLogger, type Logger } from '../log.ts';
import type { TaskStore } from '../store/task-store.ts';
import { shanghaiDate } from '../time.ts';
import { answerDetail, answerDetailById, answerMore, answerRelated } from './answers/browse.ts';
import { type Answer, type AnswerContext, planYear, say } from './answers/context.ts';
import { answerDue } from './answers/due.ts';
import { answerSearch } from './answers/search.ts';
import { answerStats } from './answers/stats.ts';
import { answerUnitTasks } from './answers/unit-tasks.ts';
import { parseIntent, type ParsedIntent } from './intent.ts';
import { KnowledgeCache } from './knowledge.ts';
import { chatKey, type IncomingMessage } from './message.ts';
import type { Reply } from './reply.ts';
import type { SessionStore } from './sessions.ts';
import { chatText } from './texts.ts';

/** Longer messages are not questions: they are refused before any parsing. */
export const MAX_MESSAGE_CHARS = 500;
/** An unbound chat asking for lists over more regions than this is asked to name one. */
export const MAX_UNSCOPED_REGIONS = 5;

/** What the bot needs of the store: its index, and the chats' region bindings. */
export type BotStore = Pick<TaskStore, 'index' | 'revision' | 'chatSettings' | 'setChatRegion'>;

export interface BotDeps {
  store: BotStore;
  sessions: SessionStore;
  logger?: Logger;
}

export class Bot {
  private readonly knowledge: KnowledgeCache;
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
    const ctx: AnswerContext = {
      knowledge,
      now: message.time,
      today,
      bound,
      session: this.deps.sessions.get(chat, message.time),
    };
    const intent = parseIntent(message.text, {
      catalog: knowledge.catalog,
      defaultRegions: bound ? [binding] : knowledge.index.regions(),
      today,
      planYear: (regions) => planYear(ctx, regions),
    });
    const answer = this.tooBroad(intent) ?? this.route(ctx, intent);
    if (answer.bindRegion) await this.deps.store.setChatRegion(chat, answer.bindRegion, `${message.platform}:${message.userId}`, message.time);
    if (answer.session) await this.deps.sessions.set(chat, answer.session);
    return answer.reply;
  }

  /** Lists over a whole province answer nobody: ask which region (search is fine everywhere). */
  private tooBroad(intent: ParsedIntent): Answer | null {
    if (intent.kind !== 'unit-tasks' && intent.kind !== 'due' && intent.kind !== 'stats') return null;
    const regions = intent.units.length ? new Set(intent.units.map((u) => u.region)) : new Set(intent.regions);
    if (regions.size <= MAX_UNSCOPED_REGIONS) return null;
    return say(intent.kind, chatText.chooseRegion(regions.size, [...regions].slice(0, 3)));
  }

  private route(ctx: AnswerContext, intent: ParsedIntent): Answer {
    switch (intent.kind) {
      case 'empty':
        return say('fallback', chatText.empty);
      case 'help':
        return say('help', chatText.help);
      case 'more':
        return answerMore(ctx);
      case 'related':
        return answerRelated(ctx);
      case 'detail':
        return answerDetail(ctx, intent.n);
      case 'detail-id':
        return answerDetailById(ctx, intent.id);
      case 'region': {
        const region = ctx.knowledge.catalog.region(intent.name);
        if (!region) return say('region', chatText.regionUnknown(intent.name, ctx.knowledge.index.regions().join('、')));
        return { ...say('region', chatText.regionBound(region)), bindRegion: region };
      }
      case 'stats':
        return answerStats(ctx, intent.units, intent.perUnit, intent.regions);
      case 'unit-tasks':
        return answerUnitTasks(ctx, intent.units, intent.role);
      case 'due':
        return answerDue(ctx, intent.range, intent.regions, intent.units);
      case 'search':
        return answerSearch(ctx, intent.query, intent.regions, intent.units);
      case 'fallback':
        return say('fallback', chatText.fallback);
    }
  }
}
