import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { RoundErrorCode, type RoundDelivery, type RoundDetailResponse, type RoundPhaseName } from '@als/shared';
import { Clock } from '@api/common/clock';
import { badRequest, conflict, forbidden } from '@api/common/domain-error';
import { OutboxService } from '@api/mail/outbox.service';
import { MeetingAccessPolicy } from '@api/meetings/meeting-access.policy';
import { MembershipEntity } from '@api/sets/membership.entity';
import { deliveryKey } from './round-deliveries';
import { RoundEntity } from './round.entities';
import { RoundFlow } from './round-flow';
import { RoundStore } from './round-store';
import { RoundsService } from './rounds.service';

/** What the round's moderator (or a facilitator of the set) may change. */
export type RoundModeration =
  | { kind: 'advance' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'close' }
  | { kind: 'extend'; endsAt: Date }
  | { kind: 'moderator'; userId: string };

/**
 * A round's moderation: advance, close, pause (deadlines frozen), resume (deadlines moved on by
 * the pause), extend (later deadlines moved by as much), hand moderation over; and the round's
 * e-mails with where each stands. Each change holds the round's row, as every change to a round does.
 */
@Injectable()
export class RoundModerationService {
  constructor(
    private readonly db: DataSource,
    private readonly store: RoundStore,
    private readonly flow: RoundFlow,
    private readonly rounds: RoundsService,
    private readonly policy: MeetingAccessPolicy,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async moderate(roundId: string, userId: string, change: RoundModeration): Promise<RoundDetailResponse> {
    const now = this.clock.now();
    const access = await this.policy.requireRoundParticipant(userId, roundId);
    await this.db.transaction(async (manager) => {
      const round = await this.store.lock(manager, roundId);
      if (round.moderatorId !== userId && access.role !== 'facilitator') throw forbidden(RoundErrorCode.ModeratorOnly, 'Only the round’s moderator or a facilitator can do this.');
      if (round.phase === 'closed') throw conflict(RoundErrorCode.Closed, 'The round is closed.');
      switch (change.kind) {
        case 'advance':
          if (round.pausedAt) throw conflict(RoundErrorCode.Paused, 'Resume the round first.');
          await this.flow.advance(manager, round, now);
          break;
        case 'close':
          await this.flow.finish(manager, round, now);
          break;
        case 'pause':
          if (round.pausedAt) throw conflict(RoundErrorCode.Paused, 'The round is already paused.');
          await manager.update(RoundEntity, { id: roundId }, { pausedAt: now, updatedAt: now });
          break;
        case 'resume': {
          if (!round.pausedAt) throw conflict(RoundErrorCode.NotPaused, 'The round is not paused.');
          // The time it stood still is given back to this phase and the ones after it.
          const shift = now.getTime() - round.pausedAt.getTime();
          await this.flow.shiftDeadlines(manager, round, shift);
          await manager.update(RoundEntity, { id: roundId }, { pausedAt: null, updatedAt: now });
          break;
        }
        case 'extend': {
          const current = (await this.store.phases(manager, roundId)).find((p) => p.name === round.phase)!;
          if (change.endsAt.getTime() <= now.getTime()) throw badRequest(RoundErrorCode.InvalidDeadline, 'endsAt must be in the future', 'endsAt');
          if (change.endsAt.getTime() <= current.endsAt.getTime()) throw badRequest(RoundErrorCode.InvalidDeadline, 'endsAt must be later than the current deadline: to end the phase now, advance the round', 'endsAt');
          await this.flow.shiftDeadlines(manager, round, change.endsAt.getTime() - current.endsAt.getTime());
          await manager.update(RoundEntity, { id: roundId }, { updatedAt: now });
          break;
        }
        case 'moderator': {
          const target = isUUID(change.userId) ? await manager.findOneBy(MembershipEntity, { setId: round.setId, userId: change.userId }) : null;
          if (!target || target.role === 'sponsor') throw badRequest(RoundErrorCode.NotAMember, 'userId must be a member of the set', 'userId');
          await manager.update(RoundEntity, { id: roundId }, { moderatorId: change.userId, updatedAt: now });
          break;
        }
      }
    });
    this.outbox.kick();
    return this.rounds.detail(roundId, userId);
  }

  /** The round's e-mails and where each stands in the outbox (sent, waiting, retrying, given up): for its moderator. */
  async deliveries(roundId: string, userId: string): Promise<RoundDelivery[]> {
    const access = await this.policy.requireRoundParticipant(userId, roundId);
    const round = await this.store.round(this.db.manager, roundId);
    if (round.moderatorId !== userId && access.role !== 'facilitator') throw forbidden(RoundErrorCode.ModeratorOnly, 'Only the round’s moderator or a facilitator sees its e-mails.');
    const rows = (await this.db.query(
      `SELECT o."to", o."subject", o."status", o."attempts", o."lastError", o."createdAt", o."sentAt", o."headers"->>'messageId' AS "messageId" FROM "mail_outbox" o
        WHERE o."headers"->>'messageId' LIKE $1 ORDER BY o."createdAt" DESC LIMIT 500`,
      [`<round.${roundId}.%`],
    )) as (Omit<RoundDelivery, 'createdAt' | 'sentAt' | 'kind' | 'phase'> & { createdAt: Date; sentAt: Date | null; messageId: string })[];
    const keys = rows.map((r) => deliveryKey(r.messageId, roundId));
    // A confirmation belongs to the phase of the reply it confirms.
    const replyIds = keys.map((k) => k.contributionId).filter((id): id is string => id !== null && isUUID(id));
    const replies = replyIds.length ? ((await this.db.query(`SELECT "id", "phase" FROM "round_contributions" WHERE "roundId" = $1 AND "id" = ANY($2::uuid[])`, [roundId, replyIds])) as { id: string; phase: RoundPhaseName }[]) : [];
    return rows.map((row, i) => ({
      to: row.to,
      subject: row.subject,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: new Date(row.createdAt).toISOString(),
      sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
      kind: keys[i].kind,
      phase: keys[i].phase ?? replies.find((c) => c.id === keys[i].contributionId)?.phase ?? null,
    }));
  }
}
