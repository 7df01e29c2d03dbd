// The house rules that lint holds: an import may only look down the layers, and no sentence for people
// (Chinese text in errors, logs, replies) lives outside src/texts/. Each row is code that must be refused
// or accepted where it stands.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: `${import.meta.dirname}/../..` });
});

async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layers', () => {
  it.each([
    ['src/store/task-store.ts', "import { Bot } from '../core/bot.ts';\nexport const x = Bot;\n"],
    ['src/store/task-store.ts', "import { parseDocument } from '../ingest/import-document.ts';\nexport const x = parseDocument;\n"],
    ['src/model/task.ts', "import { chatText } from '../texts/chat.ts';\nexport const x = chatText;\n"],
    ['src/ledger/status.ts', "import { dispatcher } from '../platform/dispatch.ts';\nexport const x = dispatcher;\n"],
    ['src/reminders/select.ts', "import type { Notifier } from '../platform/adapter.ts';\nexport type X = Notifier;\n"],
    ['src/time.ts', "import { Bot } from './core/bot.ts';\nexport const x = Bot;\n"],
    ['adapters/telegram.ts', "import { Bot } from '../src/core/bot.ts';\nexport const x = Bot;\n"],
    ['src/core/bot.ts', "import { TelegramAdapter } from '../../adapters/telegram.ts';\nexport const x = TelegramAdapter;\n"],
  ])('%s may not import upward: %s', async (file, code) => {
    expect(await rulesBroken(file, code)).toContain('boundaries/dependencies');
  });

  it.each([
    ['src/core/bot.ts', "import { TaskStore } from '../store/task-store.ts';\nexport const x = TaskStore;\n"],
    ['adapters/telegram.ts', "import { plainMessages } from '../src/platform/render.ts';\nexport const x = plainMessages;\n"],
    ['src/app/main.ts', "import { TelegramAdapter } from '../../adapters/telegram.ts';\nexport const x = TelegramAdapter;\n"],
  ])('%s may import downward: %s', async (file, code) => {
    expect(await rulesBroken(file, code)).not.toContain('boundaries/dependencies');
  });
});

describe('sentences live in src/texts/', () => {
  it.each([
    ['src/store/lock.ts', "export function f(): never {\n  throw new Error('数据文件已损坏');\n}\n"],
    ['src/ingest/detect.ts', 'export function f(n: number): never {\n  throw new Error(`第${n}行格式不对`);\n}\n'],
    ['src/app/main.ts', "export function f(log: { info(m: string): void }): void {\n  log.info('已启动');\n}\n"],
    ['src/core/bot.ts', "declare function say(intent: string, text: string): void;\nsay('help', '您好');\n"],
    ['adapters/wechat.ts', "export const block = { type: 'paragraph', text: '请稍后再试' };\n"],
    ['src/errors.ts', "export class E extends Error {\n  constructor() {\n    super('出错了');\n  }\n}\n"],
  ])('%s refuses a sentence: %s', async (file, code) => {
    expect(await rulesBroken(file, code)).toContain('no-restricted-syntax');
  });

  it.each([
    ['src/texts/chat.ts', "export const t = { hello: '您好' };\n"],
    ['src/ingest/detect.ts', 'export const HEADER = /牵头单位|责任单位/;\n'],
    ['src/search/synonyms.ts', "export const WORDS: Record<string, string[]> = { 低保: ['最低生活保障'] };\n"],
  ])('%s allows patterns, dictionaries and texts: %s', async (file, code) => {
    expect(await rulesBroken(file, code)).not.toContain('no-restricted-syntax');
  });
});
