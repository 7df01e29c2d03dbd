// The one parser of each checked option: --year, --month, --today, --lead, --time.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { leadOption, monthOption, timeOption, todayOf, todayOption, yearOption } from '../../src/cli/options.ts';

const NOON_SHANGHAI = new Date('2022-06-24T04:00:00Z');
const LATE_EVENING_UTC = new Date('2022-06-24T20:00:00Z'); // already the 25th in Shanghai

describe('valid values', () => {
  it.each<[string, () => unknown, unknown]>([
    ['--year 2022', () => yearOption('2022'), 2022],
    ['no --year', () => yearOption(undefined), undefined],
    ['--month 2022-06', () => monthOption('2022-06'), '2022-06'],
    ['no --month', () => monthOption(undefined), undefined],
    ['--today 2022-06-24', () => todayOption('2022-06-24'), '2022-06-24'],
    ['no --today', () => todayOption(undefined), undefined],
    ['no --today: today in Shanghai', () => todayOf(undefined, NOON_SHANGHAI), '2022-06-24'],
    ['no --today, late evening UTC: already tomorrow in Shanghai', () => todayOf(undefined, LATE_EVENING_UTC), '2022-06-25'],
    ['--today wins over the clock', () => todayOf('2022-01-01', NOON_SHANGHAI), '2022-01-01'],
    ['--lead 7,1,0', () => leadOption('7,1,0'), [7, 1, 0]],
    ['--lead with a Chinese comma', () => leadOption('3，0'), [3, 0]],
    ['--lead 60, the longest', () => leadOption('60'), [60]],
    ['no --lead', () => leadOption(undefined), undefined],
    ['empty --lead: the default', () => leadOption(''), undefined],
    ['--time 08:30', () => timeOption('08:30'), '08:30'],
    ['--time 23:59', () => timeOption('23:59'), '23:59'],
    ['no --time', () => timeOption(undefined), undefined],
  ])('%s', (_, parse, expected) => {
    expect(parse()).toEqual(expected);
  });
});

describe('bad values are usage errors naming what was expected', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['--year 22', () => yearOption('22'), /四位年份.*22/],
    ['--month 2022-6', () => monthOption('2022-6'), /YYYY-MM.*2022-6/],
    ['--today 2022/6/1', () => todayOption('2022/6/1'), /YYYY-MM-DD.*2022\/6\/1/],
    ['--today 6月24日 with the clock', () => todayOf('6月24日', NOON_SHANGHAI), /YYYY-MM-DD/],
    ['--lead x', () => leadOption('x'), /0–60/],
    ['--lead 61', () => leadOption('61'), /0–60/],
    ['--lead -1', () => leadOption('-1'), /0–60/],
    ['--lead 1.5', () => leadOption('1.5'), /0–60/],
    ['--time 9:00', () => timeOption('9:00'), /HH:mm/],
    ['--time 24:00', () => timeOption('24:00'), /HH:mm/],
    ['--time empty', () => timeOption(''), /HH:mm/],
  ])('%s', (_, parse, message) => {
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});
