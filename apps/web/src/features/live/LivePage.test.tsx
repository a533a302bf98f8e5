import { fireEvent, render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_AGENDA, decide, evolve, initialLiveState, type LiveJoinRole, type LiveSessionState } from '@als/shared';
import { MemoryRouter } from 'react-router';
import { PresenterWork } from './components/PresenterWork';
import { FRAN, liveStateAfter, liveStateAt } from './liveTesting';
import { LiveSessionView } from './LivePage';
import type { LiveSession } from './useLiveSession';

const roster = [
  { userId: 'fran', displayName: 'Fran' },
  { userId: 'pat', displayName: 'Pat' },
];
const now = new Date('2030-03-05T10:00:00.000Z');

/** Runs commands through the shared rules, as the server does, from a started session. */
function session(commands: [actor: string, type: string, payload?: Record<string, unknown>][]): LiveSessionState {
  let state = initialLiveState('m1');
  const apply = (actor: string, type: string, payload: Record<string, unknown> = {}) => {
    const decision = decide(state, { type, payload }, { userId: actor, role: actor === 'fran' ? 'facilitator' : 'member' }, now, { roster, agenda: DEFAULT_AGENDA, openActions: [], defaultDueAt: '2030-04-01' });
    if (!decision.ok) throw new Error(`${type}: ${decision.error}`);
    state = evolve(state, { ...decision.event, at: now.toISOString() });
  };
  for (const [actor, type, payload] of [['fran', 'start'], ['fran', 'advance'], ['fran', 'setOrder', { presenterIds: ['pat'] }], ...Array.from({ length: 5 }, () => ['fran', 'advance'] as [string, string]), ...commands] as [string, string, Record<string, unknown>?][]) {
    apply(actor, type, payload);
  }
  return state;
}

describe(PresenterWork.name, () => {
  // A browser west of UTC, where a date read as UTC midnight falls on the day before.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    process.env.TZ = zone;
  });

  it('shows each action’s due date as the calendar day it is, in any browser zone', () => {
    const state = session([['pat', 'addAction', { text: 'Call the school', dueAt: '2030-03-20' }], ['pat', 'addAction', { text: 'Meet the father' }]]);
    expect(state.phase).toBe('actions');
    render(<PresenterWork state={state} me="pat" facilitating={false} send={vi.fn()} />);
    expect(screen.getByText(/Call the school/)).toHaveTextContent('Call the school — Pat, by 20/03/2030');
    expect(screen.getByText(/Meet the father/)).toHaveTextContent('Meet the father — Pat, by 01/04/2030');
  });

  it('sends the day picked in the date field as that day', async () => {
    const send = vi.fn().mockResolvedValue({ ok: true, seq: 9 });
    render(<PresenterWork state={session([])} me="pat" facilitating={false} send={send} />);
    fireEvent.change(screen.getByLabelText('An action you commit to'), { target: { value: 'Ask Sam about the panel' } });
    fireEvent.change(screen.getByLabelText('Due (default: the next meeting)'), { target: { value: '2030-03-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }));
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('addAction', { text: 'Ask Sam about the panel', dueAt: '2030-03-20' }));
  });
});

