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
  /** An RFC 5545 RRULE value such as `FREQ=WEEKLY;INTERVAL=5;COUNT=6` (an `RRULE:` prefix is accepted). */
  recurrence?: string;
}

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
  status: MeetingStatus;
  sequence: number;
  /** The series' rule, on occurrences of a series. */
  recurrence: string | null;
  /** Replies so far, and the caller's own (in lists). */
  attendance?: MeetingAttendanceSummary;
}

export interface MeetingAttendanceSummary {
  attending: number;
  apologies: number;
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
  updatedAt: string;
}
