import fc from 'fast-check';
import { DEFAULT_AGENDA } from '../meetings';
import { checkInSpeaker } from './check-in';
import { questionMode } from './dialogue';
import { DEFAULT_CHECK_IN_PROMPT } from './method-state';
import { isAbsent } from './presence';
import { decide, evolve } from './session';
import { initialLiveState, type LiveActor, type LiveSessionState, type LiveSetup } from './state';

const FRAN: LiveActor = { userId: 'fran', role: 'facilitator' };
const PAT: LiveActor = { userId: 'pat', role: 'member' };
const SAM: LiveActor = { userId: 'sam', role: 'member' };
const DANA: LiveActor = { userId: 'dana', role: 'member' };
const KIM: LiveActor = { userId: 'kim', role: 'member' };
const ROSTER = [
  { userId: 'fran', displayName: 'Fran' },
  { userId: 'pat', displayName: 'Pat' },
  { userId: 'dana', displayName: 'Dana' },
  { userId: 'sam', displayName: 'Sam' },
  { userId: 'kim', displayName: 'Kim' },
];
/** Dana sent an apology; the set has not agreed its contract in a meeting yet. */
const setup: LiveSetup = {
  roster: ROSTER,
  apologies: ['dana'],
  agenda: DEFAULT_AGENDA,
  openActions: [{ id: 'old-1', ownerId: 'pat', text: 'Call the school', dueAt: null }],
  defaultDueAt: '2030-04-01',
  contract: { text: 'We keep what is said here confidential.', firstMeeting: true },
};
const T0 = Date.parse('2030-03-05T09:30:00.000Z');

type Step = [LiveActor, string, Record<string, unknown>?];
function runFrom(state: LiveSessionState, steps: Step[], start: number, use = setup): LiveSessionState {
  let now = start;
  for (const [actor, type, payload = {}] of steps) {
    const decision = decide(state, { type, payload }, actor, new Date(now), use);
    if (!decision.ok) throw new Error(`${type} by ${actor.userId} rejected: ${decision.error}`);
    state = evolve(state, { ...decision.event, at: new Date(now).toISOString() });
    now += 60_000;
  }
  return state;
}
const run = (steps: Step[], state = initialLiveState('m-1'), use = setup) => runFrom(state, steps, T0 + (state.startedAt ? 3_600_000 : 0), use);
const rejection = (state: LiveSessionState, actor: LiveActor, type: string, payload: Record<string, unknown> = {}) => {
  const decision = decide(state, { type, payload }, actor, new Date(T0 + 7_200_000), setup);
  return decision.ok ? null : decision.error;
};
/** Pat presents; the session is at Pat's open questions. */
const patsQuestions = (mode?: 'dialogue') =>
  run([
    [FRAN, 'start'],
    [FRAN, 'setContracting', { open: false }],
    [FRAN, 'advance'],
    [FRAN, 'setOrder', { presenterIds: ['pat'] }],
    [FRAN, 'advance'],
    ...(mode ? [[FRAN, 'setQuestionMode', { mode }] as Step] : []),
    [FRAN, 'advance'],
    [FRAN, 'advance'],
  ]);

