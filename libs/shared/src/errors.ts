/**
 * The error codes of the API: every error body carries one as `code`, beside the contract's
 * `{ statusCode, error, message }`. A code names what went wrong, so a client can choose its own
 * words for it; `message` stays the sentence a person reads. Each domain has its own small enum;
 * `CommonErrorCode` is what any route can answer when no domain names something more precise.
 * Codes are stable: add new ones, never rename or reuse one.
 */

/** Errors any route can answer. */
export enum CommonErrorCode {
  /** 400: a field fails its rule (`errors` names each field). */
  ValidationFailed = 'validation.failed',
  /** 400: the request is not valid in another way (the message says how). */
  BadRequest = 'request.invalid',
  /** 400: the body is not valid JSON. */
  MalformedJson = 'request.malformed-json',
  /** 400: a value reached the database that it cannot store. */
  Unstorable = 'request.unstorable',
  /** 401: no valid credentials. */
  Unauthenticated = 'auth.unauthenticated',
  /** 403: the caller lacks the role this needs. */
  Forbidden = 'access.forbidden',
  /** 404: it does not exist, or the caller may not know it exists. */
  NotFound = 'resource.not-found',
  /** 409: it conflicts with the current state. */
  Conflict = 'resource.conflict',
  /** 409: it exists already (a unique constraint). */
  AlreadyExists = 'resource.already-exists',
  /** 413: the body is too large. */
  TooLarge = 'request.too-large',
  /** 415: the body's media type is not accepted. */
  UnsupportedMediaType = 'request.unsupported-media-type',
  /** 429: too many requests; wait and try again. */
  RateLimited = 'request.rate-limited',
  /** 503: the database is unreachable or the process is shutting down. */
  Unavailable = 'service.unavailable',
  /** 500: a fault on the server's side. */
  Internal = 'server.error',
}

/** Accounts, sign-in and sessions (`auth/`, `users/`). */
export enum AuthErrorCode {
  MalformedAuthorization = 'auth.malformed-authorization',
  SessionEnded = 'auth.session-ended',
  CsrfMismatch = 'auth.csrf-mismatch',
  WrongCredentials = 'auth.wrong-credentials',
  EmailTaken = 'auth.email-taken',
  TooManyAttempts = 'auth.too-many-attempts',
  SessionNotFound = 'auth.session-not-found',
  /** 400: a password given to confirm a change is not the account's. */
  WrongPassword = 'auth.wrong-password',
  /** 400: a reset or confirmation token is unknown, spent or expired. */
  TokenInvalid = 'auth.token-invalid',
  SameEmail = 'auth.same-email',
  /** 404: a one-click link (reminders off) no longer works. */
  LinkExpired = 'auth.link-expired',
  MetricsTokenRequired = 'auth.metrics-token-required',
  /** 403: the address is of an organisation that signs its people in with single sign-on. */
  SsoRequired = 'auth.sso-required',
  /** 403: the account was disabled by an organisation admin. */
  AccountDisabled = 'auth.account-disabled',
}

/** Sets and their memberships (`sets/`, the set-role guard). */
export enum SetErrorCode {
  NotFound = 'set.not-found',
  RoleRequired = 'set.role-required',
  Closed = 'set.closed',
  AlreadyClosed = 'set.already-closed',
  NotClosed = 'set.not-closed',
  Purged = 'set.purged',
  HasMeetingsToCome = 'set.has-meetings-to-come',
  /** 409: closing with `cancelUpcoming: true` while a meeting is under way (started, not ended). */
  HasMeetingsUnderWay = 'set.has-meetings-under-way',
  HasRoundsUnderWay = 'set.has-rounds-under-way',
  LastFacilitator = 'set.last-facilitator',
  AlreadyFacilitator = 'set.already-facilitator',
  SponsorCannotFacilitate = 'set.sponsor-cannot-facilitate',
  MemberNotFound = 'set.member-not-found',
}

/** A set's contract: its ground rules, versions agreed in meetings, and each person's acceptance. */
export enum ContractErrorCode {
  /** 409: the set has not agreed its ground rules in a meeting yet: there is no version to accept. */
  NoneAgreed = 'contract.none-agreed',
  /** 409: the version accepted is not the current one (a newer one was agreed meanwhile). */
  NotCurrent = 'contract.not-current',
}

