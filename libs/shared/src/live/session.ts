import { DEFAULT_AGENDA, type MeetingAgenda } from '../meetings';
import { calendarDay } from '../time';
import { classifyQuestion, type QuestionKind } from './questions';
import { absentAtStart, absentRefusal, attendees, isAbsent, questionTurnOrder, withArrival } from './presence';

/*
 * The live session of a meeting as a pure state machine (CONTRACT.md, "Live sessions"). The API
 * runs it authoritatively: `decide` turns a command into one event or a readable rejection,
 * `evolve` applies an event. The web client uses `evolve` on the events it receives, so every
 * screen derives the same state from the same log.
 */

export const LIVE_PHASES = ['lobby', 'check-in', 'bidding', 'present', 'clarifying', 'questions', 'reflection', 'actions', 'process-review', 'check-out', 'ended'] as const;
export type LivePhase = (typeof LIVE_PHASES)[number];
export const PRESENTER_ROUND: readonly LivePhase[] = ['present', 'clarifying', 'questions', 'reflection', 'actions'];
export const REPORT_BACK_STATUSES = ['done', 'partly', 'not-done'] as const;
export type ReportBackStatus = (typeof REPORT_BACK_STATUSES)[number];

export const LIVE_LIMITS = { text: 1000, comment: 500, checkOut: 200, extendSeconds: 3600, urgencyMin: 1, urgencyMax: 5, ratingMin: 1, ratingMax: 5 } as const;

export const LIVE_PHASE_LABELS: Record<LivePhase, string> = {
  lobby: 'Waiting to start',
  'check-in': 'Check-in and report-back',
  bidding: 'Bidding for airtime',
  present: 'Presenting',
  clarifying: 'Clarifying questions',
  questions: 'Open questions',
  reflection: 'Reflection',
  actions: 'Actions',
  'process-review': 'Process review',
  'check-out': 'Check-out',
  ended: 'Ended',
};

export interface LiveParticipant {
  userId: string;
  displayName: string;
}

/** A countdown as a deadline in server time: every screen computes the same remaining time from it. */
export interface LiveTimer {
  id: number;
  durationMs: number;
  /** When it ends (ISO, server time); null while paused. */
  endsAt: string | null;
  /** While paused: what was left. */
  remainingMs: number | null;
  expired: boolean;
}

export interface LiveQuestion {
  id: string;
  presenterId: string;
  phase: 'clarifying' | 'questions';
  askerId: string;
  text: string;
  kind: QuestionKind;
  reason: string;
  helpful: boolean;
  /** The asker's second question in the same turn. */
  followUp: boolean;
  recordedBy: string | null;
  at: string;
}

export interface LiveAction {
  id: string;
  presenterId: string;
  ownerId: string;
  text: string;
  /** The calendar day it is due, YYYY-MM-DD (sessions before due dates were days may hold an instant: read it with calendarDay). */
  dueAt: string | null;
  at: string;
}

/** An action from an earlier meeting or round, open, to report on at check-in. */
export interface LiveOpenAction {
  id: string;
  ownerId: string;
  text: string;
  /** The calendar day it is due, YYYY-MM-DD. */
  dueAt: string | null;
}

export interface LiveSessionState {
  meetingId: string;
  phase: LivePhase;
  presenterId: string | null;
  facilitatorId: string | null;
  roster: LiveParticipant[];
  /** Those of the roster who sent an apology and have not arrived (./presence.ts). Absent in states stored before it was kept. */
  absent?: string[];
  agenda: MeetingAgenda;
  /** Agreed presenter order (reorder or skip with setOrder). */
  order: string[];
  /** Presenters whose round has begun. */
  presented: string[];
  bids: Record<string, { wantsTime: boolean; urgency: number }>;
  /** In open questions: whose turn it is, and how many questions they asked in it (one and a follow-up). */
  turn: { order: string[]; index: number; asked: number } | null;
  hands: string[];
  questions: LiveQuestion[];
  reflections: { presenterId: string; text: string; at: string }[];
  actions: LiveAction[];
  openActions: LiveOpenAction[];
  reportBacks: { actionId: string; userId: string; status: ReportBackStatus; note: string; at: string }[];
  ratings: { userId: string; rating: number; comment: string }[];
  checkOuts: { userId: string; text: string }[];
  /** Presenters who asked that their case is not kept in the record. */
  withheld: string[];
  timer: LiveTimer | null;
  paused: boolean;
  /** While paused (time-out): when the time-out began. Absent in states stored before it was kept. */
  pausedAt?: string | null;
  /** Time-outs taken in the current phase, in ms: not airtime. Absent in states stored before it was kept. */
  pausedMs?: number;
  /** Time each presenter held the floor (their round, less its time-outs), in ms. */
  airtimeMs: Record<string, number>;
  phaseStartedAt: string | null;
  defaultDueAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  timerCount: number;
}

