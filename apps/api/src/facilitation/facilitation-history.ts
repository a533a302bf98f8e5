import type { EntityManager } from 'typeorm';
import type { FacilitatedBy } from '@als/shared';

/** What the history of one meeting is read from: its row (who the rota named) and whether it has been held. */
export interface MeetingForHistory {
  id: string;
  endsAt: Date;
  status: string;
  facilitatorId: string | null;
  coFacilitatorId: string | null;
}

/**
 * Who facilitated each meeting that was held: for one with a live session, who started it, its
 * co-facilitator and whoever it was handed to (the session's own log); for one held without (its
 * time passed), whom the rota named. Meetings not held yet, or held with no one named, get none.
 */
export async function facilitatedBy(manager: EntityManager, meetings: readonly MeetingForHistory[], now: Date): Promise<Map<string, FacilitatedBy[]>> {
  const answer = new Map<string, FacilitatedBy[]>();
  if (meetings.length === 0) return answer;
  const ids = meetings.map((m) => m.id);
  const events = (await manager.query(
    `SELECT "meetingId", "type", "payload" FROM "session_events" WHERE "meetingId" = ANY($1) AND "type" IN ('started', 'handedOver') ORDER BY "meetingId", "seq"`,
    [ids],
  )) as { meetingId: string; type: 'started' | 'handedOver'; payload: { facilitatorId?: string; coFacilitatorId?: string | null; userId?: string } }[];
  const people = new Map<string, { userId: string; as: FacilitatedBy['as'] }[]>();
  const add = (meetingId: string, userId: string | null | undefined, as: FacilitatedBy['as']) => {
    if (!userId) return;
    const list = people.get(meetingId) ?? [];
    const seen = list.find((p) => p.userId === userId);
    if (!seen) list.push({ userId, as });
    else if (as === 'facilitator') seen.as = as;
    people.set(meetingId, list);
  };
  for (const e of events) {
    if (e.type === 'started') {
      add(e.meetingId, e.payload.facilitatorId, 'facilitator');
      add(e.meetingId, e.payload.coFacilitatorId, 'co-facilitator');
    } else add(e.meetingId, e.payload.userId, 'facilitator');
  }
  for (const m of meetings) {
    if (people.has(m.id) || m.status !== 'scheduled' || m.endsAt > now) continue;
    add(m.id, m.facilitatorId, 'facilitator');
    add(m.id, m.coFacilitatorId, 'co-facilitator');
  }
  const userIds = [...new Set([...people.values()].flat().map((p) => p.userId))];
  const names = new Map(
    userIds.length ? ((await manager.query(`SELECT "id", "displayName" FROM "users" WHERE "id" = ANY($1)`, [userIds])) as { id: string; displayName: string }[]).map((u) => [u.id, u.displayName]) : [],
  );
  for (const [meetingId, list] of people) answer.set(meetingId, list.map((p) => ({ ...p, displayName: names.get(p.userId) ?? 'a former member' })));
  return answer;
}
