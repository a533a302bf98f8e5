/** How a set meets over its life (DOMAIN.md, "Meeting modes"). */
export const SET_MODES = ['face-to-face', 'virtual', 'async', 'blended'] as const;
export type SetMode = (typeof SET_MODES)[number];

/** A person's role in one set. One person can hold different roles in different sets. */
export const SET_ROLES = ['facilitator', 'member', 'sponsor'] as const;
export type SetRole = (typeof SET_ROLES)[number];

/** The usual size of a set: warn outside this range, never forbid. */
export const SET_SIZE_NORM = { min: 4, max: 8 } as const;

export const SET_NAME_MAX = 120;
export const SET_PURPOSE_MAX = 2000;
export const GROUND_RULES_MAX = 5000;

/** The set's meeting rules (ground rules: apologies with notice, quorum), their defaults and bounds. */
export const APOLOGY_NOTICE_HOURS = { default: 48, min: 0, max: 336 } as const;
export const QUORUM = { default: 3, min: 1, max: 20 } as const;

/** The ground rules a new set starts with; the facilitator edits them with the set. */
export const DEFAULT_GROUND_RULES = [
  'Confidentiality: what is said in the set stays in the set. We do not share cases, names or details outside it.',
  'Punctuality and attendance: we arrive on time and stay to the end. If we cannot come, we send an apology before the meeting, with as much notice as we can.',
  'Airtime: everyone who wants time gets a fair share of it.',
  'Listening: we listen to the presenter and do not interrupt.',
  'Questions, not advice: we ask open questions that help the presenter think. We do not tell them what to do or what we would do.',
  'Quorum: if fewer than 3 members can attend, the meeting is postponed.',
].join('\n');

/** Only members and facilitators take part in cases; sponsors see the schedule and attendance figures. */
export function canSeeSetContent(role: SetRole): boolean {
  return role === 'facilitator' || role === 'member';
}

/** People counted in the 4 to 8 norm: everyone who takes part, not sponsors. */
export function countParticipants(roles: readonly SetRole[]): number {
  return roles.filter(canSeeSetContent).length;
}

/** A readable note when a set's size is outside the norm, else null. */
export function setSizeNote(participants: number): string | null {
  if (participants < SET_SIZE_NORM.min) {
    return `This set has ${participants} participant${participants === 1 ? '' : 's'}. Action learning sets usually have ${SET_SIZE_NORM.min} to ${SET_SIZE_NORM.max}: invite more people so there are enough questioners for each presenter.`;
  }
  if (participants > SET_SIZE_NORM.max) {
    return `This set has ${participants} participants. Action learning sets usually have ${SET_SIZE_NORM.min} to ${SET_SIZE_NORM.max}: with more, each member gets less airtime. Consider splitting it into two sets.`;
  }
  return null;
}
