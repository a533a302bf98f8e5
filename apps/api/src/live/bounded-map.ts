/**
 * A map that forgets: at most `maxSize` entries, the least recently used going first, and (with
 * `maxIdleMs`) none left unused for longer than that. Reading an entry with `get` counts as using
 * it. Expired entries go as soon as any entry is written or the expired one is read, so the map
 * never holds more than `maxSize` whatever happens, and an idle process lets go of them on its next
 * write. `now` answers the time in ms (the injected Clock).
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, { value: V; usedAt: number }>();

  constructor(
    readonly maxSize: number,
    private readonly maxIdleMs: number = Infinity,
    private readonly now: () => number = () => 0,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    this.entries.delete(key);
    if (now - entry.usedAt > this.maxIdleMs) return undefined;
    entry.usedAt = now;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The value without counting it as used (nor dropping it when expired). */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: K, value: V): void {
    const now = this.now();
    this.entries.delete(key);
    this.entries.set(key, { value, usedAt: now });
    this.prune(now);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }

  /** Drops the entries past the size bound and those idle too long (the oldest are first in a Map). */
  prune(now = this.now()): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxSize && now - entry.usedAt <= this.maxIdleMs) break;
      this.entries.delete(key);
    }
  }
}
