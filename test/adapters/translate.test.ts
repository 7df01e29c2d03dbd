// What the DingTalk and WeCom adapters make of a platform message: the chat, the identity, whether
// the bot is addressed (from the platform's own fields) and who else is mentioned. Table-driven.
import { describe, expect, it } from 'vitest';
import { DingtalkAdapter, type DingtalkRobotMessage } from '../../adapters/dingtalk.ts';
import { WecomAdapter, type WecomMessage } from '../../adapters/wecom.ts';
import { silentLogger } from '../../src/log.ts';
import type { IncomingMessage } from '../../src/platform/message.ts';

const ding = new DingtalkAdapter({ clientId: 'ding1', clientSecret: 'secret', mode: 'stream', logger: silentLogger });
const base: DingtalkRobotMessage = {
  msgId: 'm1',
  msgtype: 'text',
  conversationId: 'cidG==',
  conversationType: '2',
  senderStaffId: 'staff1',
  senderNick: '张三',
  chatbotUserId: '$bot',
  isInAtList: true,
  atUsers: [{ dingtalkId: '$bot' }],
  createAt: 1_700_000_000_000,
  text: { content: ' 民政局有哪些任务' },
};

describe('DingTalk translation', () => {
  it.each<[string, Partial<DingtalkRobotMessage>, Partial<IncomingMessage> | null]>([
    ['a group @-message', {}, { chatId: 'cidG==', chatType: 'group', userId: 'staff1', userName: '张三', text: '民政局有哪些任务', mentioned: true, mentions: [] }],
    ['a group message not @-ing the robot', { isInAtList: false, atUsers: [] }, { mentioned: false }],
    ['a group message without the field (DingTalk pushes only @-messages)', { isInAtList: undefined }, { mentioned: true }],
    ['@ a colleague too: listed by staff id, the robot not', { atUsers: [{ dingtalkId: '$bot' }, { dingtalkId: '$x', staffId: 'staff2' }, { dingtalkId: '$ext' }] }, { mentions: [{ userId: 'staff2' }] }],
    ['a private chat: the chat is the person', { conversationType: '1', isInAtList: false }, { chatId: 'user:staff1', chatType: 'private', mentioned: false }],
    ['rich text', { msgtype: 'richText', text: undefined, content: { richText: [{ text: '完成' }, { text: ' 3' }] } }, { text: '完成 3' }],
    ['no staff id (another organisation): the sender id', { senderStaffId: undefined, senderId: '$sender' }, { userId: '$sender' }],
    ['a picture', { msgtype: 'picture', text: undefined }, null],
  ])('%s', (_what, over, expected) => {
    const message = ding.translate({ ...base, ...over });
    if (expected === null) expect(message).toBeNull();
    else expect(message).toMatchObject({ platform: 'dingtalk', messageId: 'm1', time: new Date(1_700_000_000_000), ...expected });
  });
});

const wecom = new WecomAdapter({ mode: 'callback', token: 't', encodingAesKey: 'a'.repeat(43), logger: silentLogger });
const wecomBase: WecomMessage = { msgid: 'w1', chatid: 'wrkG', chattype: 'group', from: { userid: 'zhangsan' }, msgtype: 'text', text: { content: '@政务助手 民政局有哪些任务' }, create_time: 1_700_000_000 };

describe('WeCom translation', () => {
  it.each<[string, Partial<WecomMessage>, Partial<IncomingMessage> | null]>([
    ['a group message (WeCom calls back only when the bot is @-mentioned)', {}, { chatId: 'wrkG', chatType: 'group', userId: 'zhangsan', mentioned: true, text: '@政务助手 民政局有哪些任务' }],
    ['a single chat: the chat is the person', { chattype: 'single', chatid: undefined, text: { content: '帮助' } }, { chatId: 'zhangsan', chatType: 'private', mentioned: false }],
    ['a voice message, transcribed', { msgtype: 'voice', text: undefined, voice: { content: '这个月有什么到期' } }, { text: '这个月有什么到期' }],
    ['a mixed message: its text', { msgtype: 'mixed', text: undefined, mixed: { msg_item: [{ msgtype: 'text', text: { content: '完成 3' } }, { msgtype: 'image' }] } }, { text: '完成 3' }],
    ['an image', { msgtype: 'image', text: undefined }, null],
  ])('%s', (_what, over, expected) => {
    const message = wecom.translate({ ...wecomBase, ...over });
    if (expected === null) expect(message).toBeNull();
    else expect(message).toMatchObject({ platform: 'wecom', messageId: 'w1', ...expected });
  });
});
