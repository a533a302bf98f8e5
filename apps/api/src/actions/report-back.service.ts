import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActionErrorCode, type ReportBackRequest, type ReportBackVia } from '@als/shared';
import { Clock } from '@api/common/clock';
import { SignedLinks } from '@api/common/signed-links';
import { heldBetween, notYetHeld } from '@api/meetings/meeting-held';
import { MeetingEntity } from '@api/meetings/meeting.entity';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { ActionEntity } from './action.entity';
import { conflict, notFound, type DomainError } from '@api/common/domain-error';
import { prepared } from '@api/database/prepared';

export type ActionRow = ActionEntity & { setName: string; ownerName: string };

const SELECT_ACTIONS = `SELECT a.*, s."name" AS "setName", u."displayName" AS "ownerName" FROM "actions" a
  JOIN "sets" s ON s."id" = a."setId"
  JOIN "users" u ON u."id" = a."ownerId"`;

/**
 * Reported ahead (web or e-mail) and still open to change at $3 (now): for a meeting that has
 * neither started nor been held early, or, when the set had no meeting to come at the time, as
 * long as no meeting has been held since (the next one to be held opens its check-in with it).
 */
const REPORTED_AHEAD = `(a."reportedVia" IN ('web', 'email') AND (
    EXISTS (SELECT 1 FROM "meetings" rm WHERE rm."id" = a."reportedInMeetingId" AND rm."startsAt" > $3 AND ${notYetHeld('rm')})
    OR (a."reportedInMeetingId" IS NULL AND NOT ${heldBetween('a."setId"', 'a."reportedAt"', '$3::timestamptz')})))`;

/**
 * Report-back on actions: at a check-in (the live session), or ahead of the meeting on the web
 * or from the e-mail sent before it. A report given ahead belongs to the set's next meeting,
 * opens its check-in, and can be changed until that meeting starts.
 */
@Injectable()
export class ReportBackService {
  constructor(
    private readonly db: DataSource,
    private readonly links: SignedLinks,
    private readonly clock: Clock,
  ) {}

  /** A person's actions still to report on, in the open sets they take part in (a closed set has no next check-in), soonest due first. */
  async toReportOn(userId: string, setId?: string): Promise<ActionRow[]> {
    return prepared<ActionRow>(
      this.db,
      'actions-to-report-on',
      `${SELECT_ACTIONS}
         JOIN "set_memberships" ms ON ms."setId" = a."setId" AND ms."userId" = $1 AND ms."role" IN ('facilitator', 'member')
        WHERE a."ownerId" = $1 AND ($2::uuid IS NULL OR a."setId" = $2::uuid) AND s."status" = 'active'
          AND (a."status" = 'open' OR ${REPORTED_AHEAD})
        ORDER BY a."dueAt" ASC NULLS LAST, a."createdAt" ASC, a."id" ASC`,
      [userId, setId ?? null, this.clock.now()],
    );
  }

  /** A set's action history, oldest first. */
  async ofSet(setId: string, status?: ActionEntity['status']): Promise<ActionRow[]> {
    return (await this.db.query(`${SELECT_ACTIONS} WHERE a."setId" = $1 AND ($2::varchar IS NULL OR a."status" = $2::varchar) ORDER BY a."createdAt" ASC`, [setId, status ?? null])) as ActionRow[];
  }

  noSuchAction(): DomainError {
    return notFound(ActionErrorCode.NotFound, 'There is no such action of yours to report on.');
  }

