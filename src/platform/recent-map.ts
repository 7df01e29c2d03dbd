// A map that keeps only its most recently added entries: what an adapter remembers about the messages
// it received (where to reply to each) without growing for ever.

export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
