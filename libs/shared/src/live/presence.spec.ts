import fc from 'fast-check';
import { DEFAULT_AGENDA } from '../meetings';
import { absentees, questionTurnOrder } from './presence';
import { decide, evolve, initialLiveState, LIVE_COMMAND_TYPES, LIVE_PHASES, phaseMinutes, type LiveActor, type LiveSessionState, type LiveSetup } from './session';

const FRAN: LiveActor = { userId: 'fran', role: 'facilitator' };
const PAT: LiveActor = { userId: 'pat', role: 'member' };
const SAM: LiveActor = { userId: 'sam', role: 'member' };
const DANA: LiveActor = { userId: 'dana', role: 'member' };
const KIM: LiveActor = { userId: 'kim', role: 'member' };
const SYSTEM: LiveActor = { userId: 'system', role: 'system' };
/** Dana sent an apology for the meeting. */
const setup: LiveSetup = {
  roster: [
    { userId: 'fran', displayName: 'Fran' },
    { userId: 'pat', displayName: 'Pat' },
    { userId: 'dana', displayName: 'Dana' },
    { userId: 'sam', displayName: 'Sam' },
    { userId: 'kim', displayName: 'Kim' },
  ],
  apologies: ['dana'],
  agenda: DEFAULT_AGENDA,
  openActions: [],
  defaultDueAt: '2030-04-01',
};
const T0 = Date.parse('2030-03-05T09:30:00.000Z');

function run(commands: [LiveActor, string, Record<string, unknown>?][], state = initialLiveState('m-1')): LiveSessionState {
  let now = T0 + (state.startedAt ? 3_600_000 : 0);
  for (const [actor, type, payload = {}] of commands) {
    const decision = decide(state, { type, payload }, actor, new Date(now), setup);
    if (!decision.ok) throw new Error(`${type} by ${actor.userId} rejected: ${decision.error}`);
    state = evolve(state, { ...decision.event, at: new Date(now).toISOString() });
    now += 60_000;
  }
  return state;
}
const rejection = (state: LiveSessionState, actor: LiveActor, type: string, payload: Record<string, unknown> = {}) => {
  const decision = decide(state, { type, payload }, actor, new Date(T0 + 7_200_000), setup);
  return decision.ok ? null : decision.error;
};
const away = (name: string, what: string) => `${name} sent an apology for this meeting and has not arrived, so cannot ${what}. If they are here, record their arrival first.`;

