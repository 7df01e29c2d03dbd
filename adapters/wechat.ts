// WeChat through Wechaty: any puppet (WECHATY_PUPPET), the login QR code in the terminal, the session
// kept in a memory card (written atomically, wechat-session.ts) so a restart needs no new scan. In a
// group the bot answers when @-mentioned or addressed with a command word (the dispatcher decides); its
// own messages are never answered. Puppet errors are incidents: logged once in full, one alert, then
// counted and summarised at growing intervals until the puppet works again (a login, a message).
import { FileBox } from 'file-box';
import qrcode from 'qrcode-terminal';
import { type Contact, log as wechatyLog, type Message, type Room, type Wechaty, WechatyBuilder, types } from 'wechaty';
import { Incident } from '../src/platform/incident.ts';
import { openSessionCard } from './wechat-session.ts';
import type { ChatAdapter, MessageHandler, Target } from '../src/platform/adapter.ts';
import type { IncomingMessage } from '../src/platform/message.ts';
import { inert, plainMessages } from '../src/platform/render.ts';
import type { Reply } from '../src/model/reply.ts';
import { adapterText, adminText } from '../src/texts/ops.ts';
import { AdapterError, messageOf } from '../src/errors.ts';
import type { Logger } from '../src/log.ts';

/** WeChat shows long text poorly: replies are split into messages of at most this many characters. */
export const WECHAT_MAX_CHARS = 1800;

export interface WechatOptions {
  /** A puppet name (wechaty-puppet-wechat4u …) or a puppet instance (tests). */
  puppet: string | object;
  puppetToken?: string;
  /** The memory-card name: the session is kept in `<name>.memory-card.json`. */
  session: string;
  logger: Logger;
  /** Tells the admins on another channel (logout, puppet failure). */
  alert?: (text: string) => Promise<void>;
  /** How long send() waits for a login before it fails. Default 5 minutes. */
  loginWaitMs?: number;
  /**
   * Wechaty's and the puppets' own logger (they print every error with its stack): 'silent' by default,
   * since the adapter logs what happens itself; 'info' to see them (ZWGK_LOG_LEVEL=debug).
   */
  puppetLog?: 'silent' | 'error' | 'info' | 'verbose';
}

export class WechatAdapter implements ChatAdapter {
  readonly name = 'wechat';
  private bot: Wechaty | null = null;
  private loggedIn: Promise<void>;
  private markLoggedIn: () => void = () => {};
  private readonly incident: Incident;

  constructor(private readonly options: WechatOptions) {
    this.loggedIn = this.resetLogin();
    this.incident = new Incident({
      name: 'wechat: puppet',
      logger: options.logger,
      alert: options.alert,
      alertText: (reason) => adminText.incident(adapterText.wechatName, reason),
    });
  }

  private resetLogin(): Promise<void> {
    this.loggedIn = new Promise<void>((resolve) => (this.markLoggedIn = resolve));
    return this.loggedIn;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    const { logger } = this.options;
    wechatyLog.level(this.options.puppetLog ?? 'silent');
    const bot = WechatyBuilder.build({
      name: this.options.session,
      memory: await openSessionCard(this.options.session, logger),
      puppet: this.options.puppet as never,
      ...(this.options.puppetToken ? { puppetOptions: { token: this.options.puppetToken } } : {}),
    });
    this.bot = bot;
    bot.on('scan', (code: string, status: types.ScanStatus) => {
      if (status === types.ScanStatus.Waiting || status === types.ScanStatus.Timeout) {
        logger.info('wechat: scan the QR code below with the bot account');
        qrcode.generate(code, { small: true });
      }
    });
    bot.on('login', (user: Contact) => {
      logger.info('wechat: logged in', { user: user.name() });
      this.incident.recovered();
      this.markLoggedIn();
    });
    bot.on('logout', (user: Contact) => {
      logger.warn('wechat: logged out', { user: user.name() });
      void this.resetLogin();
      void this.options.alert?.(adminText.wechatLoggedOut(user.name()));
    });
    bot.on('error', (error: Error) => this.incident.failed(error));
    bot.on('message', (message: Message) => {
      this.incident.recovered();
      this.translate(message)
        .then((m) => (m ? onMessage(m) : undefined))
        .catch((error: unknown) => logger.error('wechat: message failed', { error }));
    });
    try {
      await bot.start();
    } catch (cause) {
      throw new AdapterError(adapterText.wechatStartFailed(messageOf(cause)), { cause });
    }
  }

  /** A WeChat message as the core sees it, or null for the bot's own, non-text or system messages. */
  async translate(message: Message): Promise<IncomingMessage | null> {
    if (message.self() || message.type() !== types.Message.Text) return null;
    const room = message.room();
    const talker = message.talker();
    const text = room ? await message.mentionText() : message.text();
    const others = room ? await this.mentionedById(message) : [];
    return {
      platform: 'wechat',
      chatId: room ? room.id : talker.id,
      chatType: room ? 'group' : 'private',
      userId: talker.id,
      userName: talker.name(),
      text,
      // Only a real @-mention; a private chat is for the bot anyway (the dispatcher knows).
      mentioned: room ? await message.mentionSelf() : false,
      mentions: others.map((c) => ({ userId: c.id, name: c.name() })),
      messageId: message.id,
      time: message.date(),
    };
  }

  /**
   * The people a message @-mentions, as the puppet identified them (its mentionIdList). Wechaty falls
   * back to matching "@name" against members' display names when a puppet gives no ids; a name can be
   * copied by anyone in the room, so such mentions are not taken (bind staff by id from the CLI then).
   */
  private async mentionedById(message: Message): Promise<Contact[]> {
    const ids = (message.payload as { mentionIdList?: unknown } | undefined)?.mentionIdList;
    if (!Array.isArray(ids)) return [];
    return (await message.mentionList()).filter((c) => !c.self());
  }

  async send(target: Target, reply: Reply): Promise<void> {
    const bot = this.bot;
    if (!bot) throw new AdapterError(adapterText.wechatNotStarted);
    await this.waitForLogin();
    const room: Room | undefined = (await bot.Room.find({ id: target.chatId })) ?? undefined;
    const contact: Contact | undefined = room ? undefined : ((await bot.Contact.find({ id: target.chatId })) ?? undefined);
    if (!room && !contact) throw new AdapterError(adapterText.wechatNoChat(target.chatId));
    const mentions = room && target.mentions?.length ? (await Promise.all(target.mentions.map((id) => bot.Contact.find({ id })))).filter((c: Contact | undefined): c is Contact => Boolean(c)) : [];
    if (reply.file) {
      const file = FileBox.fromBuffer(Buffer.from(reply.file.data), reply.file.name);
      await (room ? room.say(file) : contact?.say(file));
    }
    for (const [i, text] of plainMessages(reply, { max: WECHAT_MAX_CHARS }, inert).entries()) {
      if (room) await (i === 0 && mentions.length ? room.say(text, ...mentions) : room.say(text));
      else await contact?.say(text);
    }
  }

  /** Sending waits for a login (after a logout, until the QR code is scanned again) instead of failing silently. */
  private async waitForLogin(): Promise<void> {
    const wait = this.options.loginWaitMs ?? 5 * 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AdapterError(adapterText.wechatLoginTimeout)), wait);
    });
    try {
      await Promise.race([this.loggedIn, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    await this.bot?.stop();
    this.bot = null;
  }
}
