import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Asynchronous rounds worked by web and e-mail: rounds, their phases and deadlines, contributions
 * (idempotent by clientId and by Message-ID), who takes part (each with a reply address), what
 * each person was sent, inbound messages seen, threading headers on outgoing mail, and each
 * person's choice of immediate e-mails or a daily digest.
 */
export class Rounds1764700000000 implements MigrationInterface {
  name = 'Rounds1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "rounds" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "setId" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "caseText" text NOT NULL,
        "presenterId" uuid NOT NULL,
        "moderatorId" uuid,
        "createdById" uuid,
        "phase" character varying(20) NOT NULL DEFAULT 'clarifying',
        "pausedAt" timestamptz,
        "closedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_rounds" PRIMARY KEY ("id"),
        CONSTRAINT "FK_rounds_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_rounds_presenter" FOREIGN KEY ("presenterId") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_rounds_moderator" FOREIGN KEY ("moderatorId") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_rounds_created_by" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_rounds_set" ON "rounds" ("setId", "createdAt")`);
    await q.query(`CREATE INDEX "IDX_rounds_open" ON "rounds" ("phase") WHERE "phase" <> 'closed'`);
    await q.query(`
      CREATE TABLE "round_phases" (
        "roundId" uuid NOT NULL,
        "name" character varying(20) NOT NULL,
        "position" integer NOT NULL,
        "endsAt" timestamptz NOT NULL,
        "openedAt" timestamptz,
        "closedAt" timestamptz,
        CONSTRAINT "PK_round_phases" PRIMARY KEY ("roundId", "name"),
        CONSTRAINT "FK_round_phases_round" FOREIGN KEY ("roundId") REFERENCES "rounds"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "round_participants" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "roundId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "contributions" integer NOT NULL DEFAULT 0,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_round_participants" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_round_participants" UNIQUE ("roundId", "userId"),
        CONSTRAINT "FK_round_participants_round" FOREIGN KEY ("roundId") REFERENCES "rounds"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_round_participants_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "round_contributions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "roundId" uuid NOT NULL,
        "phase" character varying(20) NOT NULL,
        "authorId" uuid NOT NULL,
        "body" text NOT NULL,
        "via" character varying(10) NOT NULL,
        "kind" character varying(10),
        "clientId" character varying(100),
        "messageId" character varying(300),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_round_contributions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_round_contributions_client" UNIQUE ("roundId", "authorId", "clientId"),
        CONSTRAINT "UQ_round_contributions_message" UNIQUE ("messageId"),
        CONSTRAINT "FK_round_contributions_round" FOREIGN KEY ("roundId") REFERENCES "rounds"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_round_contributions_author" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_round_contributions_round" ON "round_contributions" ("roundId", "createdAt")`);
    await q.query(`
      CREATE TABLE "round_notifications" (
        "roundId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "kind" character varying(80) NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_round_notifications" PRIMARY KEY ("roundId", "userId", "kind"),
        CONSTRAINT "FK_round_notifications_round" FOREIGN KEY ("roundId") REFERENCES "rounds"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_round_notifications_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "inbound_messages" (
        "messageId" character varying(300) NOT NULL,
        "outcome" character varying(20) NOT NULL,
        "reason" text NOT NULL DEFAULT '',
        "receivedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_inbound_messages" PRIMARY KEY ("messageId")
      )`);
    // Entries could name a round before rounds existed: such links lead nowhere.
    await q.query(`UPDATE "learning_log_entries" SET "roundId" = NULL WHERE "roundId" IS NOT NULL`);
    await q.query(`ALTER TABLE "learning_log_entries" ADD CONSTRAINT "FK_learning_log_round" FOREIGN KEY ("roundId") REFERENCES "rounds"("id") ON DELETE SET NULL`);
    await q.query(`ALTER TABLE "actions" ADD "roundId" uuid`);
    await q.query(`ALTER TABLE "actions" ADD CONSTRAINT "FK_actions_round" FOREIGN KEY ("roundId") REFERENCES "rounds"("id") ON DELETE SET NULL`);
    await q.query(`ALTER TABLE "sets" ADD "roundPhaseDays" jsonb`);
    await q.query(`ALTER TABLE "users" ADD "roundEmails" character varying(10) NOT NULL DEFAULT 'immediate'`);
    await q.query(`ALTER TABLE "users" ADD "lastDigestAt" timestamptz`);
    await q.query(`ALTER TABLE "mail_outbox" ADD "headers" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mail_outbox" DROP COLUMN "headers"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "lastDigestAt"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "roundEmails"`);
    await q.query(`ALTER TABLE "sets" DROP COLUMN "roundPhaseDays"`);
    await q.query(`ALTER TABLE "actions" DROP CONSTRAINT "FK_actions_round"`);
    await q.query(`ALTER TABLE "learning_log_entries" DROP CONSTRAINT "FK_learning_log_round"`);
    await q.query(`ALTER TABLE "actions" DROP COLUMN "roundId"`);
    for (const table of ['inbound_messages', 'round_notifications', 'round_contributions', 'round_participants', 'round_phases', 'rounds']) await q.query(`DROP TABLE "${table}"`);
  }
}
