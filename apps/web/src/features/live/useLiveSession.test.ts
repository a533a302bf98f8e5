import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_AGENDA, decide, evolve, initialLiveState, LIVE_MESSAGES, type LiveActor, type LiveEventMessage, type LiveSessionState } from '@als/shared';

/** A stand-in for the socket.io connection: the test fires the server's messages and answers the client's. */
class FakeSocket {
  connected = true;
  private readonly handlers = new Map<string, ((...args: never[]) => void)[]>();
  readonly sent: { message: string; body: Record<string, unknown> }[] = [];
  answer: (message: string, body: Record<string, unknown>) => Promise<unknown> = () => Promise.reject(new Error('no answer'));
  on(message: string, handler: (...args: never[]) => void) {
    this.handlers.set(message, [...(this.handlers.get(message) ?? []), handler]);
    return this;
  }
  fire(message: string, ...args: unknown[]) {
    if (message === 'connect') this.connected = true;
    for (const handler of this.handlers.get(message) ?? []) (handler as (...a: unknown[]) => void)(...args);
  }
  timeout() {
    return {
      emitWithAck: (message: string, body: Record<string, unknown>) => {
        this.sent.push({ message, body });
        return this.answer(message, body);
      },
    };
  }
  removeAllListeners() {
    this.handlers.clear();
  }
  disconnect() {
    this.connected = false;
  }
}
const socket = new FakeSocket();
vi.mock('socket.io-client', () => ({ io: () => socket }));
const { useLiveSession } = await import('./useLiveSession');

const FRAN: LiveActor = { userId: 'fran', role: 'facilitator' };
const PAT: LiveActor = { userId: 'pat', role: 'member' };
const setup = { roster: ['fran', 'pat', 'sam'].map((userId) => ({ userId, displayName: userId })), agenda: DEFAULT_AGENDA, openActions: [], defaultDueAt: null };
const T0 = Date.now();
/** Start, bidding, Sam to present, present, clarifying (seq 1–5); then a question from Fran (6). */
const commands: [LiveActor, string, Record<string, unknown>][] = [
  [FRAN, 'start', {}],
  [FRAN, 'advance', {}],
  [FRAN, 'setOrder', { presenterIds: ['sam'] }],
  [FRAN, 'advance', {}],
  [FRAN, 'advance', {}],
  [FRAN, 'ask', { text: 'What have you tried?' }],
];
function eventsOf(list: [LiveActor, string, Record<string, unknown>, string?][]): LiveEventMessage[] {
  let state = initialLiveState('m1');
  return list.map(([actor, type, payload, commandId], i) => {
    const at = new Date(T0 + i);
    const decision = decide(state, { type, payload }, actor, at, setup);
    if (!decision.ok) throw new Error(decision.error);
    const event = { meetingId: 'm1', seq: i + 1, ...decision.event, at: at.toISOString(), commandId: commandId ?? `c-${i + 1}` };
    state = evolve(state, event);
    return event;
  });
}
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
