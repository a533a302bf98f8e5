import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router';
import { DEFAULT_AGENDA, decide, evolve, initialLiveState, type LiveActor, type LiveSessionState } from '@als/shared';
import { LiveSessionView } from '@web/features/live/LivePage';

const roster = ['fran', 'pat', 'sam'].map((userId) => ({ userId, displayName: userId }));
const now = new Date('2030-03-05T10:00:00.000Z');
const setup = { roster, agenda: DEFAULT_AGENDA, openActions: [], defaultDueAt: null, assigned: { facilitatorId: 'pat', coFacilitatorId: null } };

function after(commands: [LiveActor, string][]): LiveSessionState {
  let state = initialLiveState('m1');
  for (const [actor, type] of commands) {
    const decision = decide(state, { type, payload: {} }, actor, now, setup);
    if (!decision.ok) throw new Error(decision.error);
    state = evolve(state, { ...decision.event, at: now.toISOString() });
  }
  return state;
}
const view = (state: LiveSessionState, me: string, facilitates: boolean) =>
  render(
    <MemoryRouter>
      <LiveSessionView meetingId="m1" me={me} session={{ state, seq: 0, present: [], connected: true, error: null, offsetMs: 0, role: 'member', facilitates, send: vi.fn() }} />
    </MemoryRouter>,
  );

describe('the live session of a meeting the rota gives to a member', () => {
  it('offers the named member the facilitator’s start, and another member the wait', () => {
    const first = view(initialLiveState('m1'), 'pat', true);
    expect(screen.getByRole('button', { name: 'Start the session' })).toBeInTheDocument();
    first.unmount();
    view(initialLiveState('m1'), 'sam', false);
    expect(screen.queryByRole('button', { name: 'Start the session' })).not.toBeInTheDocument();
    expect(screen.getByText('Waiting for the facilitator to start.')).toBeInTheDocument();
  });

  it('offers the member who ran it the reflection once it has ended, and nobody else', () => {
    const PAT: LiveActor = { userId: 'pat', role: 'member', facilitates: true };
    const ended = after([
      [PAT, 'start'],
      [PAT, 'end'],
    ]);
    const first = view(ended, 'pat', true);
    expect(screen.getByRole('button', { name: 'Reflect on this session' })).toBeInTheDocument();
    first.unmount();
    view(ended, 'sam', false);
    expect(screen.queryByRole('button', { name: 'Reflect on this session' })).not.toBeInTheDocument();
  });
});
