import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { Clock } from '@api/common/clock';
import { MembershipEvents } from '@api/common/membership-events';
import { notYetHeld } from '@api/meetings/meeting-held';

/**
 * Someone who leaves a set (removed, left, or made a sponsor) no longer facilitates its meetings to
 * come: a co-facilitator left behind becomes the facilitator; otherwise the meeting goes back to the
 * set's facilitators. Meetings held keep who facilitated them. (Reads never rely on this alone: the
 * live session and the week-ahead notice check the person is still in the set.)
 */
@Injectable()
export class RotaLeavers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RotaLeavers.name);
  private subscription: Subscription | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly events: MembershipEvents,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.events.subscribe((event) => {
      if (event.kind !== 'left-set') return;
      this.release(event.setId, event.userId).catch((error: unknown) => this.logger.error({ msg: 'releasing a leaver from the rota failed', setId: event.setId, error: String(error) }));
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Answers how many meetings to come changed. */
  async release(setId: string, userId: string): Promise<number> {
    const rows = (await this.db.query(
      `UPDATE "meetings" m SET
         "facilitatorId" = CASE WHEN m."facilitatorId" = $2 THEN NULLIF(m."coFacilitatorId", $2) ELSE m."facilitatorId" END,
         "coFacilitatorId" = NULL,
         "facilitationVersion" = m."facilitationVersion" + 1
       WHERE m."setId" = $1 AND $2 IN (m."facilitatorId", m."coFacilitatorId") AND m."status" = 'scheduled' AND m."endsAt" > $3 AND ${notYetHeld('m')}
       RETURNING m."id"`,
      [setId, userId, this.clock.now()],
    )) as [unknown[], number];
    return rows[1];
  }
}
