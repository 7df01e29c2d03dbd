// Who may change what: every mutating command × role × chat type. A refused action changes nothing
// and says why; identity is the platform user id, never the display name.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreData } from '../../src/store/schema.ts';
import { startTestBot, type TestBot } from './conversation.ts';

let t: TestBot;
let minzheng: string;
let caizhengOnly: string;
beforeAll(async () => {
  t = await startTestBot();
  const wenshang = t.store.data.tasks.filter((x) => x.region === '汶上县');
  minzheng = wenshang.find((x) => x.responsible.includes('县民政局'))!.id;
  caizhengOnly = wenshang.find((x) => x.responsible.includes('县财政局') && !x.responsible.includes('县民政局'))!.id;
});
afterAll(() => t.close());

/** Staff bound by an admin in the work group: wx staff of 民政局, wx staff of 财政局. */
beforeEach(async () => {
  await t.store.change((d) => {
    // The ledger is append-only: the two tasks the matrix marks start each test not done.
    for (const taskId of [minzheng, caizhengOnly]) d.ledger.push({ taskId, action: 'undone', note: '', by: { platform: 'cli', userId: 'cli' }, chat: 'cli', at: '' });
    d.subscriptions = [];
    d.chats = [];
    d.bindings = [
      { chat: 'telegram:-100', region: '汶上县', unitKey: '民政局', unitName: '县民政局', user: { platform: 'telegram', userId: 'mz1', name: '民政经办' }, by: { platform: 'telegram', userId: 'admin1' }, at: '' },
      { chat: 'telegram:-100', region: '汶上县', unitKey: '财政局', unitName: '县财政局', user: { platform: 'telegram', userId: 'cz1', name: '财政经办' }, by: { platform: 'telegram', userId: 'admin1' }, at: '' },
    ];
    d.ledger.push({ taskId: '__done__', action: 'done', note: '', by: { platform: 'cli', userId: 'cli' }, chat: 'cli', at: '' });
  });
});

type Role = 'admin' | 'unit staff' | 'other unit staff' | 'reader' | 'reader named like the admin';
const USERS: Record<Role, { userId: string; userName?: string }> = {
  admin: { userId: 'admin1' },
  'unit staff': { userId: 'mz1' },
  'other unit staff': { userId: 'cz1' },
  reader: { userId: 'nobody' },
  'reader named like the admin': { userId: 'impostor', userName: 'admin1' },
};

interface Command {
  text: () => string;
  /** Makes the command meaningful: 撤销完成 needs a done task. */
  before?: () => Promise<void>;
  /** The slice of the store the command changes. */
  state: (d: Readonly<StoreData>) => unknown;
  allowed: Role[];
}

const progressRoles: Role[] = ['admin', 'unit staff'];
const COMMANDS: Record<string, Command> = {
  订阅提醒: { text: () => '订阅提醒 汶上县', state: (d) => d.subscriptions, allowed: ['admin'] },
  '订阅 民政局': { text: () => '订阅 民政局', state: (d) => d.subscriptions, allowed: ['admin'] },
  取消订阅: {
    text: () => '取消订阅',
    before: () => t.store.change((d) => void d.subscriptions.push({ chat: '', region: '汶上县', units: [], leadDays: [7, 1, 0], digestTime: '09:00', weekly: true, by: { platform: 'cli', userId: 'cli' }, at: '' })),
    state: (d) => d.subscriptions,
    allowed: ['admin'],
  },
  提前3天提醒: {
    text: () => '提前3天提醒',
    before: () => t.store.change((d) => void d.subscriptions.push({ chat: '', region: '汶上县', units: [], leadDays: [7, 1, 0], digestTime: '09:00', weekly: true, by: { platform: 'cli', userId: 'cli' }, at: '' })),
    state: (d) => d.subscriptions,
    allowed: ['admin'],
  },
  '提醒时间 08:30': {
    text: () => '提醒时间 08:30',
    before: () => t.store.change((d) => void d.subscriptions.push({ chat: '', region: '汶上县', units: [], leadDays: [7, 1, 0], digestTime: '09:00', weekly: true, by: { platform: 'cli', userId: 'cli' }, at: '' })),
    state: (d) => d.subscriptions,
    allowed: ['admin'],
  },
  '绑定 民政局 @经办人': { text: () => '绑定 民政局', state: (d) => d.bindings, allowed: ['admin'] },
  切换到冠县: { text: () => '切换到冠县', state: (d) => d.chats, allowed: ['admin'] },
  签收: { text: () => `签收 ${minzheng}`, state: (d) => d.ledger, allowed: progressRoles },
  进展: { text: () => `进展 ${minzheng} 已在网站发布解读`, state: (d) => d.ledger, allowed: progressRoles },
  完成: { text: () => `完成 ${minzheng}`, state: (d) => d.ledger, allowed: progressRoles },
  撤销完成: {
    text: () => `撤销完成 ${minzheng}`,
    before: () => t.store.change((d) => void d.ledger.push({ taskId: minzheng, action: 'done', note: '', by: { platform: 'cli', userId: 'cli' }, chat: 'cli', at: '' })),
    state: (d) => d.ledger,
    allowed: progressRoles,
  },
  '完成 (another unit’s task)': { text: () => `完成 ${caizhengOnly}`, state: (d) => d.ledger, allowed: ['admin', 'other unit staff'] },
};

const cases = Object.keys(COMMANDS).flatMap((command) =>
  (Object.keys(USERS) as Role[]).flatMap((role) => (['group', 'private'] as const).map((chatType) => ({ command, role, chatType }))),
);

describe('authorization matrix', () => {
  it.each(cases)('$command by $role in a $chatType chat', async ({ command, role, chatType }) => {
    const spec = COMMANDS[command]!;
    const chatId = chatType === 'group' ? '-100' : USERS[role].userId;
    if (spec.before) {
      await spec.before();
      // The pre-seeded subscription belongs to this chat.
      await t.store.change((d) => {
        d.subscriptions = d.subscriptions.map((s) => (s.chat === '' ? { ...s, chat: `telegram:${chatId}` } : s));
      });
    }
    if (chatType === 'group') await t.store.change((d) => void d.chats.push({ chat: 'telegram:-100', region: '汶上县', by: 'cli', at: '' }));
    const before = JSON.stringify(spec.state(t.store.data));
    const chat = t.chat(chatId, { platform: 'telegram', chatType, ...USERS[role], today: '2022-06-10' });
    const reply = await chat.send(spec.text(), { mentions: [{ userId: 'new-staff', name: '新经办人' }] });
    const after = JSON.stringify(spec.state(t.store.data));
    if (spec.allowed.includes(role)) {
      expect(reply.intent, JSON.stringify(reply.blocks)).not.toBe('denied');
      expect(after).not.toBe(before);
    } else {
      expect(reply.intent).toBe('denied');
      expect(JSON.stringify(reply.blocks)).toMatch(/只有/);
      expect(after).toBe(before);
    }
  });
});
