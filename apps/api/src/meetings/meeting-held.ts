/**
 * A live session belongs to its meeting whatever time it runs: a meeting whose session has
 * started (also before its scheduled start) has been held, so it is no longer "the next meeting"
 * of its set — not for report-back prompts, nor for reports given ahead, nor for due dates.
 * SQL condition on a `meetings` row under `alias`.
 */
export const notYetHeld = (alias: string) => `NOT EXISTS (SELECT 1 FROM "live_sessions" held WHERE held."meetingId" = ${alias}."id" AND held."phase" <> 'lobby')`;
