import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AGENDA } from '../meetings';
import { LIVE_EVENT_TYPES, parseLiveEvent, UnknownLiveEventError, type LiveEventAt } from './events';
import { LIVE_COMMAND_TYPES } from './commands';
import { decide, evolve } from './session';
import { initialLiveState, type LiveActor, type LiveSessionState, type LiveSetup } from './state';

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
  apologies: ['kim'],
  agenda: DEFAULT_AGENDA,
  openActions: [{ id: 'old-1', ownerId: 'pat', text: 'Call the school', dueAt: null }],
  defaultDueAt: '2030-04-01T08:30:00.000Z',
  contract: { text: 'We keep it confidential.', firstMeeting: true },
};

type Step = [LiveActor, string, Record<string, unknown> | ((state: LiveSessionState) => Record<string, unknown>)];
/** A whole session in which every command type is sent once at least. */
const SESSION: Step[] = [
  [FRAN, 'start', {}],
  [PAT, 'proposeChange', { text: 'Phones away.' }],
  [FRAN, 'agreeContract', { text: 'We keep it confidential. Phones away.' }],
  [FRAN, 'setContracting', { open: true }],
  [FRAN, 'setCheckInPrompt', { text: 'One word for today?' }],
  [FRAN, 'nextSpeaker', {}],
  [FRAN, 'arrive', { userId: 'kim' }],
  [SYSTEM, 'recordVoice', { userId: 'pat', ms: 4_000 }],
  [PAT, 'reportBack', { actionId: 'old-1', status: 'done', note: 'We met.' }],
  [FRAN, 'advance', {}],
  [PAT, 'bid', { wantsTime: true, urgency: 4 }],
  [FRAN, 'setOrder', { presenterIds: ['pat'] }],
  [FRAN, 'advance', {}],
  [PAT, 'setAsk', { text: 'Help me see what I am missing.' }],
  [SAM, 'raiseHand', {}],
  [FRAN, 'extendTimer', { seconds: 60 }],
  [FRAN, 'pause', {}],
  [FRAN, 'resume', {}],
  [FRAN, 'advance', {}],
  [KIM, 'raiseHand', {}],
  [FRAN, 'callNext', {}],
  [SAM, 'ask', { text: 'What happened first?' }],
  [FRAN, 'advance', {}],
  [FRAN, 'pass', {}],
  [FRAN, 'stepOutOfTurns', { out: true }],
  [FRAN, 'takePart', { takes: false }],
  [FRAN, 'takePart', { takes: true }],
  [FRAN, 'setQuestionMode', { mode: 'dialogue' }],
  [SAM, 'raiseHand', {}],
  [FRAN, 'lowerHand', { userId: 'sam' }],
  [PAT, 'inviteOffers', { open: true }],
  [SAM, 'offer', { text: 'I know someone who did this.' }],
  [PAT, 'markHelpful', { questionId: 'q1' }],
  [FRAN, 'advance', {}],
  [PAT, 'reflect', { text: 'I see it now.' }],
  [FRAN, 'advance', {}],
  [PAT, 'addAction', { text: 'Call the school' }],
  [PAT, 'withholdCase', { withheld: true }],
  [SYSTEM, 'expireTimer', (state) => ({ timerId: state.timer?.id })],
  [FRAN, 'advance', {}],
  [SAM, 'reviewComment', { prompt: 'helped', text: 'The silence.', anonymous: true }],
  [SAM, 'rate', { rating: 5, comment: 'Good' }],
  [FRAN, 'advance', {}],
  [SAM, 'checkOut', { text: 'Hopeful' }],
  [FRAN, 'handOver', { userId: 'sam' }],
  [SAM, 'goTo', { phase: 'process-review' }],
  [SAM, 'end', {}],
];

