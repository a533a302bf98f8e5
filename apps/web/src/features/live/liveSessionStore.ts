import type { Socket } from 'socket.io-client';
import {
  LIVE_MESSAGES,
  UnknownLiveEventError,
  type ClientToServerEvents,
  type LiveCommandAck,
  type LiveCommandType,
  type LiveEventMessage,
  type LiveJoinAck,
  type LiveJoinRole,
  type LivePresence,
  type LiveResyncAck,
  type LiveSessionState,
  type ServerToClientEvents,
} from '@als/shared';
import { emptySync, joined, received, resynced, type LiveSync, type SyncStep } from './liveSync';
import { answeredBy, optimisticView, stillPending, type PendingCommand } from './optimistic';

/** The web client's side of /live, typed by the shared event maps. */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a screen shows of a live session at one moment (a new object whenever something changed). */
export interface LiveSessionSnapshot {
  state: LiveSessionState | null;
  /** The seq of the last event applied. */
  seq: number;
  present: LivePresence['present'];
  /** Connected and in sync with the server. */
  connected: boolean;
  /** Why the session cannot be shown (not a member, closed by the server…). */
  error: string | null;
  /** Server time minus this device's time, in ms: timers use it so every screen agrees. */
  offsetMs: number;
  /** The person's role in the set, from the join's answer (null until it answered). */
  role: LiveJoinRole | null;
  /** The rota names this person (a member) to facilitate or co-facilitate this meeting, from the join's answer. */
  facilitates?: boolean;
}

export interface LiveSessionStoreOptions {
  meetingId: string;
  inRoom?: boolean;
  /** Whether joining counts this account at the meeting (default true): false for the projector, and a console in the room unless its person takes part. */
  present?: boolean;
  /** Who is signed in: their own commands are shown at once (optimistically) when known. */
  userId?: string;
  /** Opens the socket (socket.io's `io` on the page; a fake in tests). */
  connect: () => LiveSocket;
  /** This device's clock, ms since the epoch. */
  now?: () => number;
}

const ACK_MS = 10_000;
const COMMAND_ACK_MS = 5000;
const OUT_OF_DATE = 'This page is out of date: reload it to follow the session.';

const newId = () => (globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * A meeting's live session as a plain TypeScript store (React reads it through
 * useSyncExternalStore; tests drive it with a fake socket). It joins on every connect; applies
 * events in seq order with the shared reducer (liveSync.ts), ignoring duplicates and keeping those
 * that come before the first join's answer; resyncs from the seq of the last event it applied
 * after a gap and after a reconnect; and shows the person's own commands at once, decided by the
 * shared rules for their real role, until the server's event or refusal settles them (optimistic.ts).
 */
export class LiveSessionStore {
  private snapshot: LiveSessionSnapshot = { state: null, seq: 0, present: [], connected: false, error: null, offsetMs: 0, role: null };
  private readonly listeners = new Set<() => void>();
  private socket: LiveSocket | null = null;
  private sync: LiveSync = emptySync;
  private pending: PendingCommand[] = [];
  private syncing = false;
  private readonly now: () => number;

