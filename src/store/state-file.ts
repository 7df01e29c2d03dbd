// A small JSON state file for one component (an adapter's last update id …), written atomically.
import { z } from 'zod';
import { ValidatedJsonFile } from './json-file.ts';

const StateSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
type State = z.infer<typeof StateSchema>;

export class StateFile {
  private state: State = {};

  private constructor(private readonly file: ValidatedJsonFile<State>) {}

  static async open(path: string): Promise<StateFile> {
    const file = new ValidatedJsonFile(path, StateSchema);
    const state = new StateFile(file);
    state.state = (await file.read()) ?? {};
    return state;
  }

  get(key: string): State[string] | undefined {
    return this.state[key];
  }

  entries(): Array<[string, State[string]]> {
    return Object.entries(this.state);
  }

  /** Resolves once the value is durably written. */
  async set(key: string, value: State[string]): Promise<void> {
    this.state = { ...this.state, [key]: value };
    await this.file.write(this.state);
  }
}