describe('people who sent an apology (presence)', () => {
  const inBidding = () => run([[FRAN, 'start'], [FRAN, 'advance']]);
  const inQuestions = (state = inBidding()) => run([[FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance']], state);

  it('starts with them absent, and gives check-in the time of those at the meeting only', () => {
    const state = run([[FRAN, 'start']]);
    expect(absentees(state)).toEqual(['dana']);
    expect(phaseMinutes(state, 'check-in')).toBe(DEFAULT_AGENDA['check-in'] * 4);
    expect(state.timer?.durationMs).toBe(DEFAULT_AGENDA['check-in'] * 4 * 60_000);
  });

  it('leaves them out of the open questions’ turn order, so nobody waits for them', () => {
    let state = inQuestions();
    expect(state.turn).toEqual({ order: ['fran', 'sam', 'kim'], index: 0, asked: 0 });
    state = run([[FRAN, 'pass'], [SAM, 'pass']], state);
    // Kim's turn: not Dana's.
    expect(rejection(state, FRAN, 'pass', { onBehalfOf: 'dana' })).toBe("It is Kim's turn.");
    state = run([[KIM, 'pass']], state);
    expect(state.turn?.index).toBe(0);
  });

  it('takes no bid, presenter place or rating from them, nor recorded for them', () => {
    let state = inBidding();
    expect(rejection(state, DANA, 'bid', { wantsTime: true, urgency: 3 })).toBe(away('Dana', 'bid for time'));
    expect(rejection(state, FRAN, 'bid', { wantsTime: true, urgency: 3, onBehalfOf: 'dana' })).toBe(away('Dana', 'bid for time'));
    expect(rejection(state, FRAN, 'setOrder', { presenterIds: ['pat', 'dana'] })).toBe(away('Dana', 'present'));
    expect(rejection(state, FRAN, 'goTo', { phase: 'present', presenterId: 'dana' })).toBe(away('Dana', 'present'));
    state = run([[FRAN, 'goTo', { phase: 'process-review' }]], state);
    expect(rejection(state, DANA, 'rate', { rating: 4 })).toBe(away('Dana', 'rate the session'));
    expect(rejection(state, FRAN, 'rate', { rating: 4, onBehalfOf: 'dana' })).toBe(away('Dana', 'rate the session'));
    expect(rejection(state, SAM, 'rate', { rating: 4 })).toBeNull();
  });

  it('lets someone arriving late join the turn order under way, at its end', () => {
    let state = run([[FRAN, 'ask', { text: 'What matters most?' }], [FRAN, 'pass']], inQuestions());
    expect(state.turn).toMatchObject({ order: ['fran', 'sam', 'kim'], index: 1 });
    // The server notes it when she joins the session.
    state = run([[SYSTEM, 'arrive', { userId: 'dana' }]], state);
    expect(absentees(state)).toEqual([]);
    expect(state.turn).toMatchObject({ order: ['fran', 'sam', 'kim', 'dana'], index: 1 });
    state = run([[SAM, 'pass'], [KIM, 'pass'], [DANA, 'ask', { text: 'What would help you most?' }]], state);
    expect(state.questions.at(-1)).toMatchObject({ askerId: 'dana' });
    // And the next presenter round has her in its order from the start.
    expect(questionTurnOrder(state, 'sam')).toEqual(['fran', 'pat', 'dana', 'kim']);
  });

  it('lets the facilitator record an arrival for someone in the room, then their bid and rating', () => {
    let state = inBidding();
    expect(rejection(state, PAT, 'arrive', { userId: 'dana' })).toBe('Only the facilitator can do this.');
    expect(rejection(state, FRAN, 'arrive', { userId: 'sam' })).toBe('Sam is already at the meeting.');
    expect(rejection(state, FRAN, 'arrive', { userId: 'stranger' })).toBe('userId must be someone in this session.');
    expect(rejection(initialLiveState('m-1'), SYSTEM, 'arrive', { userId: 'dana' })).toBe('The session has not started yet.');
    state = run([[FRAN, 'arrive', { userId: 'dana' }], [FRAN, 'bid', { wantsTime: true, urgency: 5, onBehalfOf: 'dana' }], [FRAN, 'setOrder', { presenterIds: ['dana'] }]], state);
    expect(state.bids.dana).toEqual({ wantsTime: true, urgency: 5 });
    expect(state.order).toEqual(['dana']);
    expect(rejection(state, SYSTEM, 'advance')).toBe('The server only expires timers.');
  });

  it('reads a state stored before absentees were kept as everyone at the meeting', () => {
    const { absent: _absent, ...rest } = run([[FRAN, 'start'], [FRAN, 'advance']]);
    const old = rest as LiveSessionState;
    expect(absentees(old)).toEqual([]);
    expect(rejection(old, DANA, 'bid', { wantsTime: true, urgency: 2 })).toBeNull();
  });

  describe('properties', () => {
    const actors = [FRAN, PAT, SAM, DANA, KIM, SYSTEM];
    const people = ['fran', 'pat', 'dana', 'sam', 'kim'];
    const arbCommand = fc.record({
      actor: fc.constantFrom(...actors),
      type: fc.constantFrom(...LIVE_COMMAND_TYPES),
      payload: fc.record(
        {
          phase: fc.constantFrom(...LIVE_PHASES),
          presenterId: fc.constantFrom(...people),
          wantsTime: fc.boolean(),
          urgency: fc.integer({ min: 1, max: 5 }),
          presenterIds: fc.subarray(people),
          text: fc.constantFrom('What would help?', 'What have you tried?'),
          onBehalfOf: fc.constantFrom(...people),
          rating: fc.integer({ min: 1, max: 5 }),
          userId: fc.constantFrom(...people),
        },
        { requiredKeys: [] },
      ),
    });

    it('while absent, a person is never in a turn order, the presenter order, a bid or a rating; the log replays to the same state', () => {
      fc.assert(
        fc.property(fc.array(arbCommand, { maxLength: 80 }), (commands) => {
          let state = run([[FRAN, 'start']]);
          const log: { type: string; payload: Record<string, unknown>; at: string }[] = [];
          let now = T0 + 3_600_000;
          for (const c of commands) {
            now += 60_000;
            const decision = decide(state, { type: c.type, payload: c.payload }, c.actor, new Date(now), setup);
            if (!decision.ok) continue;
            const event = { ...decision.event, at: new Date(now).toISOString() };
            log.push(event);
            const before = absentees(state);
            state = evolve(state, event);
            const absent = absentees(state);
            // Nobody becomes absent during the meeting; an arrival takes one person off the list.
            expect(before.filter((id) => !absent.includes(id)).length).toBe(event.type === 'arrived' ? 1 : 0);
            expect(absent.every((id) => before.includes(id))).toBe(true);
            for (const id of absent) {
              expect(state.turn?.order ?? []).not.toContain(id);
              expect(state.order).not.toContain(id);
              expect(state.presenterId).not.toBe(id);
              expect(Object.keys(state.bids)).not.toContain(id);
              expect(state.ratings.map((r) => r.userId)).not.toContain(id);
            }
            if (state.turn) expect(new Set(state.turn.order).size).toBe(state.turn.order.length);
          }
          const started = run([[FRAN, 'start']]);
          expect(log.reduce(evolve, started)).toEqual(state);
        }),
        { numRuns: 300 },
      );
    });
  });
});