  /** The owner reports back on their action ahead of the set's next meeting. */
  async report(userId: string, actionId: string, dto: ReportBackRequest, via: Exclude<ReportBackVia, 'live'>): Promise<ActionRow> {
    const at = this.clock.now();
    await this.db.transaction(async (manager) => {
      const action = await this.ownAction(manager, userId, actionId);
      if (action.status !== 'open') {
        if (action.reportedVia === 'live') throw conflict(ActionErrorCode.ReportedAtCheckIn, 'You reported back on this action at a check-in: it is closed.');
        const meeting = action.reportedInMeetingId ? await manager.findOneBy(MeetingEntity, { id: action.reportedInMeetingId }) : null;
        const [held] = meeting ? ((await manager.query(`SELECT 1 FROM "meetings" m WHERE m."id" = $1 AND NOT (${notYetHeld('m')})`, [meeting.id])) as unknown[]) : [];
        if (meeting && (meeting.startsAt <= at || held)) throw conflict(ActionErrorCode.MeetingStarted, 'The meeting you reported back for has started: change your report at its check-in.');
      }
      const [running] = (await manager.query(
        `SELECT 1 FROM "live_sessions" ls JOIN "meetings" m ON m."id" = ls."meetingId" WHERE m."setId" = $1 AND ls."phase" NOT IN ('lobby', 'ended') LIMIT 1`,
        [action.setId],
      )) as unknown[];
      if (running) throw conflict(ActionErrorCode.SetMeetingNow, 'The set is meeting now: report back at the check-in of the live session.');
      // The set's next meeting: not the one the action came from, nor one already held (a session run before its start).
      const [next] = (await manager.query(
        `SELECT m."id" FROM "meetings" m WHERE m."setId" = $1 AND m."status" = 'scheduled' AND m."startsAt" > $2 AND m."id" IS DISTINCT FROM $3::uuid AND ${notYetHeld('m')} ORDER BY m."startsAt" LIMIT 1`,
        [action.setId, at, action.meetingId],
      )) as { id: string }[];
      await manager.update(ActionEntity, { id: action.id }, { status: dto.status, reportNote: dto.note ?? '', reportedAt: at, reportedVia: via, reportedInMeetingId: next?.id ?? null });
    });
    const [row] = (await this.db.query(`${SELECT_ACTIONS} WHERE a."id" = $1`, [actionId])) as ActionRow[];
    return row;
  }

  /** A report-back through the e-mail's link, on one of the actions it lists. */
  async reportByLink(token: string, dto: ReportBackRequest & { actionId: string }): Promise<ActionRow> {
    const { user, actions } = await this.linkTarget(token);
    if (!actions.some((a) => a.id === dto.actionId)) throw this.noSuchAction();
    return this.report(user.id, dto.actionId, dto, 'web');
  }

  /** The person, set, meeting and actions a report-back link from an e-mail stands for, checked again now. */
  async linkTarget(token: string): Promise<{ user: UserEntity; set: SetEntity; meeting: MeetingEntity; actions: ActionRow[] }> {
    const claims = this.links.verify(token, 'report-back');
    const gone = notFound(ActionErrorCode.LinkExpired, 'This link no longer works: it may have expired. Sign in to report back on your actions.');
    if (!claims) throw gone;
    const meeting = await this.db.getRepository(MeetingEntity).findOneBy({ id: claims.meetingId });
    const membership = meeting ? await this.db.getRepository(MembershipEntity).findOne({ where: { setId: meeting.setId, userId: claims.userId }, relations: { user: true, set: true } }) : null;
    if (!meeting || !membership || membership.role === 'sponsor' || membership.set.purgedAt) throw gone;
    if (meeting.status === 'cancelled') throw conflict(ActionErrorCode.MeetingCancelled, 'This meeting was cancelled: sign in to report back on your actions.');
    return { user: membership.user, set: membership.set, meeting, actions: await this.toReportOn(claims.userId, meeting.setId) };
  }

  private async ownAction(manager: EntityManager, userId: string, actionId: string): Promise<ActionEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(actionId)) throw this.noSuchAction();
    const [action] = (await manager.query(
      `SELECT a.* FROM "actions" a
         JOIN "set_memberships" ms ON ms."setId" = a."setId" AND ms."userId" = a."ownerId" AND ms."role" IN ('facilitator', 'member')
         JOIN "sets" s ON s."id" = a."setId" AND s."purgedAt" IS NULL
        WHERE a."id" = $1 AND a."ownerId" = $2 FOR UPDATE OF a`,
      [actionId, userId],
    )) as ActionEntity[];
    if (!action) throw this.noSuchAction();
    return action;
  }
}
