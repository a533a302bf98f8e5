import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENDA, decide, evolve, initialLiveState, type LiveCommandType, type LiveSessionState } from '@als/shared';
import { optimisticView, stillPending, type PendingCommand } from './optimistic';

const now = new Date('2026-11-25T10:00:00.000Z');
const roster = [
  { userId: 'fran', displayName: 'Fran' },
  { userId: 'pat', displayName: 'Pat' },
];

/** A session the server started (seq 1), as every screen has it. */
function started(): LiveSessionState {
  const decision = decide(initialLiveState('m1'), { type: 'start', payload: {} }, { userId: 'fran', role: 'facilitator' }, now, { roster, agenda: DEFAULT_AGENDA, openActions: [], defaultDueAt: null });
  if (!decision.ok) throw new Error(decision.error);
  return evolve(initialLiveState('m1'), { ...decision.event, at: now.toISOString() });
}

const command = (type: LiveCommandType, payload: Record<string, unknown> = {}, ackSeq: number | null = null): PendingCommand => ({ commandId: `${type}-${ackSeq}`, type, payload, ackSeq });

describe('optimistic commands', () => {
  it('shows the facilitator’s own command at once, as the server will apply it', () => {
    const confirmed = started();
    expect(confirmed.phase).toBe('check-in');
    const view = optimisticView(confirmed, 1, [command('advance')], { userId: 'fran', role: 'member' }, now);
    expect(view.phase).toBe('bidding');
    expect(confirmed.phase).toBe('check-in'); // the confirmed state is untouched
  });

  it('shows nothing for a command the rules refuse: a member cannot advance', () => {
    const confirmed = started();
    expect(optimisticView(confirmed, 1, [command('advance')], { userId: 'pat', role: 'member' }, now)).toBe(confirmed);
  });

  it('stops applying a command once the server’s event for it is in the confirmed state', () => {
    const confirmed = started();
    const acked = command('advance', {}, 2);
    // The ack came (seq 2) but not yet the event: still shown.
    expect(optimisticView(confirmed, 1, [acked], { userId: 'fran', role: 'member' }, now).phase).toBe('bidding');
    expect(stillPending([acked], 1)).toEqual([acked]);
    // The event arrived: confirmed holds it, the pending command is dropped, never applied twice.
    const next = evolve(confirmed, { type: 'phaseChanged', payload: { phase: 'bidding', presenterId: null, timer: null }, at: now.toISOString() });
    expect(stillPending([acked], 2)).toEqual([]);
    expect(optimisticView(next, 2, [acked], { userId: 'fran', role: 'member' }, now)).toBe(next);
  });
});
