// Shanghai wall-clock arithmetic against the time-zone database (Intl), whatever the machine's TZ.
import { describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiDateTime, shanghaiInstant, shanghaiTime } from '../src/time.ts';

const zoned = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const parts = (d: Date): Record<string, string> => Object.fromEntries(zoned.formatToParts(d).map((p) => [p.type, p.value]));

describe('Shanghai time by plain UTC+8 arithmetic', () => {
  it.each([
    ['2022-06-30T15:59:59.999Z', '2022-06-30', '23:59'],
    ['2022-06-30T16:00:00.000Z', '2022-07-01', '00:00'],
    ['2023-12-31T16:00:00.000Z', '2024-01-01', '00:00'],
    ['2024-02-28T17:30:00.000Z', '2024-02-29', '01:30'],
    ['1999-12-31T23:00:00.000Z', '2000-01-01', '07:00'],
  ])('%s is %s %s in Shanghai', (iso, date, time) => {
    expect(shanghaiDate(new Date(iso))).toBe(date);
    expect(shanghaiTime(new Date(iso))).toBe(time);
  });

  it.each([
    ['2022-06-30', '09:00', '2022-06-30T01:00:00.000Z'],
    ['2022-07-01', '00:00', '2022-06-30T16:00:00.000Z'],
    ['2024-03-01', '23:59', '2024-03-01T15:59:00.000Z'],
  ])('%s %s Shanghai is %s', (date, time, iso) => {
    expect(shanghaiInstant(date, time).toISOString()).toBe(iso);
  });

  it('agrees with the time-zone database on 2,000 instants over 40 years', () => {
    const start = Date.UTC(1995, 0, 1);
    const step = Math.floor((Date.UTC(2035, 0, 1) - start) / 2000) + 7_919;
    for (let t = start, i = 0; i < 2000; i++, t += step) {
      const d = new Date(t);
      const p = parts(d);
      expect(shanghaiDate(d)).toBe(`${p.year}-${p.month}-${p.day}`);
      expect(shanghaiTime(d)).toBe(`${p.hour}:${p.minute}`);
      expect(shanghaiInstant(shanghaiDate(d), shanghaiTime(d)).getTime()).toBe(t - (t % 60_000));
    }
  });
});

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
