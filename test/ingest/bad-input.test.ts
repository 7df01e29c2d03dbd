// Bad input gets an ImportError naming the file and the reason; nothing is guessed.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/errors.ts';
import { parseDocument } from '../../src/ingest/import-document.ts';
import { MAX_IMPORT_BYTES } from '../../src/ingest/limits.ts';
import { parseFiles } from '../../src/ingest/parse-files.ts';
import { FIXTURES_DIR, NOW, SEEDS_DIR, tempDir } from '../helpers.ts';

const parse = (name: string, bytes: Uint8Array, options: { region?: string; year?: number } = {}) =>
  parseDocument(name, bytes, { ...options, now: NOW });
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('bad input', () => {
  it.each([
    ['empty.txt', text(''), /文件是空的/],
    ['blank.txt', text('\n\n   \n'), /文件是空的/],
    ['image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /这是图片/],
    ['data.bin', new Uint8Array([0x01, 0x02, 0x00, 0x03]), /无法识别的二进制文件/],
    ['notice.txt', text('关于做好2022年防汛工作的通知\n\n各乡镇：请做好防汛准备。\n\n县政府办公室\n'), /没有找到任务表/],
    ['no-requirement.tsv', text('序号\t牵头单位\t完成时限\n1\t县民政局\t全年\n'), /没有“具体要求/],
    ['header-only.tsv', text('工作任务\t具体要求\t责任单位\t完成时限\n'), /没有任何任务/],
    ['unknown-encoding.txt', new Uint8Array([0x61, 0x62, 0xff, 0x63]), /编码无法识别/],
  ])('%s', async (name, bytes, reason) => {
    const error = await parse(name, bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).file).toBe(name);
    expect((error as ImportError).message).toMatch(reason);
    expect((error as ImportError).message).toContain(name);
  });

  it('a zip that is neither Word nor Excel is an archive: its files are read, and a bad one is named', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    await expect(parse('archive.docx', bytes)).rejects.toThrow(/archive\.docx\/readme\.txt: 没有找到任务表/);
  });

  it('a table whose region and year cannot be read asks for --region and --year', async () => {
    const table = text('工作任务\t具体要求\t责任单位\t完成时限\n做好公开\t做好信息公开工作。\t县民政局\t年底前\n');
    await expect(parse('bare.tsv', table)).rejects.toThrow(/--year/);
    await expect(parse('bare.tsv', table, { year: 2022 })).rejects.toThrow(/--region/);
    const { document, tasks } = await parse('bare.tsv', table, { year: 2022, region: '青山县' });
    expect(document).toMatchObject({ region: '青山县', year: 2022 });
    expect(tasks[0]?.deadline.due).toBe('2022-12-31');
  });

  it('--region and --year override what the document says', async () => {
    const bytes = readFileSync(join(SEEDS_DIR, '000_8f567bc9b8b33b76.txt'));
    const { document } = await parse('000.txt', bytes, { region: '汶上县', year: 2023 });
    expect(document.year).toBe(2023);
  });

  it('GB18030 text (older office PCs) reads the same as its UTF-8 original', async () => {
    const gb = readFileSync(join(FIXTURES_DIR, 'plan-gb18030.txt'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    const original = await parse('plan.txt', readFileSync(join(FIXTURES_DIR, 'office', 'plan.txt')));
    const { document, tasks } = await parse('plan.txt', gb);
    expect(document.region).toBe('青山县');
    expect(tasks).toEqual(original.tasks);
  });

  it('doubtful rows are imported with a warning, never dropped', async () => {
    const table = text('2022年青山县政务公开工作任务分解表\n工作任务\t具体要求\t责任单位\t完成时限\n做好公开\t做好信息公开工作。\t\t看情况\n');
    const { tasks, warnings } = await parse('doubt.tsv', table);
    expect(tasks).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/没有找到责任单位/);
    expect(warnings.join('\n')).toMatch(/无法识别的时限“看情况”/);
  });
});

describe('size', () => {
  it('a file over the importer’s limit is refused, by path before it is read, by bytes all the same', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, '超大.txt');
      writeFileSync(path, '');
      truncateSync(path, MAX_IMPORT_BYTES + 1);
      await expect(parseFiles([path], NOW)).rejects.toThrow(/超大\.txt: 文件太大（50\.0 MB），超过上限 50\.0 MB/);
      await expect(parse('大.txt', new Uint8Array(MAX_IMPORT_BYTES + 1))).rejects.toThrow(/文件太大/);
    } finally {
      cleanup();
    }
  });
});
