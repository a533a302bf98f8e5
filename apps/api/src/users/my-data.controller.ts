import { Body, ConflictException, Controller, Delete, ForbiddenException, Get, HttpCode, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { PASSWORD_MAX } from '@als/shared';
import { AuthService } from '@api/auth/auth.service';
import { clearSessionCookies } from '@api/auth/auth.cookies';
import { ApiErrors } from '@api/common/api-errors';
import { MembershipEvents } from '@api/common/membership-events';
import { CurrentUser } from '@api/common/request-user';
import { AppConfig } from '@api/config/app-config';
import { UserEntity } from './user.entity';

export class AccountDeleteDto {
  @ApiProperty({ description: 'Your password, to confirm' })
  @IsString({ message: 'password must be your password' })
  @MaxLength(PASSWORD_MAX, { message: 'password must be your password' })
  password: string;
}

/** A person's own data: all of it as JSON, and deleting the account. */
@ApiTags('me')
@ApiErrors(400, 401, 403, 409)
@ApiBearerAuth()
@Controller('me')
export class MyDataController {
  constructor(
    private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly membershipEvents: MembershipEvents,
  ) {}

  @Get('data')
  @ApiOkResponse({ description: 'Everything the platform holds about you and written by you, as a JSON download', schema: { type: 'object' } })
  async data(@CurrentUser() user: UserEntity, @Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const q = (sql: string) => this.db.query(sql, [user.id]) as Promise<Record<string, unknown>[]>;
    const [profile] = await q(`SELECT "id", "email", "displayName", "timeZone", "meetingReminders", "roundEmails", "createdAt" FROM "users" WHERE "id" = $1`);
    response.setHeader('Content-Disposition', `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.json"`);
    return {
      exportedAt: new Date().toISOString(),
      account: profile,
      memberships: await q(`SELECT s."id" AS "setId", s."name" AS "setName", ms."role", ms."groundRulesAcceptedAt", ms."createdAt" AS "joinedAt" FROM "set_memberships" ms JOIN "sets" s ON s."id" = ms."setId" WHERE ms."userId" = $1 ORDER BY ms."createdAt"`),
      meetingReplies: await q(`SELECT a."meetingId", s."name" AS "setName", m."startsAt", a."status", a."reason", a."late", a."updatedAt" FROM "meeting_attendance" a JOIN "meetings" m ON m."id" = a."meetingId" JOIN "sets" s ON s."id" = m."setId" WHERE a."userId" = $1 ORDER BY m."startsAt"`),
      roundsPresented: await q(`SELECT r."id", s."name" AS "setName", r."title", r."caseText", r."createdAt", r."closedAt" FROM "rounds" r JOIN "sets" s ON s."id" = r."setId" WHERE r."presenterId" = $1 ORDER BY r."createdAt"`),
      roundContributions: await q(`SELECT c."roundId", c."phase", c."body", c."via", c."createdAt" FROM "round_contributions" c WHERE c."authorId" = $1 ORDER BY c."createdAt"`),
      liveSessionsJoined: await q(`SELECT sa."meetingId", sa."inRoom", sa."firstJoinedAt" FROM "session_attendance" sa WHERE sa."userId" = $1 ORDER BY sa."firstJoinedAt"`),
      actions: await q(`SELECT a."id", s."name" AS "setName", a."text", a."dueAt", a."status", a."reportNote", a."reportedAt", a."createdAt" FROM "actions" a JOIN "sets" s ON s."id" = a."setId" WHERE a."ownerId" = $1 ORDER BY a."createdAt"`),
      learningLog: await q(`SELECT "id", "title", "body", "learned", "different", "impact", "meetingId", "roundId", "actionId", "occurredOn"::text AS "occurredOn", "hours"::float AS "hours", "createdAt", "updatedAt" FROM "learning_log_entries" WHERE "userId" = $1 ORDER BY "occurredOn", "createdAt"`),
    };
  }

  /**
   * Deletes the account and what is the person's alone (memberships, replies, actions, learning
   * log, sets where nobody else is left). Refused while they are the only facilitator of a set
   * others are still in: they hand the role over first.
   */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The account is gone; sessions and live connections end' })
  async remove(@CurrentUser() user: UserEntity, @Body() dto: AccountDeleteDto, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (!(await this.auth.passwordMatches(user.id, dto.password))) throw new ForbiddenException('That is not your password: the account was not deleted.');
    await this.db.transaction(async (manager) => {
      const sets = (await manager.query(
        `SELECT s."id", s."name",
                (SELECT count(*) FROM "set_memberships" o WHERE o."setId" = s."id" AND o."userId" <> $1)::int AS "others",
                (SELECT count(*) FROM "set_memberships" f WHERE f."setId" = s."id" AND f."role" = 'facilitator' AND f."userId" <> $1)::int AS "otherFacilitators",
                ms."role"
           FROM "set_memberships" ms JOIN "sets" s ON s."id" = ms."setId" WHERE ms."userId" = $1 FOR UPDATE OF ms`,
        [user.id],
      )) as { id: string; name: string; others: number; otherFacilitators: number; role: string }[];
      const blocking = sets.filter((s) => s.role === 'facilitator' && s.others > 0 && s.otherFacilitators === 0);
      if (blocking.length) throw new ConflictException(`You are the only facilitator of ${blocking.map((s) => `"${s.name}"`).join(', ')}: hand the role to someone else first.`);
      const alone = sets.filter((s) => s.others === 0).map((s) => s.id);
      if (alone.length) await manager.query('DELETE FROM "sets" WHERE "id" = ANY($1)', [alone]);
      await manager.query('DELETE FROM "users" WHERE "id" = $1', [user.id]);
    });
    clearSessionCookies(response, this.config);
    this.membershipEvents.signedOut(user.id);
  }
}