describe(LiveSessionView.name, () => {
  const view = (state: LiveSessionState, me: string, role: LiveJoinRole) => {
    const session: LiveSession & { state: LiveSessionState } = { state, seq: 0, present: [], connected: true, error: null, offsetMs: 0, role, send: vi.fn() };
    return render(
      <MemoryRouter>
        <LiveSessionView meetingId="m1" me={me} session={session} />
      </MemoryRouter>,
    );
  };

  it('offers "Start the session" in the lobby to a facilitator of the set only: a member waits', () => {
    const lobby = initialLiveState('m1');
    view(lobby, 'pat', 'member');
    expect(screen.queryByRole('button', { name: 'Start the session' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Facilitator' })).toBeNull();
    expect(screen.getByText('Waiting for the facilitator to start.')).toBeInTheDocument();
  });

  it('shows a facilitator of the set the start in the lobby', () => {
    view(initialLiveState('m1'), 'fran', 'facilitator');
    expect(screen.getByRole('button', { name: 'Start the session' })).toBeInTheDocument();
    expect(screen.queryByText('Waiting for the facilitator to start.')).toBeNull();
  });

  it('once started, shows the console to the one the session names, whatever their role in the set', () => {
    const handedOver = (() => {
      let state = session([]);
      const decision = decide(state, { type: 'handOver', payload: { userId: 'pat' } }, { userId: 'fran', role: 'facilitator' }, now);
      if (!decision.ok) throw new Error(decision.error);
      state = evolve(state, { ...decision.event, at: now.toISOString() });
      return state;
    })();
    const { unmount } = view(handedOver, 'pat', 'member');
    expect(screen.getByRole('heading', { name: 'Facilitator' })).toBeInTheDocument();
    unmount();
    view(handedOver, 'fran', 'facilitator');
    expect(screen.queryByRole('heading', { name: 'Facilitator' })).toBeNull();
  });

  it('at check-in, offers the facilitator the report-backs of people in the room, and a member only their own', () => {
    const checkIn = liveStateAt('check-in', { openActions: [{ id: 'a1', ownerId: 'pat', text: 'Call the school', dueAt: null }] });
    const { unmount } = view(checkIn, 'fran', 'facilitator');
    expect(screen.getByRole('button', { name: 'Record for Pat' })).toBeInTheDocument();
    unmount();
    view(checkIn, 'pat', 'member');
    expect(screen.queryByRole('heading', { name: 'Report-backs for people in the room' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument();
  });

  it('in the process review, offers the facilitator whom a rating is for, and a member no choice', () => {
    const review = liveStateAt('process-review');
    const { unmount } = view(review, 'fran', 'facilitator');
    expect(screen.getByLabelText('Recording for')).toBeInTheDocument();
    unmount();
    view(review, 'pat', 'member');
    expect(screen.queryByLabelText('Recording for')).toBeNull();
  });
});

describe('the presenter’s ask', () => {
  const presenting = () => {
    let state = initialLiveState('m1');
    for (const [actor, type, payload] of [['fran', 'start'], ['fran', 'advance'], ['fran', 'setOrder', { presenterIds: ['pat'] }], ['fran', 'advance']] as [string, string, Record<string, unknown>?][]) {
      const decision = decide(state, { type, payload: payload ?? {} }, { userId: actor, role: actor === 'fran' ? 'facilitator' : 'member' }, now, { roster, agenda: DEFAULT_AGENDA, openActions: [], defaultDueAt: null });
      if (!decision.ok) throw new Error(decision.error);
      state = evolve(state, { ...decision.event, at: now.toISOString() });
    }
    return state;
  };
  const withAsk = (state: LiveSessionState, text: string) => {
    const decision = decide(state, { type: 'setAsk', payload: { text } }, { userId: 'pat', role: 'member' }, now);
    if (!decision.ok) throw new Error(decision.error);
    return evolve(state, { ...decision.event, at: now.toISOString() });
  };
  const view = (state: LiveSessionState, me: string, role: LiveJoinRole, send = vi.fn()) => {
    render(
      <MemoryRouter>
        <LiveSessionView meetingId="m1" me={me} session={{ state, seq: 0, present: [], connected: true, error: null, offsetMs: 0, role, send }} />
      </MemoryRouter>,
    );
    return send;
  };

  it('shows everyone the ask through the round, with no form for a member who is not presenting', () => {
    view(withAsk(presenting(), 'Help me see what I am missing.'), 'sam', 'member');
    expect(screen.getByRole('heading', { name: 'What Pat wants from the set today' })).toBeInTheDocument();
    expect(screen.getByText('Help me see what I am missing.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /ask|Change/ })).toBeNull();
  });

  it('lets the presenter set it, sending setAsk with the text', async () => {
    const send = view(presenting(), 'pat', 'member', vi.fn().mockResolvedValue({ ok: true, seq: 5 }));
    expect(screen.getByRole('heading', { name: 'What you want from the set today' })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('The ask'), { target: { value: 'Ideas to try with the family' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the ask' }));
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('setAsk', { text: 'Ideas to try with the family' }));
  });

  it('is not shown outside a presenter round', () => {
    view(initialLiveState('m1'), 'pat', 'member');
    expect(screen.queryByRole('heading', { name: /wants from the set/ })).toBeNull();
  });
});

describe('the method’s panels in the live room', () => {
  const view = (state: LiveSessionState, me: string, role: LiveJoinRole) =>
    render(
      <MemoryRouter>
        <LiveSessionView meetingId="m1" me={me} session={{ state, seq: 0, present: [], connected: true, error: null, offsetMs: 0, role, send: vi.fn() }} />
      </MemoryRouter>,
    );

  it('opens the set’s first session with contracting beside the check-in round, for everyone', () => {
    view(liveStateAfter([[FRAN, 'start']]), 'pat', 'member');
    expect(screen.getByRole('heading', { name: 'Contracting: our ground rules' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Check-in order' })).toBeInTheDocument();
  });

  it('gives the facilitator the questioning controls in a presenter’s round, and members none', () => {
    const presenting = liveStateAfter([[FRAN, 'start'], [FRAN, 'setContracting', { open: false }], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance']]);
    const { unmount } = view(presenting, 'fran', 'facilitator');
    expect(screen.getByRole('heading', { name: 'Questioning' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revisit the ground rules' })).toBeInTheDocument();
    unmount();
    view(presenting, 'dana', 'member');
    expect(screen.queryByRole('heading', { name: 'Questioning' })).toBeNull();
    expect(screen.queryByRole('heading', { name: /Contracting|Ground rules/ })).toBeNull();
  });
});

describe('the console’s "I take part" choice in room mode', () => {
  const view = (state: LiveSessionState, countMe: boolean, inRoom = true) => {
    const send = vi.fn().mockResolvedValue({ ok: true, seq: 2 });
    const result = render(
      <MemoryRouter>
        <LiveSessionView meetingId="m1" me="fran" session={{ state, seq: 0, present: [], connected: true, error: null, offsetMs: 0, role: 'facilitator', send }} countMe={countMe} inRoom={inRoom} />
      </MemoryRouter>,
    );
    return { send, result };
  };

  it('tells the session once it runs that the facilitator does not take part, so no screen counts them', async () => {
    const { send } = view(liveStateAfter([[FRAN, 'start']]), false);
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('takePart', { takes: false }));
    expect(send.mock.calls.filter(([type]) => type === 'takePart')).toHaveLength(1);
  });

  it('tells it again when the box is ticked, and sends nothing when the state agrees or outside room mode', async () => {
    const out = liveStateAfter([[FRAN, 'start'], [FRAN, 'takePart', { takes: false }]]);
    const { send, result } = view(out, false);
    expect(send).not.toHaveBeenCalledWith('takePart', expect.anything());
    result.unmount();
    const ticked = view(out, true);
    await vi.waitFor(() => expect(ticked.send).toHaveBeenCalledWith('takePart', { takes: true }));
    ticked.result.unmount();
    expect(view(liveStateAfter([[FRAN, 'start']]), false, false).send).not.toHaveBeenCalledWith('takePart', expect.anything());
    expect(view(initialLiveState('m1'), false).send).not.toHaveBeenCalledWith('takePart', expect.anything());
  });
});
