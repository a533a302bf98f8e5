import type { LiveEventMessage } from '@als/shared';

/** How long an event that came early waits for the ones before it (from other processes, through Redis) before they are read from the log. */
export const GAP_WAIT_MS = 50;
/** Events kept waiting for a gap to close, per meeting; beyond it the gap is filled from the log at once. */
export const EARLY_MAX = 500;
/** Events read from the log in one go when filling a gap. */
export const FILL_MAX = 500;
/** Events kept for one joining socket while its join is read; past it the socket resyncs by itself (it sees a gap). */
export const HELD_MAX = 1000;

/** What a sequencer does with the world: this process's sockets, the event log, and time. */
export interface SequencerPorts {
  /** Sends an event to this process's sockets in the meeting, but those named in `except`. */
  deliver(event: LiveEventMessage, except: readonly string[]): void;
  /** Sends an event to one socket of this process. */
  send(socketId: string, event: LiveEventMessage): void;
  /** The logged events with seq in (after, before), in order, at most `limit`. */
  read(after: number, before: number, limit: number): Promise<LiveEventMessage[]>;
  /** Runs `task` after `ms`; answers how to cancel it. */
  later(ms: number, task: () => void): () => void;
  /** A fill from the log failed (the database is away): it is tried again. */
  failed(error: unknown): void;
}

interface Held {
  /** Events delivered to the meeting's other sockets while this one's join is read (past `covers`). */
  missed: LiveEventMessage[];
  /** The seq after which `missed` is complete: what was delivered when the hold began (null: nothing yet). */
  covers: number | null;
  overflow: boolean;
}

/**
 * One meeting's events as this process hands them to its own sockets: in seq order, each once,
 * whatever order they arrive in (written here, or by other processes and carried through Redis).
 * An event that comes early waits; when the ones before it have not come after GAP_WAIT_MS, they
 * are read from the event log (every seq below a written one is committed, as each write moved the
 * seq from the one before). A socket joining is held while its state is read: it gets exactly the
 * events after the seq its join answered, after that answer. Memory: at most EARLY_MAX early events
 * and HELD_MAX per joining socket.
 */
export class MeetingSequencer {
  /** The last seq delivered; null until the first join tells where the meeting is. */
  private delivered: number | null = null;
  private readonly early = new Map<number, LiveEventMessage>();
  /** The highest seq heard of. */
  private highest = 0;
  private readonly held = new Map<string, Held>();
  /** Sockets whose join answered a state past `delivered`: they get no event up to that seq. */
  private readonly ahead = new Map<string, number>();
  private cancelWait: (() => void) | null = null;
  private filling = false;
  private closed = false;

  constructor(private readonly ports: SequencerPorts) {}

  /** Sockets held or ahead, and events waiting: what the sequencer holds on to (the meeting's sequencer may go when all are 0 and no socket is in the room). */
  get holding(): { held: number; ahead: number; early: number } {
    return { held: this.held.size, ahead: this.ahead.size, early: this.early.size };
  }

  get lastDelivered(): number | null {
    return this.delivered;
  }

  /** An event of the meeting, from this process or another. */
  offer(event: LiveEventMessage): void {
    if (this.closed) return;
    this.highest = Math.max(this.highest, event.seq);
    if (this.delivered !== null && event.seq <= this.delivered) return;
    if (this.delivered !== null && event.seq === this.delivered + 1) {
      this.deliver(event);
      this.drain();
      return;
    }
    // Early (or before the first join told where the meeting is): it waits for the ones before it.
    if (this.early.size < EARLY_MAX) this.early.set(event.seq, event);
    if (this.delivered === null) return;
    if (this.early.size >= EARLY_MAX) this.fill();
    else this.waitForGap();
  }

  /** A socket starts joining: until `release`, what the others get is kept for it instead. */
  hold(socketId: string): void {
    this.ahead.delete(socketId);
    this.held.set(socketId, { missed: [], covers: this.delivered, overflow: false });
  }

