// A real terminal for tests that must see the screen as a person does: tmux runs the program in a
// pseudo-terminal of a fixed size; capture-pane reads the screen, send-keys types.
import { execFileSync } from 'node:child_process';
import { until } from '../helpers.ts';

const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });

let sessions = 0;

export class Terminal {
  private constructor(readonly name: string) {}

  /** Runs `command` (a shell line) in `cwd` with `env` in a new 100×30 terminal. */
  static open(command: string, cwd: string, env: Record<string, string>): Terminal {
    const name = `zwgk-test-${process.pid}-${++sessions}`;
    const exports = Object.entries(env).map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'`).join(' ');
    // `; sleep` keeps the pane after the program exits, so its last screen can still be read.
    tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', '-c', cwd, `env ${exports} ${command}; echo "[exit $?]"; sleep 60`);
    return new Terminal(name);
  }

  /** The screen's lines, trailing blanks (and trailing empty lines) removed. */
  screen(): string[] {
    const lines = tmux('capture-pane', '-p', '-t', this.name).split('\n').map((l) => l.trimEnd());
    while (lines.length && !lines.at(-1)) lines.pop();
    return lines;
  }

  async waitFor(text: string, ms = 30_000): Promise<void> {
    await until(() => this.screen().join('\n').includes(text), ms);
  }

  /** Types the text, then Enter (unless `enter` is false). */
  type(text: string, enter = true): void {
    tmux('send-keys', '-t', this.name, '-l', text);
    if (enter) tmux('send-keys', '-t', this.name, 'Enter');
  }

  /** Ctrl+D: the end of input. */
  endOfInput(): void {
    tmux('send-keys', '-t', this.name, 'C-d');
  }

  close(): void {
    try {
      tmux('kill-session', '-t', this.name);
    } catch {
      // already gone
    }
  }
}
