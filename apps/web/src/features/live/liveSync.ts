import { evolve, type LiveEventMessage, type LiveResyncAck, type LiveSessionState } from '@als/shared';

/**
 * A screen's copy of a session's log, kept exact: the state after the last event APPLIED and that
 * event's seq. Events are applied one seq after another; one already applied (seq ≤ seq) is
 * ignored; one further on means some are missing, and the screen resyncs from the last seq it
 * applied. Acknowledgements of commands never move the seq: an ack can arrive before or after its
 * event, and only the event changes the state.
 */
export interface LiveSync {
  /** The state at `seq`; null until the first join answers. */
  state: LiveSessionState | null;
  /** The seq of the last event applied (or of the state a join or resync gave). */
  seq: number;
  /** The highest seq heard of: above `seq`, events are missing. */
  heard: number;
}

/** The sync after a step, and whether to resync (from `sync.seq`) because events are missing. */
export interface SyncStep {
  sync: LiveSync;
  resync: boolean;
}

export const emptySync: LiveSync = { state: null, seq: 0, heard: 0 };

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
  return { state, seq, heard };
}

/** A join's answer: the whole state at its seq (kept only if it is not older than what this screen already applied). */
export function joined(sync: LiveSync, answer: { state: LiveSessionState; seq: number }): SyncStep {
  const heard = Math.max(sync.heard, answer.seq);
  const next = sync.state && sync.seq >= answer.seq ? { ...sync, heard } : { state: answer.state, seq: answer.seq, heard };
  return { sync: next, resync: next.heard > next.seq };
}

/** An event as it arrives. Before the first join has answered it is ignored: the join's state holds it or is followed by it. */
export function received(sync: LiveSync, event: LiveEventMessage): SyncStep {
  if (!sync.state) return { sync, resync: false };
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
        ? { state: answer.state, seq: answer.seq, heard: Math.max(sync.heard, answer.seq) }
        : { ...sync, heard: Math.max(sync.heard, answer.seq) }
      : applyInOrder({ ...sync, heard: Math.max(sync.heard, answer.seq) }, answer.events);
  return { sync: next, resync: next.heard > next.seq && next.seq > sync.seq };
}
