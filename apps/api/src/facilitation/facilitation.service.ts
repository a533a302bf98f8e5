import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FacilitationErrorCode, MeetingErrorCode } from '@als/shared';
import { Clock } from '@api/common/clock';
import { badRequest, conflict } from '@api/common/domain-error';
import { mapMeeting, type MeetingResponseDto } from '@api/meetings/dto/meeting.dto';
import { MeetingAccessPolicy } from '@api/meetings/meeting-access.policy';
import { MeetingEntity } from '@api/meetings/meeting.entity';
import { SetEntity } from '@api/sets/set.entity';
import { assertSetOpen } from '@api/sets/sets.service';
import type { UserEntity } from '@api/users/user.entity';

type Seat = 'facilitator' | 'co-facilitator';

/**
 * Who facilitates a meeting (CONTRACT.md "Who facilitates a meeting"): the set's facilitators name
 * a current facilitator or member of the set to facilitate it, and a second person to
 * co-facilitate beside them. The meeting's row is locked while it changes, so two facilitators
 * assigning at once are applied one after the other (the last wins, and each sees the other's).
 */
@Injectable()
export class FacilitationService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: MeetingAccessPolicy,
    private readonly clock: Clock,
  ) {}

  assign(user: UserEntity, meetingId: string, userId: string | null, seat: Seat): Promise<MeetingResponseDto> {
    return this.db.transaction(async (manager) => {
      const access = await this.policy.requireMeeting(user.id, meetingId, ['facilitator'], manager);
      const meeting = await manager.findOneOrFail(MeetingEntity, { where: { id: access.meetingId }, lock: { mode: 'pessimistic_write' } });
      assertSetOpen(await manager.findOneByOrFail(SetEntity, { id: meeting.setId }), 'change who facilitates');
      if (meeting.status === 'cancelled') throw conflict(MeetingErrorCode.Cancelled, 'This meeting was cancelled.');
      if (await this.held(manager, meeting)) throw conflict(FacilitationErrorCode.MeetingHeld, 'This meeting has been held: who facilitated it is part of its history.');
      if (userId !== null) await this.requireParticipant(manager, meeting.setId, userId);
      const next = seat === 'facilitator' ? this.facilitator(meeting, userId) : this.coFacilitator(meeting, userId);
      if (next.facilitatorId !== meeting.facilitatorId || next.coFacilitatorId !== meeting.coFacilitatorId) {
        await manager.update(MeetingEntity, { id: meeting.id }, { ...next, facilitationVersion: () => `"facilitationVersion" + 1` });
      }
      const saved = await manager.findOneByOrFail(MeetingEntity, { id: meeting.id });
      const [series] = saved.seriesId ? ((await manager.query(`SELECT "rule" FROM "meeting_series" WHERE "id" = $1`, [saved.seriesId])) as { rule: string }[]) : [];
      return mapMeeting(saved, series?.rule ?? null);
    });
  }

  /** Naming the co-facilitator as facilitator makes them the one facilitator; null resets both (the set's facilitators). */
  private facilitator(meeting: MeetingEntity, userId: string | null): Pick<MeetingEntity, 'facilitatorId' | 'coFacilitatorId'> {
    if (userId === null) return { facilitatorId: null, coFacilitatorId: null };
    return { facilitatorId: userId, coFacilitatorId: meeting.coFacilitatorId === userId ? null : meeting.coFacilitatorId };
  }

  private coFacilitator(meeting: MeetingEntity, userId: string | null): Pick<MeetingEntity, 'facilitatorId' | 'coFacilitatorId'> {
    if (userId === null) return { facilitatorId: meeting.facilitatorId, coFacilitatorId: null };
    if (meeting.facilitatorId === null) throw badRequest(FacilitationErrorCode.CoFacilitatorInvalid, 'Choose who facilitates this meeting before a co-facilitator.', 'userId');
    if (meeting.facilitatorId === userId) throw badRequest(FacilitationErrorCode.CoFacilitatorInvalid, 'The co-facilitator must be someone other than the facilitator.', 'userId');
    return { facilitatorId: meeting.facilitatorId, coFacilitatorId: userId };
  }

  /** Held: its live session started (whatever the time), or its time is over. */
  private async held(manager: EntityManager, meeting: MeetingEntity): Promise<boolean> {
    if (meeting.endsAt <= this.clock.now()) return true;
    const [row] = (await manager.query(`SELECT 1 FROM "live_sessions" WHERE "meetingId" = $1 AND "phase" <> 'lobby'`, [meeting.id])) as unknown[];
    return row !== undefined;
  }

  private async requireParticipant(manager: EntityManager, setId: string, userId: string): Promise<void> {
    const [row] = (await manager.query(`SELECT 1 FROM "set_memberships" WHERE "setId" = $1 AND "userId" = $2 AND "role" IN ('facilitator', 'member')`, [setId, userId])) as unknown[];
    if (!row) throw badRequest(FacilitationErrorCode.NotAParticipant, 'userId must be a current facilitator or member of the set (not a sponsor).', 'userId');
  }
}