export type LiveCommand =
  | { type: 'start'; payload: Record<string, never> }
  | { type: 'advance'; payload: Record<string, never> }
  | { type: 'goTo'; payload: { phase: LivePhase; presenterId?: string } }
  | { type: 'extendTimer'; payload: { seconds: number } }
  | { type: 'pause'; payload: Record<string, never> }
  | { type: 'resume'; payload: Record<string, never> }
  | { type: 'bid'; payload: { wantsTime: boolean; urgency: number; onBehalfOf?: string } }
  | { type: 'setOrder'; payload: { presenterIds: string[] } }
  | { type: 'ask'; payload: { text: string; onBehalfOf?: string } }
  | { type: 'pass'; payload: { onBehalfOf?: string } }
  | { type: 'raiseHand'; payload: Record<string, never> }
  | { type: 'markHelpful'; payload: { questionId: string } }
  | { type: 'reflect'; payload: { text: string } }
  | { type: 'addAction'; payload: { text: string; dueAt?: string; ownerId?: string } }
  | { type: 'reportBack'; payload: { actionId: string; status: ReportBackStatus; note?: string; onBehalfOf?: string } }
  | { type: 'rate'; payload: { rating: number; comment?: string; onBehalfOf?: string } }
  | { type: 'checkOut'; payload: { text: string; onBehalfOf?: string } }
  | { type: 'withholdCase'; payload: { withheld: boolean } }
  | { type: 'handOver'; payload: { userId: string } }
  | { type: 'arrive'; payload: { userId: string } }
  | { type: 'end'; payload: Record<string, never> }
  | { type: 'expireTimer'; payload: { timerId: number } };

export type LiveCommandType = LiveCommand['type'];
export const LIVE_COMMAND_TYPES: readonly LiveCommandType[] = ['start', 'advance', 'goTo', 'extendTimer', 'pause', 'resume', 'bid', 'setOrder', 'ask', 'pass', 'raiseHand', 'markHelpful', 'reflect', 'addAction', 'reportBack', 'rate', 'checkOut', 'withholdCase', 'handOver', 'arrive', 'end', 'expireTimer'];

/** Who sends a command: a participant of the set, or the server itself (timer expiry). */
export interface LiveActor {
  userId: string;
  /** Role in the set; the session's facilitator is `state.facilitatorId`. */
  role: 'facilitator' | 'member' | 'system';
}

/** What the server knows when a session starts: who takes part, the agenda, actions to report on. */
export interface LiveSetup {
  roster: LiveParticipant[];
  agenda: MeetingAgenda;
  openActions: LiveOpenAction[];
  /** Default due date of new actions (a calendar day, YYYY-MM-DD): the day of the next meeting, if any. */
  defaultDueAt: string | null;
  /** Report-backs given ahead of the meeting (web or e-mail) on some of openActions: they open the check-in. */
  reportBacks?: LiveSessionState['reportBacks'];
  /** Who sent an apology for the meeting and has not joined: absent until they arrive. */
  apologies?: string[];
}

export interface LiveEvent {
  type: string;
  payload: Record<string, unknown>;
}

export type LiveDecision = { ok: true; event: LiveEvent } | { ok: false; error: string };

export function initialLiveState(meetingId: string): LiveSessionState {
  return {
    meetingId,
    phase: 'lobby',
    presenterId: null,
    facilitatorId: null,
    roster: [],
    absent: [],
    agenda: DEFAULT_AGENDA,
    order: [],
    presented: [],
    bids: {},
    turn: null,
    hands: [],
    questions: [],
    reflections: [],
    actions: [],
    openActions: [],
    reportBacks: [],
    ratings: [],
    checkOuts: [],
    withheld: [],
    timer: null,
    paused: false,
    pausedAt: null,
    pausedMs: 0,
    airtimeMs: {},
    phaseStartedAt: null,
    defaultDueAt: null,
    startedAt: null,
    endedAt: null,
    timerCount: 0,
  };
}

