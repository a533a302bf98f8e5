import type { MeetingAgenda } from '../meetings';
import type { LiveCheckIn, LiveContracting, LiveContractProposal, LiveOffer, LiveReviewWord, QuestionMode } from './method-state';
import type { LiveAction, LiveOpenAction, LiveParticipant, LivePhase, LivePresenterAsk, LiveQuestion, LiveSessionState, LiveTimer, ReportBackStatus } from './state';

/**
 * The events that `session:event` carries (CONTRACT.md, "Live sessions"): what `decide` in
 * ./session.ts answers for an allowed command, and `evolve` applies. The README's live protocol
 * section says what each means and what its payload holds; events.spec.ts keeps the three the same
 * (every command type yields only these, every one of these is yielded and applied, the README
 * lists exactly these).
 */
export const LIVE_EVENT_TYPES = [
  'started',
  'phaseChanged',
  'timerExtended',
  'paused',
  'resumed',
  'timerExpired',
  'bid',
  'orderSet',
  'asked',
  'passed',
  'handRaised',
  'markedHelpful',
  'askSet',
  'reflected',
  'actionAdded',
  'reportedBack',
  'rated',
  'checkedOut',
  'caseWithheld',
  'handedOver',
  'arrived',
  'ended',
  'checkInPromptSet',
  'speakerChanged',
  'contractingSet',
  'changeProposed',
  'contractAgreed',
  'questionModeSet',
  'floorGiven',
  'facilitatorTurnsSet',
  'offersInvited',
  'offered',
  'reviewCommented',
  'voiceRecorded',
  'takingPartSet',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** Moving to a phase: its presenter (inside a presenter round) and its timer, a deadline computed as it was decided. */
export interface LivePhaseMove {
  phase: LivePhase;
  presenterId: string | null;
  timer: LiveTimer | null;
}

/** The payload of each event type, exactly. Events logged before a field existed may lack the ones marked optional. */
export interface LiveEventPayloads {
  started: LivePhaseMove & {
    facilitatorId: string;
    /** Also holds the controls: the rota's other person for this meeting (absent in events written before co-facilitation). */
    coFacilitatorId?: string | null;
    roster: LiveParticipant[];
    /** Who sent an apology and is absent until they arrive (logged before it was kept: none). */
    absent?: string[];
    agenda: MeetingAgenda;
    openActions: LiveOpenAction[];
    reportBacks?: LiveSessionState['reportBacks'];
    defaultDueAt?: string | null;
    /** The check-in round (logged before it was kept: none). */
    checkIn?: LiveCheckIn | null;
    /** The contracting step with the set's current text (logged before it was kept: none). */
    contracting?: LiveContracting | null;
  };
  phaseChanged: LivePhaseMove;
  timerExtended: { seconds: number; timer: LiveTimer };
  paused: { remainingMs: number };
  resumed: { endsAt: string | null };
  timerExpired: { timerId: number };
  bid: { userId: string; wantsTime: boolean; urgency: number; recordedBy: string | null };
  orderSet: { presenterIds: string[] };
  asked: { question: LiveQuestion };
  passed: { userId: string };
  handRaised: { userId: string; raised: boolean };
  markedHelpful: { questionId: string; helpful: boolean };
  askSet: LivePresenterAsk;
  reflected: { presenterId: string; text: string; at: string };
  actionAdded: { action: LiveAction };
  reportedBack: { actionId: string; userId: string; status: ReportBackStatus; note: string; at: string };
  rated: { userId: string; rating: number; comment: string };
  checkedOut: { userId: string; text: string };
  caseWithheld: { presenterId: string; withheld: boolean };
  handedOver: { userId: string };
  arrived: { userId: string };
  ended: { phase: 'ended' };
  checkInPromptSet: { text: string };
  /** The next person's turn at check-in (index === order.length: everyone has checked in), with their share of the time. */
  speakerChanged: { index: number; shareMs: number };
  contractingSet: { open: boolean };
  changeProposed: { proposal: LiveContractProposal };
  /** The text the set agreed, and who was at the meeting: the API stores it as a new version of the contract. */
  contractAgreed: { text: string; presentIds: string[]; at: string };
  questionModeSet: { presenterId: string; mode: QuestionMode };
  floorGiven: { userId: string };
  facilitatorTurnsSet: { userId: string; out: boolean };
  offersInvited: { presenterId: string; open: boolean };
  offered: { offer: LiveOffer };
  reviewCommented: { word: LiveReviewWord };
  /** Speaking time the server summed for a person in the call since its last record (ms). */
  voiceRecorded: { userId: string; ms: number };
  /** The facilitator takes part in the meeting, or runs it without (not counted among the participants). */
  takingPartSet: { userId: string; takes: boolean };
}

/** One event of type `T` (all of them by default): a discriminated union on `type`. */
export type LiveEvent<T extends LiveEventType = LiveEventType> = { [K in T]: { type: K; payload: LiveEventPayloads[K] } }[T];

/** An event with the server time it was recorded at, as `evolve` applies it. */
export type LiveEventAt<T extends LiveEventType = LiveEventType> = LiveEvent<T> & { at: string };

/** Whether `type` is an event type this code knows. */
export function isLiveEventType(type: unknown): type is LiveEventType {
  return LIVE_EVENT_TYPES.some((known) => known === type);
}

/** An event type this code does not know: a log holding one cannot be replayed (written by a newer version, or damaged). */
export class UnknownLiveEventError extends Error {
  constructor(readonly eventType: string) {
    super(`Unknown live event type: ${eventType.slice(0, 40)}`);
    this.name = 'UnknownLiveEventError';
  }
}

/** A row of the event log as read from the database (or any JSON): the type and the payload, unchecked. */
export interface LiveEventRow {
  type: unknown;
  payload: unknown;
  at: string;
}

/**
 * An event read back from the log. The log is written only by `decide` (whose payloads are typed
 * above), so its type is what is checked here: an unknown one is an error (UnknownLiveEventError),
 * never skipped, as a state that silently misses an event is wrong from then on.
 */
export function parseLiveEvent(row: LiveEventRow): LiveEventAt {
  if (!isLiveEventType(row.type)) throw new UnknownLiveEventError(String(row.type));
  if (!row.payload || typeof row.payload !== 'object' || Array.isArray(row.payload)) throw new Error(`Live event ${row.type} has no payload object`);
  return buildEvent(row.type, row.payload, row.at);
}

/** The one place a checked row becomes a typed event: its payload is what `decide` wrote for that type. */
function buildEvent<T extends LiveEventType>(type: T, payload: object, at: string): LiveEventAt {
  const typed: { type: T; payload: LiveEventPayloads[T]; at: string } = { type, payload: payload as LiveEventPayloads[T], at };
  return typed as LiveEventAt;
}