describe('the method in the live session', () => {
  describe('check-in as a round', () => {
    it('takes the people at the meeting in turn, without the one who sent an apology, each with an equal share of the time', () => {
      const state = run([[FRAN, 'start']]);
      expect(state.checkIn).toEqual({ order: ['fran', 'pat', 'sam', 'kim'], index: 0, prompt: DEFAULT_CHECK_IN_PROMPT, turnStartedAt: new Date(T0).toISOString(), shareMs: 5 * 60_000 });
      expect(checkInSpeaker(state)).toBe('fran');
    });
    it('moves on when the speaker or the facilitator says so, sharing what is left among those still to speak', () => {
      let state = run([[FRAN, 'start']]);
      // Fran took 8 of the 20 minutes: 12 are left for three people.
      state = runFrom(state, [[FRAN, 'nextSpeaker']], T0 + 8 * 60_000);
      expect(checkInSpeaker(state)).toBe('pat');
      expect(state.checkIn?.shareMs).toBe(4 * 60_000);
      expect(rejection(state, SAM, 'nextSpeaker')).toBe("It is Pat's turn to check in; they or the facilitator move on.");
      // Pat reports back on their action in their turn, then hands on.
      state = runFrom(state, [[PAT, 'reportBack', { actionId: 'old-1', status: 'done' }], [PAT, 'nextSpeaker']], T0 + 9 * 60_000);
      expect(state.reportBacks).toHaveLength(1);
      expect(checkInSpeaker(state)).toBe('sam');
      state = runFrom(state, [[SAM, 'nextSpeaker'], [FRAN, 'nextSpeaker']], T0 + 12 * 60_000);
      expect(checkInSpeaker(state)).toBeNull();
      expect(rejection(state, FRAN, 'nextSpeaker')).toBe('Everyone has checked in.');
    });
    it('lets someone who arrives late check in at the end, and the facilitator change the prompt', () => {
      let state = run([[FRAN, 'start'], [FRAN, 'nextSpeaker'], [FRAN, 'arrive', { userId: 'dana' }], [FRAN, 'setCheckInPrompt', { text: '  One word for how you are arriving?  ' }]]);
      expect(state.checkIn?.order).toEqual(['fran', 'pat', 'sam', 'kim', 'dana']);
      expect(state.checkIn?.prompt).toBe('One word for how you are arriving?');
      expect(rejection(state, PAT, 'setCheckInPrompt', { text: 'Mine' })).toBe('Only the facilitator can do this.');
      expect(rejection(state, FRAN, 'setCheckInPrompt', { text: ' ' })).toBe('text must be 1 to 300 characters.');
      state = run([[FRAN, 'advance']], state);
      expect(rejection(state, FRAN, 'nextSpeaker')).toBe('Speakers take turns at check-in.');
      expect(rejection(state, FRAN, 'setCheckInPrompt', { text: 'Late' })).toBe('The check-in prompt is set at check-in.');
      // Back at check-in the round goes on where it was.
      state = run([[FRAN, 'goTo', { phase: 'check-in' }]], state);
      expect(checkInSpeaker(state)).toBe('pat');
    });
    it('property: whatever the arrivals and moves, the order has each person at the meeting once, never someone absent, and ends after everyone', () => {
      const people = ROSTER.map((p) => p.userId);
      fc.assert(
        fc.property(fc.subarray(people.filter((id) => id !== 'fran')), fc.array(fc.oneof(fc.constant('next'), fc.constantFrom(...people)), { maxLength: 30 }), (apologies, steps) => {
          const use = { ...setup, apologies };
          let state = run([[FRAN, 'start']], initialLiveState('m'), use);
          let now = T0;
          let moves = 0;
          for (const step of steps) {
            now += 30_000;
            const command = step === 'next' ? { type: 'nextSpeaker', payload: {} } : { type: 'arrive', payload: { userId: step } };
            const decision = decide(state, command, FRAN, new Date(now), use);
            if (!decision.ok) continue;
            state = evolve(state, { ...decision.event, at: new Date(now).toISOString() });
            if (step === 'next') moves++;
            const round = state.checkIn!;
            expect(new Set(round.order).size).toBe(round.order.length);
            expect(round.order.filter((id) => isAbsent(state, id))).toEqual([]);
            expect(people.filter((id) => !isAbsent(state, id)).every((id) => round.order.includes(id))).toBe(true);
            expect(round.shareMs).toBeGreaterThanOrEqual(0);
            expect(round.shareMs).toBeLessThanOrEqual(state.timer!.durationMs);
          }
          expect(state.checkIn!.index).toBe(Math.min(moves, state.checkIn!.order.length));
        }),
        { seed: 17, numRuns: 200 },
      );
    });
  });

  describe('contracting', () => {
    it('opens with the set’s first session: the draft shown, changes proposed, the agreed text recorded with who was present', () => {
      let state = run([[FRAN, 'start']]);
      expect(state.contracting).toEqual({ open: true, draft: 'We keep what is said here confidential.', proposals: [], agreed: null });
      state = run([[PAT, 'proposeChange', { text: 'Phones away.' }], [FRAN, 'proposeChange', { text: 'Sam asked: we start on time.', onBehalfOf: 'sam' }]], state);
      expect(state.contracting?.proposals.map((p) => [p.id, p.userId, p.text])).toEqual([['p1', 'pat', 'Phones away.'], ['p2', 'sam', 'Sam asked: we start on time.']]);
      expect(rejection(state, PAT, 'agreeContract', { text: 'Mine' })).toBe('Only the facilitator can do this.');
      expect(rejection(state, DANA, 'proposeChange', { text: 'x' })).toMatch(/^Dana sent an apology/);
      state = run([[FRAN, 'agreeContract', { text: 'We keep what is said here confidential.\nPhones away.' }]], state);
      expect(state.contracting).toMatchObject({ open: false, draft: 'We keep what is said here confidential.\nPhones away.', proposals: [], agreed: { presentIds: ['fran', 'pat', 'sam', 'kim'] } });
      expect(rejection(state, PAT, 'proposeChange', { text: 'More' })).toBe('Changes to the ground rules are proposed while the contracting step is open.');
      expect(rejection(state, FRAN, 'agreeContract', { text: 'More' })).toBe('The agreed ground rules are recorded while the contracting step is open.');
    });
    it('stays closed at a later meeting until the facilitator opens it to revisit the contract, at any phase', () => {
      const later = { ...setup, contract: { text: 'Agreed text', firstMeeting: false } };
      let state = run([[FRAN, 'start'], [FRAN, 'advance']], initialLiveState('m'), later);
      expect(state.contracting?.open).toBe(false);
      expect(rejection(state, PAT, 'setContracting', { open: true })).toBe('Only the facilitator can do this.');
      state = run([[FRAN, 'setContracting', { open: true }], [SAM, 'proposeChange', { text: 'Breaks every hour.' }]], state, later);
      expect(state.contracting?.proposals).toHaveLength(1);
      expect(rejection(state, FRAN, 'setContracting', { open: true })).toBe('The contracting step is already open.');
      expect(rejection(state, FRAN, 'setContracting', { open: 'yes' })).toBe('open must be true or false.');
    });
  });

  describe('open dialogue and the queue of hands', () => {
    it('lets anyone at the meeting ask in open dialogue, refuses passing, and takes Dana only once she arrives', () => {
      let state = patsQuestions('dialogue');
      expect(questionMode(state, 'pat')).toBe('dialogue');
      expect(state.turn).toBeNull();
      state = run([[KIM, 'ask', { text: 'What did you try?' }], [KIM, 'ask', { text: 'And then?' }], [SAM, 'ask', { text: 'Who else knows?' }]], state);
      expect(state.questions.map((q) => [q.askerId, q.followUp])).toEqual([['kim', false], ['kim', false], ['sam', false]]);
      expect(rejection(state, SAM, 'pass')).toBe('This round is in open dialogue: there are no turns to pass.');
      expect(rejection(state, DANA, 'ask', { text: 'Me?' })).toMatch(/^Dana sent an apology/);
      expect(rejection(state, PAT, 'ask', { text: 'Me?' })).toBe('The presenter answers the questions; they do not ask them.');
    });
    it('queues raised hands; the facilitator calls the next or a named one, and lowers a hand; asking gives the floor back', () => {
      let state = run([[SAM, 'raiseHand'], [KIM, 'raiseHand'], [FRAN, 'raiseHand']], patsQuestions('dialogue'));
      expect(state.hands).toEqual(['sam', 'kim', 'fran']);
      expect(rejection(state, SAM, 'callNext')).toBe('Only the facilitator can do this.');
      state = run([[FRAN, 'callNext']], state);
      expect([state.floor, state.hands]).toEqual(['sam', ['kim', 'fran']]);
      state = run([[FRAN, 'callNext', { userId: 'fran' }]], state);
      expect([state.floor, state.hands]).toEqual(['fran', ['kim']]);
      expect(rejection(state, FRAN, 'callNext', { userId: 'sam' })).toBe('Sam has not raised a hand.');
      expect(rejection(state, SAM, 'lowerHand', { userId: 'kim' })).toBe('Only the facilitator lowers someone else’s hand.');
      state = run([[FRAN, 'lowerHand', { userId: 'kim' }]], state);
      expect(state.hands).toEqual([]);
      expect(rejection(state, FRAN, 'callNext')).toBe('No hands are raised.');
      state = run([[FRAN, 'ask', { text: 'What do you need?' }]], state);
      expect(state.floor).toBeNull();
    });
    it('keeps strict turns for a round the facilitator did not switch, and back to turns rebuilds them', () => {
      let state = patsQuestions();
      expect(state.turn?.order).toEqual(['fran', 'sam', 'kim']);
      expect(rejection(state, FRAN, 'callNext')).toBe('The facilitator calls on raised hands in clarifying questions and in open dialogue.');
      state = run([[FRAN, 'setQuestionMode', { mode: 'dialogue' }]], state);
      expect(state.turn).toBeNull();
      state = run([[FRAN, 'setQuestionMode', { mode: 'turns' }]], state);
      expect(state.turn).toEqual({ order: ['fran', 'sam', 'kim'], index: 0, asked: 0 });
      expect(rejection(state, FRAN, 'setQuestionMode', { mode: 'turns' })).toBe('This round is in turns already.');
      expect(rejection(state, FRAN, 'setQuestionMode', { mode: 'chaos' })).toBe('mode must be one of turns, dialogue.');
    });
    it('lets the facilitator step out of the turn order (their turn passes on) and back in', () => {
      let state = patsQuestions();
      state = run([[FRAN, 'stepOutOfTurns', { out: true }]], state);
      expect(state.turn).toEqual({ order: ['sam', 'kim'], index: 0, asked: 0 });
      expect(rejection(state, FRAN, 'ask', { text: 'Me?' })).toBe("It is Sam's turn.");
      state = run([[FRAN, 'advance'], [FRAN, 'goTo', { phase: 'questions' }]], state);
      expect(state.turn?.order).toEqual(['sam', 'kim']);
      state = run([[FRAN, 'stepOutOfTurns', { out: false }]], state);
      expect(state.turn?.order).toEqual(['sam', 'kim', 'fran']);
      expect(rejection(state, FRAN, 'stepOutOfTurns', { out: false })).toBe('You are in the turn order already.');
    });
    it('property (turns with absentees): the speaker is always at the meeting and never the presenter or a facilitator who stepped out', () => {
      const people = ROSTER.map((p) => p.userId);
      const actors: Record<string, LiveActor> = { fran: FRAN, pat: PAT, sam: SAM, dana: DANA, kim: KIM };
      const arbStep = fc.oneof(
        fc.record({ kind: fc.constant('ask'), who: fc.constantFrom(...people) }),
        fc.record({ kind: fc.constant('pass'), who: fc.constantFrom(...people) }),
        fc.record({ kind: fc.constant('arrive'), who: fc.constantFrom(...people) }),
        fc.record({ kind: fc.constant('stepOut'), who: fc.constantFrom('in', 'out') }),
      );
      fc.assert(
        fc.property(fc.subarray(['pat', 'dana', 'sam', 'kim']), fc.array(arbStep, { maxLength: 40 }), (apologies, steps) => {
          const use = { ...setup, apologies: apologies.filter((id) => id !== 'pat') };
          let state = run([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance']], initialLiveState('m'), use);
          let now = T0 + 3_600_000;
          for (const step of steps) {
            now += 10_000;
            const [actor, command] =
              step.kind === 'ask'
                ? [actors[step.who], { type: 'ask', payload: { text: 'Why?' } }]
                : step.kind === 'pass'
                  ? [actors[step.who], { type: 'pass', payload: {} }]
                  : step.kind === 'arrive'
                    ? [FRAN, { type: 'arrive', payload: { userId: step.who } }]
                    : [FRAN, { type: 'stepOutOfTurns', payload: { out: step.who === 'out' } }];
            const decision = decide(state, command, actor, new Date(now), use);
            if (!decision.ok) continue;
            state = evolve(state, { ...decision.event, at: new Date(now).toISOString() });
            const turn = state.turn!;
            expect(new Set(turn.order).size).toBe(turn.order.length);
            expect(turn.order).not.toContain('pat');
            expect(turn.order.filter((id) => isAbsent(state, id))).toEqual([]);
            if (state.facilitatorOutOfTurns) expect(turn.order).not.toContain('fran');
            const expected = people.filter((id) => id !== 'pat' && !isAbsent(state, id) && !(state.facilitatorOutOfTurns && id === 'fran'));
            expect([...turn.order].sort()).toEqual(expected.sort());
            if (turn.order.length) expect(turn.index).toBeLessThan(turn.order.length);
          }
        }),
        { seed: 1717, numRuns: 200 },
      );
    });
    it('property (dialogue queue): hands never repeat, the floor is never still queued, and callNext takes the first hand', () => {
      const people = ['fran', 'sam', 'kim'];
      const actors: Record<string, LiveActor> = { fran: FRAN, sam: SAM, kim: KIM };
      const arbStep = fc.record({ kind: fc.constantFrom('raise', 'lower', 'call', 'ask'), who: fc.constantFrom(...people) });
      fc.assert(
        fc.property(fc.array(arbStep, { maxLength: 40 }), (steps) => {
          let state = patsQuestions('dialogue');
          let now = T0 + 3_600_000;
          for (const step of steps) {
            now += 10_000;
            const first = state.hands[0];
            const [actor, command] =
              step.kind === 'raise'
                ? [actors[step.who], { type: 'raiseHand', payload: {} }]
                : step.kind === 'lower'
                  ? [FRAN, { type: 'lowerHand', payload: { userId: step.who } }]
                  : step.kind === 'call'
                    ? [FRAN, { type: 'callNext', payload: {} }]
                    : [actors[step.who], { type: 'ask', payload: { text: 'What now?' } }];
            const decision = decide(state, command, actor, new Date(now), setup);
            if (!decision.ok) continue;
            state = evolve(state, { ...decision.event, at: new Date(now).toISOString() });
            expect(new Set(state.hands).size).toBe(state.hands.length);
            if (state.floor) expect(state.hands).not.toContain(state.floor);
            if (step.kind === 'call') expect(state.floor).toBe(first);
          }
        }),
        { seed: 2017, numRuns: 200 },
      );
    });
  });

  describe('offers', () => {
    it('are refused until the presenter invites them, and then taken from people at the meeting', () => {
      let state = run([[FRAN, 'advance']], patsQuestions());
      expect(state.phase).toBe('reflection');
      expect(rejection(state, SAM, 'offer', { text: 'I know a good book.' })).toBe('Offers of experience or resources are made only when the presenter invites them.');
      expect(rejection(state, SAM, 'inviteOffers', { open: true })).toBe('Only the presenter invites offers; the facilitator can record it for them.');
      state = run([[PAT, 'inviteOffers', { open: true }], [SAM, 'offer', { text: 'I know a good book.' }], [FRAN, 'offer', { text: 'Kim has a contact.', onBehalfOf: 'kim' }]], state);
      expect(state.offers?.map((o) => [o.userId, o.presenterId, o.recordedBy])).toEqual([['sam', 'pat', null], ['kim', 'pat', 'fran']]);
      expect(rejection(state, PAT, 'offer', { text: 'Me' })).toBe('The presenter receives offers; they do not make them.');
      expect(rejection(state, DANA, 'offer', { text: 'Me' })).toMatch(/^Dana sent an apology/);
      state = run([[PAT, 'inviteOffers', { open: false }]], state);
      expect(rejection(state, SAM, 'offer', { text: 'One more' })).toBe('Offers of experience or resources are made only when the presenter invites them.');
    });
    it('close when the next presenter’s round begins', () => {
      let state = run([[FRAN, 'start'], [FRAN, 'setContracting', { open: false }], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat', 'sam'] }], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance'], [PAT, 'inviteOffers', { open: true }]]);
      expect(state.offersOpen).toBe(true);
      state = run([[FRAN, 'advance'], [FRAN, 'advance']], state);
      expect(state.offersOpen).toBe(true);
      state = run([[FRAN, 'advance']], state);
      expect([state.phase, state.presenterId, state.offersOpen]).toEqual(['present', 'sam', false]);
      expect(rejection(state, PAT, 'inviteOffers', { open: true })).toBe('The presenter invites offers after the questioning of their round.');
    });
  });

  describe('process review', () => {
    it('takes everyone’s words on each prompt, keeping no author for anonymous ones, only in the process review', () => {
      let state = run([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'advance']]);
      expect(state.phase).toBe('process-review');
      state = run([
        [PAT, 'reviewComment', { prompt: 'helped', text: 'Good silence.' }],
        [SAM, 'reviewComment', { prompt: 'hindered', text: 'Too much advice.', anonymous: true }],
        [FRAN, 'reviewComment', { prompt: 'questioning', text: 'Open questions.', onBehalfOf: 'kim' }],
      ], state);
      expect(state.reviewWords?.map((w) => [w.id, w.prompt, w.authorId, w.text])).toEqual([
        ['w1', 'helped', 'pat', 'Good silence.'],
        ['w2', 'hindered', null, 'Too much advice.'],
        ['w3', 'questioning', 'kim', 'Open questions.'],
      ]);
      expect(JSON.stringify(state.reviewWords)).not.toContain('sam');
      expect(rejection(state, SAM, 'reviewComment', { prompt: 'weather', text: 'x' })).toBe('prompt must be one of helped, hindered, questioning.');
      expect(rejection(state, SAM, 'reviewComment', { prompt: 'helped', text: 'x', anonymous: 'yes' })).toBe('anonymous must be true or false.');
      expect(rejection(state, DANA, 'reviewComment', { prompt: 'helped', text: 'x' })).toMatch(/^Dana sent an apology/);
      // Nothing of the ratings is preselected: none given until someone rates.
      expect(state.ratings).toEqual([]);
      state = run([[FRAN, 'advance']], state);
      expect(rejection(state, SAM, 'reviewComment', { prompt: 'helped', text: 'Late' })).toBe('The process review’s words are given in the process review.');
    });
  });
});
