// Where messages go: every channel the bot can send through (adapters by platform, robots by name),
// one way to resolve a chat key to a channel, and alerts to the admins.
import type { RobotConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Reply } from '../model/reply.ts';
import type { Notifier } from '../platform/adapter.ts';
import { dingtalkRobot } from '../../adapters/robots/dingtalk.ts';
import { feishuRobot } from '../../adapters/robots/feishu.ts';
import { wecomRobot } from '../../adapters/robots/wecom.ts';

/** The robot a configuration entry describes. */
export function robotOf(config: RobotConfig): Notifier {
  const options = { name: config.name };
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

  add(name: string, channel: Notifier): void {
    this.byName.set(name, channel);
  }

  /** The channel that reaches a chat key, and the chat id on it; undefined when none does. */
  resolveChannel(chat: string): { channel: Notifier; chatId: string } | undefined {
    const { platform, id } = splitChatKey(chat);
    const channel = platform === 'robot' ? this.byName.get(chat) : this.byName.get(platform);
    return channel ? { channel, chatId: id } : undefined;
  }
}

const asReply = (text: string): Reply => ({ intent: 'help', blocks: [{ type: 'paragraph', text }], tasks: [], related: [] });

/** Sends an alert to every configured admin target ("telegram:123", "robot:ops"); never throws. */
export function alerter(targets: readonly string[], channels: Channels, logger: Logger): (text: string) => Promise<void> {
  return async (text) => {
    for (const target of targets) {
      const route = channels.resolveChannel(target);
      if (!route) {
        logger.warn('alert target not available', { target });
        continue;
      }
      await route.channel.send({ chatId: route.chatId }, asReply(text)).catch((error: unknown) => logger.warn('alert failed', { target, error }));
    }
  };
}