/** Minutes the agenda gives a phase (check-in is per person). */
export function phaseMinutes(state: Pick<LiveSessionState, 'agenda' | 'roster' | 'absent'>, phase: LivePhase): number {
  switch (phase) {
    case 'check-in':
      return state.agenda['check-in'] * Math.max(1, attendees(state).length);
    case 'bidding':
    case 'present':
    case 'clarifying':
    case 'questions':
    case 'reflection':
    case 'actions':
    case 'process-review':
    case 'check-out':
      return state.agenda[phase];
    case 'lobby':
    case 'ended':
      return 0;
  }
}

/** Remaining time of a timer at `now` (ms, never negative). */
export function timerRemainingMs(timer: LiveTimer | null, now: number): number {
  if (!timer) return 0;
  if (timer.remainingMs !== null) return timer.remainingMs;
  return timer.endsAt ? Math.max(0, Date.parse(timer.endsAt) - now) : 0;
}

const reject = (error: string): LiveDecision => ({ ok: false, error });
const accept = (type: string, payload: Record<string, unknown> = {}): LiveDecision => ({ ok: true, event: { type, payload } });
const isText = (value: unknown, max: number) => typeof value === 'string' && value.trim().length > 0 && value.length <= max;
const inRoster = (state: LiveSessionState, userId: unknown) => typeof userId === 'string' && state.roster.some((p) => p.userId === userId);
const nameOf = (state: LiveSessionState, userId: string | null) => state.roster.find((p) => p.userId === userId)?.displayName ?? 'someone';

/** The phase after this one, and its presenter. */
export function nextStep(state: LiveSessionState): { phase: LivePhase; presenterId: string | null } | null {
  const round = PRESENTER_ROUND.indexOf(state.phase);
  // After the current presenter: the next one in the agreed order (also after going back);
  // a presenter taken out of the order mid-round hands on to the first who has not presented.
  const nextPresenter = () => {
    const at = state.presenterId ? state.order.indexOf(state.presenterId) : -1;
    if (at >= 0) return state.order[at + 1] ?? null;
    return state.order.find((id) => !state.presented.includes(id) && id !== state.presenterId) ?? null;
  };
  switch (state.phase) {
    case 'lobby':
      return { phase: 'check-in', presenterId: null };
    case 'check-in':
      return { phase: 'bidding', presenterId: null };
    case 'bidding': {
      const first = nextPresenter();
      return first ? { phase: 'present', presenterId: first } : { phase: 'process-review', presenterId: null };
    }
    case 'process-review':
      return { phase: 'check-out', presenterId: null };
    case 'check-out':
      return { phase: 'ended', presenterId: null };
    case 'ended':
      return null;
    case 'present':
    case 'clarifying':
    case 'questions':
    case 'reflection':
    case 'actions': {
      if (round < PRESENTER_ROUND.length - 1) return { phase: PRESENTER_ROUND[round + 1], presenterId: state.presenterId };
      const next = nextPresenter();
      return next ? { phase: 'present', presenterId: next } : { phase: 'process-review', presenterId: null };
    }
  }
}

/** The phase before this one (the facilitator's "back"), and its presenter; null in the lobby, at check-in and after the end. */
export function previousStep(state: LiveSessionState): { phase: LivePhase; presenterId: string | null } | null {
  const round = PRESENTER_ROUND.indexOf(state.phase);
  const lastPresenter = () => {
    const before = state.presenterId ? state.presented.slice(0, state.presented.indexOf(state.presenterId)) : state.presented;
    return before[before.length - 1] ?? null;
  };
  switch (state.phase) {
    case 'lobby':
    case 'check-in':
    case 'ended':
      return null;
    case 'bidding':
      return { phase: 'check-in', presenterId: null };
    case 'process-review': {
      const last = state.presented[state.presented.length - 1];
      return last ? { phase: 'actions', presenterId: last } : { phase: 'bidding', presenterId: null };
    }
    case 'check-out':
      return { phase: 'process-review', presenterId: null };
    case 'present': {
      const previous = lastPresenter();
      return previous ? { phase: 'actions', presenterId: previous } : { phase: 'bidding', presenterId: null };
    }
    case 'clarifying':
    case 'questions':
    case 'reflection':
    case 'actions':
      return { phase: PRESENTER_ROUND[round - 1], presenterId: state.presenterId };
  }
}

