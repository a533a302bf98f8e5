import { DEFAULT_AGENDA } from '../meetings';
import { mayFacilitate } from './decision';
import { decide, evolve } from './session';
import { initialLiveState, type LiveActor, type LiveSessionState, type LiveSetup } from './state';

const FRAN: LiveActor = { userId: 'fran', role: 'facilitator' };
const PAT: LiveActor = { userId: 'pat', role: 'member', facilitates: true };
const SAM: LiveActor = { userId: 'sam', role: 'member' };
const KIM: LiveActor = { userId: 'kim', role: 'member' };
const roster = ['fran', 'pat', 'sam', 'kim'].map((userId) => ({ userId, displayName: userId }));
const setupFor = (assigned: LiveSetup['assigned']): LiveSetup => ({ roster, agenda: DEFAULT_AGENDA, openActions: [], defaultDueAt: null, assigned });
const T0 = Date.parse('2030-03-05T09:30:00.000Z');

function apply(state: LiveSessionState, actor: LiveActor, type: string, payload: Record<string, unknown> = {}, setup?: LiveSetup): LiveSessionState {
  const decision = decide(state, { type, payload }, actor, new Date(T0), setup);
  if (!decision.ok) throw new Error(`${type} by ${actor.userId}: ${decision.error}`);
  return evolve(state, { ...decision.event, at: new Date(T0).toISOString() });
}
const refusal = (state: LiveSessionState, actor: LiveActor, type: string, payload: Record<string, unknown> = {}, setup?: LiveSetup) => {
  const decision = decide(state, { type, payload }, actor, new Date(T0), setup);
  return decision.ok ? null : decision.error;
};

describe('mayFacilitate', () => {
  it('before the start: facilitators of the set and the member the rota names; nobody else, never the system', () => {
    const lobby = initialLiveState('m');
    expect(mayFacilitate(lobby, FRAN)).toBe(true);
    expect(mayFacilitate(lobby, PAT)).toBe(true);
    expect(mayFacilitate(lobby, SAM)).toBe(false);
    expect(mayFacilitate(lobby, { userId: 'system', role: 'system', facilitates: true })).toBe(false);
  });
  it('after the start: the session’s facilitator and its co-facilitator, whatever their role in the set', () => {
    const running: Pick<LiveSessionState, 'phase' | 'facilitatorId' | 'coFacilitatorId'> = { phase: 'check-in', facilitatorId: 'pat', coFacilitatorId: 'sam' };
    expect(mayFacilitate(running, PAT)).toBe(true);
    expect(mayFacilitate(running, SAM)).toBe(true);
    expect(mayFacilitate(running, FRAN)).toBe(false);
    expect(mayFacilitate({ phase: 'check-in', facilitatorId: 'pat' }, SAM)).toBe(false);
  });
});

describe('a session the rota gives to a member', () => {
  const assigned = setupFor({ facilitatorId: 'pat', coFacilitatorId: 'sam' });

  it('is started by the named member, with the co-facilitator holding the controls beside them', () => {
    expect(refusal(initialLiveState('m'), SAM, 'start', {}, assigned)).toBe('Only a facilitator can start the session.');
    const state = apply(initialLiveState('m'), PAT, 'start', {}, assigned);
    expect(state).toMatchObject({ phase: 'check-in', facilitatorId: 'pat', coFacilitatorId: 'sam' });
    expect(apply(state, SAM, 'advance').phase).toBe('bidding');
    expect(refusal(state, KIM, 'advance')).toBe('Only the facilitator can do this.');
    expect(refusal(state, FRAN, 'advance')).toBe('Only the facilitator can do this.');
  });

  it('started by a facilitator of the set in their place, gives the named member the controls beside them', () => {
    const state = apply(initialLiveState('m'), FRAN, 'start', {}, setupFor({ facilitatorId: 'pat', coFacilitatorId: null }));
    expect(state).toMatchObject({ facilitatorId: 'fran', coFacilitatorId: 'pat' });
  });

  it('started by the co-facilitator, gives the facilitator the controls beside them', () => {
    const state = apply(initialLiveState('m'), { userId: 'sam', role: 'member', facilitates: true }, 'start', {}, assigned);
    expect(state).toMatchObject({ facilitatorId: 'sam', coFacilitatorId: 'pat' });
  });

  it('has no co-facilitator when the rota names nobody, or someone not in the roster', () => {
    expect(apply(initialLiveState('m'), FRAN, 'start', {}, setupFor(undefined)).coFacilitatorId).toBeNull();
    expect(apply(initialLiveState('m'), FRAN, 'start', {}, setupFor({ facilitatorId: 'gone', coFacilitatorId: null })).coFacilitatorId).toBeNull();
  });

  it('handed to the co-facilitator, swaps the two; handed to someone else, keeps the co-facilitator', () => {
    const state = apply(initialLiveState('m'), PAT, 'start', {}, assigned);
    expect(apply(state, PAT, 'handOver', { userId: 'sam' })).toMatchObject({ facilitatorId: 'sam', coFacilitatorId: 'pat' });
    expect(apply(state, PAT, 'handOver', { userId: 'kim' })).toMatchObject({ facilitatorId: 'kim', coFacilitatorId: 'sam' });
    // The co-facilitator holds the controls, but hands nothing over: that is the facilitator's.
    expect(refusal(state, SAM, 'handOver', { userId: 'kim' })).toBe('Only pat, who facilitates, can hand facilitation over.');
  });
});
