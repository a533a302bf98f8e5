import { MigrationInterface, QueryRunner } from 'typeorm';

/** Live sessions: an append-only event log per meeting, the session row with its snapshot, and the actions people commit to. */
export class LiveSessions1764300000000 implements MigrationInterface {
  name = 'LiveSessions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "live_sessions" (
        "meetingId" uuid NOT NULL,
        "seq" integer NOT NULL DEFAULT 0,
        "phase" character varying(20) NOT NULL DEFAULT 'lobby',
        "timerId" integer,
        "timerEndsAt" timestamptz,
        "snapshot" jsonb NOT NULL,
        "snapshotSeq" integer NOT NULL DEFAULT 0,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_live_sessions" PRIMARY KEY ("meetingId"),
        CONSTRAINT "FK_live_sessions_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_live_sessions_timer" ON "live_sessions" ("timerEndsAt") WHERE "timerEndsAt" IS NOT NULL`);
    await q.query(`
      CREATE TABLE "session_events" (
        "id" bigserial NOT NULL,
        "meetingId" uuid NOT NULL,
        "seq" integer NOT NULL,
        "commandId" character varying(100) NOT NULL,
        "type" character varying(40) NOT NULL,
        "payload" jsonb NOT NULL,
        "actorId" uuid,
        "at" timestamptz NOT NULL,
        CONSTRAINT "PK_session_events" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_session_events_seq" UNIQUE ("meetingId", "seq"),
        CONSTRAINT "UQ_session_events_command" UNIQUE ("meetingId", "commandId"),
        CONSTRAINT "FK_session_events_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "actions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "setId" uuid NOT NULL,
        "meetingId" uuid,
        "sessionKey" character varying(20),
        "ownerId" uuid NOT NULL,
        "text" text NOT NULL,
        "dueAt" timestamptz,
        "status" character varying(20) NOT NULL DEFAULT 'open',
        "reportNote" text NOT NULL DEFAULT '',
        "reportedAt" timestamptz,
        "reportedInMeetingId" uuid,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_actions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_actions_session_key" UNIQUE ("meetingId", "sessionKey"),
        CONSTRAINT "CHK_actions_status" CHECK ("status" IN ('open', 'done', 'partly', 'not-done')),
        CONSTRAINT "FK_actions_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_actions_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_actions_owner" FOREIGN KEY ("ownerId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_actions_set_status" ON "actions" ("setId", "status")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "actions"`);
    await q.query(`DROP TABLE "session_events"`);
    await q.query(`DROP TABLE "live_sessions"`);
  }
}
