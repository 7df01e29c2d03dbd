// Subscriptions and bindings, the one copy the chat and the command line share: defaults, limits,
// replacing and removing a chat's subscription, binding staff, and the slots already sent.
import { describe, expect, it } from 'vitest';
import { MAX_LEAD_DAYS, SubscriptionSchema, type Binding, type ReminderRecord, type Subscription } from '../../src/model/records.ts';
import {
  DEFAULT_DIGEST_TIME,
  DEFAULT_LEAD_DAYS,
  bindStaff,
  digestTimeOf,
  isChatKey,
  isDigestTime,
  leadDaysWith,
  newSubscription,
  parseLeadDays,
  removeSubscription,
  sentSlots,
  unbindStaff,
  upsertSubscription,
  validLeadDays,
} from '../../src/reminders/subscriptions.ts';

const ADMIN = { platform: 'telegram', userId: 'admin1' };
const sub = (chat: string, over: Partial<Subscription> = {}): Subscription => newSubscription({ chat, region: '汶上县', units: [], by: ADMIN, at: '', ...over });

describe('newSubscription', () => {
  it.each<[string, Partial<Subscription>, Pick<Subscription, 'leadDays' | 'digestTime' | 'weekly'>]>([
    ['the defaults', {}, { leadDays: [7, 1, 0], digestTime: '09:00', weekly: true }],
    ['undefined keeps the defaults', { leadDays: undefined, digestTime: undefined, weekly: undefined }, { leadDays: DEFAULT_LEAD_DAYS, digestTime: DEFAULT_DIGEST_TIME, weekly: true }],
    ['what the caller gives', { leadDays: [3, 0], digestTime: '08:30', weekly: false }, { leadDays: [3, 0], digestTime: '08:30', weekly: false }],
  ])('%s', (_, over, expected) => {
    const made = sub('c1', over);
    expect(made).toMatchObject(expected);
    expect(SubscriptionSchema.safeParse(made).success).toBe(true);
  });
});

describe('upsertSubscription and removeSubscription', () => {
  // [what, chats subscribed before, the change, chats after (with their digest time)]
  it.each<[string, Subscription[], (d: { subscriptions: Subscription[] }) => void, Array<[string, string]>]>([
    ['subscribes a new chat', [], (d) => upsertSubscription(d, sub('c1')), [['c1', '09:00']]],
    ['keeps the other chats', [sub('c2')], (d) => upsertSubscription(d, sub('c1')), [['c2', '09:00'], ['c1', '09:00']]],
    ['replaces the chat’s own', [sub('c1'), sub('c2')], (d) => upsertSubscription(d, sub('c1', { digestTime: '08:00' })), [['c2', '09:00'], ['c1', '08:00']]],
    ['removes the chat’s', [sub('c1'), sub('c2')], (d) => removeSubscription(d, 'c1'), [['c2', '09:00']]],
    ['removing a chat not subscribed changes nothing', [sub('c2')], (d) => removeSubscription(d, 'c1'), [['c2', '09:00']]],
  ])('%s', (_, before, change, after) => {
    const draft = { subscriptions: [...before] };
    change(draft);
    expect(draft.subscriptions.map((s) => [s.chat, s.digestTime])).toEqual(after);
  });
});

describe('bindStaff', () => {
  const binding = (over: Partial<Binding> & { userId?: string } = {}): Binding => {
    const { userId = 'u1', ...rest } = over;
    return { chat: 'c1', region: '汶上县', unitKey: '民政局', unitName: '县民政局', user: { platform: 'telegram', userId, name: '旧' }, by: ADMIN, at: 'before', ...rest };
  };
  const bind = (draft: { bindings: Binding[] }, people: string[]): void =>
    bindStaff(draft, { chat: 'c1', region: '汶上县', unit: { key: '民政局', name: '县民政局' }, people: people.map((userId) => ({ platform: 'telegram', userId, name: '新' })), by: ADMIN, at: 'now' });

  // [what, bound before, people bound now, bindings after as "chat region unit user name"]
  it.each<[string, Binding[], string[], string[]]>([
    ['binds a person', [], ['u1'], ['c1 汶上县 民政局 u1 新']],
    ['binds several people at once', [], ['u1', 'u2'], ['c1 汶上县 民政局 u1 新', 'c1 汶上县 民政局 u2 新']],
    ['binds the same person anew, not twice', [binding()], ['u1'], ['c1 汶上县 民政局 u1 新']],
    ['keeps another person of the unit', [binding({ userId: 'u2' })], ['u1'], ['c1 汶上县 民政局 u2 旧', 'c1 汶上县 民政局 u1 新']],
    ['keeps the person in another chat', [binding({ chat: 'c2' })], ['u1'], ['c2 汶上县 民政局 u1 旧', 'c1 汶上县 民政局 u1 新']],
    ['keeps the person for another unit', [binding({ unitKey: '财政局', unitName: '县财政局' })], ['u1'], ['c1 汶上县 财政局 u1 旧', 'c1 汶上县 民政局 u1 新']],
    ['keeps the person for the same unit of another region', [binding({ region: '冠县' })], ['u1'], ['c1 冠县 民政局 u1 旧', 'c1 汶上县 民政局 u1 新']],
  ])('%s', (_, before, people, after) => {
    const draft = { bindings: [...before] };
    bind(draft, people);
    expect(draft.bindings.map((b) => `${b.chat} ${b.region} ${b.unitKey} ${b.user.userId} ${b.user.name}`)).toEqual(after);
  });
});

