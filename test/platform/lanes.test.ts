// Lanes (one queue per chat, side by side, in order) and the update ids taken one by one.
import { describe, expect, it } from 'vitest';
import { HandledIds } from '../../src/platform/dispatch.ts';
import { Lanes } from '../../src/platform/pace.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Lanes', () => {
  it('a long wait in one lane delays no other; each lane runs in order', async () => {
    const done: string[] = [];
    const lanes = new Lanes(() => {});
    lanes.push('group', 1, async () => {
      await sleep(300);
      done.push('group 1');
    });
    lanes.push('group', 2, async () => void done.push('group 2'));
    lanes.push('admin', 3, async () => void done.push('admin 3'));
    await sleep(50);
    expect(done).toEqual(['admin 3']);
    await lanes.idle(1000);
    expect(done).toEqual(['admin 3', 'group 1', 'group 2']);
  });

  it('items that arrive together run lowest order first; an error is reported and the lane goes on', async () => {
    const done: number[] = [];
    const errors: string[] = [];
    const lanes = new Lanes((e, key) => void errors.push(`${key}: ${(e as Error).message}`), 20);
    for (const n of [5, 3, 4, 1]) lanes.push('c', n, async () => {
      if (n === 3) throw new Error('boom');
      done.push(n);
    });
    await lanes.idle(1000);
    expect(done).toEqual([1, 4, 5]);
    expect(errors).toEqual(['c: boom']);
  });
});

describe('HandledIds', () => {
  it.each([
    ['new ids are taken once', 0, [], [[5, true], [5, false], [4, true], [6, true]]],
    ['at or below the floor is taken already', 10, [], [[10, false], [9, false], [11, true]]],
    ['ids kept above the floor are taken already', 10, [12], [[12, false], [11, true]]],
  ] as const)('%s', (_name, floor, ids, claims) => {
    const handled = new HandledIds(floor, ids);
    for (const [id, expected] of claims) expect(handled.claim(id), String(id)).toBe(expected);
  });

  it('is bounded: beyond its capacity the floor rises past the lowest ids', () => {
    const handled = new HandledIds(0, [], 3);
    for (const id of [1, 2, 3, 4, 5]) handled.claim(id);
    expect(handled.list()).toEqual([3, 4, 5]);
    expect(handled.floor).toBe(2);
    expect(handled.claim(2)).toBe(false);
    expect(handled.highest).toBe(5);
  });

  it('an id given back (its recording failed) can be taken again', () => {
    const handled = new HandledIds();
    expect(handled.claim(7)).toBe(true);
    handled.release(7);
    expect(handled.claim(7)).toBe(true);
  });
});
