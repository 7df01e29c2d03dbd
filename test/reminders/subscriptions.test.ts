// What people type for subscriptions and bindings (lead days, digest time, chat keys), and replacing or
// removing one record.
import { describe, expect, it } from 'vitest';
import type { Binding, Subscription } from '../../src/model/records.ts';
import { isChatKey, isDigestTime, parseLeadDays, withBinding, withoutBinding, withoutSubscription, withSubscription } from '../../src/reminders/subscriptions.ts';

describe('parseLeadDays', () => {
  it.each<[string, number[] | null]>([
    ['7,1,0', [7, 1, 0]],
    ['0，1，7', [7, 1, 0]],
    ['3 0', [3, 0]],
    ['7、7、1', [7, 1]],
    ['60', [60]],
    ['61', null],
    ['-1', null],
    ['1.5', null],
    ['七', null],
    ['', null],
  ])('%j → %j', (text, days) => {
    expect(parseLeadDays(text)).toEqual(days);
  });
});

describe('isDigestTime and isChatKey', () => {
  it.each([
    ['09:00', true],
    ['23:59', true],
    ['24:00', false],
    ['9:00', false],
    ['09:60', false],
  ])('time %j → %s', (text, ok) => expect(isDigestTime(text)).toBe(ok));

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
});

describe('one record per chat, per person and unit', () => {
  const sub = (chat: string, region: string): Subscription => ({ chat, region, units: [], leadDays: [7, 1, 0], digestTime: '09:00', weekly: true, by: { platform: 'cli', userId: 'cli' }, at: '' });
  const bind = (userId: string, unitKey: string, chat = 'robot:ops'): Binding => ({ chat, region: '汶上县', unitKey, unitName: unitKey, user: { platform: 'robot', userId }, by: { platform: 'cli', userId: 'cli' }, at: '' });

  it('a chat subscribed again replaces its subscription; removal leaves the others', () => {
    const subs = withSubscription([sub('a', '汶上县'), sub('b', '冠县')], sub('a', '冠县'));
    expect(subs.map((s) => `${s.chat}:${s.region}`)).toEqual(['b:冠县', 'a:冠县']);
    expect(withoutSubscription(subs, 'a').map((s) => s.chat)).toEqual(['b']);
  });

  it('a person bound twice to a unit is bound once; other units and chats stay', () => {
    let bindings = [bind('u1', '民政局'), bind('u1', '财政局'), bind('u1', '民政局', 'robot:other')];
    bindings = withBinding(bindings, { ...bind('u1', '民政局'), user: { platform: 'robot', userId: 'u1', name: '张三' } });
    expect(bindings).toHaveLength(3);
    expect(bindings.at(-1)?.user.name).toBe('张三');
    expect(withoutBinding(bindings, bind('u1', '民政局')).map((b) => `${b.chat}:${b.unitKey}`)).toEqual(['robot:ops:财政局', 'robot:other:民政局']);
  });
});
