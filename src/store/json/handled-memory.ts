// Handled message ids of the JSON engine: in memory, since one process owns the store. The newest are
// kept; a restart forgets them, and the dispatcher's staleness check covers redeliveries after it.
import type { HandledMessages } from '../contract.ts';

/** How many ids are remembered. */
export const HANDLED_CAPACITY = 10_000;

export class MemoryHandled implements HandledMessages {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = HANDLED_CAPACITY) {}

  async first(id: string): Promise<boolean> {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}
