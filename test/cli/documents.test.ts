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
