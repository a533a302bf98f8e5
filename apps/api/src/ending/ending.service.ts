import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CommonErrorCode, ENDING_PROMPTS, EvaluationErrorCode, SetErrorCode, type EndingResponse, type EndingReviewRequest, type EndingReviewResponse } from '@als/shared';
import { Clock } from '@api/common/clock';
import { badRequest, conflict, notFound } from '@api/common/domain-error';
import type { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { EndingReviewEntity } from './ending-review.entity';

const mapReview = (r: EndingReviewEntity): EndingReviewResponse => ({ cameWith: r.cameWith, changed: r.changed, takeForward: r.takeForward, shared: r.shared, updatedAt: r.updatedAt.toISOString() });

/**
 * The set's ending (DOMAIN.md, issue 17): a facilitator opens the final learning review; each
 * participant writes theirs (prompts: what I came with, what changed in my practice, what I take
 * forward), kept as theirs and in their CPD export, read by the set only if they share it; then
 * the last check-out and closing. Closing ends the writing: a review and the closing are
 * serialised on the set's row (the review holds it shared, closing holds it for update).
 */
@Injectable()
export class EndingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async view(membership: Pick<MembershipEntity, 'setId' | 'userId'>): Promise<EndingResponse> {
    const set = await this.db.getRepository(SetEntity).findOneByOrFail({ id: membership.setId });
    const mine = await this.db.getRepository(EndingReviewEntity).findOneBy({ setId: set.id, userId: membership.userId });
    const shared = (await this.db.query(
      `SELECT u."displayName", r."cameWith", r."changed", r."takeForward", r."updatedAt"
         FROM "ending_reviews" r JOIN "users" u ON u."id" = r."userId"
         JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."userId" = r."userId" AND ms."role" IN ('facilitator', 'member')
        WHERE r."setId" = $1 AND r."shared" ORDER BY r."createdAt", r."id"`,
      [set.id],
    )) as { displayName: string; cameWith: string; changed: string; takeForward: string; updatedAt: Date }[];
    const [counts] = (await this.db.query(
      `SELECT count(*)::int AS "participants", count(r."id")::int AS "submitted"
         FROM "set_memberships" ms LEFT JOIN "ending_reviews" r ON r."setId" = ms."setId" AND r."userId" = ms."userId"
        WHERE ms."setId" = $1 AND ms."role" IN ('facilitator', 'member')`,
      [set.id],
    )) as { participants: number; submitted: number }[];
    return {
      openedAt: set.endingOpenedAt?.toISOString() ?? null,
      open: set.endingOpenedAt !== null && set.status === 'active',
      prompts: ENDING_PROMPTS.map((p) => ({ ...p })),
      mine: mine ? mapReview(mine) : null,
      shared: shared.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })),
      ...counts,
    };
  }

  /** A facilitator opens the ending review (again: it stays opened when it was). */
  async open(membership: Pick<MembershipEntity, 'setId' | 'userId'>): Promise<EndingResponse> {
    await this.db.transaction(async (manager) => {
      const set = await this.lockedSet(manager, membership.setId, 'UPDATE');
      if (set.status === 'closed') throw conflict(SetErrorCode.Closed, 'The set is closed: reopen it to open its ending review.');
      if (!set.endingOpenedAt) await manager.update(SetEntity, { id: set.id }, { endingOpenedAt: this.clock.now() });
    });
    return this.view(membership);
  }

  /** The caller's review, written or replaced: once the review is open, until the set is closed. */
  async submit(membership: Pick<MembershipEntity, 'setId' | 'userId'>, dto: EndingReviewRequest): Promise<EndingReviewResponse> {
    if (![dto.cameWith, dto.changed, dto.takeForward].some((answer) => answer.length > 0)) {
      throw badRequest(CommonErrorCode.ValidationFailed, 'Write an answer to at least one of the prompts.', 'changed');
    }
    return this.db.transaction(async (manager) => {
      // Shared: two people writing at once do not wait for each other; closing (for update) waits for them, or they for it.
      const set = await this.lockedSet(manager, membership.setId, 'SHARE');
      if (set.status === 'closed') throw conflict(SetErrorCode.Closed, 'The set is closed: its ending review can no longer be written.');
      if (!set.endingOpenedAt) throw conflict(EvaluationErrorCode.EndingNotOpen, 'The ending review is not open yet: the facilitator opens it towards the set’s last meeting.');
      // Read again under the lock: someone removed while their request waited writes nothing.
      const [still] = (await manager.query(`SELECT 1 FROM "set_memberships" WHERE "setId" = $1 AND "userId" = $2 AND "role" IN ('facilitator', 'member')`, [set.id, membership.userId])) as unknown[];
      if (!still) throw notFound(SetErrorCode.NotFound, 'Set not found.');
      const now = this.clock.now();
      await manager.query(
        `INSERT INTO "ending_reviews" ("setId", "userId", "cameWith", "changed", "takeForward", "shared", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT ON CONSTRAINT "UQ_ending_reviews_set_user"
         DO UPDATE SET "cameWith" = EXCLUDED."cameWith", "changed" = EXCLUDED."changed", "takeForward" = EXCLUDED."takeForward", "shared" = EXCLUDED."shared", "updatedAt" = EXCLUDED."updatedAt"`,
        [set.id, membership.userId, dto.cameWith, dto.changed, dto.takeForward, dto.shared, now],
      );
      return mapReview(await manager.findOneByOrFail(EndingReviewEntity, { setId: set.id, userId: membership.userId }));
    });
  }

  private async lockedSet(manager: EntityManager, setId: string, mode: 'UPDATE' | 'SHARE'): Promise<Pick<SetEntity, 'id' | 'status' | 'endingOpenedAt'>> {
    const [set] = (await manager.query(`SELECT "id", "status", "endingOpenedAt" FROM "sets" WHERE "id" = $1 FOR ${mode}`, [setId])) as Pick<SetEntity, 'id' | 'status' | 'endingOpenedAt'>[];
    if (!set) throw notFound(SetErrorCode.NotFound, 'Set not found.');
    return set;
  }
}
