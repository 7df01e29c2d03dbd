// "登录台账" in the chat: a one-time link for admins and bound staff, only in a private chat; readers
// and groups are told why not; with the web off the bot says so. The link is the web's own and works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInLinks } from '../../src/web/auth/links.ts';
import { intent, startTestBot, type TestBot } from './conversation.ts';

const links = new SignInLinks(Buffer.from('k'.repeat(43)), 'https://taizhang.example.gov.cn');
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ signIn: links });
});
afterAll(() => t.close());

const privateChat = (userId: string, userName?: string) => t.chat(`dm-${userId}`, { platform: 'telegram', userId, userName, chatType: 'private', today: '2022-06-10' });

/** The link in a reply, checked by the web's own verifier. */
function linkIn(text: string): { userId: string; name?: string } {
  const url = /https:\/\/taizhang\.example\.gov\.cn\/web\/login\?t=\S+/.exec(text)?.[0] ?? '';
  const checked = links.verify(new URL(url).searchParams.get('t') ?? '', new Date('2022-06-10T02:05:00Z'));
  if (!checked.ok) throw new Error(`no valid link in: ${text}`);
  return checked.claims.user;
}

describe('登录台账', () => {
  it('an admin in a private chat gets a link for themselves, valid 10 minutes, used once', async () => {
    const reply = await privateChat('admin1', '公开办').shouldReply('登录台账', intent('sign-in'), '10 分钟内有效', '只能使用一次');
    const text = reply.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(linkIn(text)).toEqual({ platform: 'telegram', userId: 'admin1', name: '公开办' });
  });

  it('bound staff get one too; before the binding they are refused', async () => {
    await privateChat('mz9').shouldReply('登录台账', intent('denied'), '只有管理员和已绑定单位的经办人');
    const admin = t.chat('-200', { platform: 'telegram', userId: 'admin1', today: '2022-06-10' });
    await admin.shouldReply('切换到汶上县', '已切换到');
    await admin.send('绑定 民政局', { mentions: [{ userId: 'mz9', name: '民政经办' }] });
    await privateChat('mz9', '民政经办').shouldReply('/login', intent('sign-in'), 'taizhang.example.gov.cn/web/login?t=');
  });

  it('in a group nobody gets a link, not even an admin: the bot asks for a private chat', async () => {
    const reply = await t.chat('-300', { platform: 'telegram', userId: 'admin1', today: '2022-06-10' }).shouldReply('登录台账', intent('sign-in'), '私聊');
    expect(JSON.stringify(reply)).not.toContain('login?t=');
  });

  it('with the web off the bot says so', async () => {
    const off = await startTestBot();
    try {
      await off.chat('dm', { platform: 'telegram', userId: 'admin1', chatType: 'private' }).shouldReply('登录台账', 'ZWGK_WEB=off');
    } finally {
      await off.close();
    }
  });
});
