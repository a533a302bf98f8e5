import fc from 'fast-check';
import { DEFAULT_AGENDA } from '../meetings';
import { LIVE_COMMAND_TYPES } from './commands';
import { nextStep, previousStep } from './flow';
import type { LiveEventAt } from './events';
import { decide, evolve } from './session';
import { initialLiveState, LIVE_PHASES, timerRemainingMs, type LiveActor, type LiveSessionState, type LiveSetup } from './state';
import { presenterAsk } from './round';
import { airtimeSummary } from './timing';

const FRAN: LiveActor = { userId: 'fran', role: 'facilitator' };
const PAT: LiveActor = { userId: 'pat', role: 'member' };
const SAM: LiveActor = { userId: 'sam', role: 'member' };
const KIM: LiveActor = { userId: 'kim', role: 'member' };
const SYSTEM: LiveActor = { userId: 'system', role: 'system' };
const setup: LiveSetup = {
  roster: [
    { userId: 'fran', displayName: 'Fran' },
    { userId: 'pat', displayName: 'Pat' },
    { userId: 'sam', displayName: 'Sam' },
    { userId: 'kim', displayName: 'Kim' },
  ],
  agenda: DEFAULT_AGENDA,
  openActions: [{ id: 'old-1', ownerId: 'pat', text: 'Call the school', dueAt: null }],
  defaultDueAt: '2030-04-01',
};
const T0 = Date.parse('2030-03-05T09:30:00.000Z');

/** Runs commands in order (one minute apart), failing on any rejection. */
function run(commands: [LiveActor, string, Record<string, unknown>?][], state = initialLiveState('m-1'), start = T0): LiveSessionState {
  let now = start;
  for (const [actor, type, payload = {}] of commands) {
    const decision = decide(state, { type, payload }, actor, new Date(now), setup);
    if (!decision.ok) throw new Error(`${type} by ${actor.userId} rejected: ${decision.error}`);
    state = evolve(state, { ...decision.event, at: new Date(now).toISOString() });
    now += 60_000;
  }
  return state;
}
/** Decides and applies one command at `at`, failing on a rejection. */
function applyAt(state: LiveSessionState, actor: LiveActor, type: string, payload: Record<string, unknown>, at: number): LiveSessionState {
  const decision = decide(state, { type, payload }, actor, new Date(at), setup);
  if (!decision.ok) throw new Error(decision.error);
  return evolve(state, { ...decision.event, at: new Date(at).toISOString() });
}
const rejection = (state: LiveSessionState, actor: LiveActor, type: string, payload: Record<string, unknown> = {}, at = T0) => {
  const decision = decide(state, { type, payload }, actor, new Date(at), setup);
  return decision.ok ? null : decision.error;
};

