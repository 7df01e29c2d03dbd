// The one parser of each checked option: --year, --month, --today, --lead, --time, --limit.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { leadOption, limitOption, monthOption, timeOption, todayOf, todayOption, yearOption } from '../../src/cli/options.ts';
import { DEFAULT_LIMITS } from '../../src/ingest/limits.ts';
import { commandText } from '../../src/texts/cli.ts';

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
    ['no --limit', () => limitOption(undefined), {}],
    ['--limit fileBytes=100MB', () => limitOption(['fileBytes=100MB']), { fileBytes: 100 * 1024 ** 2 }],
    ['--limit unpackedBytes=1.5GB', () => limitOption(['unpackedBytes=1.5GB']), { unpackedBytes: 1.5 * 1024 ** 3 }],
    ['--limit fileBytes=2048 (bytes)', () => limitOption(['fileBytes=2048']), { fileBytes: 2048 }],
    ['--limit timeMs=120s and rows=200000', () => limitOption(['timeMs=120s', 'rows=200000']), { timeMs: 120_000, rows: 200_000 }],
    ['--limit timems=2min (any case)', () => limitOption(['timems=2min']), { timeMs: 120_000 }],
    ['--limit cellChars = 80000 (spaces)', () => limitOption(['cellChars = 80000']), { cellChars: 80_000 }],
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
    ['--limit without a value', () => limitOption(['fileBytes']), /名称=值.*fileBytes/],
    ['--limit of an unknown limit', () => limitOption(['memory=1GB']), /名称为 fileBytes、unpackedBytes/],
    ['--limit with a unit of another kind', () => limitOption(['rows=10MB']), /rows=10MB/],
    ['--limit of zero', () => limitOption(['depth=0']), /depth=0/],
    ['--limit of a fraction of a row', () => limitOption(['rows=0.2']), /rows=0\.2/],
  ])('%s', (_, parse, message) => {
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});

describe('the help of import and parse', () => {
  const MB = 1024 ** 2;
  const stated: Record<keyof typeof DEFAULT_LIMITS, string> = {
    fileBytes: `文件 ${DEFAULT_LIMITS.fileBytes / MB} MB`,
    unpackedBytes: `解压后 ${DEFAULT_LIMITS.unpackedBytes / MB} MB`,
    compressionRatio: `压缩比 ${DEFAULT_LIMITS.compressionRatio} 倍`,
    zipEntries: `压缩包 ${DEFAULT_LIMITS.zipEntries} 个文件`,
    rows: `${DEFAULT_LIMITS.rows / 10_000} 万行`,
    columns: `${DEFAULT_LIMITS.columns} 列`,
    cells: `${DEFAULT_LIMITS.cells / 10_000} 万个单元格`,
    cellChars: `每格 ${DEFAULT_LIMITS.cellChars / 10_000} 万字`,
    depth: `嵌套 ${DEFAULT_LIMITS.depth} 层`,
    pages: `PDF ${DEFAULT_LIMITS.pages} 页`,
    timeMs: `每份 ${DEFAULT_LIMITS.timeMs / 1000} 秒`,
  };
  it.each(Object.entries(stated))('states the default of %s as it is (%s)', (_, text) => {
    expect(commandText.import.help).toContain(text);
    expect(commandText.parse.help).toContain(text);
  });
  it.each(['.html', 'PDF', '.doc', '.docx', '.wps', '.xls', '.xlsx', '.txt', '.zip'])('names %s', (format) => {
    expect(commandText.import.summary).toContain(format);
    expect(commandText.parse.help).toContain(format);
  });
});
