import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_AGENDA } from '@als/shared';

/** The set's meeting rules, agendas, late apologies, reminders and the e-mail outbox. */
export class MeetingRules1764200000000 implements MigrationInterface {
  name = 'MeetingRules1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sets" ADD "apologyNoticeHours" integer NOT NULL DEFAULT 48, ADD "quorum" integer DEFAULT 3`);
    await q.query(`ALTER TABLE "users" ADD "meetingReminders" boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE "meetings" ADD "agenda" jsonb NOT NULL DEFAULT '${JSON.stringify(DEFAULT_AGENDA)}'::jsonb, ADD "overridden" boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE "meeting_attendance"
        ADD "late" boolean NOT NULL DEFAULT false,
        ADD "recordedById" uuid,
        ADD CONSTRAINT "FK_meeting_attendance_recorded_by" FOREIGN KEY ("recordedById") REFERENCES "users"("id") ON DELETE SET NULL`);
    await q.query(`
      CREATE TABLE "meeting_notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "meetingId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "kind" character varying(40) NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_meeting_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_meeting_notifications_once" UNIQUE ("meetingId", "userId", "kind"),
        CONSTRAINT "FK_meeting_notifications_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_meeting_notifications_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "mail_outbox" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "to" character varying(254) NOT NULL,
        "subject" text NOT NULL,
        "text" text NOT NULL,
        "html" text NOT NULL,
        "attachments" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "status" character varying(20) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "nextAttemptAt" timestamptz NOT NULL DEFAULT now(),
        "lockedUntil" timestamptz,
        "lastError" text NOT NULL DEFAULT '',
        "messageId" text,
        "sentAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_mail_outbox" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("nextAttemptAt") WHERE "status" IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX "IDX_meetings_starts" ON "meetings" ("startsAt") WHERE "status" = 'scheduled'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_meetings_starts"`);
    await q.query(`DROP TABLE "mail_outbox"`);
    await q.query(`DROP TABLE "meeting_notifications"`);
    await q.query(`ALTER TABLE "meeting_attendance" DROP CONSTRAINT "FK_meeting_attendance_recorded_by", DROP "recordedById", DROP "late"`);
    await q.query(`ALTER TABLE "meetings" DROP "overridden", DROP "agenda"`);
    await q.query(`ALTER TABLE "users" DROP "meetingReminders"`);
    await q.query(`ALTER TABLE "sets" DROP "apologyNoticeHours", DROP "quorum"`);
  }
}
