// Wall-clock times in Asia/Shanghai whatever the machine's time zone.
import { describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiDateTime, shanghaiTime } from '../src/time.ts';

describe('shanghaiDateTime', () => {
  it.each([
    ['2022-06-10T02:00:00Z', '2022-06-10 10:00'],
    ['2022-06-09T16:00:00Z', '2022-06-10 00:00'],
    ['2022-12-31T15:59:00Z', '2022-12-31 23:59'],
    ['2022-12-31T16:00:00Z', '2023-01-01 00:00'],
  ])('%s → %s, as the date and time helpers say', (iso, expected) => {
    const d = new Date(iso);
    expect(shanghaiDateTime(d)).toBe(expected);
    expect(shanghaiDateTime(d)).toBe(`${shanghaiDate(d)} ${shanghaiTime(d)}`);
  });
});