/** The event of moving to `phase`: its timer is a deadline computed now. */
function moveTo(state: LiveSessionState, phase: LivePhase, presenterId: string | null, now: Date, type = 'phaseChanged'): LiveDecision {
  const minutes = phaseMinutes(state, phase);
  const timer: LiveTimer | null =
    minutes > 0 && phase !== 'ended' ? { id: state.timerCount + 1, durationMs: minutes * 60_000, endsAt: new Date(now.getTime() + minutes * 60_000).toISOString(), remainingMs: null, expired: false } : null;
  return accept(type, { phase, presenterId, timer });
}

/**
 * Decides whether `command` from `actor` is allowed now, and what happens. The rejection is a
 * sentence a person can read; nothing changes on rejection.
 */
export function decide(state: LiveSessionState, command: { type: string; payload?: unknown }, actor: LiveActor, now: Date, setup?: LiveSetup): LiveDecision {
  const payload = (command.payload && typeof command.payload === 'object' && !Array.isArray(command.payload) ? command.payload : {}) as Record<string, unknown>;
  const facilitating = state.phase === 'lobby' ? actor.role === 'facilitator' : actor.userId === state.facilitatorId;
  const running = state.phase !== 'lobby' && state.phase !== 'ended';
  const needFacilitator = () => (facilitating ? null : 'Only the facilitator can do this.');
  const needRunning = () => (state.phase === 'lobby' ? 'The session has not started yet.' : state.phase === 'ended' ? 'The session has ended.' : null);
  /** The person a command is for: the sender, or (facilitator only, for people in the room) someone else. */
  const subject = (): { userId: string } | { error: string } => {
    const behalf = payload.onBehalfOf;
    if (behalf === undefined || behalf === actor.userId) return { userId: actor.userId };
    if (!facilitating) return { error: 'Only the facilitator can record this for someone else.' };
    if (!inRoster(state, behalf)) return { error: 'That person is not in this session.' };
    return { userId: behalf as string };
  };
  if (actor.role === 'system' && command.type !== 'expireTimer' && command.type !== 'arrive') return reject('The server only expires timers.');

  switch (command.type) {
    case 'start': {
      if (state.phase !== 'lobby') return reject('The session has already started.');
      if (actor.role !== 'facilitator') return reject('Only a facilitator can start the session.');
      if (!setup) return reject('The session cannot start without its roster.');
      const absent = absentAtStart(setup.roster, setup.apologies);
      const started = { ...state, roster: setup.roster, agenda: setup.agenda, absent };
      const moved = moveTo(started, 'check-in', null, now, 'started');
      if (!moved.ok) return moved;
      return accept('started', { ...moved.event.payload, facilitatorId: actor.userId, roster: setup.roster, absent, agenda: setup.agenda, openActions: setup.openActions, reportBacks: setup.reportBacks ?? [], defaultDueAt: setup.defaultDueAt });
    }
    case 'advance': {
      const problem = needRunning() ?? needFacilitator();
      if (problem) return reject(problem);
      const next = nextStep(state)!;
      return next.phase === 'ended' ? accept('ended', { phase: 'ended' }) : moveTo(state, next.phase, next.presenterId, now);
    }
    case 'goTo': {
      const problem = needRunning() ?? needFacilitator();
      if (problem) return reject(problem);
      const phase = payload.phase as LivePhase;
      if (!LIVE_PHASES.includes(phase) || phase === 'lobby') return reject(`phase must be one of ${LIVE_PHASES.filter((p) => p !== 'lobby').join(', ')}.`);
      if (phase === 'ended') return accept('ended', { phase: 'ended' });
      if (PRESENTER_ROUND.includes(phase)) {
        const presenterId = (payload.presenterId ?? state.presenterId) as string | null;
        if (!presenterId || !inRoster(state, presenterId)) return reject('Choose a presenter for this phase.');
        const away = absentRefusal(state, presenterId, 'present');
        if (away) return reject(away);
        return moveTo(state, phase, presenterId, now);
      }
      return moveTo(state, phase, null, now);
    }
    case 'extendTimer': {
      const problem = needRunning() ?? needFacilitator();
      if (problem) return reject(problem);
      const seconds = payload.seconds;
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds === 0 || Math.abs(seconds) > LIVE_LIMITS.extendSeconds) return reject(`seconds must be a whole number from -${LIVE_LIMITS.extendSeconds} to ${LIVE_LIMITS.extendSeconds}, not 0.`);
      if (!state.timer) return reject('This phase has no timer.');
      const remaining = timerRemainingMs(state.timer, now.getTime());
      const next = Math.max(0, remaining + seconds * 1000);
      return accept('timerExtended', {
        seconds,
        timer: { ...state.timer, durationMs: state.timer.durationMs + seconds * 1000, expired: next === 0, ...(state.paused ? { remainingMs: next } : { endsAt: new Date(now.getTime() + next).toISOString() }) },
      });
    }
    case 'pause': {
      const problem = needRunning() ?? needFacilitator();
      if (problem) return reject(problem);
      if (state.paused) return reject('The session is already paused.');
      return accept('paused', { remainingMs: timerRemainingMs(state.timer, now.getTime()) });
    }
    case 'resume': {
      const problem = needRunning() ?? needFacilitator();
      if (problem) return reject(problem);
      if (!state.paused) return reject('The session is not paused.');
      const remaining = state.timer?.remainingMs ?? 0;
      return accept('resumed', { endsAt: state.timer ? new Date(now.getTime() + remaining).toISOString() : null });
    }
    case 'bid': {
      if (state.phase !== 'bidding') return reject('Bids are made in the bidding phase.');
      const who = subject();
      if ('error' in who) return reject(who.error);
      if (typeof payload.wantsTime !== 'boolean') return reject('wantsTime must be true or false.');
      const urgency = payload.urgency;
      if (typeof urgency !== 'number' || !Number.isInteger(urgency) || urgency < LIVE_LIMITS.urgencyMin || urgency > LIVE_LIMITS.urgencyMax) return reject('urgency must be a whole number from 1 to 5.');
      if (!inRoster(state, who.userId)) return reject('Only people in the session can bid.');
      const away = absentRefusal(state, who.userId, 'bid for time');
      if (away) return reject(away);
      return accept('bid', { userId: who.userId, wantsTime: payload.wantsTime, urgency, recordedBy: who.userId === actor.userId ? null : actor.userId });
    }
    case 'setOrder': {
      const problem = needRunning() ?? needFacilitator();
      if (problem) return reject(problem);
      if (['process-review', 'check-out', 'check-in'].includes(state.phase)) return reject('The presenter order is agreed in bidding and can change during presenter rounds.');
      const ids = payload.presenterIds;
      if (!Array.isArray(ids) || ids.some((id) => !inRoster(state, id))) return reject('presenterIds must list people in this session.');
      if (new Set(ids).size !== ids.length) return reject('Each presenter can appear once in the order.');
      const awayPresenter = (ids as string[]).map((id) => absentRefusal(state, id, 'present')).find(Boolean);
      if (awayPresenter) return reject(awayPresenter);
      return accept('orderSet', { presenterIds: ids });
    }
    case 'ask': {
      if (state.phase !== 'clarifying' && state.phase !== 'questions') return reject('Questions are asked in the clarifying and open question phases.');
      if (state.paused) return reject('The session is paused (time-out).');
      const who = subject();
      if ('error' in who) return reject(who.error);
      if (who.userId === state.presenterId) return reject('The presenter answers the questions; they do not ask them.');
      if (!inRoster(state, who.userId)) return reject('Only people in the session can ask.');
      if (!isText(payload.text, LIVE_LIMITS.text)) return reject(`text must be a question of 1 to ${LIVE_LIMITS.text} characters.`);
      let followUp = false;
      if (state.phase === 'questions') {
        const turn = state.turn;
        if (!turn || turn.order[turn.index] !== who.userId) return reject(`It is ${nameOf(state, turn?.order[turn.index] ?? null)}'s turn.`);
        followUp = turn.asked === 1;
      }
      const text = (payload.text as string).trim();
      const coaching = classifyQuestion(text);
      return accept('asked', {
        question: { id: `q${state.questions.length + 1}`, presenterId: state.presenterId, phase: state.phase, askerId: who.userId, text, kind: coaching.kind, reason: coaching.reason, helpful: false, followUp, recordedBy: who.userId === actor.userId ? null : actor.userId, at: now.toISOString() },
      });
    }
    case 'pass': {
      if (state.phase !== 'questions') return reject('Passing is for your turn in open questions.');
      const who = subject();
      if ('error' in who) return reject(who.error);
      const turn = state.turn;
      if (!turn || turn.order[turn.index] !== who.userId) return reject(`It is ${nameOf(state, turn?.order[turn.index] ?? null)}'s turn.`);
      return accept('passed', { userId: who.userId });
    }
    case 'raiseHand': {
      const problem = needRunning();
      if (problem) return reject(problem);
      if (!inRoster(state, actor.userId)) return reject('Only people in the session can raise a hand.');
      return accept('handRaised', { userId: actor.userId, raised: !state.hands.includes(actor.userId) });
    }
    case 'markHelpful': {
      const question = state.questions.find((q) => q.id === payload.questionId);
      if (!question) return reject('There is no such question.');
      if (actor.userId !== question.presenterId && !facilitating) return reject('Only the presenter marks the questions that helped them.');
      return accept('markedHelpful', { questionId: question.id, helpful: !question.helpful });
    }
    case 'reflect': {
      if (state.phase !== 'reflection') return reject('Reflections are written in the reflection phase.');
      if (actor.userId !== state.presenterId && !facilitating) return reject('The presenter reflects; the facilitator can write it down for them.');
      if (!isText(payload.text, LIVE_LIMITS.text)) return reject(`text must be 1 to ${LIVE_LIMITS.text} characters.`);
      return accept('reflected', { presenterId: state.presenterId, text: (payload.text as string).trim(), at: now.toISOString() });
    }
    case 'addAction': {
      if (state.phase !== 'actions' && state.phase !== 'reflection') return reject('Actions are agreed at the end of a presenter round.');
      if (actor.userId !== state.presenterId && !facilitating) return reject('The presenter commits to actions; the facilitator can write them down.');
      if (!isText(payload.text, LIVE_LIMITS.text)) return reject(`text must be 1 to ${LIVE_LIMITS.text} characters.`);
      const ownerId = (payload.ownerId ?? state.presenterId) as string;
      if (!inRoster(state, ownerId)) return reject('ownerId must be someone in this session.');
      // A due date is a calendar day (as typed, in the person's own calendar), never an instant moved between zones.
      let dueAt = state.defaultDueAt;
      if (payload.dueAt !== undefined) {
        dueAt = typeof payload.dueAt === 'string' ? calendarDay(payload.dueAt) : null;
        if (!dueAt) return reject('dueAt must be an ISO 8601 date.');
      }
      return accept('actionAdded', { action: { id: `a${state.actions.length + 1}`, presenterId: state.presenterId, ownerId, text: (payload.text as string).trim(), dueAt, at: now.toISOString() } });
    }
    case 'reportBack': {
      if (state.phase !== 'check-in') return reject('Report-back on earlier actions happens at check-in.');
      const who = subject();
      if ('error' in who) return reject(who.error);
      const action = state.openActions.find((a) => a.id === payload.actionId);
      if (!action) return reject('There is no such open action.');
      if (action.ownerId !== who.userId) return reject('Only the owner of an action reports back on it.');
      if (!REPORT_BACK_STATUSES.includes(payload.status as ReportBackStatus)) return reject(`status must be one of ${REPORT_BACK_STATUSES.join(', ')}.`);
      if (payload.note !== undefined && (typeof payload.note !== 'string' || payload.note.length > LIVE_LIMITS.text)) return reject(`note must be at most ${LIVE_LIMITS.text} characters.`);
      return accept('reportedBack', { actionId: action.id, userId: who.userId, status: payload.status, note: ((payload.note as string | undefined) ?? '').trim(), at: now.toISOString() });
    }
    case 'rate': {
      if (state.phase !== 'process-review') return reject('Ratings are given in the process review.');
      const who = subject();
      if ('error' in who) return reject(who.error);
      const rating = payload.rating;
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < LIVE_LIMITS.ratingMin || rating > LIVE_LIMITS.ratingMax) return reject('rating must be a whole number from 1 to 5.');
      if (payload.comment !== undefined && (typeof payload.comment !== 'string' || payload.comment.length > LIVE_LIMITS.comment)) return reject(`comment must be at most ${LIVE_LIMITS.comment} characters.`);
      if (!inRoster(state, who.userId)) return reject('Only people in the session can rate it.');
      const away = absentRefusal(state, who.userId, 'rate the session');
      if (away) return reject(away);
      return accept('rated', { userId: who.userId, rating, comment: ((payload.comment as string | undefined) ?? '').trim() });
    }
    case 'checkOut': {
      if (state.phase !== 'check-out') return reject('Check-out words are given at check-out.');
      const who = subject();
      if ('error' in who) return reject(who.error);
      if (!isText(payload.text, LIVE_LIMITS.checkOut)) return reject(`text must be 1 to ${LIVE_LIMITS.checkOut} characters.`);
      if (!inRoster(state, who.userId)) return reject('Only people in the session can check out.');
      return accept('checkedOut', { userId: who.userId, text: (payload.text as string).trim() });
    }
    case 'withholdCase': {
      if (state.phase === 'lobby') return reject('The session has not started yet.');
      if (typeof payload.withheld !== 'boolean') return reject('withheld must be true or false.');
      if (!state.presented.includes(actor.userId)) return reject('Only a presenter can withhold their own case from the record.');
      return accept('caseWithheld', { presenterId: actor.userId, withheld: payload.withheld });
    }
    case 'handOver': {
      const problem = needRunning() ?? needFacilitator();
      if (problem) return reject(problem);
      if (payload.userId === actor.userId) return reject('You are already facilitating.');
      if (!inRoster(state, payload.userId)) return reject('Facilitation can pass only to someone in this session.');
      return accept('handedOver', { userId: payload.userId });
    }
    case 'arrive': {
      // The server notes it when someone who sent an apology joins; the facilitator records it for someone in the room.
      const problem = needRunning() ?? (actor.role === 'system' ? null : needFacilitator());
      if (problem) return reject(problem);
      if (!inRoster(state, payload.userId)) return reject('userId must be someone in this session.');
      if (!isAbsent(state, payload.userId as string)) return reject(`${nameOf(state, payload.userId as string)} is already at the meeting.`);
      return accept('arrived', { userId: payload.userId });
    }
    case 'end': {
      const problem = needRunning() ?? needFacilitator();
      if (problem) return reject(problem);
      return accept('ended', { phase: 'ended' });
    }
    case 'expireTimer': {
      if (actor.role !== 'system') return reject('Timers expire by themselves.');
      if (!running || !state.timer || state.timer.id !== payload.timerId || state.timer.expired || state.paused) return reject('That timer is no longer running.');
      if (timerRemainingMs(state.timer, now.getTime()) > 0) return reject('That timer has not run out yet.');
      return accept('timerExpired', { timerId: state.timer.id });
    }
    default:
      return reject(`Unknown command type: ${String(command.type).slice(0, 40)}.`);
  }
}

