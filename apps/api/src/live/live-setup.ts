import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { LiveSetup, ReportBackStatus } from '@als/shared';
import { ActionEntity } from '@api/actions/action.entity';
import { MeetingEntity } from '@api/meetings/meeting.entity';
import { heldBetween } from '@api/meetings/meeting-held';
import { MembershipEntity } from '@api/sets/membership.entity';
import { contractSetup } from '@api/contract/contract-versions';

/** Who takes part (the set's facilitators and members), the meeting's agenda, and the next meeting as due date. */
export async function readSetup(manager: EntityManager, meetingId: string, now: Date): Promise<LiveSetup> {
  const meeting = await manager.findOneByOrFail(MeetingEntity, { id: meetingId });
  const people = await manager.find(MembershipEntity, { where: { setId: meeting.setId, role: In(['facilitator', 'member']) }, relations: { user: true }, order: { createdAt: 'ASC' } });
  const [next] = (await manager.query(`SELECT "startsAt", "timeZone" FROM "meetings" WHERE "setId" = $1 AND "status" = 'scheduled' AND "startsAt" > $2 ORDER BY "startsAt" LIMIT 1`, [meeting.setId, meeting.startsAt])) as { startsAt: Date; timeZone: string }[];
  // Open actions, and those reported on ahead of this meeting (web, e-mail): the check-in shows both.
  const open = await manager.find(ActionEntity, {
    where: [
      { setId: meeting.setId, status: 'open', ownerId: In(people.map((p) => p.userId)) },
      { setId: meeting.setId, reportedInMeetingId: meetingId, reportedVia: In(['web', 'email']), ownerId: In(people.map((p) => p.userId)) },
    ],
    order: { createdAt: 'ASC' },
  });
  // Reported ahead when the set had no meeting to come: they belong to the first meeting after the report.
  const unplaced = (await manager.query(
    `SELECT a."id" FROM "actions" a
      WHERE a."setId" = $1 AND a."reportedVia" IN ('web', 'email') AND a."reportedInMeetingId" IS NULL AND a."ownerId" = ANY($2) AND a."reportedAt" < $3
        AND NOT ${heldBetween('a."setId"', 'a."reportedAt"', '$3::timestamptz', '$4')}`,
    [meeting.setId, people.map((p) => p.userId), now, meeting.id],
  )) as { id: string }[];
  if (unplaced.length) open.push(...(await manager.find(ActionEntity, { where: { id: In(unplaced.map((u) => u.id)) }, order: { createdAt: 'ASC' } })).filter((a) => !open.some((o) => o.id === a.id)));
  const carried = open.filter((a) => a.meetingId !== meetingId);
  return {
    roster: people.map((p) => ({ userId: p.userId, displayName: p.user.displayName })),
    agenda: meeting.agenda,
    openActions: carried.map((a) => ({ id: a.id, ownerId: a.ownerId, text: a.text, dueAt: a.dueAt })),
    reportBacks: carried
      .filter((a) => a.status !== 'open' && a.reportedAt)
      .map((a) => ({ actionId: a.id, userId: a.ownerId, status: a.status as ReportBackStatus, note: a.reportNote, at: a.reportedAt!.toISOString() })),
    // Due on the day of the next meeting, in its zone.
    defaultDueAt: next ? DateTime.fromJSDate(next.startsAt, { zone: next.timeZone }).toISODate() : null,
    // The set's ground rules, on the table in the contracting step (open by itself until the set agreed them in a meeting).
    contract: await contractSetup(manager, meeting.setId),
    assigned: { facilitatorId: meeting.facilitatorId, coFacilitatorId: meeting.coFacilitatorId },
  };
}
