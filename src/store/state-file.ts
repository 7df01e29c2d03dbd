// A small JSON state file for one component (an adapter's last update id, the update ids it handled …),
// written atomically. A corrupt one is set aside with a warning (side-file.ts), never fatal.
import { z } from 'zod';
import { silentLogger, type Logger } from '../log.ts';
import { ValidatedJsonFile } from './json-file.ts';
import { readSideFile } from './side-file.ts';

const StateSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.number())]));
type State = z.infer<typeof StateSchema>;
export type StateValue = State[string];

export class StateFile {
  private state: State = {};

  private constructor(private readonly file: ValidatedJsonFile<State>) {}

  static async open(path: string, logger: Logger = silentLogger): Promise<StateFile> {
    const file = new ValidatedJsonFile(path, StateSchema);
    const state = new StateFile(file);
    state.state = (await readSideFile(file, logger)) ?? {};
    return state;
  }

  get(key: string): StateValue | undefined {
    return this.state[key];
  }

  /** Resolves once the value is durably written. */
  async set(key: string, value: StateValue): Promise<void> {
    await this.setMany({ [key]: value });
  }

  /** Sets several values in one durable write (a burst of calls shares one file write). */
  async setMany(values: State): Promise<void> {
    this.state = { ...this.state, ...values };
    await this.file.writeLatest(() => this.state);
  }
}