/** Time-out taken in the current phase up to `at`, in ms: the ones that ended, and one still running. */
function pausedUntil(state: LiveSessionState, at: string): number {
  const running = state.paused && state.pausedAt ? Math.max(0, Date.parse(at) - Date.parse(state.pausedAt)) : 0;
  return (state.pausedMs ?? 0) + running;
}

/** Adds the time the current presenter held the floor, less the time-outs, when a presenter round phase is left. */
function withAirtime(state: LiveSessionState, at: string): LiveSessionState {
  if (!state.presenterId || !PRESENTER_ROUND.includes(state.phase) || !state.phaseStartedAt) return state;
  const held = Math.max(0, Date.parse(at) - Date.parse(state.phaseStartedAt) - pausedUntil(state, at));
  return { ...state, airtimeMs: { ...state.airtimeMs, [state.presenterId]: (state.airtimeMs[state.presenterId] ?? 0) + held } };
}

/** The turn order of open questions: everyone at the meeting but the presenter, in roster order. */
function questionTurns(state: LiveSessionState, presenterId: string | null) {
  return { order: questionTurnOrder(state, presenterId), index: 0, asked: 0 };
}

function nextTurn(turn: NonNullable<LiveSessionState['turn']>) {
  return { ...turn, index: turn.order.length ? (turn.index + 1) % turn.order.length : 0, asked: 0 };
}