  constructor(private readonly options: LiveSessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveSessionSnapshot => this.snapshot;

  /** The connection, for the set's own call, which signals over it (call/callSignalling.ts). */
  channel = (): LiveSocket | null => this.socket;

  /** Opens the connection (again after stop). */
  start(): void {
    if (this.socket) return;
    const socket = this.options.connect();
    this.socket = socket;
    socket.on('connect', () => void this.join(socket));
    socket.on('disconnect', () => this.update({ connected: false }));
    socket.on('connect_error', (error: Error) => this.update({ connected: false, ...(/sign in/i.test(error.message) ? { error: error.message } : {}) }));
    socket.on(LIVE_MESSAGES.event, (event) => this.onEvent(event));
    socket.on(LIVE_MESSAGES.presence, (message) => {
      if (message.meetingId === this.options.meetingId) this.update({ present: message.present });
    });
    socket.on(LIVE_MESSAGES.closed, ({ reason }) => {
      this.update({ error: reason });
      socket.disconnect();
    });
  }

  stop(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
  }

  /** Sends a command: shown at once, then settled by its ack (refused: it disappears, and the answer says why). */
  send = async (type: LiveCommandType, payload: Record<string, unknown> = {}): Promise<LiveCommandAck> => {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: 'Not connected: reconnecting…' };
    const commandId = newId();
    const mine: PendingCommand = { commandId, type, payload, ackSeq: null };
    this.pending = [...this.pending, mine];
    this.show();
    const settle = (ack: LiveCommandAck) => {
      // Confirmed: it stays shown until its event arrives. Refused: it disappears.
      this.pending = ack.ok ? this.pending.map((p) => (p === mine ? { ...p, ackSeq: ack.seq } : p)) : this.pending.filter((p) => p !== mine);
      this.show();
      return ack;
    };
    // Resent with the same commandId after a timeout: the server applies it once.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return settle(await socket.timeout(COMMAND_ACK_MS).emitWithAck(LIVE_MESSAGES.command, { commandId, meetingId: this.options.meetingId, type, payload }));
      } catch {
        if (!socket.connected) break;
      }
    }
    return settle({ ok: false, error: 'No answer from the server: check your connection.' });
  };

  private async join(socket: LiveSocket): Promise<void> {
    const sentAt = this.now();
    let ack: LiveJoinAck;
    try {
      ack = await socket.timeout(ACK_MS).emitWithAck(LIVE_MESSAGES.join, { meetingId: this.options.meetingId, inRoom: this.options.inRoom ?? false, present: this.options.present ?? true });
    } catch {
      this.update({ connected: false });
      return;
    }
    if (!ack.ok) return this.update({ error: ack.error });
    this.update({ offsetMs: this.offset(sentAt, ack.serverTime), role: ack.role, facilitates: ack.facilitates ?? false, error: null, connected: true });
    // The first join takes the state; a join again keeps this screen's and resyncs from its last seq when the server is further on.
    if (this.commit(() => joined(this.sync, ack))) await this.resync(socket);
  }

  private onEvent(event: LiveEventMessage): void {
    if (event.meetingId !== this.options.meetingId) return;
    this.pending = answeredBy(this.pending, [event]);
    if (this.commit(() => received(this.sync, event)) && this.socket) void this.resync(this.socket);
  }

  /** Asks for the events after the last seq applied (or the state, when many were missed), until none are missing. */
  private async resync(socket: LiveSocket): Promise<void> {
    if (this.syncing || !this.sync.state) return;
    this.syncing = true;
    let again = false;
    try {
      const sentAt = this.now();
      const ack: LiveResyncAck = await socket.timeout(ACK_MS).emitWithAck(LIVE_MESSAGES.resync, { meetingId: this.options.meetingId, sinceSeq: this.sync.seq });
      if (!ack.ok) return this.update({ error: ack.error });
      this.update({ offsetMs: this.offset(sentAt, ack.serverTime) });
      if ('events' in ack) this.pending = answeredBy(this.pending, ack.events);
      again = this.commit(() => resynced(this.sync, ack));
    } catch {
      // The connection dropped again: the next connect joins and resyncs.
    } finally {
      this.syncing = false;
    }
    if (again && this.socket === socket) await this.resync(socket);
  }

  /** Takes a step of the sync and shows it; answers whether events are missing. An event this version cannot apply stops the screen (it would show a wrong state). */
  private commit(step: () => SyncStep): boolean {
    let next: SyncStep;
    try {
      next = step();
    } catch (error) {
      if (!(error instanceof UnknownLiveEventError)) throw error;
      this.update({ error: OUT_OF_DATE });
      return false;
    }
    this.sync = next.sync;
    this.show();
    return next.resync;
  }

  /** The confirmed state with this person's commands on their way applied on top, decided for their real role. */
  private show(): void {
    const { state: confirmed, seq } = this.sync;
    if (!confirmed) return;
    this.pending = stillPending(this.pending, seq);
    const { userId } = this.options;
    const role = this.snapshot.role;
    const state = userId && role && this.pending.length ? optimisticView(confirmed, seq, this.pending, { userId, role, facilitates: this.snapshot.facilitates }, new Date(this.now() + this.snapshot.offsetMs)) : confirmed;
    this.update({ state, seq });
  }

  private offset(sentAt: number, serverTime: string): number {
    return Date.parse(serverTime) - (sentAt + this.now()) / 2;
  }

  private update(change: Partial<LiveSessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
