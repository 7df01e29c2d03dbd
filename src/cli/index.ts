// The command line: a table of commands (usage, help with an example, what each runs), the arguments
// parsed once, and one error boundary. With --json, stdout holds only JSON. `<command> --help` prints
// that command's usage and example; no command prints the usage of all and exits 2.
import { existsSync } from 'node:fs';
import { UsageError, ZwgkError } from '../errors.ts';
import { cliText } from '../texts/cli.ts';
import { describeError } from '../texts/errors.ts';
import type { Command, Io } from './command.ts';
import { backupCommands } from './backup.ts';
import { documentCommands } from './documents.ts';
import { ledgerCommands } from './ledger.ts';
import { parseCommandLine } from './options.ts';
import { reminderCommands } from './reminders.ts';
import { storeCommands } from './store.ts';
import { statusCommands } from './status.ts';
import { taskCommands } from './tasks.ts';
import { webCommands } from './web.ts';

export type { Io } from './command.ts';

/** Every command, in the order the usage lists them. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  ...documentCommands,
  ...taskCommands,
  reminders: reminderCommands.reminders,
  ...ledgerCommands,
  subscribe: reminderCommands.subscribe,
  unsubscribe: reminderCommands.unsubscribe,
  bind: reminderCommands.bind,
  ...storeCommands,
  ...webCommands,
  ...backupCommands,
  ...statusCommands,
};

export const usage = (): string => cliText.usage(Object.values(COMMANDS));

/** Exit codes: done, failed (the store, a document …), wrong usage. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

async function dispatch(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const [name, ...args] = positionals;
  if (!name) {
    io.out(usage());
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(cliText.unknownCommand(name, usage()));
  if (values.help) {
    io.out(cliText.commandHelp(command));
    return EXIT.ok;
  }
  return (await command.run({ args, values, io })) ?? EXIT.ok;
}

const isParseArgsError = (e: unknown): e is TypeError => e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS');

export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      io.err(e.message);
      return EXIT.usage;
    }
    if (e instanceof ZwgkError) {
      io.err(describeError(e));
      return EXIT.failed;
    }
    throw e;
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  // The same configuration as the bot's (`npm start` reads .env too): the store, the robots.
  if (existsSync('.env')) process.loadEnvFile('.env');
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
    env: process.env,
  });
}
