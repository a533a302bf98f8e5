/**
 * A live session belongs to its meeting whatever time it runs: a meeting whose session has
 * started (also before its scheduled start) has been held, so it is no longer "the next meeting"
 * of its set — not for report-back prompts, nor for reports given ahead, nor for due dates.
 * SQL condition on a `meetings` row under `alias`.
 */
export const notYetHeld = (alias: string) => `NOT EXISTS (SELECT 1 FROM "live_sessions" held WHERE held."meetingId" = ${alias}."id" AND held."phase" <> 'lobby')`;

/**
 * SQL condition: some meeting of the set `setIdSql` other than `exceptSql` (may be NULL) was held
 * after the instant `sinceSql` and before `untilSql`: it started in between, or its live session
 * did (a session run early).
 */
export const heldBetween = (setIdSql: string, sinceSql: string, untilSql: string, exceptSql = 'NULL') => `(
  EXISTS (SELECT 1 FROM "meetings" hm WHERE hm."setId" = ${setIdSql} AND hm."status" = 'scheduled' AND hm."id" IS DISTINCT FROM ${exceptSql}::uuid AND hm."startsAt" > ${sinceSql} AND hm."startsAt" <= ${untilSql})
  OR EXISTS (SELECT 1 FROM "live_sessions" hs JOIN "meetings" hsm ON hsm."id" = hs."meetingId" WHERE hsm."setId" = ${setIdSql} AND hsm."id" IS DISTINCT FROM ${exceptSql}::uuid AND hs."phase" <> 'lobby' AND hs."createdAt" > ${sinceSql} AND hs."createdAt" <= ${untilSql}))`;