describe('live session reducer', () => {
  const started = () => run([[FRAN, 'start']]);
  const inQuestions = () =>
    run([
      [FRAN, 'start'],
      [FRAN, 'advance'],
      [PAT, 'bid', { wantsTime: true, urgency: 4 }],
      [FRAN, 'setOrder', { presenterIds: ['pat', 'sam'] }],
      [FRAN, 'advance'],
      [FRAN, 'advance'],
      [FRAN, 'advance'],
    ]);

  describe('start', () => {
    it('moves from lobby to check-in with the roster, agenda and a check-in timer of 5 minutes a person', () => {
      const state = started();
      expect(state).toMatchObject({ phase: 'check-in', facilitatorId: 'fran', startedAt: new Date(T0).toISOString() });
      expect(state.roster).toHaveLength(4);
      expect(state.timer).toEqual({ id: 1, durationMs: 20 * 60_000, endsAt: new Date(T0 + 20 * 60_000).toISOString(), remainingMs: null, expired: false });
    });
    it('is for a facilitator, once, and needs the roster', () => {
      expect(rejection(initialLiveState('m'), PAT, 'start')).toBe('Only a facilitator can start the session.');
      expect(decide(initialLiveState('m'), { type: 'start' }, FRAN, new Date(T0))).toEqual({ ok: false, error: 'The session cannot start without its roster.' });
      expect(rejection(started(), FRAN, 'start')).toBe('The session has already started.');
    });
    it('refuses every other command in the lobby, with a reason', () => {
      for (const type of ['advance', 'goTo', 'extendTimer', 'pause', 'setOrder', 'handOver', 'end']) expect(rejection(initialLiveState('m'), FRAN, type, { phase: 'bidding', seconds: 60, presenterIds: [], userId: 'pat' })).toBe('The session has not started yet.');
    });
  });

  describe('advance walks the template', () => {
    it('check-in → bidding → each presenter round → process review → check-out → ended', () => {
      let state = run([
        [FRAN, 'start'],
        [FRAN, 'advance'],
        [FRAN, 'setOrder', { presenterIds: ['pat', 'sam'] }],
      ]);
      const seen: string[] = [state.phase];
      for (let i = 0; i < 13; i++) {
        state = run([[FRAN, 'advance']], state);
        seen.push(`${state.phase}${state.presenterId ? `:${state.presenterId}` : ''}`);
      }
      expect(seen).toEqual([
        'bidding',
        'present:pat', 'clarifying:pat', 'questions:pat', 'reflection:pat', 'actions:pat',
        'present:sam', 'clarifying:sam', 'questions:sam', 'reflection:sam', 'actions:sam',
        'process-review', 'check-out', 'ended',
      ]);
      expect(rejection(state, FRAN, 'advance')).toBe('The session has ended.');
    });
    it('steps back through the template with previousStep, across presenters', () => {
      let state = run([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat', 'sam'] }]]);
      for (let i = 0; i < 11; i++) state = run([[FRAN, 'advance']], state);
      expect([state.phase, state.presenterId]).toEqual(['process-review', null]);
      const back: string[] = [];
      for (let step = previousStep(state); step; step = previousStep(state)) {
        state = run([[FRAN, 'goTo', { phase: step.phase, ...(step.presenterId ? { presenterId: step.presenterId } : {}) }]], state);
        back.push(`${state.phase}${state.presenterId ? `:${state.presenterId}` : ''}`);
      }
      expect(back).toEqual(['actions:sam', 'reflection:sam', 'questions:sam', 'clarifying:sam', 'present:sam', 'actions:pat', 'reflection:pat', 'questions:pat', 'clarifying:pat', 'present:pat', 'bidding', 'check-in']);
      // Forward again from Pat's round reaches Sam's, not the end.
      state = run([[FRAN, 'goTo', { phase: 'actions', presenterId: 'pat' }], [FRAN, 'advance']], state);
      expect([state.phase, state.presenterId]).toEqual(['present', 'sam']);
    });
    it('goes from bidding straight to process review when nobody presents', () => {
      expect(run([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'advance']]).phase).toBe('process-review');
    });
    it('is for the session facilitator only, and after a hand-over for the new one', () => {
      expect(rejection(started(), PAT, 'advance')).toBe('Only the facilitator can do this.');
      const handed = run([[FRAN, 'start'], [FRAN, 'handOver', { userId: 'pat' }]]);
      expect(rejection(handed, FRAN, 'advance')).toBe('Only the facilitator can do this.');
      expect(run([[PAT, 'advance']], handed).phase).toBe('bidding');
    });
    it('skips a presenter taken out of the order and goes back with goTo', () => {
      let state = run([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat', 'sam', 'kim'] }], [FRAN, 'advance']]);
      state = run([[FRAN, 'setOrder', { presenterIds: ['pat', 'kim'] }], [FRAN, 'goTo', { phase: 'actions' }], [FRAN, 'advance']], state);
      expect([state.phase, state.presenterId]).toEqual(['present', 'kim']);
      state = run([[FRAN, 'goTo', { phase: 'questions', presenterId: 'pat' }]], state);
      expect([state.phase, state.presenterId]).toEqual(['questions', 'pat']);
      expect(rejection(state, FRAN, 'goTo', { phase: 'present', presenterId: 'nobody' })).toBe('Choose a presenter for this phase.');
      expect(rejection(state, FRAN, 'goTo', { phase: 'lobby' })).toMatch(/^phase must be one of/);
    });
  });

  describe('timers', () => {
    it('extends, pauses (time-out) and resumes a deadline without a ticking counter', () => {
      let state = started();
      state = applyAt(state, FRAN, 'extendTimer', { seconds: 120 }, T0 + 60_000);
      expect(state.timer?.endsAt).toBe(new Date(T0 + 22 * 60_000).toISOString());
      state = applyAt(state, FRAN, 'pause', {}, T0 + 2 * 60_000);
      expect(state.paused).toBe(true);
      expect(state.timer?.remainingMs).toBe(20 * 60_000);
      expect(timerRemainingMs(state.timer, T0 + 99 * 60_000)).toBe(20 * 60_000);
      expect(rejection(state, PAT, 'ask', { text: 'What?' })).toBe('Questions are asked in the clarifying and open question phases.');
      state = applyAt(state, FRAN, 'resume', {}, T0 + 10 * 60_000);
      expect(state.timer?.endsAt).toBe(new Date(T0 + 30 * 60_000).toISOString());
      expect(rejection(state, FRAN, 'resume')).toBe('The session is not paused.');
      expect(rejection(state, FRAN, 'extendTimer', { seconds: 0 })).toMatch(/^seconds must be/);
      expect(rejection(state, FRAN, 'extendTimer', { seconds: 99999 })).toMatch(/^seconds must be/);
    });
    it('expires a timer once, only from the server and only when it has run out', () => {
      const state = started();
      const end = T0 + 20 * 60_000;
      expect(rejection(state, FRAN, 'expireTimer', { timerId: 1 }, end)).toBe('Timers expire by themselves.');
      expect(rejection(state, SYSTEM, 'expireTimer', { timerId: 1 }, end - 1000)).toBe('That timer has not run out yet.');
      expect(rejection(state, SYSTEM, 'advance')).toBe('The server only expires timers.');
      const decision = decide(state, { type: 'expireTimer', payload: { timerId: 1 } }, SYSTEM, new Date(end));
      expect(decision).toEqual({ ok: true, event: { type: 'timerExpired', payload: { timerId: 1 } } });
      const expired = applyAt(state, SYSTEM, 'expireTimer', { timerId: 1 }, end);
      expect(expired.timer?.expired).toBe(true);
      expect(rejection(expired, SYSTEM, 'expireTimer', { timerId: 1 }, end)).toBe('That timer is no longer running.');
      expect(rejection(run([[FRAN, 'advance']], state), SYSTEM, 'expireTimer', { timerId: 1 }, end + 99 * 60_000)).toBe('That timer is no longer running.');
    });
  });

  describe('bidding and order', () => {
    it('records bids, also on behalf of someone in the room, and refuses bad ones', () => {
      let state = run([[FRAN, 'start'], [FRAN, 'advance'], [PAT, 'bid', { wantsTime: true, urgency: 5 }], [FRAN, 'bid', { wantsTime: false, urgency: 1, onBehalfOf: 'kim' }]]);
      expect(state.bids).toEqual({ pat: { wantsTime: true, urgency: 5 }, kim: { wantsTime: false, urgency: 1 } });
      expect(rejection(state, PAT, 'bid', { wantsTime: true, urgency: 6 })).toBe('urgency must be a whole number from 1 to 5.');
      expect(rejection(state, PAT, 'bid', { wantsTime: 'yes', urgency: 3 })).toBe('wantsTime must be true or false.');
      expect(rejection(state, PAT, 'bid', { wantsTime: true, urgency: 3, onBehalfOf: 'sam' })).toBe('Only the facilitator can record this for someone else.');
      expect(rejection(state, FRAN, 'setOrder', { presenterIds: ['pat', 'pat'] })).toBe('Each presenter can appear once in the order.');
      expect(rejection(state, FRAN, 'setOrder', { presenterIds: ['stranger'] })).toBe('presenterIds must list people in this session.');
      expect(rejection(state, PAT, 'setOrder', { presenterIds: ['pat'] })).toBe('Only the facilitator can do this.');
      state = run([[FRAN, 'advance']], state);
      expect(rejection(state, PAT, 'bid', { wantsTime: true, urgency: 3 })).toBe('Bids are made in the bidding phase.');
    });
  });

  describe('the presenter’s ask', () => {
    const presenting = () => run([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat', 'sam'] }], [FRAN, 'advance']]);

    it('is set by the presenter in their round, replaces their last one, and stays through the round', () => {
      let state = presenting();
      expect(presenterAsk(state)).toBeNull();
      state = run([[PAT, 'setAsk', { text: '  Help me see what I am missing.  ' }]], state);
      expect(presenterAsk(state)).toEqual({ presenterId: 'pat', text: 'Help me see what I am missing.', at: expect.any(String) });
      state = run([[FRAN, 'advance'], [PAT, 'setAsk', { text: 'What would a first step be?' }], [FRAN, 'advance']], state);
      expect(state.phase).toBe('questions');
      expect(state.asks).toEqual([{ presenterId: 'pat', text: 'What would a first step be?', at: expect.any(String) }]);
      expect(presenterAsk(state)?.text).toBe('What would a first step be?');
    });

    it('is written down by the facilitator for the presenter; each presenter has their own', () => {
      let state = run([[FRAN, 'setAsk', { text: 'Pat wants ideas to try.' }]], presenting());
      expect(presenterAsk(state)).toMatchObject({ presenterId: 'pat', text: 'Pat wants ideas to try.' });
      state = run([[FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance']], state);
      expect(state).toMatchObject({ phase: 'present', presenterId: 'sam' });
      expect(presenterAsk(state)).toBeNull();
      state = run([[SAM, 'setAsk', { text: 'A sounding board.' }]], state);
      expect(state.asks?.map((a) => [a.presenterId, a.text])).toEqual([['pat', 'Pat wants ideas to try.'], ['sam', 'A sounding board.']]);
    });

    it('is refused, changing nothing, from anyone else, outside a presenter round, and without a text of 1 to 1000 characters', () => {
      const state = presenting();
      expect(rejection(state, SAM, 'setAsk', { text: 'I want…' })).toBe('The presenter says what they want from the set; the facilitator can write it down for them.');
      expect(rejection(started(), PAT, 'setAsk', { text: 'I want…' })).toBe('The presenter’s ask is set in their round.');
      expect(rejection(initialLiveState('m-1'), FRAN, 'setAsk', { text: 'I want…' })).toBe('The presenter’s ask is set in their round.');
      expect(rejection(state, PAT, 'setAsk', { text: '   ' })).toBe('text must be 1 to 1000 characters.');
      expect(rejection(state, PAT, 'setAsk', { text: 'x'.repeat(1001) })).toBe('text must be 1 to 1000 characters.');
      expect(rejection(state, PAT, 'setAsk', {})).toBe('text must be 1 to 1000 characters.');
    });

    it('applies to a state stored before asks were kept', () => {
      const { asks: _asks, ...stored } = presenting();
      const state = run([[PAT, 'setAsk', { text: 'Ideas.' }]], stored);
      expect(state.asks).toEqual([{ presenterId: 'pat', text: 'Ideas.', at: expect.any(String) }]);
    });
  });

  describe('questions', () => {
    it('takes turns in a fixed order: one question and one follow-up each, or a pass', () => {
      let state = inQuestions();
      expect(state.turn).toEqual({ order: ['fran', 'sam', 'kim'], index: 0, asked: 0 });
      expect(rejection(state, SAM, 'ask', { text: 'What matters most?' })).toBe("It is Fran's turn.");
      expect(rejection(state, PAT, 'ask', { text: 'What?' })).toBe('The presenter answers the questions; they do not ask them.');
      state = run([[FRAN, 'ask', { text: 'What would success look like?' }], [FRAN, 'ask', { text: 'And for the family?' }]], state);
      expect(state.turn?.index).toBe(1);
      expect(state.questions.map((q) => q.followUp)).toEqual([false, true]);
      state = run([[SAM, 'pass'], [KIM, 'ask', { text: 'Have you thought about a referral?' }], [KIM, 'pass']], state);
      expect(state.turn).toMatchObject({ index: 0, asked: 0 });
      expect(state.questions[2]).toMatchObject({ askerId: 'kim', kind: 'advice', presenterId: 'pat', phase: 'questions' });
      expect(state.questions[2].reason).toContain('Have you thought about');
    });
    it('lets anyone but the presenter ask clarifying questions, and the facilitator record one for someone in the room', () => {
      let state = run([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance'], [FRAN, 'advance']]);
      expect(state.phase).toBe('clarifying');
      state = run([[KIM, 'ask', { text: 'How old is the child?' }], [FRAN, 'ask', { text: 'Who referred?', onBehalfOf: 'sam' }]], state);
      expect(state.questions.map((q) => [q.askerId, q.recordedBy])).toEqual([['kim', null], ['sam', 'fran']]);
      expect(rejection(state, KIM, 'ask', { text: '   ' })).toMatch(/^text must be a question/);
      expect(rejection(state, KIM, 'ask', { text: 'x'.repeat(1001) })).toMatch(/^text must be a question/);
    });
    it('lets the presenter (only) mark helpful questions, reflect and commit to actions due at the next meeting', () => {
      let state = run([[FRAN, 'ask', { text: 'What is stopping you?' }]], inQuestions());
      expect(rejection(state, SAM, 'markHelpful', { questionId: 'q1' })).toBe('Only the presenter marks the questions that helped them.');
      state = run([[PAT, 'markHelpful', { questionId: 'q1' }], [FRAN, 'advance'], [PAT, 'reflect', { text: 'I am avoiding the father.' }], [FRAN, 'advance'], [PAT, 'addAction', { text: 'Meet the father' }], [PAT, 'addAction', { text: 'Ask Sam about the panel', ownerId: 'pat', dueAt: '2030-03-20' }]], state);
      expect(state.questions[0].helpful).toBe(true);
      expect(state.reflections).toEqual([{ presenterId: 'pat', text: 'I am avoiding the father.', at: expect.any(String) }]);
      expect(state.actions.map((a) => [a.id, a.ownerId, a.dueAt])).toEqual([['a1', 'pat', '2030-04-01'], ['a2', 'pat', '2030-03-20']]);
      expect(rejection(state, SAM, 'addAction', { text: 'x' })).toBe('The presenter commits to actions; the facilitator can write them down.');
      expect(rejection(state, PAT, 'addAction', { text: 'x', dueAt: 'soon' })).toBe('dueAt must be an ISO 8601 date.');
    });
  });

  describe('check-in, process review, check-out, the record', () => {
    it('takes report-backs on open actions from their owner at check-in', () => {
      const state = run([[PAT, 'reportBack', { actionId: 'old-1', status: 'partly', note: 'School did not answer' }]], started());
      expect(state.reportBacks).toEqual([{ actionId: 'old-1', userId: 'pat', status: 'partly', note: 'School did not answer', at: expect.any(String) }]);
      expect(rejection(state, SAM, 'reportBack', { actionId: 'old-1', status: 'done' })).toBe('Only the owner of an action reports back on it.');
      expect(rejection(state, PAT, 'reportBack', { actionId: 'old-1', status: 'maybe' })).toBe('status must be one of done, partly, not-done.');
      expect(rejection(state, PAT, 'reportBack', { actionId: 'nope', status: 'done' })).toBe('There is no such open action.');
    });
    it('collects ratings and check-out words, one each, and measures airtime', () => {
      let state = inQuestions();
      state = run([[FRAN, 'ask', { text: 'What now?' }], [FRAN, 'goTo', { phase: 'process-review' }], [SAM, 'rate', { rating: 4, comment: 'Good pace' }], [SAM, 'rate', { rating: 5 }], [FRAN, 'advance'], [KIM, 'checkOut', { text: 'Hopeful' }], [FRAN, 'advance']], state, T0 + 7 * 60_000);
      expect(state.ratings).toEqual([{ userId: 'sam', rating: 5, comment: '' }]);
      expect(state.checkOuts).toEqual([{ userId: 'kim', text: 'Hopeful' }]);
      expect(state.phase).toBe('ended');
      // Pat's round: present, clarifying, questions (one minute each) and the ask minute.
      expect(airtimeSummary(state).presenters).toEqual([{ userId: 'pat', ms: 4 * 60_000 }]);
      expect(airtimeSummary(state).questions.find((q) => q.userId === 'fran')).toEqual({ userId: 'fran', count: 1, share: 1 });
    });
    it('lets a presenter withhold their own case from the record', () => {
      const state = run([[PAT, 'withholdCase', { withheld: true }]], inQuestions());
      expect(state.withheld).toEqual(['pat']);
      expect(rejection(state, SAM, 'withholdCase', { withheld: true })).toBe('Only a presenter can withhold their own case from the record.');
    });
    it('refuses unknown commands and malformed payloads with a readable reason', () => {
      expect(rejection(started(), FRAN, 'dance')).toBe('Unknown command type: dance.');
      expect(decide(started(), { type: 'extendTimer', payload: ['x'] }, FRAN, new Date(T0))).toEqual({ ok: false, error: 'seconds must be a whole number from -3600 to 3600, not 0.' });
      expect(nextStep(initialLiveState('m'))).toEqual({ phase: 'check-in', presenterId: null });
    });
  });

  describe('airtime and time-outs', () => {
    /** Pat presenting from T0 (bidding, order agreed, advanced into Pat's round at T0). */
    const presenting = () => {
      const before = run([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat', 'sam'] }]], initialLiveState('m-1'), T0 - 3 * 60_000);
      return applyAt(before, FRAN, 'advance', {}, T0);
    };
    const minute = 60_000;

    it('does not count a time-out in the presenter’s airtime', () => {
      let state = presenting();
      expect(state).toMatchObject({ phase: 'present', presenterId: 'pat' });
      state = applyAt(state, FRAN, 'pause', {}, T0 + 2 * minute);
      state = applyAt(state, FRAN, 'resume', {}, T0 + 6 * minute);
      state = applyAt(state, FRAN, 'advance', {}, T0 + 10 * minute);
      // Ten minutes in the phase, four of them a time-out.
      expect(state.airtimeMs).toEqual({ pat: 6 * minute });
    });

    it('does not count a time-out still running when the phase changes or the session ends, nor one in an earlier phase', () => {
      let state = presenting();
      state = applyAt(state, FRAN, 'pause', {}, T0 + 1 * minute);
      state = applyAt(state, FRAN, 'advance', {}, T0 + 5 * minute);
      expect(state.airtimeMs).toEqual({ pat: 1 * minute });
      // Clarifying: two time-outs, the second running at the end of the session.
      state = applyAt(state, FRAN, 'pause', {}, T0 + 6 * minute);
      state = applyAt(state, FRAN, 'resume', {}, T0 + 7 * minute);
      state = applyAt(state, FRAN, 'pause', {}, T0 + 8 * minute);
      state = applyAt(state, FRAN, 'end', {}, T0 + 20 * minute);
      expect(state.airtimeMs).toEqual({ pat: 1 * minute + 2 * minute });
    });

    it('gives the same airtime whatever time-outs are taken (property: a pause of any length inserted anywhere adds nothing)', () => {
      const arbStep = fc.record({
        actor: fc.constantFrom(FRAN, PAT, SAM, SYSTEM),
        type: fc.constantFrom('advance', 'goTo', 'extendTimer', 'pause', 'resume', 'ask', 'pass', 'setOrder', 'expireTimer', 'handOver', 'end'),
        payload: fc.record(
          {
            phase: fc.constantFrom(...LIVE_PHASES),
            presenterId: fc.constantFrom('pat', 'sam'),
            seconds: fc.integer({ min: -600, max: 600 }),
            text: fc.constantFrom('What would help?', 'Is it safe?'),
            presenterIds: fc.subarray(['pat', 'sam', 'kim']),
            userId: fc.constantFrom('pat', 'sam', 'fran'),
            timerId: fc.integer({ min: 1, max: 12 }),
          },
          { requiredKeys: [] },
        ),
        gapMs: fc.integer({ min: 0, max: 20 * minute }),
      });
      fc.assert(
        fc.property(fc.array(arbStep, { maxLength: 40 }), fc.nat(), fc.integer({ min: 1, max: 60 * minute }), (steps, where, pauseMs) => {
          /** Runs the steps; with `timeOut`, a pause of `pauseMs` is taken before step `at` (when one can be), and everything after it happens that much later. */
          const play = (timeOut: { at: number } | null) => {
            let state = presenting();
            let now = T0;
            let shift = 0;
            const outcomes: boolean[] = [];
            steps.forEach((step, i) => {
              now += step.gapMs;
              if (timeOut?.at === i && !state.paused) {
                const pause = decide(state, { type: 'pause', payload: {} }, FRAN, new Date(now + shift));
                if (pause.ok) {
                  state = evolve(state, { ...pause.event, at: new Date(now + shift).toISOString() });
                  shift += pauseMs;
                  state = applyAt(state, FRAN, 'resume', {}, now + shift);
                }
              }
              const decision = decide(state, { type: step.type, payload: step.payload }, step.actor, new Date(now + shift), setup);
              outcomes.push(decision.ok);
              if (decision.ok) state = evolve(state, { ...decision.event, at: new Date(now + shift).toISOString() });
            });
            return { state, outcomes };
          };
          const plain = play(null);
          const withTimeOut = play({ at: steps.length ? where % steps.length : 0 });
          expect(withTimeOut.outcomes).toEqual(plain.outcomes);
          expect(withTimeOut.state.airtimeMs).toEqual(plain.state.airtimeMs);
          for (const ms of Object.values(plain.state.airtimeMs)) expect(ms).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('properties', () => {
    const actors = [FRAN, PAT, SAM, KIM, SYSTEM];
    const arbCommand = fc.record({
      actor: fc.constantFrom(...actors),
      type: fc.constantFrom(...LIVE_COMMAND_TYPES, 'bogus'),
      payload: fc.record(
        {
          phase: fc.constantFrom(...LIVE_PHASES, 'nowhere'),
          presenterId: fc.constantFrom('pat', 'sam', 'kim', 'fran', 'stranger'),
          seconds: fc.integer({ min: -4000, max: 4000 }),
          wantsTime: fc.boolean(),
          urgency: fc.integer({ min: 0, max: 6 }),
          presenterIds: fc.subarray(['pat', 'sam', 'kim', 'fran']),
          text: fc.oneof(fc.constantFrom('What would help?', 'Have you tried X?', 'Is it safe?', ''), fc.string({ maxLength: 30 })),
          onBehalfOf: fc.constantFrom('pat', 'sam', 'kim', 'stranger'),
          questionId: fc.constantFrom('q1', 'q2', 'q3'),
          actionId: fc.constantFrom('old-1', 'nope'),
          status: fc.constantFrom('done', 'partly', 'not-done', 'maybe'),
          rating: fc.integer({ min: 0, max: 6 }),
          withheld: fc.boolean(),
          userId: fc.constantFrom('pat', 'sam', 'fran', 'stranger'),
          timerId: fc.integer({ min: 0, max: 20 }),
        },
        { requiredKeys: [] },
      ),
      gapMs: fc.integer({ min: 0, max: 30 * 60_000 }),
    });

    it('any sequence of commands leaves a valid state; rejections change nothing; replaying the log gives the same state', () => {
      fc.assert(
        fc.property(fc.array(arbCommand, { maxLength: 80 }), (commands) => {
          let state = initialLiveState('m-1');
          let now = T0;
          const log: LiveEventAt[] = [];
          for (const c of commands) {
            now += c.gapMs;
            const before = JSON.stringify(state);
            const decision = decide(state, { type: c.type, payload: c.payload }, c.actor, new Date(now), setup);
            if (!decision.ok) {
              expect(typeof decision.error).toBe('string');
              expect(decision.error.length).toBeGreaterThan(0);
              expect(JSON.stringify(state)).toBe(before);
              continue;
            }
            const event = { ...decision.event, at: new Date(now).toISOString() };
            log.push(event);
            state = evolve(state, event);
            // Invariants of a valid state.
            expect(LIVE_PHASES).toContain(state.phase);
            if (state.phase !== 'lobby') expect(state.roster.map((p) => p.userId)).toContain(state.facilitatorId);
            if (['present', 'clarifying', 'questions', 'reflection', 'actions'].includes(state.phase)) expect(state.roster.map((p) => p.userId)).toContain(state.presenterId);
            else expect(state.presenterId).toBeNull();
            if (state.turn) {
              expect(state.turn.order).not.toContain(state.presenterId);
              expect(state.turn.index).toBeLessThan(Math.max(1, state.turn.order.length));
              expect(state.turn.asked).toBeLessThan(2);
            }
            expect(new Set(state.order).size).toBe(state.order.length);
            expect(state.questions.map((q) => q.id)).toEqual(state.questions.map((_, i) => `q${i + 1}`));
            for (const ms of Object.values(state.airtimeMs)) expect(ms).toBeGreaterThanOrEqual(0);
            if (state.phase === 'ended') expect(state.timer).toBeNull();
          }
          // The same log replayed from the start gives the same state (what a resync does).
          const replayed = log.reduce(evolve, initialLiveState('m-1'));
          expect(replayed).toEqual(state);
        }),
        { numRuns: 300 },
      );
    });
  });
});
