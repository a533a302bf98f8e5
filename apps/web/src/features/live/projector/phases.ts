import { LIVE_PHASE_LABELS, REVIEW_PROMPTS, REVIEW_PROMPT_LABELS, type LivePhase } from '@als/shared';

/** The prompts the room reviews its process by: the same ones, worded the same, as everyone's screen gives words on (one source in @als/shared). */
export const PROCESS_REVIEW_PROMPTS: readonly string[] = REVIEW_PROMPTS.map((prompt) => REVIEW_PROMPT_LABELS[prompt]);

/**
 * A phase's name for the room. Phases this screen does not know yet (a newer server's) get a
 * name made from their id ("dialogue-mode" → "Dialogue mode") instead of failing.
 */
export function projectorPhaseLabel(phase: string): string {
  const known = (LIVE_PHASE_LABELS as Partial<Record<string, string>>)[phase];
  if (known) return known;
  const words = phase.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'In session';
}

/** Whether a phase is one this screen has its own panel for (others show the generic panel). */
export function isKnownPhase(phase: string): phase is LivePhase {
  return phase in LIVE_PHASE_LABELS;
}

/** The address a phone in the room opens to join this meeting's live session. */
export function joinUrl(origin: string, meetingId: string): string {
  return `${origin}/meetings/${encodeURIComponent(meetingId)}/live`;
}
