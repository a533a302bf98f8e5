/** How long after its deadline a timeout fires: a timer may fire a millisecond early against the wall clock. */
export const DEADLINE_LATE_MS = 20;
/** The longest delay a Node timeout takes (about 23 days); a later deadline is reached in steps. */
const MAX_DELAY_MS = 2_000_000_000;

interface Deadline {
  id: number;
  endsAt: number;
  /** When the timeout armed for it fires (never later than endsAt + DEADLINE_LATE_MS). */
  firesAt: number;
  handle: NodeJS.Timeout;
}

/**
 * One deadline per key (a meeting's running timer), each kept by a single timeout that calls `due`
 * once the deadline has passed. Setting the deadline again costs nothing when it has not moved
 * (every command of a session with a running timer does) or moved later (the timeout armed fires
 * first, sees the deadline is not reached and waits for the rest); only a deadline moved earlier,
 * or another timer, arms a new timeout. `now` is the injected clock, in ms.
 */
export class Deadlines {
  private readonly entries = new Map<string, Deadline>();

  constructor(
    private readonly now: () => number,
    private readonly due: (key: string, id: number) => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Keeps `key`'s deadline at `endsAt` (ms since the epoch) for timer `id`. */
  set(key: string, id: number, endsAt: number): void {
    const existing = this.entries.get(key);
    if (existing && existing.id === id && existing.firesAt <= endsAt + DEADLINE_LATE_MS) {
      existing.endsAt = endsAt;
      return;
    }
    if (existing) clearTimeout(existing.handle);
    const entry = { id, endsAt } as Deadline;
    this.arm(key, entry);
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    const existing = this.entries.get(key);
    if (existing) clearTimeout(existing.handle);
    this.entries.delete(key);
  }

  clear(): void {
    for (const { handle } of this.entries.values()) clearTimeout(handle);
    this.entries.clear();
  }

  private arm(key: string, entry: Deadline): void {
    const now = this.now();
    const delay = Math.min(Math.max(0, entry.endsAt - now) + DEADLINE_LATE_MS, MAX_DELAY_MS);
    entry.firesAt = now + delay;
    entry.handle = setTimeout(() => this.fire(key, entry), delay);
    entry.handle.unref();
  }

  private fire(key: string, entry: Deadline): void {
    if (this.entries.get(key) !== entry) return;
    // Moved later since this timeout was armed (or beyond the longest delay): wait for the rest.
    if (entry.endsAt > this.now()) return this.arm(key, entry);
    this.entries.delete(key);
    this.due(key, entry.id);
  }
}
