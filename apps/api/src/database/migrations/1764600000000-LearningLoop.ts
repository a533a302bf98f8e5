import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The learning loop: report-backs given ahead of a meeting, sets closed and their case content
 * deleted after a retention period (keeping each session's figures), members' self-assessments,
 * and an audit log of who viewed or exported what in a set.
 */
export class LearningLoop1764600000000 implements MigrationInterface {
  name = 'LearningLoop1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "actions" ADD "reportedVia" character varying(10)`);
    await q.query(`UPDATE "actions" SET "reportedVia" = 'live' WHERE "reportedAt" IS NOT NULL`);
    await q.query(`ALTER TABLE "sets" ADD "status" character varying(10) NOT NULL DEFAULT 'active'`);
    await q.query(`ALTER TABLE "sets" ADD "closedAt" timestamptz`);
    await q.query(`ALTER TABLE "sets" ADD "retentionDays" integer NOT NULL DEFAULT 90`);
    await q.query(`ALTER TABLE "sets" ADD "purgedAt" timestamptz`);
    await q.query(`
      CREATE TABLE "session_statistics" (
        "meetingId" uuid NOT NULL,
        "setId" uuid NOT NULL,
        "stats" jsonb NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_session_statistics" PRIMARY KEY ("meetingId"),
        CONSTRAINT "FK_session_statistics_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "self_assessments" (
        "setId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "stage" character varying(10) NOT NULL,
        "answers" integer[] NOT NULL,
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_self_assessments" PRIMARY KEY ("setId", "userId", "stage"),
        CONSTRAINT "FK_self_assessments_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_self_assessments_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "set_audit_events" (
        "id" bigserial NOT NULL,
        "setId" uuid NOT NULL,
        "actorId" uuid,
        "action" character varying(40) NOT NULL,
        "detail" jsonb NOT NULL DEFAULT '{}',
        "at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_set_audit_events" PRIMARY KEY ("id"),
        CONSTRAINT "FK_set_audit_events_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_set_audit_events_actor" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_set_audit_events_set" ON "set_audit_events" ("setId", "id" DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "set_audit_events"`);
    await q.query(`DROP TABLE "self_assessments"`);
    await q.query(`DROP TABLE "session_statistics"`);
    for (const column of ['purgedAt', 'retentionDays', 'closedAt', 'status']) await q.query(`ALTER TABLE "sets" DROP COLUMN "${column}"`);
    await q.query(`ALTER TABLE "actions" DROP COLUMN "reportedVia"`);
  }
}