/** Applies one event (with its server time). Pure: the same log gives the same state everywhere. */
export function evolve(state: LiveSessionState, event: { type: string; payload: Record<string, unknown>; at: string }): LiveSessionState {
  const p = event.payload;
  switch (event.type) {
    case 'started':
    case 'phaseChanged': {
      const base = event.type === 'started'
        ? { ...state, facilitatorId: p.facilitatorId as string, roster: p.roster as LiveParticipant[], absent: (p.absent as string[] | undefined) ?? [], agenda: p.agenda as MeetingAgenda, openActions: p.openActions as LiveOpenAction[], reportBacks: (p.reportBacks as LiveSessionState['reportBacks'] | undefined) ?? [], defaultDueAt: (p.defaultDueAt as string | null) ?? null, startedAt: event.at }
        : withAirtime(state, event.at);
      const phase = p.phase as LivePhase;
      const presenterId = (p.presenterId as string | null) ?? null;
      const timer = (p.timer as LiveTimer | null) ?? null;
      return {
        ...base,
        phase,
        presenterId,
        presented: presenterId && !base.presented.includes(presenterId) ? [...base.presented, presenterId] : base.presented,
        turn: phase === 'questions' ? questionTurns(base, presenterId) : null,
        hands: [],
        timer,
        timerCount: timer ? timer.id : base.timerCount,
        paused: false,
        pausedAt: null,
        pausedMs: 0,
        phaseStartedAt: event.at,
      };
    }
    case 'timerExtended':
      return { ...state, timer: p.timer as LiveTimer };
    case 'paused':
      return { ...state, paused: true, pausedAt: event.at, timer: state.timer ? { ...state.timer, endsAt: null, remainingMs: p.remainingMs as number } : null };
    case 'resumed':
      return { ...state, paused: false, pausedAt: null, pausedMs: pausedUntil(state, event.at), timer: state.timer ? { ...state.timer, endsAt: p.endsAt as string, remainingMs: null } : null };
    case 'timerExpired':
      return { ...state, timer: state.timer ? { ...state.timer, expired: true } : null };
    case 'bid':
      return { ...state, bids: { ...state.bids, [p.userId as string]: { wantsTime: p.wantsTime as boolean, urgency: p.urgency as number } } };
    case 'orderSet':
      return { ...state, order: p.presenterIds as string[] };
    case 'asked': {
      const question = p.question as LiveQuestion;
      let turn = state.turn;
      if (question.phase === 'questions' && turn) turn = turn.asked + 1 >= 2 ? nextTurn(turn) : { ...turn, asked: turn.asked + 1 };
      return { ...state, questions: [...state.questions, question], turn, hands: state.hands.filter((id) => id !== question.askerId) };
    }
    case 'passed':
      return { ...state, turn: state.turn ? nextTurn(state.turn) : null };
    case 'handRaised':
      return { ...state, hands: p.raised ? [...state.hands.filter((id) => id !== p.userId), p.userId as string] : state.hands.filter((id) => id !== p.userId) };
    case 'markedHelpful':
      return { ...state, questions: state.questions.map((q) => (q.id === p.questionId ? { ...q, helpful: p.helpful as boolean } : q)) };
    case 'reflected':
      return { ...state, reflections: [...state.reflections, { presenterId: p.presenterId as string, text: p.text as string, at: p.at as string }] };
    case 'actionAdded':
      return { ...state, actions: [...state.actions, p.action as LiveAction] };
    case 'reportedBack':
      return {
        ...state,
        reportBacks: [...state.reportBacks.filter((r) => r.actionId !== p.actionId), { actionId: p.actionId as string, userId: p.userId as string, status: p.status as ReportBackStatus, note: p.note as string, at: p.at as string }],
      };
    case 'rated':
      return { ...state, ratings: [...state.ratings.filter((r) => r.userId !== p.userId), { userId: p.userId as string, rating: p.rating as number, comment: p.comment as string }] };
    case 'checkedOut':
      return { ...state, checkOuts: [...state.checkOuts.filter((c) => c.userId !== p.userId), { userId: p.userId as string, text: p.text as string }] };
    case 'caseWithheld':
      return { ...state, withheld: p.withheld ? [...state.withheld.filter((id) => id !== p.presenterId), p.presenterId as string] : state.withheld.filter((id) => id !== p.presenterId) };
    case 'handedOver':
      return { ...state, facilitatorId: p.userId as string };
    case 'arrived':
      return withArrival(state, p.userId as string);
    case 'ended': {
      const base = withAirtime(state, event.at);
      return { ...base, phase: 'ended', presenterId: null, turn: null, hands: [], timer: null, paused: false, pausedAt: null, pausedMs: 0, phaseStartedAt: event.at, endedAt: event.at };
    }
    default:
      return state;
  }
}

/** Each member's share of the questions asked, and the airtime each presenter held (process review, statistics). */
export function airtimeSummary(state: LiveSessionState): { presenters: { userId: string; ms: number }[]; questions: { userId: string; count: number; share: number }[] } {
  const total = state.questions.length;
  return {
    presenters: Object.entries(state.airtimeMs).map(([userId, ms]) => ({ userId, ms })),
    questions: state.roster.map((p) => {
      const count = state.questions.filter((q) => q.askerId === p.userId).length;
      return { userId: p.userId, count, share: total ? count / total : 0 };
    }),
  };
}
