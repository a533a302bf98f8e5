import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ROUND_PHASE_ASK, type RoundPhase } from '@als/shared';
import { Clock } from '@api/common/clock';
import { JobsService } from '@api/jobs/jobs.service';
import { OutboxService } from '@api/mail/outbox.service';
import { digestMail, type RoundMailPerson } from './round.mail';
import { RoundStore } from './round-store';

export const DIGEST_JOB = 'round-digest';
/** The daily digest goes out from this hour, in each person's time zone. */
export const DIGEST_HOUR = 7;

/**
 * The `round-digest` job (hourly): for people who chose one e-mail a day, what opened and closed in
 * their rounds since the last digest. Each person's day is claimed with a compare-and-set on
 * `lastDigestAt`, so concurrent runs and retries send it once; the rounds of a digest are read in one query.
 */
@Injectable()
export class RoundDigestJob implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly store: RoundStore,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DIGEST_JOB, '3 * * * *', () => this.digests());
  }

  /** Daily digests for people who chose them: sent from DIGEST_HOUR in their time zone, once a day. */
  async digests(): Promise<number> {
    const now = this.clock.now();
    const people = (await this.db.query(`SELECT "id", "email", "displayName", "timeZone", "lastDigestAt" FROM "users" WHERE "roundEmails" = 'daily'`)) as (RoundMailPerson & { lastDigestAt: Date | null })[];
    let sent = 0;
    for (const person of people) {
      const local = DateTime.fromJSDate(now, { zone: person.timeZone });
      if (local.hour < DIGEST_HOUR) continue;
      const since = person.lastDigestAt ?? local.minus({ days: 1 }).toJSDate();
      if (person.lastDigestAt && DateTime.fromJSDate(person.lastDigestAt, { zone: person.timeZone }).toISODate() === local.toISODate()) continue;
      const queued = await this.db.transaction(async (manager) => {
        // Claims today's digest for this person: a second process, or a second run, finds it taken.
        const [claimed] = (await manager.query(`UPDATE "users" SET "lastDigestAt" = $2 WHERE "id" = $1 AND "lastDigestAt" IS NOT DISTINCT FROM $3 RETURNING "id"`, [person.id, now, person.lastDigestAt])) as unknown[];
        if (!claimed) return false;
        const opened = (await manager.query(
          `SELECT r."id", r."phase", r."presenterId", p."endsAt" FROM "rounds" r
             JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."userId" = $1 AND ms."role" IN ('facilitator', 'member')
             LEFT JOIN "round_phases" p ON p."roundId" = r."id" AND p."name" = r."phase"
            WHERE (p."openedAt" > $2 OR r."closedAt" > $2)`,
          [person.id, since],
        )) as { id: string; phase: RoundPhase; presenterId: string; endsAt: Date | null }[];
        if (opened.length === 0) return false;
        const rounds = new Map((await this.store.rounds(manager, opened.map((o) => o.id))).map((r) => [r.id, r]));
        const items = opened.map((o) => {
          const ask = o.phase === 'closed' || o.phase === 'case' ? 'The round is closed: read how it ended.' : ROUND_PHASE_ASK[o.phase][o.presenterId === person.id ? 'presenter' : 'members'];
          return { ctx: this.store.context(rounds.get(o.id)!), phase: o.phase, ask, endsAt: o.phase === 'closed' ? null : o.endsAt };
        });
        await this.outbox.enqueue([digestMail({ to: person, items, day: local.toFormat('cccc d LLLL') })], manager);
        return true;
      });
      if (queued) sent++;
    }
    if (sent > 0) this.outbox.kick();
    return sent;
  }
}