/** Plays the session, each command a minute after the one before (a timer's expiry just after its end): every event with the state before it. */
function play(): { type: string; event: LiveEventAt; before: LiveSessionState; after: LiveSessionState }[] {
  let state = initialLiveState('m-1');
  let now = Date.parse('2030-03-05T09:30:00.000Z');
  const seen: { type: string; event: LiveEventAt; before: LiveSessionState; after: LiveSessionState }[] = [];
  for (const [actor, type, payload] of SESSION) {
    now = type === 'expireTimer' && state.timer?.endsAt ? Date.parse(state.timer.endsAt) + 1000 : now + 60_000;
    const decision = decide(state, { type, payload: typeof payload === 'function' ? payload(state) : payload }, actor, new Date(now), setup);
    if (!decision.ok) throw new Error(`${type} by ${actor.userId} was refused: ${decision.error}`);
    const event: LiveEventAt = { ...decision.event, at: new Date(now).toISOString() };
    const after = evolve(state, event);
    seen.push({ type: decision.event.type, event, before: state, after });
    state = after;
  }
  return seen;
}

/** The backticked names in the first column of the first table under `heading` in the README. */
function readmeTable(heading: string): string[] {
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`The README has no "${heading}"`);
  const lines = readme.slice(start + 1).split('\n');
  const table: string[] = [];
  for (const line of lines.slice(lines.findIndex((l) => l.startsWith('|')))) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  // Past the header and its separator: the first cell of each row.
  return table.slice(2).flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]));
}

describe('live event types', () => {
  it('a session sending every command type yields exactly LIVE_EVENT_TYPES', () => {
    expect(new Set(SESSION.map(([, type]) => type))).toEqual(new Set(LIVE_COMMAND_TYPES));
    expect(new Set(play().map((e) => e.type))).toEqual(new Set(LIVE_EVENT_TYPES));
  });

  it('evolve applies each of them: every event changes the state', () => {
    const unchanged = play().filter((e) => JSON.stringify(e.after) === JSON.stringify(e.before)).map((e) => e.type);
    expect(unchanged).toEqual([]);
  });

  it('evolve throws UnknownLiveEventError for a type that is not one of them (a state that skipped an event would be wrong from then on)', () => {
    const state = initialLiveState('m-1');
    const row = { type: 'somethingElse', payload: {}, at: '2030-03-05T09:30:00.000Z' };
    // As a log row of another version would reach it, past the types.
    const untyped: unknown = row;
    expect(() => evolve(state, untyped as LiveEventAt)).toThrow(UnknownLiveEventError);
    expect(() => evolve(state, untyped as LiveEventAt)).toThrow('Unknown live event type: somethingElse');
  });

  it('evolve is exhaustive: every event type has a branch (a type without one does not compile, and throws here)', () => {
    const applied = new Set(play().map((e) => e.type));
    for (const type of LIVE_EVENT_TYPES) expect(applied).toContain(type);
  });

  it('the README documents exactly these event types, and every command type', () => {
    expect([...readmeTable('### Events')].sort()).toEqual([...LIVE_EVENT_TYPES].sort());
    expect([...readmeTable('### Commands')].sort()).toEqual(LIVE_COMMAND_TYPES.filter((t) => t !== 'expireTimer' && t !== 'recordVoice').sort());
  });
});

describe(parseLiveEvent.name, () => {
  const at = '2030-03-05T09:30:00.000Z';

  it('answers, for each row as the database gives it back (JSON), an event that evolve applies as the original', () => {
    for (const { event, before, after } of play()) {
      const row: unknown = JSON.parse(JSON.stringify({ type: event.type, payload: event.payload }));
      const parsed = parseLiveEvent({ ...(row as { type: unknown; payload: unknown }), at: event.at });
      expect(parsed.type).toBe(event.type);
      expect(evolve(before, parsed)).toEqual(after);
    }
  });

  it('throws UnknownLiveEventError for an unknown type, and refuses a row without a payload object', () => {
    expect(() => parseLiveEvent({ type: 'teleported', payload: {}, at })).toThrow(UnknownLiveEventError);
    expect(() => parseLiveEvent({ type: 42, payload: {}, at })).toThrow(UnknownLiveEventError);
    expect(() => parseLiveEvent({ type: 'paused', payload: null, at })).toThrow('no payload object');
    expect(() => parseLiveEvent({ type: 'paused', payload: [1], at })).toThrow('no payload object');
  });

});
