import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { evolve, initialLiveState, LIVE_MESSAGES, type LiveActor, type LiveSessionState } from '@als/shared';
import { FakeSocket, OPENING, PAT, serverLog } from './liveTesting';

const socket = new FakeSocket();
vi.mock('socket.io-client', () => ({ io: () => socket }));
const { useLiveSession } = await import('./useLiveSession');

const T0 = Date.now();
const commands = OPENING;
const eventsOf = (list: [LiveActor, string, Record<string, unknown>, string?][]) => serverLog(list, T0);
const LOG = eventsOf(commands);
const stateAt = (seq: number, log = LOG): LiveSessionState => log.slice(0, seq).reduce((s, e) => evolve(s, e), initialLiveState('m1'));
const serverTime = () => new Date().toISOString();

describe('useLiveSession', () => {
  it('takes its seq from the last event it applied: a resync answer and a broadcast carrying the same event apply it once', async () => {
    socket.answer = (message) => {
      if (message === LIVE_MESSAGES.join) return Promise.resolve({ ok: true, state: stateAt(4), seq: 4, serverTime: serverTime(), role: 'member' });
      // An answer that says seq 5 while it carries 5 and 6.
      if (message === LIVE_MESSAGES.resync) return Promise.resolve({ ok: true, seq: 5, events: LOG.slice(4, 6), serverTime: serverTime() });
      return Promise.reject(new Error('unexpected'));
    };
    const { result } = renderHook(() => useLiveSession('m1', { userId: 'pat' }));
    act(() => socket.fire('connect'));
    await waitFor(() => expect(result.current.seq).toBe(4));
    // 6 before 5: a gap, so a resync from 4.
    act(() => socket.fire(LIVE_MESSAGES.event, LOG[5]));
    await waitFor(() => expect(result.current.seq).toBe(6));
    expect(socket.sent.filter((s) => s.message === LIVE_MESSAGES.resync).map((s) => s.body.sinceSeq)).toEqual([4]);
    // The broadcast of 6 arrives after the resync: not applied again.
    act(() => socket.fire(LIVE_MESSAGES.event, LOG[5]));
    expect(result.current.state).toEqual(stateAt(6));
    expect(result.current.state!.questions).toHaveLength(1);
  });

  it('shows a command once when its event arrives before its ack, and once after', async () => {
    let ack: (answer: unknown) => void = () => undefined;
    socket.answer = (message) => {
      if (message === LIVE_MESSAGES.join) return Promise.resolve({ ok: true, state: stateAt(6), seq: 6, serverTime: serverTime(), role: 'member' });
      if (message === LIVE_MESSAGES.command) return new Promise((resolve) => (ack = resolve));
      return Promise.reject(new Error('unexpected'));
    };
    const { result } = renderHook(() => useLiveSession('m1', { userId: 'pat' }));
    act(() => socket.fire('connect'));
    await waitFor(() => expect(result.current.seq).toBe(6));
    let sent: Promise<unknown> = Promise.resolve();
    act(() => {
      sent = result.current.send('ask', { text: 'What would success look like?' });
    });
    const mine = (state: LiveSessionState | null) => state!.questions.filter((q) => q.askerId === 'pat');
    await waitFor(() => expect(mine(result.current.state)).toHaveLength(1));
    const commandId = socket.sent.find((s) => s.message === LIVE_MESSAGES.command)!.body.commandId as string;
    const withMine = eventsOf([...commands, [PAT, 'ask', { text: 'What would success look like?' }, commandId]]);
    // The event first, as the server sends it (to the room, then the ack).
    act(() => socket.fire(LIVE_MESSAGES.event, withMine[6]));
    expect(result.current.seq).toBe(7);
    expect(mine(result.current.state)).toHaveLength(1);
    await act(async () => {
      ack({ ok: true, seq: 7 });
      await sent;
    });
    expect(mine(result.current.state)).toHaveLength(1);
    expect(result.current.state).toEqual(stateAt(7, withMine));
  });
});
