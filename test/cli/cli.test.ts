// The CLI: parse --json, import (all or nothing), docs and tasks, and clear errors.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { FIXTURES_DIR, NOW, SEEDS_DIR, tempDir } from '../helpers.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => NOW,
    env: { ZWGK_STORE: join(dir, 'store.json'), ZWGK_SEEDS_DIR: SEEDS_DIR },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const seed = (name: string): string => join(SEEDS_DIR, name);

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
    expect(() => readFileSync(join(dir, 'store.json'))).toThrow();
  });

  it('through npm, stdout holds only JSON', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'cli', '--', 'parse', seed('004_4f104c0ea9693da1.txt'), '--json'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ZWGK_STORE: join(dir, 'store.json') },
    });
    expect((JSON.parse(stdout) as { tasks: unknown[] }).tasks).toHaveLength(41);
  });
});

describe('import, docs, tasks', () => {
  it('imports, lists documents, and answers by unit and by month', async () => {
    const imported = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'));
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('已导入：临河区 2024年');
    expect(imported.out).toContain('5 项任务');

    const docs = JSON.parse((await cli('docs', '--json')).out) as { documents: Array<{ region: string; tasks: number }> };
    expect(docs.documents.map((d) => [d.region, d.tasks])).toContainEqual(['临河区', 5]);
    expect(docs.documents).toHaveLength(6);

    const byUnit = JSON.parse((await cli('tasks', '--region', '汶上县', '--unit', '民政局', '--json')).out) as { tasks: Array<{ requirement: string }>; related: unknown[] };
    expect(byUnit.tasks).toHaveLength(4);
    expect(byUnit.related.length).toBeGreaterThan(0);

    const byMonth = JSON.parse((await cli('tasks', '--region', '汶上县', '--month', '2022-06', '--json')).out) as { tasks: unknown[] };
    expect(byMonth.tasks).toHaveLength(3);

    const human = await cli('tasks', '--region', '汶上县', '--month', '2022-06');
    expect(human.out).toContain('进一步规范流调信息发布和管理');
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
    const before = readFileSync(join(dir, 'store.json'), 'utf8');
    writeFileSync(join(dir, 'empty.txt'), '');
    const { code, err } = await cli('import', join(FIXTURES_DIR, 'sixth-layout.md'), join(dir, 'empty.txt'));
    expect(code).toBe(1);
    expect(err).toContain('empty.txt');
    expect(err).toContain('文件是空的');
    expect(readFileSync(join(dir, 'store.json'), 'utf8')).toBe(before);
  });

  it.each([
    [['frobnicate'], /未知命令/],
    [['import'], /至少一个文件/],
    [['tasks', '--month', '2022-6'], /YYYY-MM/],
    [['parse', 'a', '--year', '22'], /四位年份/],
    [['tasks', '--unit', '不存在局'], /没有找到单位/],
    [['tasks', '--bogus'], /bogus/],
  ])('usage error %j', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('a missing file is an import error, not a crash', async () => {
    const { code, err } = await cli('parse', join(dir, 'missing.txt'));
    expect(code).toBe(1);
    expect(err).toContain('missing.txt');
  });
});

describe('ask', () => {
  type AskJson = { intent: string; text: string; tasks: Array<{ requirement: string; region: string; deadline: { due: string } }>; related: unknown[] };
  const ask = async (...argv: string[]): Promise<AskJson> => JSON.parse((await cli('ask', ...argv, '--json')).out) as AskJson;

  it('a unit question lists exactly the tasks naming the unit, and the collectives apart', async () => {
    const json = await ask('民政局有哪些任务', '--region', '汶上县');
    expect(json.intent).toBe('unit-tasks');
    expect(json.tasks).toHaveLength(4);
    expect(json.related.length).toBeGreaterThan(0);
    expect(json.text).toContain('县民政局');
  });

  it('本月到期 lists exactly the tasks due in that calendar month', async () => {
    const json = await ask('本月到期的任务', '--region', '汶上县', '--today', '2022-06-15');
    expect(json.tasks.map((t) => t.deadline.due)).toEqual(['2022-06-30', '2022-06-30', '2022-06-30']);
  });

  it('lists every task of the answer, not only the first page', async () => {
    const json = await ask('各乡镇（街道）有哪些任务', '--region', '汶上县');
    expect(json.tasks.length).toBeGreaterThan(5);
  });

  it('--chat keeps the conversation across invocations', async () => {
    const first = await ask('人社局的任务', '--region', '汶上县', '--chat', 'c1', '--today', '2022-06-15');
    const detail = await ask('第3条', '--chat', 'c1', '--today', '2022-06-15');
    expect(detail.intent).toBe('detail');
    expect(detail.tasks[0]?.requirement).toBe(first.tasks[2]?.requirement);
    const other = await ask('第3条', '--chat', 'c2', '--today', '2022-06-15');
    expect(other.tasks).toEqual([]);
  });

  it('prints plain text without --json', async () => {
    const { code, out } = await cli('ask', '帮助');
    expect(code).toBe(0);
    expect(out).toContain('民政局有哪些任务');
  });

  it('rejects a malformed --today', async () => {
    const { code, err } = await cli('ask', '这个月', '--today', '2022/6/1');
    expect(code).toBe(2);
    expect(err).toContain('YYYY-MM-DD');
  });
});

describe('reminders and the ledger from the command line', () => {
  type Preview = { chats: Array<{ chat: string; items: Array<{ task: { requirement: string; deadline: { due: string } }; reason: string }> }> };

  it('reminders preview --region 汶上县 --today 2022-06-24 lists the three tasks due 2022-06-30 as due soon', async () => {
    const { code, out } = await cli('reminders', 'preview', '--region', '汶上县', '--today', '2022-06-24', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as Preview;
    const soon = json.chats[0]!.items.filter((i) => i.reason === 'due-soon');
    expect(soon.map((i) => i.task.deadline.due)).toEqual(['2022-06-30', '2022-06-30', '2022-06-30']);
    for (const text of ['进一步规范流调信息发布和管理', '参考国务院有关部门印发的试点领域', '严格执行国家部委、省直部门、市直部门']) {
      expect(soon.some((i) => i.task.requirement.includes(text))).toBe(true);
    }
  });

  it('subscribe and bind set up a robot group; preview shows that subscription', async () => {
    expect((await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县', '--unit', '卫健局', '--lead', '3,0', '--time', '08:30')).code).toBe(0);
    expect((await cli('bind', '--chat', 'robot:ops', '--unit', '卫健局', '--user', '13800000000', '--name', '卫健经办')).code).toBe(0);
    const json = JSON.parse((await cli('reminders', 'preview', '--chat', 'robot:ops', '--today', '2022-06-28', '--json')).out) as Preview;
    expect(json.chats.map((c) => c.chat)).toEqual(['robot:ops']);
    expect(json.chats[0]!.items.map((i) => i.reason)).toEqual(['due-soon', 'due-soon']);
    expect((await cli('subscribe', '--chat', 'robot:ops', '--region', '汶上县', '--lead', 'x')).code).toBe(2);
    expect((await cli('unsubscribe', '--chat', 'robot:ops')).code).toBe(0);
    expect(JSON.parse((await cli('reminders', 'preview', '--today', '2022-06-28', '--json')).out)).toEqual({ today: '2022-06-28', chats: [] });
  });

  it.each(['xlsx', 'csv'])('export --format %s writes the ledger', async (format) => {
    const file = join(dir, `ledger.${format}`);
    const { code } = await cli('export', '--region', '冠县', '--format', format, '--out', file, '--today', '2023-09-01');
    expect(code).toBe(0);
    const bytes = readFileSync(file);
    if (format === 'csv') {
      const text = bytes.toString('utf8');
      expect(text.startsWith('\ufeff编号,章节,任务要求')).toBe(true);
      expect(text.trim().split('\r\n')).toHaveLength(1 + 54);
    } else {
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
    }
  });
});
