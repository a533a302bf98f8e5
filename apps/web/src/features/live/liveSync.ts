import { evolve, type LiveEventMessage, type LiveResyncAck, type LiveSessionState } from '@als/shared';

/**
 * A screen's copy of a session's log, kept exact: the state after the last event APPLIED and that
 * event's seq. Events are applied one seq after another; one already applied (seq ≤ seq) is
 * ignored; one further on means some are missing, and the screen resyncs from the last seq it
 * applied. Acknowledgements of commands never move the seq: an ack can arrive before or after its
 * event, and only the event changes the state. Events that come before the first join has
 * answered are kept (bounded) and applied on top of the join's state.
 */
export interface LiveSync {
  /** The state at `seq`; null until the first join answers. */
  state: LiveSessionState | null;
  /** The seq of the last event applied (or of the state a join or resync gave). */
  seq: number;
  /** The highest seq heard of: above `seq`, events are missing. */
  heard: number;
  /** Events received before the first join answered, to apply on top of its state. */
  early: readonly LiveEventMessage[];
}

/** The sync after a step, and whether to resync (from `sync.seq`) because events are missing. */
export interface SyncStep {
  sync: LiveSync;
  resync: boolean;
}

/** Events kept before the first join answers; past this the join's state (or a resync) brings them. */
export const EARLY_EVENTS_KEPT = 1000;

export const emptySync: LiveSync = { state: null, seq: 0, heard: 0, early: [] };

/** Events applied in order on top of `sync`, skipping those already applied, stopping at a gap. */
function applyInOrder(sync: LiveSync, events: readonly LiveEventMessage[]): LiveSync {
  if (!sync.state) return sync;
  let { state, seq } = sync;
  let heard = sync.heard;
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    heard = Math.max(heard, event.seq);
    if (event.seq !== seq + 1) continue;
    state = evolve(state, event);
    seq = event.seq;
  }
  return { state, seq, heard, early: sync.early };
}

/**
 * A join's answer. The first: its whole state at its seq, with the events that came before it on
 * top. A join again (after a reconnect): this screen keeps its own state and resyncs from the last
 * seq it applied when the server is further on, so the events it missed arrive as events (with
 * their commandIds, which settle this screen's own commands) rather than as a whole state.
 */
export function joined(sync: LiveSync, answer: { state: LiveSessionState; seq: number }): SyncStep {
  const heard = Math.max(sync.heard, answer.seq);
  if (sync.state) {
    const next = { ...sync, heard };
    return { sync: next, resync: next.heard > next.seq };
  }
  const next = applyInOrder({ state: answer.state, seq: answer.seq, heard, early: [] }, sync.early);
  return { sync: next, resync: next.heard > next.seq };
}

/** An event as it arrives. Before the first join has answered it is kept, to apply on top of the join's state. */
export function received(sync: LiveSync, event: LiveEventMessage): SyncStep {
  if (!sync.state) {
    if (sync.early.length >= EARLY_EVENTS_KEPT || sync.early.some((e) => e.seq === event.seq)) return { sync: { ...sync, heard: Math.max(sync.heard, event.seq) }, resync: false };
    return { sync: { ...sync, early: [...sync.early, event], heard: Math.max(sync.heard, event.seq) }, resync: false };
  }
  if (event.seq <= sync.seq) return { sync, resync: false };
  const next = applyInOrder(sync, [event]);
  return { sync: next, resync: next.heard > next.seq };
}

/**
 * A resync's answer: the whole state (taken when newer), or the events after the seq asked from,
 * applied in order. Asks to resync again only when events are still missing and this answer
 * brought the screen forward (otherwise the next event that shows a gap asks again).
 */
export function resynced(sync: LiveSync, answer: Exclude<LiveResyncAck, { ok: false }>): SyncStep {
  const next =
    'state' in answer
      ? !sync.state || answer.seq > sync.seq
        ? { state: answer.state, seq: answer.seq, heard: Math.max(sync.heard, answer.seq), early: [] }
        : { ...sync, heard: Math.max(sync.heard, answer.seq) }
      : applyInOrder({ ...sync, heard: Math.max(sync.heard, answer.seq) }, answer.events);
  return { sync: next, resync: next.heard > next.seq && next.seq > sync.seq };
}
