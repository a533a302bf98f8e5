import { MigrationInterface, QueryRunner } from 'typeorm';

/** Private learning-log entries: only their author can ever read them. */
export class LearningLog1764500000000 implements MigrationInterface {
  name = 'LearningLog1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "learning_log_entries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "body" text NOT NULL,
        "learned" text NOT NULL DEFAULT '',
        "different" text NOT NULL DEFAULT '',
        "impact" text NOT NULL DEFAULT '',
        "meetingId" uuid,
        "roundId" uuid,
        "actionId" uuid,
        "occurredOn" date NOT NULL,
        "hours" numeric(4,2),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_learning_log_entries" PRIMARY KEY ("id"),
        CONSTRAINT "FK_learning_log_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_learning_log_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_learning_log_action" FOREIGN KEY ("actionId") REFERENCES "actions"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_learning_log_user" ON "learning_log_entries" ("userId", "occurredOn")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "learning_log_entries"`);
  }
}
