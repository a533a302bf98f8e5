import { decide, evolve } from './session';
import { initialLiveState, type LiveActor, type LiveSessionState } from './state';
import { speechWithin } from './call';
import { voiceAirtime } from './voice';

const SYSTEM: LiveActor = { userId: 'system', role: 'system' };
const FRAN: LiveActor = { userId: 'fran', role: 'facilitator' };
const now = new Date('2030-03-05T09:30:00.000Z');
const running: LiveSessionState = { ...initialLiveState('m-1'), phase: 'check-in', facilitatorId: 'fran', startedAt: now.toISOString() };

describe('recordVoice', () => {
  it('adds the server\'s sum to the person\'s voice airtime', () => {
    let state = running;
    for (const ms of [4_000, 1_500]) {
      const decision = decide(state, { type: 'recordVoice', payload: { userId: 'pat', ms } }, SYSTEM, now);
      if (!decision.ok) throw new Error(decision.error);
      state = evolve(state, { ...decision.event, at: now.toISOString() });
    }
    expect(state.voiceMs).toEqual({ pat: 5_500 });
    expect(voiceAirtime(state)).toEqual([{ userId: 'pat', ms: 5_500 }]);
  });

  it('is the server\'s alone, not in the lobby, and within bounds', () => {
    expect(decide(running, { type: 'recordVoice', payload: { userId: 'pat', ms: 10 } }, FRAN, now)).toEqual({ ok: false, error: 'Speaking time is measured in the call.' });
    expect(decide(initialLiveState('m-1'), { type: 'recordVoice', payload: { userId: 'pat', ms: 10 } }, SYSTEM, now)).toEqual({ ok: false, error: 'The session has not started.' });
    for (const ms of [0, -5, 1.5, 5 * 60_000 + 1, '10']) expect(decide(running, { type: 'recordVoice', payload: { userId: 'pat', ms } }, SYSTEM, now)).toMatchObject({ ok: false });
  });

  it('reads states stored before voice airtime was kept as none', () => {
    const old: LiveSessionState = { ...running };
    delete old.voiceMs;
    expect(voiceAirtime(old)).toEqual([]);
  });
});

describe(speechWithin.name, () => {
  it('counts overlapping intervals once and clips them to the window', () => {
    expect(speechWithin([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 20, end: 30 }], 0, 100)).toBe(25);
    expect(speechWithin([{ start: 0, end: 10 }, { start: 2, end: 4 }], 0, 100)).toBe(10);
    expect(speechWithin([{ start: 0, end: 10 }, { start: 20, end: 30 }], 8, 25)).toBe(7);
    expect(speechWithin([], 0, 100)).toBe(0);
  });
});
