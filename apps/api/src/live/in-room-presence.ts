import type { LiveActor } from '@als/shared';

/** Command ids of the server's arrivals: `arrival:<userId>` (one per person and meeting; nobody becomes absent again). */
export const ARRIVAL_PREFIX = 'arrival:';
export const arrivalCommandId = (userId: string) => `${ARRIVAL_PREFIX}${userId}`;

/**
 * The person an applied command shows to be in the room, other than its sender: someone the
 * facilitator recorded something for (`onBehalfOf`: a bid, a question, a pass, a report-back, a
 * rating, a check-out) or whose arrival they recorded. In a face-to-face meeting only the
 * facilitator's device is in the live session, so this is how the others count as present.
 */
export function recordedInRoom(command: { type: string; payload: Record<string, unknown> }, actor: LiveActor): string | null {
  if (actor.role === 'system') return null;
  const subject = command.type === 'arrive' ? command.payload.userId : command.payload.onBehalfOf;
  return typeof subject === 'string' && subject !== actor.userId ? subject : null;
}

/**
 * Who was at a meeting, one row per meeting and person (`"meetingId"`, `"userId"`, `"inRoom"`):
 * those who joined its live session counting themselves present, those recorded in the room in it
 * (`recordedInRoom`, kept in the same table), and those whose attendance the facilitator recorded
 * for them (a meeting in person: the register). The evaluation and the session record count these.
 */
export const MEETING_PRESENCE = `(
  SELECT p."meetingId", p."userId", bool_or(p."inRoom") AS "inRoom", min(p."at") AS "at" FROM (
    SELECT sa."meetingId", sa."userId", sa."inRoom", sa."firstJoinedAt" AS "at" FROM "session_attendance" sa
    UNION ALL
    SELECT a."meetingId", a."userId", true, a."updatedAt" FROM "meeting_attendance" a WHERE a."status" = 'attending' AND a."recordedById" IS NOT NULL
  ) p GROUP BY p."meetingId", p."userId")`;
