import { MigrationInterface, QueryRunner } from 'typeorm';

export class Meetings1764100000000 implements MigrationInterface {
  name = 'Meetings1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "meeting_series" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "setId" uuid NOT NULL,
        "rule" text NOT NULL,
        "timeZone" character varying(64) NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_meeting_series" PRIMARY KEY ("id"),
        CONSTRAINT "FK_meeting_series_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "meetings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "setId" uuid NOT NULL,
        "seriesId" uuid,
        "startsAt" timestamptz NOT NULL,
        "endsAt" timestamptz NOT NULL,
        "recurrenceId" timestamptz,
        "timeZone" character varying(64) NOT NULL,
        "format" character varying(20) NOT NULL,
        "location" text NOT NULL DEFAULT '',
        "videoUrl" text NOT NULL DEFAULT '',
        "status" character varying(20) NOT NULL DEFAULT 'scheduled',
        "sequence" integer NOT NULL DEFAULT 0,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_meetings" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_meetings_format" CHECK ("format" IN ('in-person', 'online')),
        CONSTRAINT "CHK_meetings_status" CHECK ("status" IN ('scheduled', 'cancelled')),
        CONSTRAINT "CHK_meetings_ends_after_start" CHECK ("endsAt" > "startsAt"),
        CONSTRAINT "FK_meetings_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_meetings_series" FOREIGN KEY ("seriesId") REFERENCES "meeting_series"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_meetings_set_starts" ON "meetings" ("setId", "startsAt")`);
    await q.query(`CREATE INDEX "IDX_meetings_series" ON "meetings" ("seriesId")`);
    await q.query(`
      CREATE TABLE "meeting_attendance" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "meetingId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "status" character varying(20) NOT NULL,
        "reason" text NOT NULL DEFAULT '',
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_meeting_attendance" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_meeting_attendance_meeting_user" UNIQUE ("meetingId", "userId"),
        CONSTRAINT "CHK_meeting_attendance_status" CHECK ("status" IN ('attending', 'apology')),
        CONSTRAINT "FK_meeting_attendance_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_meeting_attendance_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "meeting_attendance"`);
    await q.query(`DROP TABLE "meetings"`);
    await q.query(`DROP TABLE "meeting_series"`);
  }
}
