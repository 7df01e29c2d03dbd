// The ledger from the command line: export as xlsx or csv, into the export folder unless --out.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { useCli } from './run.ts';

const { cli, dir } = useCli();

it.each(['xlsx', 'csv'])('export --format %s writes the ledger', async (format) => {
  const file = join(dir(), `ledger.${format}`);
  const { code } = await cli('export', '--region', '冠县', '--format', format, '--out', file, '--today', '2023-09-01');
  expect(code).toBe(0);
  const bytes = readFileSync(file);
  if (format === 'csv') {
    const text = bytes.toString('utf8');
    expect(text.startsWith('\ufeff"编号","章节","任务要求"')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(1 + 54);
  } else {
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  }
});

it.each(['xlsx', 'csv'])('without --out, export --format %s writes into the export folder (ZWGK_EXPORT_DIR), not the current directory', async (format) => {
  const { code, out } = await cli('export', '--region', '冠县', '--format', format, '--today', '2023-09-01');
  expect(code).toBe(0);
  const file = join(dir(), 'exports', `冠县政务公开台账-2023-09-01.${format}`);
  expect(out).toContain(file);
  expect(existsSync(file)).toBe(true);
  expect(existsSync(join(process.cwd(), `冠县政务公开台账-2023-09-01.${format}`))).toBe(false);
});

it('refuses a format other than xlsx and csv', async () => {
  const { code, err } = await cli('export', '--region', '冠县', '--format', 'pdf');
  expect(code).toBe(2);
  expect(err).toContain('xlsx 或 csv');
});
