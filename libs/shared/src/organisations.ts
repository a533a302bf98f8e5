import type { InvitationStatus } from './dto';
import type { EvaluationResponse } from './evaluation';
import type { QuestionKind } from './live/questions';

/** A person's role in an organisation: admins see its sets (never case content) and manage its people. */
export const ORGANISATION_ROLES = ['admin', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export const ORGANISATION_NAME_MAX = 120;
/** At most this many e-mail domains per organisation. */
export const ORGANISATION_DOMAINS_MAX = 20;
/** An e-mail domain as an organisation claims it: lower-case labels of letters, digits and hyphens, at least two of them. */
export const EMAIL_DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** The domain of an e-mail address, lower case ('' when there is none). */
export function emailDomainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

export interface OrganisationCreateRequest {
  name: string;
  emailDomains?: string[];
}

export interface OrganisationResponse {
  id: string;
  name: string;
  emailDomains: string[];
  /** Password sign-in is refused for addresses of its domains (they sign in with single sign-on). */
  requireSso: boolean;
  /** Ground rules its new sets start with; null: the platform's. */
  defaultGroundRules?: string | null;
  /** Retention period (days) its new sets start with; null: the platform's. */
  defaultRetentionDays?: number | null;
}

/** What an admin may change: name, domains (replaced), whether single sign-on is required for them. */
export interface OrganisationUpdateRequest {
  name?: string;
  emailDomains?: string[];
  requireSso?: boolean;
  /** null: back to the platform's. */
  defaultGroundRules?: string | null;
  defaultRetentionDays?: number | null;
}

/** One of the caller's organisations, with their role in it. */
export interface MyOrganisationResponse extends OrganisationResponse {
  role: OrganisationRole;
}

export interface OrganisationSetFacilitator {
  userId: string;
  displayName: string;
}

/** A set of the organisation as its admins see it: who runs it and when it meets, never what is said. */
export interface OrganisationSetSummary {
  id: string;
  name: string;
  mode: string;
  status: string;
  facilitators: OrganisationSetFacilitator[];
  /** People in the set with the role `member` (facilitators and sponsors not counted). */
  memberCount: number;
  /** The next scheduled meeting's start; null when none is planned. */
  nextMeetingAt: string | null;
  /** Meetings held so far (scheduled, already started). */
  meetingsHeld: number;
  /** A practice set (demonstrations, training): listed, never counted in the figures (always sent; optional for older clients' fixtures). */
  practice?: boolean;
}

export interface OrganisationDetailResponse extends OrganisationResponse {
  sets: OrganisationSetSummary[];
}

export interface OrganisationPersonAddRequest {
  email: string;
  role: OrganisationRole;
}

export interface OrganisationInvitationResponse {
  id: string;
  organisationId: string;
  email: string;
  role: OrganisationRole;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
}

export interface OrganisationInvitationCreatedResponse extends OrganisationInvitationResponse {
  /** The secret of the invitation link, shown once. */
  token: string;
}

export interface OrganisationInvitationPreviewResponse {
  email: string;
  role: OrganisationRole;
  status: InvitationStatus;
  expiresAt: string;
  organisationName: string;
  invitedBy: string;
}

export interface OrganisationMembershipResponse {
  organisationId: string;
  userId: string;
  role: OrganisationRole;
}

export interface OrganisationPerson {
  userId: string;
  displayName: string;
  email: string;
  role: OrganisationRole;
  /** When an admin disabled the account; null while it may sign in. */
  disabledAt: string | null;
  joinedAt: string;
}

/** The organisation's people, and the invitations not yet accepted (pending or expired). */
export interface OrganisationPeopleResponse {
  people: OrganisationPerson[];
  notYetAccepted: OrganisationInvitationResponse[];
}

/** Figures across the organisation's sets (each as its sponsors see it: no per-member figures, never content). */
export interface OrganisationEvaluationResponse {
  organisationId: string;
  setCount: number;
  attendance: { meetings: number; attending: number; apologies: number; lateApologies: number; present: number };
  questionKinds: Record<QuestionKind, number>;
  /** Averages over the sets with live sessions of their Gini coefficients (0 equal); null when no set has figures. */
  equity: { airtime: number | null; questions: number | null };
  ratings: { count: number; average: number | null; distribution: number[] };
  actions: { total: number; open: number; done: number; partly: number; notDone: number; completionRate: number | null };
  sets: EvaluationResponse[];
}

/** Whether the sign-in page offers single sign-on, and the button's label: "Sign in with <name>". */
export interface SsoSettingsResponse {
  enabled: boolean;
  name: string | null;
}

/** Why a single sign-on did not sign anyone in: the callback sends the browser to `/sign-in?sso=<problem>`. */
export const SSO_PROBLEMS = ['failed', 'expired', 'unverified', 'disabled', 'other-domain'] as const;
export type SsoProblem = (typeof SSO_PROBLEMS)[number];

export const PROGRAMME_NAME_MAX = 120;

export interface ProgrammeCreateRequest {
  name: string;
  /** The first day of the programme, `YYYY-MM-DD`. */
  startsOn: string;
  /** Its last day, `YYYY-MM-DD`, on or after `startsOn`; omitted: open-ended. */
  endsOn?: string;
}

export interface ProgrammeSetsRequest {
  /** The organisation's sets in the programme (replaces the list; a set is in one programme at most). */
  setIds: string[];
}

export interface ProgrammeResponse {
  id: string;
  organisationId: string;
  name: string;
  startsOn: string;
  endsOn: string | null;
  setIds: string[];
}

export interface ProgrammeDetailResponse extends ProgrammeResponse {
  sets: OrganisationSetSummary[];
}

/** The programme's figures across its sets, as the organisation's are. */
export type ProgrammeEvaluationResponse = Omit<OrganisationEvaluationResponse, 'organisationId'> & { programmeId: string };

/** One person of the organisation who facilitates its sets, with their load. */
export interface PoolFacilitator {
  userId: string;
  displayName: string;
  sets: { id: string; name: string; status: string }[];
  /** Their open sets (of this organisation) they facilitate. */
  activeSets: number;
  /** Scheduled meetings of those sets from now on. */
  upcomingMeetings: number;
}

export interface FacilitatorAssignRequest {
  /** A person of the organisation (an admin or member of it). */
  userId: string;
}
