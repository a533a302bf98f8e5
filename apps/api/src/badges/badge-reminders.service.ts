import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { BADGE_LIMITS } from '@als/shared';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { JobsService } from '@api/jobs/jobs.service';
import { button, escapeHtml, page } from '@api/mail/html';
import { OutboxService } from '@api/mail/outbox.service';

export const BADGE_REMINDERS_JOB = 'badge-reminders';

/**
 * Facilitators hear once about an application that has waited more than 14 days (calendar days in
 * the set's zone). The sweep locks waiting rows (`SKIP LOCKED`), writes the e-mails to the outbox
 * and marks the rows in one transaction, so concurrent sweeps and retries remind once.
 */
@Injectable()
export class BadgeRemindersService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(BADGE_REMINDERS_JOB, '41 * * * *', () => this.sweep());
  }

  /** Answers how many applications were reminded about. */
  async sweep(): Promise<number> {
    const now = this.clock.dateTime();
    const reminded = await this.db.transaction(async (manager) => {
      const waiting = (await manager.query(
        `SELECT a."id", a."setId", a."submittedAt", s."timeZone", s."name" AS "setName", u."displayName"
           FROM "badge_applications" a JOIN "sets" s ON s."id" = a."setId" JOIN "users" u ON u."id" = a."userId"
          WHERE a."status" = 'submitted' AND a."reminderSentAt" IS NULL AND a."submittedAt" <= $1
          ORDER BY a."submittedAt" LIMIT 200 FOR UPDATE OF a SKIP LOCKED`,
        [now.minus({ days: BADGE_LIMITS.reminderDays - 1 }).toJSDate()],
      )) as { id: string; setId: string; submittedAt: Date; timeZone: string; setName: string; displayName: string }[];
      // Calendar days in the set's zone (the SQL bound above only narrows the rows down).
      const due = waiting.filter((a) => DateTime.fromJSDate(a.submittedAt, { zone: a.timeZone }).plus({ days: BADGE_LIMITS.reminderDays }) <= now);
      for (const application of due) {
        const facilitators = (await manager.query(
          `SELECT u."email", u."displayName" FROM "set_memberships" m JOIN "users" u ON u."id" = m."userId" WHERE m."setId" = $1 AND m."role" = 'facilitator'`,
          [application.setId],
        )) as { email: string; displayName: string }[];
        const days = Math.floor(now.diff(DateTime.fromJSDate(application.submittedAt, { zone: application.timeZone }), 'days').days);
        const link = `${this.config.PUBLIC_URL}/sets/${application.setId}/badge/review`;
        await this.outbox.enqueue(
          facilitators.map((f) => ({
            to: f.email,
            subject: `A badge application has waited ${days} days: ${application.setName}`,
            text: `Hello ${f.displayName},\n\n${application.displayName}'s application for the badge of "${application.setName}" has waited ${days} days for a decision.\n\nApprove it, or return it with feedback: ${link}\n`,
            html: page([`<p>Hello ${escapeHtml(f.displayName)},</p>`, `<p>${escapeHtml(application.displayName)}'s application for the badge of “${escapeHtml(application.setName)}” has waited ${days} days for a decision.</p>`, `<p>${button(link, 'Review the application')}</p>`]),
          })),
          manager,
        );
        await manager.query(`UPDATE "badge_applications" SET "reminderSentAt" = $2 WHERE "id" = $1`, [application.id, now.toJSDate()]);
      }
      return due.length;
    });
    if (reminded > 0) this.outbox.kick();
    return reminded;
  }
}
