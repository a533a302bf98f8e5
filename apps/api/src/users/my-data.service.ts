import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '@api/auth/auth.service';
import { SessionsService } from '@api/auth/sessions.service';
import { Clock } from '@api/common/clock';
import { MembershipEvents } from '@api/common/membership-events';
import { SetsService } from '@api/sets/sets.service';
import { UserEntity } from './user.entity';
import { AuthErrorCode } from '@als/shared';
import { forbidden } from '@api/common/domain-error';

export interface MyDataExport {
  filename: string;
  data: Record<string, unknown>;
}

/** A person's own data: all of it as JSON, and deleting the account. */
@Injectable()
export class MyDataService {
  constructor(
    private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly sets: SetsService,
    private readonly membershipEvents: MembershipEvents,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  /** Everything the platform holds about the person and written by them; named by today's date in their zone. */
  async export(user: UserEntity): Promise<MyDataExport> {
    const q = (sql: string) => this.db.query(sql, [user.id]) as Promise<Record<string, unknown>[]>;
    const [profile] = await q(`SELECT "id", "email", "displayName", "timeZone", "meetingReminders", "roundEmails", "createdAt" FROM "users" WHERE "id" = $1`);
    const now = this.clock.dateTime(user.timeZone);
    return {
      filename: `my-data-${now.toISODate()}.json`,
      data: {
        exportedAt: now.toUTC().toISO(),
        account: profile,
        memberships: await q(`SELECT s."id" AS "setId", s."name" AS "setName", ms."role", ms."groundRulesAcceptedAt", ms."createdAt" AS "joinedAt" FROM "set_memberships" ms JOIN "sets" s ON s."id" = ms."setId" WHERE ms."userId" = $1 ORDER BY ms."createdAt"`),
        meetingReplies: await q(`SELECT a."meetingId", s."name" AS "setName", m."startsAt", a."status", a."reason", a."late", a."updatedAt" FROM "meeting_attendance" a JOIN "meetings" m ON m."id" = a."meetingId" JOIN "sets" s ON s."id" = m."setId" WHERE a."userId" = $1 ORDER BY m."startsAt"`),
        roundsPresented: await q(`SELECT r."id", s."name" AS "setName", r."title", r."caseText", r."createdAt", r."closedAt" FROM "rounds" r JOIN "sets" s ON s."id" = r."setId" WHERE r."presenterId" = $1 ORDER BY r."createdAt"`),
        roundContributions: await q(`SELECT c."roundId", c."phase", c."body", c."via", c."createdAt" FROM "round_contributions" c WHERE c."authorId" = $1 ORDER BY c."createdAt"`),
        liveSessionsJoined: await q(`SELECT sa."meetingId", sa."inRoom", sa."firstJoinedAt" FROM "session_attendance" sa WHERE sa."userId" = $1 ORDER BY sa."firstJoinedAt"`),
        actions: await q(`SELECT a."id", s."name" AS "setName", a."text", a."dueAt", a."status", a."reportNote", a."reportedAt", a."createdAt" FROM "actions" a JOIN "sets" s ON s."id" = a."setId" WHERE a."ownerId" = $1 ORDER BY a."createdAt"`),
        learningLog: await q(`SELECT "id", "title", "body", "learned", "different", "impact", "meetingId", "roundId", "actionId", "occurredOn"::text AS "occurredOn", "hours"::float AS "hours", "createdAt", "updatedAt" FROM "learning_log_entries" WHERE "userId" = $1 ORDER BY "occurredOn", "createdAt"`),
        facilitatorNotes: await q(`SELECT n."setId", s."name" AS "setName", n."meetingId", n."body", n."wentWell", n."doDifferently", n."forSupervision", n."createdAt", n."updatedAt" FROM "facilitator_notes" n JOIN "sets" s ON s."id" = n."setId" WHERE n."authorId" = $1 ORDER BY n."createdAt"`),
      },
    };
  }

  /**
   * Deletes the account and what is the person's alone (memberships, replies, actions, learning
   * log, sets where nobody else is left), in one transaction whose set rule (a set keeps a
   * facilitator) is SetsService's, under the sets' row locks. Refused while they are the only
   * facilitator of a set others are still in: they hand the role over first.
   */
  async deleteAccount(user: UserEntity, password: string): Promise<void> {
    if (!(await this.auth.passwordMatches(user.id, password))) throw forbidden(AuthErrorCode.WrongPassword, 'That is not your password: the account was not deleted.');
    const sessionIds = await this.db.transaction(async (manager) => {
      await this.sets.leaveEverySet(manager, user.id);
      const sessions = (await manager.query(`SELECT "id" FROM "sessions" WHERE "userId" = $1`, [user.id])) as { id: string }[];
      await manager.delete(UserEntity, { id: user.id });
      return sessions.map((s) => s.id);
    });
    // Its sessions went with it: every process stops taking them at once (those it kept for reuse too).
    this.sessions.forgetUser(user.id);
    await this.sessions.announce(sessionIds, 'Your account was deleted.');
    this.membershipEvents.signedOut(user.id);
  }
}
