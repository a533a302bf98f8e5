import type { SetStatus } from './evaluation';
import type { RoundEmailMode, RoundPhaseDays } from './rounds';
import type { SetMode, SetRole } from './sets';
import type { ErrorCode } from './errors';
import type { ProfessionalRegistration } from './registration';

/** The error body of every failed API call (CONTRACT.md). */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /**
   * What went wrong, as a stable code (`errors.ts`; README lists them). The API always sends it;
   * it is optional here only for failures that never reached the API (the network).
   */
  code?: ErrorCode;
  /** For validation errors: one entry per field, so a form can show each next to its field. */
  errors?: FieldError[];
}

export interface FieldError {
  field: string;
  message: string;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 80;
export const EMAIL_MAX = 254;

export interface UserRegisterRequest {
  email: string;
  password: string;
  displayName: string;
  timeZone?: string;
}

export interface UserLoginRequest {
  email: string;
  password: string;
}

export interface UserResponse {
  id: string;
  email: string;
  displayName: string;
  timeZone: string;
}

export interface MeResponse extends UserResponse {
  calendarFeedUrl: string;
  /** E-mail reminders before each meeting (7 days and 1 day before). */
  meetingReminders: boolean;
  /** Round e-mails as each phase opens, or one digest a day. */
  roundEmails: RoundEmailMode;
  /** The person's professional registration, shown on their CPD export (./registration.ts); null when they gave none. */
  registration?: ProfessionalRegistration | null;
}

export interface MeUpdateRequest {
  displayName?: string;
  timeZone?: string;
  meetingReminders?: boolean;
  roundEmails?: RoundEmailMode;
  /** Their professional registration; null removes it. */
  registration?: ProfessionalRegistration | null;
}

export interface AuthResponse {
  user: UserResponse;
  accessToken: string;
}

export interface SetCreateRequest {
  name: string;
  purpose?: string;
  mode: SetMode;
  timeZone: string;
  groundRules?: string;
  /** Hours of notice an apology needs; a later one is marked late. */
  apologyNoticeHours?: number;
  /** Fewest participants (facilitators and members) a meeting needs; null: no quorum. */
  quorum?: number | null;
  /** Days after the set is closed before its case content is deleted for good (default 90). */
  retentionDays?: number;
  /** Days each phase of a round lasts, prefilled when a round opens (DOMAIN.md's rhythm by default). */
  roundPhaseDays?: Partial<RoundPhaseDays>;
  /** The organisation the set belongs to (the caller must be an admin or member of it). */
  organisationId?: string;
  /** A practice set (demonstrations, training): at creation only; see SetResponse.practice. */
  practice?: boolean;
}

export type SetUpdateRequest = Partial<Omit<SetCreateRequest, 'organisationId' | 'practice'>>;

/** POST /api/sets/:setId/close. */
export interface SetCloseRequest {
  /** Days before its case content is deleted for good; the set's retentionDays by default. */
  retentionDays?: number;
  /** Cancel the meetings still to come (everyone is told) and close; without it, meetings to come are a 409. */
  cancelUpcoming?: boolean;
}

export interface SetResponse {
  id: string;
  name: string;
  purpose: string;
  mode: SetMode;
  timeZone: string;
  groundRules: string;
  apologyNoticeHours: number;
  quorum: number | null;
  /** `closed` once a facilitator closes (archives) the set. */
  status: SetStatus;
  closedAt: string | null;
  /** The organisation it belongs to; null for a set of its own (always sent; optional for older clients' fixtures). */
  organisationId?: string | null;
  retentionDays: number;
  /** A practice set: meetings and rounds may be in the past or minutes apart; left out of organisation figures; CPD records marked practice. Fixed at creation (always sent; optional for older clients' fixtures). */
  practice?: boolean;
  roundPhaseDays: RoundPhaseDays;
  /** When a closed set's case content is (or was) deleted for good. */
  purgeAfter: string | null;
  purgedAt: string | null;
  /** The caller's role in this set. */
  role: SetRole;
  createdAt: string;
  updatedAt: string;
}

export interface SetSummaryResponse extends SetResponse {
  memberCount: number;
}

export interface SetMemberResponse {
  userId: string;
  displayName: string;
  /** Facilitators see e-mail addresses to manage the set; others do not. */
  email?: string;
  role: SetRole;
  joinedAt: string;
}

export interface SetDetailResponse extends SetResponse {
  members: SetMemberResponse[];
  /** Participants (facilitators and members) counted against the 4 to 8 norm. */
  participantCount: number;
  /** A readable note when the set is outside 4 to 8 participants, else null. */
  sizeNote: string | null;
}

export interface InvitationCreateRequest {
  email: string;
  role: SetRole;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationResponse {
  id: string;
  setId: string;
  email: string;
  role: SetRole;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  lastSentAt: string;
}

/** Answer to creating or re-sending an invitation: carries the (new) secret token once. */
export interface InvitationCreatedResponse extends InvitationResponse {
  token: string;
}

/** What the person holding an invitation link may see before accepting: no set content. */
export interface InvitationPreviewResponse {
  email: string;
  role: SetRole;
  status: InvitationStatus;
  expiresAt: string;
  setName: string;
  invitedBy: string;
  groundRules: string;
}

export interface InvitationAcceptRequest {
  acceptGroundRules: true;
}

export interface MembershipResponse {
  setId: string;
  userId: string;
  role: SetRole;
}

export interface MemberRoleUpdateRequest {
  role: SetRole;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'up' | 'down';
}

/** A private reflective entry (DOMAIN.md "Learning log"): only its author can ever read it. */
export const LEARNING_LOG_LIMITS = { title: 200, text: 20_000, guidanceWords: 200 } as const;

export interface LearningLogEntryRequest {
  title: string;
  /** What happened? */
  body: string;
  /** What did I learn? */
  learned?: string;
  /** What will I do differently? */
  different?: string;
  /** What was the impact on the people I work with? */
  impact?: string;
  meetingId?: string;
  roundId?: string;
  actionId?: string;
  /** The day it is about (YYYY-MM-DD); defaults to today. */
  occurredOn?: string;
  /** Time spent, in hours (quarters), for CPD records. */
  hours?: number | null;
}

export interface LearningLogEntryResponse extends Required<Omit<LearningLogEntryRequest, 'meetingId' | 'roundId' | 'actionId' | 'hours'>> {
  hours: number | null;
  id: string;
  meetingId: string | null;
  roundId: string | null;
  actionId: string | null;
  /** Words across all the prompts (the guidance is about 200 per activity). */
  wordCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Words in a text, as a person would count them. */
export function countWords(...texts: (string | undefined)[]): number {
  return texts.reduce((n, t) => n + ((t ?? '').trim().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0), 0);
}
