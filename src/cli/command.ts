// What a command of the command line is: its texts (usage, help, example) and what it runs.
import type { CommandText } from '../texts/cli.ts';
import type { Values } from './options.ts';

/** The outside world of one run: output lines, error lines, the clock, the environment. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  now: () => Date;
  env: NodeJS.ProcessEnv;
}

/** One run of a command: the words after its name (files, a question, a subcommand), and the options. */
export interface CommandInput {
  args: string[];
  values: Values;
  io: Io;
}

export interface Command extends CommandText {
  /** Resolves to the exit code when it is not 0 for a run that went as planned (status: unhealthy). */
  run: (input: CommandInput) => Promise<number | void>;
}
