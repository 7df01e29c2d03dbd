// The options of `npm start` (`npm start -- --help`): read before anything starts, so that asking for
// help, or a mistyped option, never starts the bot.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import { startText } from '../texts/ops.ts';

export interface StartOptions {
  help: boolean;
  /** Open the console chat on a terminal besides the configured platforms. */
  console: boolean;
}

export function parseStartOptions(argv: readonly string[]): StartOptions {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h', default: false }, console: { type: 'boolean', default: false } },
      allowPositionals: false,
      strict: true,
    });
    return { help: values.help, console: values.console };
  } catch (cause) {
    const option = argv.find((a) => a !== '--help' && a !== '-h' && a !== '--console') ?? argv.join(' ');
    throw new UsageError(`${startText.unknownOption(option)}\n${startText.usage}`, { cause });
  }
}