  /**
   * The socket's join answered the state at `seq` (and the answer has gone out): it gets the events
   * after `seq` delivered meanwhile, and from now on the others' events. Events between `seq` and
   * what the hold covers are read from the log first, the socket still held meanwhile.
   */
  async release(socketId: string, seq: number): Promise<void> {
    const held = this.held.get(socketId);
    if (!held || this.closed) return;
    if (this.delivered === null) {
      // The first join tells where the meeting is: deliver from there.
      this.delivered = seq;
      held.covers = seq;
      for (const s of [...this.early.keys()]) if (s <= seq) this.early.delete(s);
      this.drain();
    }
    const covers = held.covers ?? this.delivered;
    let before: LiveEventMessage[] = [];
    if (seq < covers) {
      try {
        before = await this.ports.read(seq, covers + 1, covers - seq);
      } catch (error) {
        this.ports.failed(error);
      }
      if (this.held.get(socketId) !== held) return;
    }
    this.held.delete(socketId);
    if (held.overflow) return;
    let last = seq;
    for (const event of [...before, ...held.missed]) {
      if (event.seq !== last + 1) continue;
      this.ports.send(socketId, event);
      last = event.seq;
    }
    if (this.delivered !== null && seq > this.delivered) this.ahead.set(socketId, seq);
  }

  /** The socket left the meeting (or disconnected). */
  forget(socketId: string): void {
    this.held.delete(socketId);
    this.ahead.delete(socketId);
  }

  /** No socket of this process is in the meeting any more: lets go of everything. */
  close(): void {
    this.closed = true;
    this.cancelWait?.();
    this.cancelWait = null;
    this.early.clear();
    this.held.clear();
    this.ahead.clear();
  }

  private deliver(event: LiveEventMessage): void {
    const except: string[] = [...this.held.keys()];
    for (const [socketId, upTo] of this.ahead) {
      if (upTo >= event.seq) except.push(socketId);
      else this.ahead.delete(socketId);
    }
    this.ports.deliver(event, except);
    for (const held of this.held.values()) {
      if (held.covers === null) held.covers = event.seq - 1;
      if (held.missed.length < HELD_MAX) held.missed.push(event);
      else held.overflow = true;
    }
    this.early.delete(event.seq);
    this.delivered = event.seq;
  }

  /** Delivers the early events that now follow on. */
  private drain(): void {
    for (let next = this.early.get(this.delivered! + 1); next; next = this.early.get(this.delivered! + 1)) this.deliver(next);
    if (this.highest <= this.delivered!) {
      this.cancelWait?.();
      this.cancelWait = null;
    } else if (!this.early.size) this.fill();
    else this.waitForGap();
  }

  private waitForGap(): void {
    if (this.cancelWait || this.filling) return;
    this.cancelWait = this.ports.later(GAP_WAIT_MS, () => {
      this.cancelWait = null;
      this.fill();
    });
  }

  /** Reads the missing events from the log (up to the highest heard of) and delivers them. */
  private fill(): void {
    if (this.filling || this.closed || this.delivered === null) return;
    this.cancelWait?.();
    this.cancelWait = null;
    this.filling = true;
    const from = this.delivered;
    const read = this.ports.read(from, this.highest + 1, FILL_MAX);
    void read
      .then((events) => {
        this.filling = false;
        if (this.closed) return;
        for (const event of events) if (event.seq === this.delivered! + 1) this.deliver(event);
        // Nothing in the log where events should be (a session deleted meanwhile): the screens resync by themselves.
        if (!events.length && this.delivered === from) {
          const [first] = [...this.early.keys()].sort((a, b) => a - b);
          if (first !== undefined) this.delivered = first - 1;
          else this.delivered = this.highest;
        }
        this.drain();
      })
      .catch((error: unknown) => {
        this.filling = false;
        this.ports.failed(error);
        if (!this.closed) this.waitForGap();
      });
  }
}
