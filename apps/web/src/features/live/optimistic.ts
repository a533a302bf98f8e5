import { decide, evolve, type LiveActor, type LiveCommandType, type LiveEventMessage, type LiveSessionState } from '@als/shared';

/** A command this screen sent: shown at once, until the server's event for it (seq `ackSeq`, from the ack or the event itself) is applied or it is refused. */
export interface PendingCommand {
  commandId: string;
  type: LiveCommandType;
  payload: Record<string, unknown>;
  /** The seq the server gave it (from the ack); null while unanswered. */
  ackSeq: number | null;
}

/**
 * What the screen shows: the server's confirmed state with this person's own commands still on
 * their way applied on top, by the same reducer the server runs. A command the local reducer
 * refuses (it needs the server, or the state moved on) shows nothing until the server answers;
 * one the server has confirmed is already in `confirmed`.
 */
export function optimisticView(confirmed: LiveSessionState, confirmedSeq: number, pending: readonly PendingCommand[], actor: LiveActor, now: Date): LiveSessionState {
  return pending
    .filter((p) => p.ackSeq === null || p.ackSeq > confirmedSeq)
    .reduce((state, p) => {
      const decision = decide(state, { type: p.type, payload: p.payload }, actor, now);
      return decision.ok ? evolve(state, { ...decision.event, at: now.toISOString() }) : state;
    }, confirmed);
}

/** Marks the commands whose events are among `events` as answered with their seq: an event can arrive before its ack. */
export function answeredBy(pending: readonly PendingCommand[], events: readonly Pick<LiveEventMessage, 'commandId' | 'seq'>[]): PendingCommand[] {
  if (!events.length || !pending.length) return [...pending];
  const seqOf = new Map(events.map((e) => [e.commandId, e.seq]));
  return pending.map((p) => (p.ackSeq === null && seqOf.has(p.commandId) ? { ...p, ackSeq: seqOf.get(p.commandId)! } : p));
}

/** The commands still to show after the state reached `seq`. */
export function stillPending(pending: readonly PendingCommand[], seq: number): PendingCommand[] {
  return pending.filter((p) => p.ackSeq === null || p.ackSeq > seq);
}