describe('sentSlots', () => {
  const record = (chat: string, taskId: string, slot: string, state: ReminderRecord['state']): ReminderRecord => ({ chat, taskId, slot, reason: 'due-soon', state, day: '2022-06-24', attempts: 1, late: false, updatedAt: '' });
  it.each<[string, ReminderRecord[], string[]]>([
    ['nothing sent yet', [], []],
    ['a sent slot', [record('c1', 't1', 'lead-7', 'sent')], ['t1|lead-7']],
    ['each slot of a task apart', [record('c1', 't1', 'lead-7', 'sent'), record('c1', 't1', 'lead-1', 'sent')], ['t1|lead-7', 't1|lead-1']],
    ['a pending slot is not sent', [record('c1', 't1', 'lead-7', 'pending')], []],
    ['another chat’s slot is not this chat’s', [record('c2', 't1', 'lead-7', 'sent')], []],
  ])('%s', (_, reminders, expected) => {
    expect([...sentSlots(reminders, 'c1')]).toEqual(expected);
  });
});

describe('lead days and digest time', () => {
  it.each<[number[], boolean]>([
    [[7, 1, 0], true],
    [[], true],
    [[MAX_LEAD_DAYS], true],
    [[MAX_LEAD_DAYS + 1], false],
    [[-1], false],
    [[1.5], false],
    [[Number.NaN], false],
  ])('validLeadDays(%j) is %s', (days, valid) => {
    expect(validLeadDays(days)).toBe(valid);
    expect(SubscriptionSchema.shape.leadDays.safeParse(days).success).toBe(valid);
  });

  it.each<[number, number[]]>([
    [3, [3, 1, 0]],
    [7, [7, 1, 0]],
    [1, [1, 0]],
    [0, [1, 0]],
  ])('提前%i天提醒 → %j', (days, expected) => {
    expect(leadDaysWith(days)).toEqual(expected);
  });

  it.each<[number, number, string | null]>([
    [9, 0, '09:00'],
    [8, 30, '08:30'],
    [0, 0, '00:00'],
    [23, 59, '23:59'],
    [24, 0, null],
    [8, 60, null],
    [100, 0, null],
  ])('digestTimeOf(%i, %i) is %j', (hour, minute, expected) => {
    expect(digestTimeOf(hour, minute)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['09:00', true],
    ['23:59', true],
    ['9:00', false],
    ['24:00', false],
    ['09:60', false],
    ['', false],
  ])('isDigestTime(%j) is %s', (text, valid) => {
    expect(isDigestTime(text)).toBe(valid);
  });
});

describe('what people type in the web 台账’s forms', () => {
  it.each<[string, number[] | null]>([
    ['7,1,0', [7, 1, 0]],
    ['0，1，7', [7, 1, 0]],
    ['3 0', [3, 0]],
    ['7、7、1', [7, 1]],
    [String(MAX_LEAD_DAYS), [MAX_LEAD_DAYS]],
    [String(MAX_LEAD_DAYS + 1), null],
    ['-1', null],
    ['1.5', null],
    ['七', null],
    ['', null],
  ])('lead days %j → %j', (text, days) => {
    expect(parseLeadDays(text)).toEqual(days);
  });

  it.each([
    ['robot:ops', true],
    ['telegram:-100123', true],
    ['wechat:123@chatroom', true],
    ['dingtalk:cid/x==', true],
    ['ops', false],
    ['slack:x', false],
    ['robot:', false],
    ['robot:a b', false],
  ])('chat %j → %s', (text, ok) => expect(isChatKey(text)).toBe(ok));

  it('unbinding removes one person from one unit in one chat', () => {
    const by = { platform: 'cli', userId: 'cli' };
    const draft = { bindings: [] as Binding[] };
    bindStaff(draft, { chat: 'robot:ops', region: '汶上县', unit: { key: '民政局', name: '县民政局' }, people: [{ platform: 'robot', userId: 'u1' }, { platform: 'robot', userId: 'u2' }], by, at: '' });
    bindStaff(draft, { chat: 'robot:ops', region: '汶上县', unit: { key: '财政局', name: '县财政局' }, people: [{ platform: 'robot', userId: 'u1' }], by, at: '' });
    unbindStaff(draft, { chat: 'robot:ops', region: '汶上县', unitKey: '民政局', user: { platform: 'robot', userId: 'u1' } });
    expect(draft.bindings.map((b) => `${b.unitKey}:${b.user.userId}`)).toEqual(['民政局:u2', '财政局:u1']);
  });
});
