import type { MeetingFormat, AttendanceStatus } from './meetings';
import type { LivePhase } from './live';
import type { RoundPhase } from './rounds';
import type { SetRole } from './sets';

/**
 * GET /api/me/agenda: what is needed from the signed-in person across all their sets, for the
 * home page. Times are ISO instants; the web client shows them in the person's own zone.
 */
export interface AgendaResponse {
  /** The person's zone, in which the page shows every time. */
  timeZone: string;
  /** Meetings of the person's sets that are under way or start within the next 15 minutes. */
  now: AgendaMeeting[];
  /** The next scheduled meeting of each of the person's sets (not those in `now`), soonest first. */
  nextMeetings: AgendaMeeting[];
  /** Meetings in the next 8 weeks the person (a facilitator or member) has not replied to. */
  repliesToSend: AgendaMeeting[];
  /** Open rounds in which the person owes a contribution in the current phase. */
  roundsOwed: AgendaRound[];
  /** The person's open actions, to report on at (or ahead of) the next meeting. */
  actionsToReport: AgendaAction[];
}

export interface AgendaMeeting {
  meetingId: string;
  setId: string;
  setName: string;
  role: SetRole;
  startsAt: string;
  endsAt: string;
  format: MeetingFormat;
  location: string;
  videoUrl: string;
  /** The person's reply so far (null: none sent). */
  myReply: AttendanceStatus | null;
  /** The live session's phase when one has begun, else null. */
  livePhase: LivePhase | null;
}

export interface AgendaRound {
  roundId: string;
  setId: string;
  setName: string;
  title: string;
  phase: RoundPhase;
  /** When the current phase closes. */
  phaseEndsAt: string | null;
  /** True when the person is the round's presenter. */
  presenting: boolean;
}

export interface AgendaAction {
  actionId: string;
  setId: string;
  setName: string;
  text: string;
  /** A calendar date (YYYY-MM-DD), or null. */
  dueAt: string | null;
}
