import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sessionStatistics } from '@als/shared';
import { Clock } from '@api/common/clock';
import { JobsService } from '@api/jobs/jobs.service';
import { LiveSessionsService } from '@api/live/live-sessions.service';
import { purgeAfter } from '@api/sets/sets.service';
import { AuditService } from './audit.service';

export const RETENTION_JOB = 'set-retention';

export interface PurgeReport {
  setId: string;
  sessions: number;
  events: number;
  actions: number;
  apologyReasons: number;
  rounds: number;
}

/**
 * Confidentiality over time: once a closed set's retention period is over, its case content is
 * deleted for good — the live sessions' event logs and states (questions, reflections, cases),
 * the rounds' cases and contributions, the texts of actions and report-backs, and the reasons
 * given with apologies. What stays is what
 * is not case content: the schedule, attendance, each session's figures (kept first, for the
 * evaluation and members' CPD records), and every member's own learning log. One transaction per
 * set, which is marked purged in it: a second run, or a second process, finds nothing to do.
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly db: DataSource,
    private readonly live: LiveSessionsService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(RETENTION_JOB, '17 * * * *', () => this.sweep());
  }

  /** Purges every set whose retention period (calendar days in its zone: `purgeAfter`) is over now. */
  async sweep(): Promise<PurgeReport[]> {
    const now = this.clock.now();
    // Candidates only (a day's slack for the clock changes within the period): the rule is purgeAfter's, checked again under the lock.
    const candidates = (await this.db.query(
      `SELECT "id" FROM "sets" WHERE "status" = 'closed' AND "purgedAt" IS NULL AND "closedAt" + make_interval(days => "retentionDays") <= $1::timestamptz + interval '1 day' ORDER BY "closedAt"`,
      [now],
    )) as { id: string }[];
    const reports: PurgeReport[] = [];
    for (const { id } of candidates) {
      const report = await this.purge(id, now);
      if (report) reports.push(report);
    }
    return reports;
  }

  private async purge(setId: string, now: Date): Promise<PurgeReport | null> {
    const report = await this.db.transaction(async (manager) => {
      // Locks the set; a set another process is purging, or purged since, reopened, or not yet due, is skipped.
      const [set] = (await manager.query(`SELECT "closedAt", "retentionDays", "timeZone" FROM "sets" WHERE "id" = $1 AND "status" = 'closed' AND "purgedAt" IS NULL FOR UPDATE SKIP LOCKED`, [setId])) as { closedAt: Date; retentionDays: number; timeZone: string }[];
      if (!set || purgeAfter(set)! > now) return null;
      const sessions = (await manager.query(
        `SELECT ls."meetingId" FROM "live_sessions" ls JOIN "meetings" m ON m."id" = ls."meetingId" WHERE m."setId" = $1 AND ls."seq" > 0`,
        [setId],
      )) as { meetingId: string }[];
      for (const { meetingId } of sessions) {
        const { state } = await this.live.current(meetingId);
        await manager.query(`INSERT INTO "session_statistics" ("meetingId", "setId", "stats") VALUES ($1, $2, $3) ON CONFLICT ("meetingId") DO NOTHING`, [meetingId, setId, JSON.stringify(sessionStatistics(state))]);
      }
      const meetings = `SELECT "id" FROM "meetings" WHERE "setId" = $1`;
      const [, events] = (await manager.query(`DELETE FROM "session_events" WHERE "meetingId" IN (${meetings})`, [setId])) as [unknown, number];
      await manager.query(`DELETE FROM "live_sessions" WHERE "meetingId" IN (${meetings})`, [setId]);
      const [, actions] = (await manager.query(`UPDATE "actions" SET "text" = '', "reportNote" = '' WHERE "setId" = $1`, [setId])) as [unknown, number];
      // Rounds keep their dates and who took part (for CPD records); their case, title and every contribution go.
      const [, rounds] = (await manager.query(`UPDATE "rounds" SET "title" = 'Round', "caseText" = '' WHERE "setId" = $1`, [setId])) as [unknown, number];
      await manager.query(`DELETE FROM "round_contributions" WHERE "roundId" IN (SELECT "id" FROM "rounds" WHERE "setId" = $1)`, [setId]);
      const [, apologyReasons] = (await manager.query(`UPDATE "meeting_attendance" SET "reason" = '' WHERE "reason" <> '' AND "meetingId" IN (${meetings})`, [setId])) as [unknown, number];
      await manager.query(`UPDATE "sets" SET "purgedAt" = $2 WHERE "id" = $1`, [setId, now]);
      const result = { setId, sessions: sessions.length, events, actions, apologyReasons, rounds };
      await this.audit.record(setId, null, 'set.purged', { sessions: result.sessions, events, actions, apologyReasons, rounds }, manager);
      return result;
    });
    if (report) this.logger.log({ msg: 'closed set purged after its retention period', ...report });
    return report;
  }
}
