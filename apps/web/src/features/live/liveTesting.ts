import { DEFAULT_AGENDA, decide, evolve, initialLiveState, type LiveActor, type LiveEventMessage, type LiveOpenAction, type LivePhase, type LiveSessionState, type LiveSetup } from '@als/shared';

/*
 * For the live client's tests: a stand-in for the socket.io connection, and a server's log made by
 * the shared rules. Not imported by the app.
 */

/** A stand-in for the socket.io connection: the test fires the server's messages and answers the client's. */
export class FakeSocket {
  connected = false;
  private readonly handlers = new Map<string, ((...args: never[]) => void)[]>();
  readonly sent: { message: string; body: Record<string, unknown> }[] = [];
  answer: (message: string, body: Record<string, unknown>) => Promise<unknown> = () => Promise.reject(new Error('no answer'));
  on(message: string, handler: (...args: never[]) => void) {
    this.handlers.set(message, [...(this.handlers.get(message) ?? []), handler]);
    return this;
  }
  fire(message: string, ...args: unknown[]) {
    if (message === 'connect') this.connected = true;
    if (message === 'disconnect') this.connected = false;
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
  /** What was sent of one message. */
  of(message: string) {
    return this.sent.filter((s) => s.message === message).map((s) => s.body);
  }
}

export const FRAN: LiveActor = { userId: 'fran', role: 'facilitator' };
export const PAT: LiveActor = { userId: 'pat', role: 'member' };
export const LIVE_TEST_SETUP: LiveSetup = { roster: ['fran', 'pat', 'sam'].map((userId) => ({ userId, displayName: userId })), agenda: DEFAULT_AGENDA, openActions: [], defaultDueAt: null };

/** The opening of a session: start, bidding, Sam to present, present, clarifying (seq 1–5), then a question from Fran (6). */
export const OPENING: [LiveActor, string, Record<string, unknown>][] = [
  [FRAN, 'start', {}],
  [FRAN, 'advance', {}],
  [FRAN, 'setOrder', { presenterIds: ['sam'] }],
  [FRAN, 'advance', {}],
  [FRAN, 'advance', {}],
  [FRAN, 'ask', { text: 'What have you tried?' }],
];

/** The events the server logs for these commands (each a second after the one before from `t0`), with their commandIds (`c-<seq>` unless given). */
export function serverLog(commands: [LiveActor, string, Record<string, unknown>, string?][], t0: number, setup = LIVE_TEST_SETUP): LiveEventMessage[] {
  let state = initialLiveState('m1');
  return commands.map(([actor, type, payload, commandId], i) => {
    const at = new Date(t0 + i * 1000);
    const decision = decide(state, { type, payload }, actor, at, setup);
    if (!decision.ok) throw new Error(decision.error);
    const event: LiveEventMessage = { ...decision.event, meetingId: 'm1', seq: i + 1, at: at.toISOString(), commandId: commandId ?? `c-${i + 1}` };
    state = evolve(state, event);
    return event;
  });
}

/** A session of Fran (facilitating), Pat and Dana, started with these apologies and open actions and taken to a phase. */
export function liveStateAt(phase: LivePhase, { apologies = [], openActions = [] }: { apologies?: string[]; openActions?: LiveOpenAction[] } = {}): LiveSessionState {
  const setup: LiveSetup = { roster: [{ userId: 'fran', displayName: 'Fran' }, { userId: 'pat', displayName: 'Pat' }, { userId: 'dana', displayName: 'Dana' }], apologies, agenda: DEFAULT_AGENDA, openActions, defaultDueAt: null };
  const at = new Date('2030-03-05T10:00:00.000Z');
  let state = initialLiveState('m1');
  for (const [type, payload] of [['start', {}], ...(phase === 'check-in' ? [] : [['goTo', { phase }]])] as [string, Record<string, unknown>][]) {
    const decision = decide(state, { type, payload }, FRAN, at, setup);
    if (!decision.ok) throw new Error(`${type}: ${decision.error}`);
    state = evolve(state, { ...decision.event, at: at.toISOString() });
  }
  return state;
}

/** Fran (facilitating), Pat and Dana; the set has not agreed its ground rules yet (the contracting step opens with the session). */
export const METHOD_TEST_SETUP: LiveSetup = {
  roster: [{ userId: 'fran', displayName: 'Fran' }, { userId: 'pat', displayName: 'Pat' }, { userId: 'dana', displayName: 'Dana' }],
  agenda: DEFAULT_AGENDA,
  openActions: [],
  defaultDueAt: null,
  contract: { text: 'We keep it confidential.\nPhones away.', firstMeeting: true },
};

/** The state after these commands (each a minute apart, from start), played by the shared rules. */
export function liveStateAfter(commands: [LiveActor, string, Record<string, unknown>?][], setup: LiveSetup = METHOD_TEST_SETUP): LiveSessionState {
  let state = initialLiveState('m1');
  let at = Date.parse('2030-03-05T10:00:00.000Z');
  for (const [actor, type, payload = {}] of commands) {
    const decision = decide(state, { type, payload }, actor, new Date(at), setup);
    if (!decision.ok) throw new Error(`${type}: ${decision.error}`);
    state = evolve(state, { ...decision.event, at: new Date(at).toISOString() });
    at += 60_000;
  }
  return state;
}
