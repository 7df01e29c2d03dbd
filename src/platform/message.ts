// What the core receives from any platform, and where replies go.

export type Platform = 'console' | 'cli' | 'wechat' | 'telegram' | 'wecom' | 'dingtalk' | 'feishu';

export interface IncomingMessage {
  platform: Platform;
  chatId: string;
  chatType: 'group' | 'private';
  userId: string;
  userName?: string;
  text: string;
  /** The bot was @-mentioned (or replied to) in a group. */
  mentioned: boolean;
  /** Other people the message @-mentions (for "绑定 民政局 @经办人"). */
  mentions?: Array<{ userId: string; name?: string }>;
  messageId: string;
  time: Date;
}

/** A chat on a platform: the unit of conversation state and region binding. */
export const chatKey = (m: Pick<IncomingMessage, 'platform' | 'chatId'>): string => `${m.platform}:${m.chatId}`;
