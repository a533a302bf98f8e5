import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who joined a meeting's live session (and whether in the room), for the session record. */
export class SessionAttendance1764400000000 implements MigrationInterface {
  name = 'SessionAttendance1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "session_attendance" (
        "meetingId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "inRoom" boolean NOT NULL DEFAULT false,
        "firstJoinedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_session_attendance" PRIMARY KEY ("meetingId", "userId"),
        CONSTRAINT "FK_session_attendance_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_session_attendance_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "session_attendance"`);
  }
}
