import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { decide, evolve, type LiveSessionState } from '@als/shared';
import { FRAN, liveStateAt } from '@web/features/live/liveTesting';
import { CallPanel } from './CallPanel';
import { FakeCallEnvironment, FakeCallServer, FakePeerConnection, settle } from './callTesting';

const present = ['fran', 'pat', 'sam'].map((userId) => ({ userId, displayName: userId[0].toUpperCase() + userId.slice(1), inRoom: false }));
const session = { connected: true, offsetMs: 0, present };
const named = (state: LiveSessionState): LiveSessionState => ({ ...state, roster: present.map(({ userId, displayName }) => ({ userId, displayName })) });

function panel(state: LiveSessionState, me = 'pat', options: { facilitating?: boolean; server?: FakeCallServer; env?: FakeCallEnvironment } = {}) {
  const server = options.server ?? new FakeCallServer();
  const env = options.env ?? new FakeCallEnvironment();
  const view = render(<CallPanel meetingId="m1" me={me} state={named(state)} session={session} facilitating={options.facilitating ?? false} make={{ signalling: server.for(me), env }} />);
  return { server, env, view };
}

describe(CallPanel.name, () => {
  beforeEach(() => {
    FakePeerConnection.all = [];
  });

  it('joins the call with "Join the call", audio only by default, and lists who is in the room', async () => {
    const { env } = panel(liveStateAt('check-in'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Join the call' }));
    expect(await screen.findByRole('button', { name: /^Mute/ })).toHaveAttribute('aria-pressed', 'false');
    expect(env.localTracks.map((t) => t.kind)).toEqual(['audio']);
    expect(screen.getByRole('list', { name: 'In the room' })).toHaveTextContent(/Fran.*You — in the call.*Sam/);
    expect(screen.getByRole('status')).toHaveTextContent('You joined the call.');
  });

  it('mutes and unmutes with M, announced, but not while typing', async () => {
    panel(liveStateAt('check-in'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Join the call' }));
    await screen.findByRole('button', { name: /^Mute/ });
    await user.keyboard('m');
    expect(screen.getByRole('button', { name: /^Unmute/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Microphone off.');
    await user.keyboard('M');
    expect(screen.getByRole('status')).toHaveTextContent('Microphone on.');
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    await user.keyboard('m');
    expect(screen.getByRole('button', { name: /^Mute/ })).toBeInTheDocument();
    input.remove();
  });

  it('gives the facilitator "Mute everyone", which mutes the others', async () => {
    const server = new FakeCallServer();
    const env = new FakeCallEnvironment();
    panel(liveStateAt('check-in'), 'fran', { facilitating: true, server, env });
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: 'Mute everyone' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Join the call' }));
    await user.click(await screen.findByRole('button', { name: 'Mute everyone' }));
    await act(() => settle());
    expect(screen.getByRole('status')).toHaveTextContent('The facilitator muted everyone.');
  });

  it('mutes the others as a presenter starts to present, and highlights whose turn it is', async () => {
    const { view } = panel(liveStateAt('bidding'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Join the call' }));
    await screen.findByRole('button', { name: /^Mute/ });
    let presenting = liveStateAt('bidding');
    for (const [type, payload] of [['setOrder', { presenterIds: ['fran'] }], ['advance', {}]] as const) {
      const decision = decide(presenting, { type, payload }, FRAN, new Date('2030-03-05T10:01:00.000Z'));
      if (!decision.ok) throw new Error(decision.error);
      presenting = evolve(presenting, { ...decision.event, at: '2030-03-05T10:01:00.000Z' });
    }
    expect(presenting).toMatchObject({ phase: 'present', presenterId: 'fran' });
    view.rerender(<CallPanel meetingId="m1" me="pat" state={named(presenting)} session={session} facilitating={false} make={{ signalling: new FakeCallServer().for('pat'), env: new FakeCallEnvironment() }} />);
    await waitFor(() => expect(screen.getByRole('button', { name: /^Unmute/ })).toBeInTheDocument());
    const turn = screen.getByRole('list', { name: 'In the room' }).querySelector('[aria-current="true"]');
    expect(turn).toHaveTextContent(/^Fran/);
    expect(turn).toHaveTextContent('their turn');
  });

  it('says what to do when the browser refuses the microphone', async () => {
    const env = new FakeCallEnvironment();
    env.refuse = 'NotAllowedError';
    panel(liveStateAt('check-in'), 'pat', { env });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Join the call' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/refused the microphone.*video link/);
    expect(screen.getByRole('button', { name: 'Join the call' })).toBeEnabled();
  });

  it('shows who is speaking on the room\'s list', async () => {
    const server = new FakeCallServer();
    const other = new FakeCallEnvironment();
    const { CallMesh } = await import('./callMesh');
    const sam = new CallMesh('sam', server.for('sam'), other);
    await sam.join();
    const env = new FakeCallEnvironment();
    panel(liveStateAt('check-in'), 'pat', { server, env });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Join the call' }));
    await act(() => settle());
    env.remoteLevel = -20;
    act(() => env.tick(200));
    const samItem = screen.getByRole('list', { name: 'In the room' }).querySelector('[data-user="sam"]');
    expect(samItem).toHaveTextContent('speaking');
    sam.close();
  });
});
