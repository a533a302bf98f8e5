import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { Clock } from '@api/common/clock';
import { InvitationsService } from '@api/invitations/invitations.service';
import type { InvitationCreatedResponseDto } from '@api/invitations/dto/invitation.dto';
import type { UserEntity } from '@api/users/user.entity';
import type { PoolFacilitatorDto } from './dto/programme.dto';

/**
 * The facilitator pool: the organisation's people, each with the organisation's sets they
 * facilitate and their load; admins assign a person of the pool to one of its sets. The person
 * is invited to the set as a facilitator and joins on accepting its ground rules (as any member).
 */
@Injectable()
export class FacilitatorPoolService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly invitations: InvitationsService,
    private readonly clock: Clock,
  ) {}

  async list(organisationId: string): Promise<PoolFacilitatorDto[]> {
    const rows = (await this.db.query(
      `SELECT om."userId", u."displayName",
              coalesce(json_agg(json_build_object('id', s."id", 'name', s."name", 'status', s."status") ORDER BY s."name") FILTER (WHERE s."id" IS NOT NULL), '[]'::json) AS "sets",
              count(s."id") FILTER (WHERE s."status" = 'active')::int AS "activeSets",
              coalesce(sum((SELECT count(*) FROM "meetings" mt WHERE mt."setId" = s."id" AND mt."status" = 'scheduled' AND mt."startsAt" > $2)) FILTER (WHERE s."status" = 'active'), 0)::int AS "upcomingMeetings"
         FROM "organisation_memberships" om
         JOIN "users" u ON u."id" = om."userId"
         LEFT JOIN "set_memberships" sm ON sm."userId" = om."userId" AND sm."role" = 'facilitator'
         LEFT JOIN "sets" s ON s."id" = sm."setId" AND s."organisationId" = om."organisationId"
        WHERE om."organisationId" = $1
        GROUP BY om."userId", u."displayName"
        ORDER BY count(s."id") FILTER (WHERE s."status" = 'active') DESC, u."displayName", om."userId"`,
      [organisationId, this.clock.now()],
    )) as PoolFacilitatorDto[];
    return rows;
  }

  /** Invites a person of the organisation to facilitate one of its sets (an e-mail with the link). */
  async assign(admin: UserEntity, organisationId: string, setId: string, userId: string): Promise<InvitationCreatedResponseDto> {
    const [set] = (await this.db.query(`SELECT "id" FROM "sets" WHERE "id" = $1 AND "organisationId" = $2`, [isUUID(setId) ? setId : null, organisationId])) as unknown[];
    if (!set) throw new NotFoundException('Set not found in this organisation.');
    const [person] = (await this.db.query(
      `SELECT u."email" FROM "organisation_memberships" om JOIN "users" u ON u."id" = om."userId" WHERE om."organisationId" = $1 AND om."userId" = $2`,
      [organisationId, userId],
    )) as { email: string }[];
    if (!person) throw new NotFoundException('userId: this person is not in the organisation.');
    return this.invitations.create(admin, setId, { email: person.email, role: 'facilitator' });
  }
}
