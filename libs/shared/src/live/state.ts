import type { MeetingAgenda } from '../meetings';
import { DEFAULT_AGENDA } from '../meetings';
import type { QuestionKind } from './questions';
import { attendees } from './presence';
import type { LiveCheckIn, LiveContracting, LiveContractSetup, LiveOffer, LiveReviewWord, QuestionMode } from './method-state';

/*
 * What a live session is (CONTRACT.md, "Live sessions"): its phases, its state and the people in
 * it. The reducer (./session.ts) decides commands and evolves this state by events.
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

/** The presenter's ask: what they want from the set today, shown to everyone through their round. */
export interface LivePresenterAsk {
  presenterId: string;
  text: string;
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
  /** A second person with the facilitator's controls (the meeting's co-facilitator, from the rota). Absent in states stored before it was kept. */
  coFacilitatorId?: string | null;
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
  /** Each presenter's ask (the latest one). Absent in states stored before it was kept. */
  asks?: LivePresenterAsk[];
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
  /** Each person's speaking time in the set's own call, in ms (voice activity). Absent in states stored before it was kept. */
  voiceMs?: Record<string, number>;
  phaseStartedAt: string | null;
  defaultDueAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  timerCount: number;
  /** Check-in as a round (./check-in.ts). Absent in states stored before it was kept. */
  checkIn?: LiveCheckIn | null;
  /** The contracting step (./contracting.ts). Absent in states stored before it was kept. */
  contracting?: LiveContracting | null;
  /** Each presenter's question mode, chosen by the facilitator (./dialogue.ts); turns when not chosen. */
  questionModes?: Record<string, QuestionMode>;
  /** In open dialogue: the person the facilitator called from the queue of hands. */
  floor?: string | null;
  /** The facilitator took themselves out of the turn order of open questions. */
  facilitatorOutOfTurns?: boolean;
  /** Who runs the meeting without taking part (./taking-part.ts): not counted among the participants. */
  observers?: string[];
  /** Whether the current presenter invites offers (./offers.ts), and the offers made. */
  offersOpen?: boolean;
  offers?: LiveOffer[];
  /** The process review's words (./review.ts). */
  reviewWords?: LiveReviewWord[];
}

/** Who sends a command: a participant of the set, or the server itself (timer expiry). */
export interface LiveActor {
  userId: string;
  /** Role in the set; the session's facilitator is `state.facilitatorId`. */
  role: 'facilitator' | 'member' | 'system';
  /** The rota names this person to facilitate (or co-facilitate) this meeting, without being a facilitator of the set. */
  facilitates?: boolean;
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
  /** The set's contract: shown in the contracting step (which opens with the session until the set has agreed one in a meeting). */
  contract?: LiveContractSetup;
  /** Whom the rota names for this meeting (null: the set's facilitators): the other one gets the controls beside the starter. */
  assigned?: { facilitatorId: string | null; coFacilitatorId: string | null };
}

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
    asks: [],
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
    voiceMs: {},
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