/** Invitations to a set. */
export enum InvitationErrorCode {
  NotFound = 'invitation.not-found',
  AlreadyMember = 'invitation.already-member',
  AlreadyPending = 'invitation.already-pending',
  NotResendable = 'invitation.not-resendable',
  AlreadyAccepted = 'invitation.already-accepted',
  /** 409: expired, revoked or already used. */
  Unusable = 'invitation.unusable',
  WrongAccount = 'invitation.wrong-account',
}

/** Meetings, series, attendance and calendars (`meetings/`). */
export enum MeetingErrorCode {
  NotFound = 'meeting.not-found',
  SeriesNotFound = 'meeting.series-not-found',
  RoleRequired = 'meeting.role-required',
  SponsorsExcluded = 'meeting.sponsors-excluded',
  InvalidStart = 'meeting.invalid-start',
  InvalidRange = 'meeting.invalid-range',
  InvalidRecurrence = 'meeting.invalid-recurrence',
  StartInPast = 'meeting.start-in-past',
  Started = 'meeting.started',
  Cancelled = 'meeting.cancelled',
  InPersonOnly = 'meeting.in-person-only',
  PersonNotMember = 'meeting.person-not-member',
  NothingToChange = 'meeting.nothing-to-change',
  NoneLeftToChange = 'meeting.none-left-to-change',
  LinkExpired = 'meeting.link-expired',
  FeedNotFound = 'meeting.feed-not-found',
}

/** Who facilitates a meeting, and the facilitator's private notes (`facilitation/`). */
export enum FacilitationErrorCode {
  /** 400: the person named is not a current facilitator or member of the set. */
  NotAParticipant = 'facilitation.not-a-participant',
  /** 400: the co-facilitator is the meeting's facilitator, or there is no facilitator beside them. */
  CoFacilitatorInvalid = 'facilitation.co-facilitator-invalid',
  /** 409: the meeting has been held (its session started, or its time passed): who facilitated it is its history. */
  MeetingHeld = 'facilitation.meeting-held',
  /** 403: notes are for the set's facilitators and the people who facilitate its meetings. */
  NotesFacilitatorOnly = 'facilitation.notes-facilitator-only',
}

/** A live session's record and evaluation figures (REST; the socket's refusals are sentences). */
export enum LiveRecordErrorCode {
  SponsorsExcluded = 'live-record.sponsors-excluded',
  NotHeld = 'live-record.not-held',
  Purged = 'live-record.purged',
}

/** Asynchronous rounds (`rounds/`). */
export enum RoundErrorCode {
  NotFound = 'round.not-found',
  SponsorsExcluded = 'round.sponsors-excluded',
  OnBehalfFacilitatorOnly = 'round.on-behalf-facilitator-only',
  NotAMember = 'round.not-a-member',
  Closed = 'round.closed',
  Paused = 'round.paused',
  NotPaused = 'round.not-paused',
  NotYourPhase = 'round.not-your-phase',
  ModeratorOnly = 'round.moderator-only',
  InvalidDeadline = 'round.invalid-deadline',
  NotAQuestion = 'round.not-a-question',
}

/** Actions and reporting back (`actions/`). */
export enum ActionErrorCode {
  NotFound = 'action.not-found',
  ReportedAtCheckIn = 'action.reported-at-check-in',
  MeetingStarted = 'action.meeting-started',
  SetMeetingNow = 'action.set-meeting-now',
  MeetingCancelled = 'action.meeting-cancelled',
  LinkExpired = 'action.link-expired',
}

/** The private learning log and the CPD export. */
export enum LearningErrorCode {
  EntryNotFound = 'learning.entry-not-found',
  InvalidDate = 'learning.invalid-date',
  InvalidRange = 'learning.invalid-range',
  UnknownLink = 'learning.unknown-link',
}

/** Evaluation, self-assessments and audit. */
export enum EvaluationErrorCode {
  InvalidStage = 'evaluation.invalid-stage',
  /** 409: the set's ending review has not been opened by a facilitator yet. */
  EndingNotOpen = 'evaluation.ending-not-open',
}

