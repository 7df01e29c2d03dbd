// Hostile files: each is refused quickly with a message naming what it found and the limit, and a
// failed import writes nothing. Memory (a 1 GB heap) and the store through `cli import`, in a child
// process: test/cli/hostile-import.test.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/errors.ts';
import { parseUpload } from '../../src/ingest/import-document.ts';
import { parseFiles } from '../../src/ingest/parse-files.ts';
import { hostileFiles, zipBombDocx } from '../hostile-files.ts';
import { NOW, tempDir } from '../helpers.ts';

const refusal = async (name: string, bytes: Uint8Array, limits = {}): Promise<string> => {
  const error = await parseUpload(name, bytes, { now: NOW, year: 2024, region: '青山县', limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).message;
};

describe('hostile files', () => {
  it.each(hostileFiles)('$what is refused, saying what it found', async ({ name, bytes, message }) => {
    expect(await refusal(name, await bytes())).toMatch(message);
  });

  it('the zip bomb is the size the issue reported: under 1 MB packed', async () => {
    expect((await zipBombDocx()).byteLength).toBeLessThan(1024 * 1024);
  });

  it('a FIFO is refused without being opened for a read that would hang', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const fifo = join(dir, 'plan.txt');
      execFileSync('mkfifo', [fifo]);
      await expect(parseFiles([fifo], NOW)).rejects.toThrow(/不是普通文件（FIFO）/);
      await expect(parseFiles(['/dev/zero'], NOW)).rejects.toThrow(/不是普通文件（device）/);
    } finally {
      cleanup();
    }
  });

  it('a file over the size limit is refused before it is read', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const big = join(dir, 'big.txt');
      writeFileSync(big, 'x'.repeat(2048));
      await expect(parseFiles([big], NOW, { limits: { fileBytes: 1024 } })).rejects.toThrow(/文件太大/);
      expect(readFileSync(big).byteLength).toBe(2048);
    } finally {
      cleanup();
    }
  });
});
