// The console chat: one line in, the plain-text reply out. A terminal session or piped input. On a
// terminal, a line written while the prompt waits (a log line) goes above the prompt, and the prompt
// and what the person was typing are drawn again below it.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatAdapter, MessageHandler, Target } from '../src/platform/adapter.ts';
import { renderPlain } from '../src/platform/reply.ts';
import { type Reply } from '../src/model/reply.ts';
import { adapterText } from '../src/texts/ops.ts';

export interface ConsoleOptions {
  input?: Readable;
  output?: Writable;
  greeting?: string;
  /** Called when the input ends (Ctrl+D or end of a pipe). */
  onClose?: () => void;
  /** Where files (the exported ledger) are saved: the configured export folder. */
  exportDir: string;
}

export class ConsoleAdapter implements ChatAdapter {
  readonly name = 'console';
  private rl: Interface | null = null;
  private seq = 0;
  private queue: Promise<void> = Promise.resolve();
  private terminal = false;
  /** The prompt is on the screen, waiting for the person. */
  private prompting = false;

  constructor(private readonly options: ConsoleOptions) {}

  private get output(): Writable {
    return this.options.output ?? process.stdout;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    const input = this.options.input ?? process.stdin;
    const terminal = 'isTTY' in input && Boolean(input.isTTY);
    this.terminal = terminal;
    this.rl = createInterface({ input, output: this.output, terminal, prompt: '> ' });
    if (this.options.greeting) this.output.write(`${this.options.greeting}\n`);
    this.prompt();
    this.rl.on('line', (line) => {
      this.prompting = false;
      // One message at a time, in order, like a chat.
      this.queue = this.queue.then(async () => {
        await onMessage({
          platform: 'console',
          chatId: 'console',
          chatType: 'private',
          userId: 'console',
          userName: adapterText.consoleUser,
          text: line,
          mentioned: true,
          messageId: String(++this.seq),
          time: new Date(),
        });
        this.prompt();
      });
    });
    this.rl.on('close', () => {
      void this.queue.then(() => this.options.onClose?.());
    });
  }

  private prompt(): void {
    if (!this.terminal || !this.rl) return;
    this.rl.prompt();
    this.prompting = true;
  }

  /**
   * Writes a line (a log line, to `stream`) so that it does not land inside the prompt: on a terminal
   * with the prompt showing, the prompt line is cleared, the line written, and the prompt drawn again
   * with what was being typed.
   */
  writeAbove(line: string, stream: Writable): void {
    this.above(() => stream.write(`${line}\n`));
  }

  private above(write: () => void): void {
    if (!this.prompting || !this.rl) return write();
    clearLine(this.output, 0);
    cursorTo(this.output, 0);
    write();
    this.rl.prompt(true);
  }

  async send(_target: Target, reply: Reply): Promise<void> {
    if (reply.file) {
      // A terminal cannot show a file: it is saved in the export folder and its path shown.
      const path = resolve(this.options.exportDir, reply.file.name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, reply.file.data);
      this.above(() => this.output.write(`${path}\n`));
    }
    // A push (a reminder digest) may arrive while the prompt waits: it goes above it too.
    this.above(() => this.output.write(`${renderPlain(reply)}\n\n`));
  }

  async stop(): Promise<void> {
    this.prompting = false;
    this.rl?.close();
    this.rl = null;
    await this.queue;
  }
}
