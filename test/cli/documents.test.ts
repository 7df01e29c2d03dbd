// Documents from the command line: parse --json, import (all or nothing, replacing), docs.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../helpers.ts';
import { seed, useCli } from './run.ts';

const { cli, dir } = useCli();

describe('parse', () => {
  it('--json prints only the document and tasks in the documented shape', async () => {
    const { code, out } = await cli('parse', seed('001_0e95c71143a3993b.txt'), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { document: Record<string, unknown>; tasks: Array<Record<string, unknown>>; warnings: string[] };
    expect(json.document).toMatchObject({ title: expect.any(String), region: '台儿庄区', year: 2022, docNumber: '台政办发〔2022〕4号', issuedAt: '2022-06-18' });
    expect(json.tasks).toHaveLength(67);
    for (const key of ['id', 'section', 'title', 'requirement', 'lead', 'responsible', 'cooperating', 'deadline']) expect(json.tasks[0]).toHaveProperty(key);
    expect(json.tasks[0]?.deadline).toMatchObject({ raw: null, due: '2022-12-31', kind: 'none', ongoing: false });
  });

  it('writes nothing', async () => {
    await cli('parse', seed('000_8f567bc9b8b33b76.txt'));
    expect(() => readFileSync(join(dir(), 'store.json'))).toThrow();
  });

  it('through npm, stdout holds only JSON', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'cli', '--', 'parse', seed('004_4f104c0ea9693da1.txt'), '--json'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ZWGK_STORE: join(dir(), 'store.json') },
    });
    expect((JSON.parse(stdout) as { tasks: unknown[] }).tasks).toHaveLength(41);
  });

  it('a missing file is an import error, not a crash', async () => {
    const { code, err } = await cli('parse', join(dir(), 'missing.txt'));
    expect(code).toBe(1);
    expect(err).toContain('missing.txt');
  });
});

describe('parse of a .zip of several documents', () => {
  const zip = join(FIXTURES_DIR, 'published', '11-xuancheng.zip');

  it('lists each document', async () => {
    const { code, out } = await cli('parse', zip, '--year', '2024');
    expect(code).toBe(0);
    expect(out.match(/宣城市 2024年《[^》]+》：5 项任务（仅解析，未写入）/g)).toHaveLength(2);
  });

  it('--json gives one entry per document', async () => {
    const { out } = await cli('parse', zip, '--year', '2024', '--json');
    const json = JSON.parse(out) as { documents: Array<{ document: { region: string }; tasks: unknown[] }> };
    expect(json.documents.map((d) => [d.document.region, d.tasks.length])).toEqual([
      ['宣城市', 5],
      ['宣城市', 5],
    ]);
  });
});

describe('--limit', () => {
  it('a lowered limit refuses a file over it, says so, and writes nothing', async () => {
    const { code, err } = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'), '--limit', 'fileBytes=1KB');
    expect(code).toBe(1);
    expect(err).toMatch(/文件太大（[\d.]+ KB），超过上限 1 KB/);
    expect(() => readFileSync(join(dir(), 'store.json'))).toThrow();
  });

  it('a raised limit lets a file through that the default refuses', async () => {
    const long = `做好政务公开工作。${'公开'.repeat(30_000)}`;
    writeFileSync(join(dir(), 'long.txt'), `2024年青山县政务公开工作任务分解表\n工作任务\t责任单位\t完成时限\n${long}\t县民政局\t全年\n`);
    const refused = await cli('parse', join(dir(), 'long.txt'));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('上限 50000 字');
    const raised = await cli('parse', join(dir(), 'long.txt'), '--limit', 'cellChars=100000', '--json');
    expect(raised.code).toBe(0);
    expect((JSON.parse(raised.out) as { tasks: unknown[] }).tasks).toHaveLength(1);
  });

  it('a bad --limit is a usage error naming the limits', async () => {
    const { code, err } = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'), '--limit', 'memory=1GB');
    expect(code).toBe(2);
    expect(err).toContain('fileBytes');
  });
});

describe('import, docs', () => {
  it('imports and lists documents', async () => {
    const imported = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'));
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('已导入：临河区 2024年');
    expect(imported.out).toContain('5 项任务');

    const docs = JSON.parse((await cli('docs', '--json')).out) as { documents: Array<{ region: string; tasks: number }> };
    expect(docs.documents.map((d) => [d.region, d.tasks])).toContainEqual(['临河区', 5]);
    expect(docs.documents).toHaveLength(6);
  });

  it('re-importing the same file replaces it', async () => {
    await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'));
    const again = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'), '--json');
    expect((JSON.parse(again.out) as { imported: Array<{ replaced: boolean }> }).imported[0]?.replaced).toBe(true);
    const docs = JSON.parse((await cli('docs', '--json')).out) as { documents: unknown[] };
    expect(docs.documents).toHaveLength(6);
  });

  it('one bad file in an import writes nothing and says which file and why', async () => {
    await cli('docs');
    const before = readFileSync(join(dir(), 'store.json'), 'utf8');
    writeFileSync(join(dir(), 'empty.txt'), '');
    const { code, err } = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'), join(dir(), 'empty.txt'));
    expect(code).toBe(1);
    expect(err).toContain('无法导入');
    expect(err).toContain('empty.txt');
    expect(err).toContain('文件是空的');
    expect(readFileSync(join(dir(), 'store.json'), 'utf8')).toBe(before);
  });
});
