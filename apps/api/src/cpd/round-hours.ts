import type { RoundPhaseName } from '@als/shared';

/*
 * Hours of CPD for an asynchronous round, estimated from the phases a person took part in: reading
 * the case and writing clarifying questions, reading the answers and asking open questions, a
 * closing word; for the presenter, writing the case, answering, reflecting and committing to
 * actions. A person who logs hours on a learning-log entry for the round gets those instead.
 */

/** Hours a phase takes someone who writes in it (the reading it needs included). */
const MEMBER_HOURS: Partial<Record<RoundPhaseName, number>> = { clarifying: 0.5, questions: 0.75, actions: 0.25 };
const PRESENTER_HOURS: Partial<Record<RoundPhaseName, number>> = { answers: 0.5, reflection: 0.75, actions: 0.5 };
/** Writing the case, which opens the round. */
const CASE_HOURS = 1;

export function estimatedRoundHours(phases: readonly RoundPhaseName[], presenter: boolean): number {
  const table = presenter ? PRESENTER_HOURS : MEMBER_HOURS;
  const hours = [...new Set(phases)].reduce((sum, phase) => sum + (table[phase] ?? 0), presenter ? CASE_HOURS : 0);
  return Math.round(hours * 4) / 4;
}

/** The hours the person logged for the round when they did (any entry with hours), else the estimate. */
export function roundHours(logged: readonly (number | null)[], phases: readonly RoundPhaseName[], presenter: boolean, contributions: number): { hours: number; estimated: boolean } {
  const given = logged.filter((h): h is number => h !== null);
  if (given.length) return { hours: given.reduce((a, b) => a + b, 0), estimated: false };
  // After the set's retention period the contributions are gone and only their count is kept: half an hour each, up to the phases a round has.
  if (!phases.length && contributions > 0) return { hours: (presenter ? CASE_HOURS : 0) + Math.min(contributions, 3) * 0.5, estimated: true };
  return { hours: estimatedRoundHours(phases, presenter), estimated: true };
}
