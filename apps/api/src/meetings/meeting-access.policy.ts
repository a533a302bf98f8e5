import { Global, Injectable, Module } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { MeetingErrorCode, RoundErrorCode, type SetRole } from '@als/shared';
import { forbidden, notFound } from '@api/common/domain-error';
import type { MeetingEntity } from './meeting.entity';
import { prepared } from '@api/database/prepared';

/** A person's standing in the set a meeting (or a round) belongs to. */
export interface SetAccess {
  setId: string;
  role: SetRole;
  /** A closed set holds no more sessions and takes no more changes. */
  setClosed: boolean;
}

/** The meeting and the person's role in its set. */
export interface MeetingAccess extends SetAccess {
  meetingId: string;
  status: MeetingEntity['status'];
  /** The rota names the person to facilitate or co-facilitate this meeting. */
  facilitates: boolean;
}

const MEETING_ACCESS = `
  SELECT m."setId", m."status", ms."role", s."status" = 'closed' AS "setClosed",
         ($2 IN (m."facilitatorId", m."coFacilitatorId")) IS TRUE AS "facilitates" FROM "meetings" m
    JOIN "set_memberships" ms ON ms."setId" = m."setId" AND ms."userId" = $2
    JOIN "sets" s ON s."id" = m."setId"
   WHERE m."id" = $1`;

const ROUND_ACCESS = `
  SELECT r."setId", ms."role", s."status" = 'closed' AS "setClosed" FROM "rounds" r
    JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."userId" = $2
    JOIN "sets" s ON s."id" = r."setId"
   WHERE r."id" = $1`;

/**
 * "Meeting + membership + role", decided in one place: who may see or do what with a meeting
 * (face to face, online or live) and with an asynchronous round, the set's meeting in writing.
 * Someone outside the set gets 404, as for an id that does not exist (they may not learn that
 * it does); a member without the role gets 403. Each answer is one query, read through the
 * caller's transaction when one is given.
 */
@Injectable()
export class MeetingAccessPolicy {
  constructor(private readonly db: DataSource) {}

  /** The meeting and the person's role in its set, or null (not a meeting's id, or not in its set). */
  async meeting(userId: string, meetingId: unknown, manager: EntityManager = this.db.manager): Promise<MeetingAccess | null> {
    if (typeof meetingId !== 'string' || !isUUID(meetingId)) return null;
    const [row] = (await manager.query(MEETING_ACCESS, [meetingId, userId])) as Omit<MeetingAccess, 'meetingId'>[];
    return row ? { meetingId, setId: row.setId, status: row.status, role: row.role, setClosed: row.setClosed, facilitates: row.facilitates } : null;
  }

  /** The meeting's access for someone holding one of `roles`: 404 outside the set, 403 without the role. */
  async requireMeeting(userId: string, meetingId: unknown, roles: readonly SetRole[], manager?: EntityManager): Promise<MeetingAccess> {
    const access = await this.meeting(userId, meetingId, manager);
    if (!access) throw notFound(MeetingErrorCode.NotFound, 'Meeting not found.');
    if (!roles.includes(access.role)) {
      throw access.role === 'sponsor'
        ? forbidden(MeetingErrorCode.SponsorsExcluded, 'Sponsors see the schedule; only facilitators and members take part.')
        : forbidden(MeetingErrorCode.RoleRequired, `Only a ${roles.join(' or ')} of this set can do this.`);
    }
    return access;
  }

  /** The round's set and the person's role in it, or null (not a round's id, or not in its set). */
  async round(userId: string, roundId: unknown, manager: EntityManager = this.db.manager): Promise<SetAccess | null> {
    if (typeof roundId !== 'string' || !isUUID(roundId)) return null;
    const [row] = await prepared<SetAccess>(manager, 'round-access', ROUND_ACCESS, [roundId, userId]);
    return row ?? null;
  }

  /** Reading or writing a round's content: 404 outside the set, 403 for sponsors (they never see cases). */
  async requireRoundParticipant(userId: string, roundId: unknown, manager?: EntityManager): Promise<SetAccess> {
    const access = await this.round(userId, roundId, manager);
    if (!access) throw notFound(RoundErrorCode.NotFound, 'Round not found.');
    if (access.role === 'sponsor') throw forbidden(RoundErrorCode.SponsorsExcluded, 'Sponsors see that a set works, never its cases.');
    return access;
  }
}

/** Global, as the audit log is: meetings, calendars, rounds, the learning log and live sessions all ask it. */
@Global()
@Module({ providers: [MeetingAccessPolicy], exports: [MeetingAccessPolicy] })
export class MeetingAccessModule {}
