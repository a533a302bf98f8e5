/*
 * Open Badges for a set (CONTRACT.md "Open Badges"): the badge a facilitator defines, a member's
 * application, the facilitator's decision, and the credentials issued. What a badge certifies is
 * public; the set's content never is.
 */

export const BADGE_LIMITS = {
  name: 120,
  description: 1000,
  prompt: 400,
  prompts: 6,
  minMeetings: { min: 0, max: 50 },
  minWords: { min: 0, max: 3000 },
  statement: 30_000,
  feedback: 2000,
  reason: 500,
  /** Size of an uploaded badge image (PNG or SVG), in bytes. */
  imageBytes: 60 * 1024,
  /** Days an application may wait before its set's facilitators are reminded. */
  reminderDays: 14,
} as const;

/** Prompts in the spirit of the SSSC's leadership badges. */
export const DEFAULT_BADGE_PROMPTS: readonly string[] = [
  'Where in your work with the set did you use management skills: planning, organising, making decisions, using resources?',
  'What leadership did you show, or see in others: in the set, in your team, with the people you work with?',
  'Where do the two overlap, and what will you do differently in your practice because of it?',
];

export interface BadgeCriteria {
  /** Meetings of the set the person took part in (live session, or attendance recorded). */
  minMeetings: number;
  /** Presented a problem at least once (a live session's presenter, or a round's). */
  presented?: boolean;
  /** Words in the reflective statement. */
  minWords: number;
}

export interface BadgeUpdateRequest {
  name: string;
  description: string;
  criteria: BadgeCriteria;
  /** The reflective prompts applicants answer; the defaults when left out. */
  prompts?: string[];
}

export interface BadgeImageRequest {
  /** `data:image/png;base64,…` or `data:image/svg+xml;base64,…` (no scripts, at most BADGE_LIMITS.imageBytes). */
  dataUrl: string;
}

export interface BadgeResponse {
  id: string;
  setId: string;
  name: string;
  description: string;
  criteria: Required<BadgeCriteria>;
  prompts: string[];
  /** The criteria in words, as they appear in the credential. */
  narrative: string;
  /** Public URL of the badge image (the uploaded one, or the generated default). */
  imageUrl: string;
  customImage: boolean;
  updatedAt: string;
}

export type BadgeCriterion = 'meetings' | 'presented' | 'words';

export interface UnmetCriterion {
  criterion: BadgeCriterion;
  /** The field a form shows it beside: `meetingsAttended`, `presented` or `statement`. */
  field: string;
  message: string;
}

export type BadgeApplicationStatus = 'submitted' | 'returned' | 'approved';

export interface BadgeApplicationRequest {
  statement: string;
  /** "This is my own work": must be true. */
  declaration: true;
  /** The statement goes into the credential as evidence, for anyone it is shown to. */
  publicEvidence?: boolean;
  /** The credential carries the person's display name (else only the hashed e-mail address). */
  showName?: boolean;
  /** Keys of confidentiality findings the person confirms are fine to keep (public evidence only). */
  confirmedFindings?: string[];
}

export interface BadgeApplicationCreated {
  id: string;
  status: 'submitted';
}

export interface BadgeApplicationResponse {
  id: string;
  setId: string;
  userId: string;
  displayName: string;
  status: BadgeApplicationStatus;
  statement: string;
  wordCount: number;
  publicEvidence: boolean;
  showName: boolean;
  feedback: string;
  submittedAt: string;
  decidedAt: string | null;
  credentialId: string | null;
}

export interface BadgeProgressResponse {
  badge: BadgeResponse;
  meetingsAttended: number;
  presented: boolean;
  /** What the person still lacks, statement words apart (those are counted as they type). */
  unmet: UnmetCriterion[];
  /** Their latest application, if any. */
  application: BadgeApplicationResponse | null;
  /** Their credential for this badge, if one was issued and not revoked. */
  credentialId: string | null;
}

export interface BadgeDecisionRequest {
  decision: 'approve' | 'return';
  feedback?: string;
}

export interface BadgeDecisionResponse {
  id: string;
  status: BadgeApplicationStatus;
  credentialId?: string;
}

export interface CredentialSummaryResponse {
  id: string;
  badgeName: string;
  setName: string;
  issuedAt: string;
  /** The public page that verifies it. */
  url: string;
  /** The signed credential (JSON). */
  jsonUrl: string;
  /** The badge image with the credential baked in (SVG). */
  bakedUrl: string;
  revokedAt: string | null;
}

export interface CredentialRevokeRequest {
  reason: string;
}

export interface CredentialVerificationResponse {
  credentialId: string;
  /** `valid`: the proof verifies and the status bit is clear; `revoked`: the bit is set; `invalid`: the proof fails. */
  status: 'valid' | 'revoked' | 'invalid';
  verified: boolean;
  revoked: boolean;
  errors: string[];
  badge: { name: string; description: string; narrative: string; imageUrl: string | null };
  issuer: { id: string; name: string; url: string | null };
  recipientName: string | null;
  issuedAt: string;
  evidence: string | null;
  checkedAt: string;
}

export interface ConfidentialityCountsResponse {
  /** Texts of the set that were checked (case texts, round contributions by web and e-mail, live questions). */
  checked: number;
  /** Texts with at least one possible identifier. */
  flagged: number;
  byKind: Record<string, number>;
  bySource: Record<string, number>;
}

/** What a person lacks for a badge (the contract's "meetings attended, presented, words in the statement"). */
export function unmetCriteria(criteria: BadgeCriteria, facts: { meetingsAttended: number; presented: boolean; words?: number }): UnmetCriterion[] {
  const unmet: UnmetCriterion[] = [];
  if (facts.meetingsAttended < criteria.minMeetings) {
    unmet.push({ criterion: 'meetings', field: 'meetingsAttended', message: `meetings attended: ${facts.meetingsAttended} of the ${criteria.minMeetings} the badge asks for` });
  }
  if (criteria.presented && !facts.presented) {
    unmet.push({ criterion: 'presented', field: 'presented', message: 'presented: the badge asks that you present a problem at least once' });
  }
  if (facts.words !== undefined && facts.words < criteria.minWords) {
    unmet.push({ criterion: 'words', field: 'statement', message: `words in the statement: ${facts.words} of the ${criteria.minWords} the badge asks for` });
  }
  return unmet;
}

/** The criteria in words, for the credential's `criteria.narrative` and the public page. */
export function criteriaNarrative(criteria: BadgeCriteria, prompts: readonly string[], setName: string): string {
  const parts = [
    `Took part in ${criteria.minMeetings === 0 ? '' : criteria.minMeetings === 1 ? 'at least one meeting of ' : `at least ${criteria.minMeetings} meetings of `}the action learning set "${setName}", where practitioners work on real problems from their practice by asking each other questions.`,
  ];
  if (criteria.presented) parts.push('Presented a problem from their own practice to the set at least once.');
  parts.push(`Wrote a reflective account of at least ${criteria.minWords} words, declared as their own work and checked for anything that could identify a person, and had it approved by the set's facilitator.`);
  if (prompts.length) parts.push(`The account answers: ${prompts.map((p) => `"${p}"`).join(' ')}`);
  return parts.join(' ');
}
