// The command table: usage, `<command> --help` for every command, unknown commands and options.
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../../src/cli/index.ts';
import { NOW } from '../helpers.ts';
import { useCli } from './run.ts';

const { cli } = useCli();

describe('usage and help', () => {
  it('no command prints the usage of every command and exits 2', async () => {
    const { code, out } = await cli();
    expect(code).toBe(2);
    for (const command of Object.values(COMMANDS)) expect(out).toContain(command.usage);
  });

  it('--help alone prints the same usage and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    expect(out).toBe((await cli()).out);
  });

  // [command, its usage starts with, its example starts with]
  it.each([
    ['import', 'import <文件…>', 'import 2023年分解表.docx'],
    ['parse', 'parse <文件>', 'parse '],
    ['docs', 'docs [--json]', 'docs'],
    ['tasks', 'tasks [--region 地区] [--unit 单位] [--month YYYY-MM]', 'tasks --region 汶上县 --unit 民政局'],
    ['ask', 'ask "问题"', 'ask "本月到期的任务"'],
    ['reminders', 'reminders preview', 'reminders preview --region 汶上县'],
    ['export', 'export --region 地区', 'export --region 汶上县'],
    ['subscribe', 'subscribe --chat 会话 --region 地区', 'subscribe --chat robot:ops'],
    ['unsubscribe', 'unsubscribe --chat 会话', 'unsubscribe --chat robot:ops'],
    ['bind', 'bind --chat 会话 --unit 单位 --user 编号', 'bind --chat robot:ops --unit 民政局 --user'],
    ['migrate-store', 'migrate-store --to 目标', 'migrate-store --to postgres://'],
    ['web-link', 'web-link [--as 平台:编号]', 'web-link --as telegram:'],
    ['backup', 'backup <文件或目录>', 'backup /var/backups/zwgk-bot/'],
    ['restore', 'restore <备份文件> [--force]', 'restore /var/backups/zwgk-bot/zwgk-backup-'],
    ['status', 'status [--json]', 'status'],
  ])('%s --help prints its usage and an example, and runs nothing', async (name, usage, example) => {
    const { code, out, err } = await cli(name, '--help');
    expect(code).toBe(0);
    expect(err).toBe('');
    const [usageLine, ...rest] = out.split('\n');
    expect(usageLine).toBe(`用法: npm run -s cli -- ${COMMANDS[name]!.usage}`);
    expect(COMMANDS[name]!.usage.startsWith(usage)).toBe(true);
    expect(rest.at(-1)).toMatch(new RegExp(`^例如: npm run -s cli -- ${example.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&')}`));
    expect(rest.join('\n')).toContain(COMMANDS[name]!.help);
  });

  it('the table above covers every command', () => {
    expect(Object.keys(COMMANDS)).toEqual(['import', 'parse', 'docs', 'tasks', 'ask', 'reminders', 'export', 'subscribe', 'unsubscribe', 'bind', 'migrate-store', 'web-link', 'backup', 'restore', 'status']);
  });

  it('-h is --help', async () => {
    expect((await cli('tasks', '-h')).out).toBe((await cli('tasks', '--help')).out);
  });
});

describe('usage errors exit 2 and say what is wrong', () => {
  it.each([
    [['frobnicate'], /未知命令/],
    [['toString'], /未知命令/],
    [['import'], /至少一个文件/],
    [['parse'], /只需要一个文件/],
    [['tasks', '--month', '2022-6'], /YYYY-MM/],
    [['parse', 'a', '--year', '22'], /四位年份/],
    [['tasks', '--unit', '不存在局'], /没有找到“不存在局”/],
    [['tasks', '--bogus'], /bogus/],
    [['ask', '这个月', '--today', '2022/6/1'], /YYYY-MM-DD/],
    [['reminders', 'preview', '--today', '6月24日'], /YYYY-MM-DD/],
    [['export', '--region', '汶上县', '--today', 'tomorrow'], /YYYY-MM-DD/],
  ])('%j', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('errors that are not usage errors exit 1, said as people read them', () => {
  it('a wrong configuration names the variable, in sentences', async () => {
    const err: string[] = [];
    const code = await runCli(['docs'], { out: () => {}, err: (l) => err.push(l), now: () => NOW, env: { TELEGRAM_WEBHOOK_URL: 'not a url' } });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('TELEGRAM_WEBHOOK_URL');
    expect(err.join('\n')).not.toMatch(/^invalid configuration:/); // the raw message of ConfigError
    expect(err.join('\n')).toMatch(/\p{Script=Han}/u);
  });
});
