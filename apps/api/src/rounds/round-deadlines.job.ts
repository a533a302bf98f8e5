import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@api/common/clock';
import { JobsService } from '@api/jobs/jobs.service';
import { OutboxService } from '@api/mail/outbox.service';
import { RoundEntity } from './round.entities';
import { NUDGE_BEFORE_DAYS, RoundFlow } from './round-flow';
import { RoundStore } from './round-store';

export const ROUND_JOB = 'round-deadlines';

/** The `round-deadlines` job (every minute): rounds move on at their deadlines, and those who owe hear about it the day before. */
@Injectable()
export class RoundDeadlinesJob implements OnModuleInit {
  private readonly logger = new Logger(RoundDeadlinesJob.name);

  constructor(
    private readonly db: DataSource,
    private readonly store: RoundStore,
    private readonly flow: RoundFlow,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(ROUND_JOB, '* * * * *', () => this.sweep());
  }

  /**
   * One pass: phases past their deadline move on; those who still owe hear about it the day
   * before. Each round is its own transaction holding the round's row (`SKIP LOCKED`: a round
   * another runner or a change holds waits for the next pass, and holds up no other round), and
   * what is due is decided again under the lock.
   */
  async sweep(): Promise<{ advanced: number; nudged: number }> {
    const now = this.clock.now();
    // Candidates only: a deadline passed, or near enough that the day before it (in the set's zone) may have begun.
    const candidates = (await this.db.query(
      `SELECT r."id" FROM "rounds" r JOIN "round_phases" p ON p."roundId" = r."id" AND p."name" = r."phase"
        WHERE r."phase" <> 'closed' AND r."pausedAt" IS NULL AND p."endsAt" <= $1::timestamptz + make_interval(days => $2) ORDER BY p."endsAt"`,
      [now, NUDGE_BEFORE_DAYS + 1],
    )) as { id: string }[];
    let advanced = 0;
    let nudged = 0;
    for (const { id } of candidates) {
      const outcome = await this.db.transaction(async (manager) => {
        const row = await manager.findOne(RoundEntity, { where: { id }, select: { id: true }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
        if (!row) return { advanced: 0, nudged: 0 };
        const round = await this.store.round(manager, id);
        const current = (await this.store.phases(manager, id)).find((p) => p.name === round.phase);
        // Another runner (or an early close, a pause, the moderator) may have changed it since it was listed.
        if (round.phase === 'closed' || round.pausedAt || !current) return { advanced: 0, nudged: 0 };
        if (current.endsAt <= now) {
          await this.flow.advance(manager, round, now);
          return { advanced: 1, nudged: 0 };
        }
        return { advanced: 0, nudged: await this.flow.nudge(manager, round, current.endsAt, now) };
      });
      advanced += outcome.advanced;
      nudged += outcome.nudged;
    }
    if (advanced + nudged > 0) {
      this.logger.log({ msg: 'round deadlines', advanced, nudged });
      this.outbox.kick();
    }
    return { advanced, nudged };
  }
}
