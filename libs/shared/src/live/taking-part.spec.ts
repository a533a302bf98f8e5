import { DEFAULT_AGENDA } from '../meetings';
import { checkInSpeaker } from './check-in';
import { attendees } from './presence';
import { decide, evolve } from './session';
import { initialLiveState, type LiveActor, type LiveSessionState, type LiveSetup } from './state';
import { airtimeSummary } from './timing';

const FRAN: LiveActor = { userId: 'fran', role: 'facilitator' };
const PAT: LiveActor = { userId: 'pat', role: 'member' };
const SAM: LiveActor = { userId: 'sam', role: 'member' };
const setup: LiveSetup = {
  roster: [
    { userId: 'fran', displayName: 'Fran' },
    { userId: 'pat', displayName: 'Pat' },
    { userId: 'sam', displayName: 'Sam' },
    { userId: 'kim', displayName: 'Kim' },
  ],
  agenda: DEFAULT_AGENDA,
  openActions: [],
  defaultDueAt: '2030-04-01',
};
const T0 = Date.parse('2030-03-05T09:30:00.000Z');

type Step = [LiveActor, string, Record<string, unknown>?];
function run(steps: Step[], state: LiveSessionState = initialLiveState('m-1')): LiveSessionState {
  let now = T0;
  for (const [actor, type, payload = {}] of steps) {
    now += 60_000;
    const decision = decide(state, { type, payload }, actor, new Date(now), setup);
    if (!decision.ok) throw new Error(`${type} by ${actor.userId} rejected: ${decision.error}`);
    state = evolve(state, { ...decision.event, at: new Date(now).toISOString() });
  }
  return state;
}
const rejection = (state: LiveSessionState, actor: LiveActor, type: string, payload: Record<string, unknown>) => {
  const decision = decide(state, { type, payload }, actor, new Date(T0 + 7_200_000), setup);
  return decision.ok ? null : decision.error;
};

describe('a facilitator who runs the meeting without taking part (room mode, "I take part" unticked)', () => {
  it('is out of the check-in round, the participants, the turns and the airtime list', () => {
    let state = run([[FRAN, 'start'], [FRAN, 'takePart', { takes: false }]]);
    expect(state.observers).toEqual(['fran']);
    expect(state.checkIn?.order).toEqual(['pat', 'sam', 'kim']);
    expect(checkInSpeaker(state)).toBe('pat');
    expect(attendees(state).map((p) => p.userId)).toEqual(['pat', 'sam', 'kim']);
    state = run([[FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance']], state);
    expect(state.phase).toBe('questions');
    expect(state.turn?.order).toEqual(['sam', 'kim']);
    expect(airtimeSummary(state).questions.map((q) => q.userId)).toEqual(['pat', 'sam', 'kim']);
  });

  it('rejoins as a participant: last in the check-in round and the turns', () => {
    const state = run([[FRAN, 'start'], [FRAN, 'takePart', { takes: false }], [FRAN, 'takePart', { takes: true }]]);
    expect(state.observers).toEqual([]);
    expect(state.checkIn?.order).toEqual(['pat', 'sam', 'kim', 'fran']);
    expect(rejection(state, FRAN, 'takePart', { takes: true })).toBe('You take part already.');
  });

  it('who has already checked in keeps their place in the round', () => {
    const state = run([[FRAN, 'start'], [FRAN, 'nextSpeaker'], [FRAN, 'takePart', { takes: false }]]);
    expect(state.checkIn?.order).toEqual(['fran', 'pat', 'sam', 'kim']);
    expect(checkInSpeaker(state)).toBe('pat');
  });

  it('is refused for members, before the start and for a bad payload', () => {
    const started = run([[FRAN, 'start']]);
    expect(rejection(started, PAT, 'takePart', { takes: false })).toBe('Only the facilitator can do this.');
    expect(rejection(initialLiveState('m-1'), FRAN, 'takePart', { takes: false })).toBe('The session has not started yet.');
    expect(rejection(started, FRAN, 'takePart', { takes: 'no' })).toBe('takes must be true or false.');
    expect(rejection(started, SAM, 'takePart', { takes: true })).toBe('Only the facilitator can do this.');
  });
});
