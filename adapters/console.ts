// The console chat: one line in, the plain-text reply out. A terminal session or piped input.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
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

  constructor(private readonly options: ConsoleOptions) {}

  private get output(): Writable {
    return this.options.output ?? process.stdout;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    const input = this.options.input ?? process.stdin;
    const terminal = 'isTTY' in input && Boolean(input.isTTY);
    this.rl = createInterface({ input, output: this.output, terminal, prompt: '> ' });
    if (this.options.greeting) this.output.write(`${this.options.greeting}\n`);
    if (terminal) this.rl.prompt();
    this.rl.on('line', (line) => {
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
        if (terminal) this.rl?.prompt();
      });
    });
    this.rl.on('close', () => {
      void this.queue.then(() => this.options.onClose?.());
    });
  }

  async send(_target: Target, reply: Reply): Promise<void> {
    if (reply.file) {
      // A terminal cannot show a file: it is saved in the export folder and its path shown.
      const path = resolve(this.options.exportDir, reply.file.name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, reply.file.data);
      this.output.write(`${path}\n`);
    }
    this.output.write(`${renderPlain(reply)}\n\n`);
  }

  async stop(): Promise<void> {
    this.rl?.close();
    this.rl = null;
    await this.queue;
  }
}
