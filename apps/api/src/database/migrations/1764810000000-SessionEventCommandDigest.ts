import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A commandId belongs to its first command: each logged event keeps a digest (SHA-256, hex) of the
 * type and payload of the command that caused it, so that the same id sent again with another
 * command is refused. Events logged before have none and are judged by their sender alone.
 */
export class SessionEventCommandDigest1764810000000 implements MigrationInterface {
  name = 'SessionEventCommandDigest1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "session_events" ADD "commandDigest" character(64)`);
    await q.query(`ALTER TABLE "session_events" ADD CONSTRAINT "CHK_session_events_command_digest" CHECK ("commandDigest" ~ '^[0-9a-f]{64}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "session_events" DROP CONSTRAINT "CHK_session_events_command_digest"`);
    await q.query(`ALTER TABLE "session_events" DROP COLUMN "commandDigest"`);
  }
}
