// Hostile files: each is refused quickly with a message naming what it found and the limit, and a
// failed import writes nothing. (Memory under a 1 GB heap in a child process: not yet measured here.)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/errors.ts';
import { parseUpload } from '../../src/ingest/import-document.ts';
import { parseFiles } from '../../src/ingest/parse-files.ts';
import { NOW, tempDir } from '../helpers.ts';

const refusal = async (name: string, bytes: Uint8Array, limits = {}): Promise<string> => {
  const error = await parseUpload(name, bytes, { now: NOW, year: 2024, region: '青山县', limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).message;
};

const docx = async (documentXml: string): Promise<Uint8Array> => {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', documentXml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
};
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('hostile files', () => {
  it('a .docx with a huge gridSpan', async () => {
    const cell = (text: string, span = ''): string => `<w:tc>${span ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const bytes = await docx(`<w:document ${W}><w:body><w:tbl><w:tr>${cell('工作任务')}${cell('责任单位')}</w:tr><w:tr>${cell('公开', '1000000000')}</w:tr></w:tbl></w:body></w:document>`);
    expect(bytes.byteLength).toBeLessThan(10_000);
    expect(await refusal('span.docx', bytes)).toMatch(/合并单元格跨度异常（1000000000 列，上限 64 列）/);
  });

  it('an .xlsx with a cell at XFD1048576', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="a" sheetId="1" r:id="rId1" xmlns:r="r"/></sheets></workbook>');
    zip.file('xl/worksheets/sheet1.xml', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(await refusal('far.xlsx', bytes)).toMatch(/XFD1048576 处有单元格，超出表格范围/);
  });

  it('a zip bomb (the unpacked-size limit lowered so that the bomb is quick to build)', async () => {
    const zip = new JSZip();
    zip.file('a.txt', new Uint8Array(24 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bytes.byteLength).toBeLessThan(100 * 1024);
    expect(await refusal('bomb.zip', bytes, { unpackedBytes: 8 * 1024 * 1024 })).toMatch(/疑为压缩炸弹/);
  });

  it('billion laughs in a .docx', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document ${W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`;
    expect(await refusal('lol.docx', await docx(lol))).toMatch(/DOCTYPE\/实体声明/);
  });

  it('deeply nested HTML', async () => {
    const html = `<html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`;
    expect(await refusal('deep.html', new TextEncoder().encode(html))).toMatch(/嵌套过深/);
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

  it('a numbered item that never closes is refused as too long, quickly (the item is read in one pass)', async () => {
    const items = [1, 2, 3].map((i) => `${i}．做好第${i}项工作。（责任单位：县民政局）`).join('\n');
    const text = `2024年青山县政务公开工作要点\n${items}\n4．继续做好工作\n${'做好政府信息公开工作，回应社会关切。\n'.repeat(200_000)}`;
    const started = performance.now();
    expect(await refusal('open.txt', new TextEncoder().encode(text))).toMatch(/有一个单元格长达 \d+ 字（上限 50000 字）/);
    expect(performance.now() - started).toBeLessThan(20_000);
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