/** Open Badges: badges, applications, credentials (`badges/`). */
/** Organisations, programmes and the facilitator pool. */
export enum OrganisationErrorCode {
  /** 404: no such organisation, or the caller is not in it (or, where admins only, not an admin). */
  NotFound = 'organisation.not-found',
  /** 403: the caller is in the organisation without the role the route needs. */
  RoleRequired = 'organisation.role-required',
  /** 409: SSO_SECRET_KEY is not set, so client secrets cannot be kept (encrypted at rest). */
  SsoKeyMissing = 'organisation.sso-key-missing',
  /** 400: the provider's settings are incomplete (a first configuration without its client secret, an issuer not allowed). */
  InvalidSso = 'organisation.invalid-sso',
  /** 404: the organisation has no such e-mail domain. */
  DomainNotFound = 'organisation.domain-not-found',
  /** 409: the domain's TXT record does not carry the organisation's token (yet). */
  DomainNotVerified = 'organisation.domain-not-verified',
  /** 409: another organisation has verified this domain. */
  DomainTaken = 'organisation.domain-taken',
  /** 400: a logo that is not a PNG or JPEG of at most 256 KB. */
  InvalidLogo = 'organisation.invalid-logo',
  /** 404: the organisation has no logo. */
  NoLogo = 'organisation.no-logo',
}

export enum BadgeErrorCode {
  NotFound = 'badge.not-found',
  InvalidImage = 'badge.invalid-image',
  CriteriaUnmet = 'badge.criteria-unmet',
  MayIdentify = 'badge.may-identify',
  FeedbackRequired = 'badge.feedback-required',
  AlreadyHeld = 'badge.already-held',
  AlreadyWaiting = 'badge.already-waiting',
  ApplicationNotFound = 'badge.application-not-found',
  FacilitatorOnly = 'badge.facilitator-only',
  OwnApplication = 'badge.own-application',
  AlreadyDecided = 'badge.already-decided',
  CredentialNotFound = 'badge.credential-not-found',
  AlreadyRevoked = 'badge.already-revoked',
  StatusListNotFound = 'badge.status-list-not-found',
  NoDidDocument = 'badge.no-did-document',
}

/** E-mail received over HTTP (`inbound/`). */
export enum InboundErrorCode {
  NotEnabled = 'inbound.not-enabled',
  NotRawMessage = 'inbound.not-raw-message',
  BadSignature = 'inbound.bad-signature',
}

export type ErrorCode =
  | CommonErrorCode
  | AuthErrorCode
  | SetErrorCode
  | ContractErrorCode
  | InvitationErrorCode
  | MeetingErrorCode
  | FacilitationErrorCode
  | LiveRecordErrorCode
  | RoundErrorCode
  | ActionErrorCode
  | LearningErrorCode
  | EvaluationErrorCode
  | BadgeErrorCode
  | OrganisationErrorCode
  | InboundErrorCode;

const ALL_CODES: ReadonlySet<string> = new Set<string>(
  [
    CommonErrorCode,
    AuthErrorCode,
    SetErrorCode,
    ContractErrorCode,
    InvitationErrorCode,
    MeetingErrorCode,
    FacilitationErrorCode,
    LiveRecordErrorCode,
    RoundErrorCode,
    ActionErrorCode,
    LearningErrorCode,
    EvaluationErrorCode,
    BadgeErrorCode,
    OrganisationErrorCode,
    InboundErrorCode,
  ].flatMap((codes) => Object.values(codes)),
);

/** Every code the API can send, for documentation and tests. */
export const ERROR_CODES: readonly ErrorCode[] = [...ALL_CODES] as ErrorCode[];

/** Whether a value read from an error body is one of the API's codes (a client keeps its fallback otherwise). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && ALL_CODES.has(value);
}

/** The code for an error whose thrower named none: by its HTTP status. */
export function errorCodeForStatus(statusCode: number): CommonErrorCode {
  switch (statusCode) {
    case 400:
      return CommonErrorCode.BadRequest;
    case 401:
      return CommonErrorCode.Unauthenticated;
    case 403:
      return CommonErrorCode.Forbidden;
    case 404:
      return CommonErrorCode.NotFound;
    case 409:
      return CommonErrorCode.Conflict;
    case 413:
      return CommonErrorCode.TooLarge;
    case 415:
      return CommonErrorCode.UnsupportedMediaType;
    case 429:
      return CommonErrorCode.RateLimited;
    case 503:
      return CommonErrorCode.Unavailable;
    default:
      return statusCode >= 500 ? CommonErrorCode.Internal : CommonErrorCode.BadRequest;
  }
}
