import type { FacilitatedBy } from './facilitation';
/** Where a meeting happens (CONTRACT.md): a room, or a video call. */
export const MEETING_FORMATS = ['in-person', 'online'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const MEETING_STATUSES = ['scheduled', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ATTENDANCE_STATUSES = ['attending', 'apology'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const MEETING_DURATION = { min: 15, max: 720 } as const;
export const MEETING_LOCATION_MAX = 500;
export const MEETING_URL_MAX = 2000;
/** Dial-in by telephone for people joining a call without video: up to this many numbers, and one passcode. */
export const DIAL_IN_NUMBERS_MAX = 5;
/** A telephone number as people write it: an optional +, digits, spaces, dots, dashes and brackets (6 to 40 characters). */
export const DIAL_IN_NUMBER_PATTERN = /^\+?[0-9(][0-9 ().-]{4,38}[0-9]$/;
/** A conference passcode or PIN: digits, letters, # and * (at most 32). */
export const DIAL_IN_PASSCODE_PATTERN = /^[0-9A-Za-z#*]{1,32}$/;
export const APOLOGY_REASON_MAX = 1000;
/** The most occurrences one series may have: a set meets for months, not for ever. */
export const SERIES_MAX_OCCURRENCES = 52;

export interface MeetingCreateRequest {
  /** ISO 8601: local wall time read in `timeZone`, or with an offset. */
  startsAt: string;
  /** IANA zone; defaults to the set's. */
  timeZone?: string;
  durationMinutes: number;
  format: MeetingFormat;
  location?: string;
  videoUrl?: string;
  /** Telephone numbers to dial in on (at most DIAL_IN_NUMBERS_MAX); none by default. */
  dialInNumbers?: string[];
  /** The conference passcode for dialling in; empty for none. */
  dialInPasscode?: string;
  /** An RFC 5545 RRULE value such as `FREQ=WEEKLY;INTERVAL=5;COUNT=6` (an `RRULE:` prefix is accepted). */
  recurrence?: string;
  /** Phase timings; defaults to DEFAULT_AGENDA. */
  agenda?: MeetingAgenda;
}

/** PATCH /api/meetings/:meetingId: move one meeting (or occurrence), change its place or agenda. */
export type MeetingUpdateRequest = Partial<Omit<MeetingCreateRequest, 'recurrence'>>;

/** One occurrence: a single meeting, or one meeting of a series. */
export interface MeetingResponse {
  id: string;
  setId: string;
  seriesId: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: MeetingFormat;
  location: string;
  videoUrl: string;
  /** Telephone numbers to dial in on; empty when none. */
  dialInNumbers: string[];
  /** The passcode for dialling in; empty when none. */
  dialInPasscode: string;
  status: MeetingStatus;
  sequence: number;
  /** The series' rule, on occurrences of a series. */
  recurrence: string | null;
  /** True when this occurrence was moved or changed on its own: series edits leave it as it is. */
  overridden: boolean;
  /** Who facilitates this meeting (the rota); null: the set's facilitators. The API always sends it (optional for clients' fixtures). */
  facilitatorId?: string | null;
  /** A second person with the facilitator's controls, beside `facilitatorId`. The API always sends it. */
  coFacilitatorId?: string | null;
  /** For a meeting held: who held the facilitator's controls (in lists and on the meeting page; absent before it is held). */
  facilitatedBy?: FacilitatedBy[];
  /** Replies so far, and the caller's own (in lists and on the meeting page). */
  attendance?: MeetingAttendanceSummary;
  quorum?: QuorumStatus;
}

export interface MeetingAttendanceSummary {
  attending: number;
  apologies: number;
  /** Apologies sent with less notice than the set's rules ask. */
  lateApologies: number;
  mine: AttendanceStatus | null;
}

export interface AttendanceRequest {
  status: AttendanceStatus;
  reason?: string;
}

export interface AttendanceResponse {
  meetingId: string;
  userId: string;
  status: AttendanceStatus;
  reason: string;
  late: boolean;
  recordedBy: string | null;
  updatedAt: string;
}

/**
 * The agenda template of a live meeting (DOMAIN.md, "The shape of a live meeting"), in minutes,
 * keyed by the live session's phase names. `check-in` is per person; the five presenter phases
 * are per presenter.
 */
export const AGENDA_PHASES = ['check-in', 'bidding', 'present', 'clarifying', 'questions', 'reflection', 'actions', 'process-review', 'check-out'] as const;
export type AgendaPhase = (typeof AGENDA_PHASES)[number];
export type MeetingAgenda = Record<AgendaPhase, number>;
export const PRESENTER_PHASES: readonly AgendaPhase[] = ['present', 'clarifying', 'questions', 'reflection', 'actions'];
export const AGENDA_PHASE_MAX_MINUTES = 180;

export const DEFAULT_AGENDA: MeetingAgenda = {
  'check-in': 5,
  bidding: 10,
  present: 5,
  clarifying: 10,
  questions: 15,
  reflection: 5,
  actions: 5,
  'process-review': 15,
  'check-out': 10,
};

export const AGENDA_LABELS: Record<AgendaPhase, string> = {
  'check-in': 'Check-in and report-back (per person)',
  bidding: 'Bidding for airtime',
  present: 'Present',
  clarifying: 'Clarifying questions',
  questions: 'Open questions',
  reflection: 'Reflection',
  actions: 'Actions',
  'process-review': 'Process review',
  'check-out': 'Check-out',
};

/** Minutes one presenter round takes under the agenda. */
export function presenterRoundMinutes(agenda: MeetingAgenda): number {
  return PRESENTER_PHASES.reduce((sum, phase) => sum + agenda[phase], 0);
}

/**
 * How many presenters fit in a meeting of `durationMinutes` with `participants` people checking
 * in, and the minutes left over (0 or more). Used to show a facilitator whether the plan fits.
 */
export function agendaFit(agenda: MeetingAgenda, durationMinutes: number, participants: number): { presenters: number; fixedMinutes: number; roundMinutes: number; spareMinutes: number } {
  const fixedMinutes = agenda['check-in'] * participants + agenda.bidding + agenda['process-review'] + agenda['check-out'];
  const roundMinutes = presenterRoundMinutes(agenda);
  const available = Math.max(0, durationMinutes - fixedMinutes);
  const presenters = roundMinutes > 0 ? Math.min(participants, Math.floor(available / roundMinutes)) : 0;
  return { presenters, fixedMinutes, roundMinutes, spareMinutes: Math.max(0, durationMinutes - fixedMinutes - presenters * roundMinutes) };
}

/** Whether enough people are expected: participants who have not sent an apology, against the set's quorum. */
export interface QuorumStatus {
  /** The set's quorum; null when the set has none. */
  required: number | null;
  /** Facilitators and members who have not sent an apology. */
  expected: number;
  met: boolean;
}

export function quorumStatus(required: number | null, participants: number, apologies: number): QuorumStatus {
  const expected = Math.max(0, participants - apologies);
  return { required, expected, met: required === null || expected >= required };
}

/** One person's reply as shown on the meeting page. */
export interface MeetingReplyView {
  userId: string;
  displayName: string;
  role: SetRoleForMeetings;
  status: AttendanceStatus | null;
  /** Apology reason: shown to facilitators and to its author only. */
  reason?: string;
  /** An apology sent with less notice than the set's rules ask. */
  late: boolean;
  /** Set when a facilitator recorded the reply on the person's behalf. */
  recordedBy: string | null;
  updatedAt: string | null;
}

type SetRoleForMeetings = 'facilitator' | 'member';

/** GET /api/meetings/:meetingId */
export interface MeetingDetailResponse extends MeetingResponse {
  setName: string;
  setTimeZone: string;
  agenda: MeetingAgenda;
  apologyNoticeHours: number;
  /** The caller's role in the set. */
  role: 'facilitator' | 'member' | 'sponsor';
  /** Replies of each participant; absent for sponsors, who see the figures only. */
  replies?: MeetingReplyView[];
}

/** PATCH /api/meeting-series/:seriesId: applies to every occurrence to come that was not changed on its own. */
export interface MeetingSeriesUpdateRequest {
  /** New wall-clock start time, HH:mm in the series' zone. */
  startTime?: string;
  durationMinutes?: number;
  format?: MeetingFormat;
  location?: string;
  videoUrl?: string;
  dialInNumbers?: string[];
  dialInPasscode?: string;
  agenda?: MeetingAgenda;
}

/** A facilitator records a reply for someone in the room (face-to-face meetings). */
export type AttendanceOnBehalfRequest = AttendanceRequest;

/** GET /api/rsvp/:token: what a one-click link from an e-mail is about. */
export interface RsvpPreviewResponse {
  status: AttendanceStatus;
  displayName: string;
  setName: string;
  meeting: Pick<MeetingResponse, 'id' | 'startsAt' | 'endsAt' | 'timeZone' | 'format' | 'location' | 'videoUrl' | 'dialInNumbers' | 'dialInPasscode' | 'status'>;
  /** The reply already recorded, if any. */
  current: AttendanceStatus | null;
}

export interface RsvpRequest {
  reason?: string;
}

const FREQ_WORDS: Record<string, [string, string]> = { DAILY: ['day', 'days'], WEEKLY: ['week', 'weeks'], MONTHLY: ['month', 'months'], YEARLY: ['year', 'years'] };

/** An RRULE value in words: "every 5 weeks, 6 meetings"; the rule itself when it is unusual. */
export function describeRule(rule: string): string {
  const parts = Object.fromEntries(rule.split(';').map((p) => p.split('=') as [string, string]));
  const words = FREQ_WORDS[parts.FREQ ?? ''];
  if (!words) return rule;
  const interval = Number(parts.INTERVAL ?? '1');
  const every = interval === 1 ? `every ${words[0]}` : `every ${interval} ${words[1]}`;
  if (parts.COUNT) return `${every}, ${parts.COUNT} meetings`;
  if (parts.UNTIL) return `${every} until ${parts.UNTIL.slice(6, 8)}/${parts.UNTIL.slice(4, 6)}/${parts.UNTIL.slice(0, 4)}`;
  return every;
}

/** GET /api/sets/:setId/attendance: the set's meetings so far and, for facilitators, each person's record. */
export interface AttendanceHistoryResponse {
  meetings: { id: string; startsAt: string; endsAt: string; status: MeetingStatus; attending: number; apologies: number; lateApologies: number }[];
  /** Facilitators: every participant; members: themselves only; sponsors: absent (figures only). */
  people?: { userId: string; displayName: string; role: 'facilitator' | 'member'; attending: number; apologies: number; lateApologies: number; noReply: number }[];
}

/** "Dial in: +44 20 3481 5237 or 0800 123 456, passcode 482193#", or '' when the meeting has no dial-in. */
export function dialInText(meeting: { dialInNumbers: readonly string[]; dialInPasscode: string }): string {
  if (meeting.dialInNumbers.length === 0) return '';
  const numbers = meeting.dialInNumbers.join(' or ');
  return `Dial in: ${numbers}${meeting.dialInPasscode ? `, passcode ${meeting.dialInPasscode}` : ''}`;
}

/** A telephone number as a tel: link (RFC 3966: the digits, a leading +). */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}
