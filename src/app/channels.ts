// Where messages go: every channel the bot can send through (adapters by platform, robots by name),
// one way to resolve a chat key to a channel, and alerts to the admins. Alerts have their own lane
// (a robot's alert share of its rate, apart from the reminders' pace), are sent to every target at
// once (one slow target delays no other), pass the one redaction, and are deduplicated: the same alert
// goes out once per window, the next one after it saying how often it repeated meanwhile.
import type { RobotConfig } from '../config.ts';
import { type Logger, redact } from '../log.ts';
import type { Reply } from '../model/reply.ts';
import type { Notifier } from '../platform/adapter.ts';
import { adminText } from '../texts/ops.ts';
import { dingtalkRobot } from '../../adapters/robots/dingtalk.ts';
import { feishuRobot } from '../../adapters/robots/feishu.ts';
import type { RobotOptions } from '../../adapters/robots/robot.ts';
import { wecomRobot } from '../../adapters/robots/wecom.ts';

/** The same alert is sent at most once in this window (default). */
export const ALERT_WINDOW_MS = 10 * 60_000;
/** Alerts remembered for deduplication at most; the oldest are forgotten first. */
const MAX_ALERTS_REMEMBERED = 1000;

/** The robot a configuration entry describes, on one lane (reminders by default). */
export function robotOf(config: RobotConfig, lane: RobotOptions['lane'] = 'bulk'): Notifier {
  const options = { name: config.name, lane };
  if (config.type === 'wecom') return wecomRobot(config, options);
  if (config.type === 'dingtalk') return dingtalkRobot(config, options);
  return feishuRobot(config, options);
}

/** A chat key split: "robot:ops" is a robot by name; "telegram:-100" a chat on an adapter. */
export function splitChatKey(chat: string): { platform: string; id: string } {
  const [platform = '', id = ''] = chat.split(/:(.*)/s);
  return { platform, id };
}

export class Channels {
  private readonly byName = new Map<string, Notifier>();
  private readonly alertsByName = new Map<string, Notifier>();

  /** Adds a channel; `alerts` is its separate alert lane, where it has one (robots). */
  add(name: string, channel: Notifier, alerts?: Notifier): void {
    this.byName.set(name, channel);
    if (alerts) this.alertsByName.set(name, alerts);
  }

  /** Adds a configured robot: its reminders lane and its alert lane. */
  addRobot(config: RobotConfig): void {
    this.add(`robot:${config.name}`, robotOf(config, 'bulk'), robotOf(config, 'alert'));
  }

  /** The channel that reaches a chat key, and the chat id on it; undefined when none does. */
  resolveChannel(chat: string): { channel: Notifier; chatId: string } | undefined {
    return this.resolveIn(this.byName, chat);
  }

  /** The alert lane that reaches a chat key (the channel itself where it has no lane of its own). */
  resolveAlertChannel(chat: string): { channel: Notifier; chatId: string } | undefined {
    return this.resolveIn(this.alertsByName, chat) ?? this.resolveChannel(chat);
  }

  private resolveIn(map: ReadonlyMap<string, Notifier>, chat: string): { channel: Notifier; chatId: string } | undefined {
    const { platform, id } = splitChatKey(chat);
    const channel = platform === 'robot' ? map.get(chat) : map.get(platform);
    return channel ? { channel, chatId: id } : undefined;
  }
}

const asReply = (text: string): Reply => ({ intent: 'help', blocks: [{ type: 'paragraph', text }], tasks: [], related: [] });

export interface AlertOptions {
  /** The same alert goes out once in this window. Default ALERT_WINDOW_MS. */
  windowMs?: number;
  now?: () => Date;
}

export type Alert = (text: string) => Promise<void>;

/** Sends an alert to every configured admin target ("telegram:123", "robot:ops"); never throws. */
export function alerter(targets: readonly string[], channels: Channels, logger: Logger, options: AlertOptions = {}): Alert {
  const windowMs = options.windowMs ?? ALERT_WINDOW_MS;
  const now = options.now ?? (() => new Date());
  const seen = new Map<string, { sentAt: number; repeated: number }>();
  return async (raw) => {
    const text = redact(raw);
    const t = now().getTime();
    const last = seen.get(text);
    if (last && t - last.sentAt < windowMs) {
      last.repeated++;
      logger.debug('alert repeated within its window, not sent again', { repeated: last.repeated });
      return;
    }
    seen.delete(text);
    seen.set(text, { sentAt: t, repeated: 0 });
    if (seen.size > MAX_ALERTS_REMEMBERED) seen.delete(seen.keys().next().value as string);
    const body = last?.repeated ? adminText.repeated(text, last.repeated, Math.round(windowMs / 60_000)) : text;
    await Promise.all(
      targets.map(async (target) => {
        const route = channels.resolveAlertChannel(target);
        if (!route) return logger.warn('alert target not available', { target });
        await route.channel.send({ chatId: route.chatId }, asReply(body)).catch((error: unknown) => logger.warn('alert failed', { target, error }));
      }),
    );
  };
}
