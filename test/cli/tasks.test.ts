// Questions from the command line: tasks by unit and by month, and ask (one message through the bot).
import { describe, expect, it } from 'vitest';
import { useCli } from './run.ts';

const { cli } = useCli();
type AskJson = { intent: string; text: string; tasks: Array<{ requirement: string; region: string; deadline: { due: string } }>; related: unknown[] };
const ask = async (...argv: string[]): Promise<AskJson> => JSON.parse((await cli('ask', ...argv, '--json')).out) as AskJson;

describe('tasks', () => {
  it('answers by unit and by month', async () => {
    const byUnit = JSON.parse((await cli('tasks', '--region', '汶上县', '--unit', '民政局', '--json')).out) as { tasks: Array<{ requirement: string }>; related: unknown[] };
    expect(byUnit.tasks).toHaveLength(4);
    expect(byUnit.related.length).toBeGreaterThan(0);

    const byMonth = JSON.parse((await cli('tasks', '--region', '汶上县', '--month', '2022-06', '--json')).out) as { tasks: unknown[] };
    expect(byMonth.tasks).toHaveLength(3);

    const human = await cli('tasks', '--region', '汶上县', '--month', '2022-06');
    expect(human.out).toContain('进一步规范流调信息发布和管理');
  });

  it('reads unit names as the chat does, and says so in the chat’s words', async () => {
    const byEveryday = JSON.parse((await cli('tasks', '--region', '冠县', '--unit', '商务局', '--json')).out) as { tasks: unknown[] };
    expect(byEveryday.tasks).toHaveLength(4);
    const unknown = await cli('tasks', '--region', '冠县', '--unit', '商投局');
    expect(unknown.code).not.toBe(0);
    const chat = await ask('商投局有啥任务', '--region', '冠县');
    expect(unknown.err).toContain('没有找到“商投局”，您是不是要找：县商务和投资促进局？');
    expect(chat.text).toContain('没有找到“商投局”，您是不是要找：县商务和投资促进局？');
  });
});

describe('ask', () => {

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
});
