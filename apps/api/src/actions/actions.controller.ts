import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsOptional } from 'class-validator';
import { Repository } from 'typeorm';
import type { ActionResponse, MyActionResponse } from '@als/shared';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentMembership, CurrentUser, SetRoles } from '@api/common/request-user';
import { UserEntity } from '@api/users/user.entity';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MembershipEntity } from '@api/sets/membership.entity';
import { ACTION_STATUSES, ActionEntity, type ActionStatus } from './action.entity';

export class ActionListQueryDto {
  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES, { message: `status must be one of ${ACTION_STATUSES.join(', ')}` })
  status?: ActionStatus;
}

export class ActionResponseDto implements ActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The meeting that agreed it' }) meetingId: string | null;
  @ApiProperty() reportNote: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) reportedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MyActionResponseDto extends ActionResponseDto implements MyActionResponse {
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty() setName: string;
}

/** The caller's own open actions in every set they still belong to, soonest due first. */
@ApiTags('actions')
@ApiErrors(401)
@ApiBearerAuth()
@Controller('me/actions')
export class MyActionsController {
  constructor(@InjectRepository(ActionEntity) private readonly actions: Repository<ActionEntity>) {}

  @Get()
  @ApiOkResponse({ type: [MyActionResponseDto], description: 'Your open actions across all your sets, soonest due first' })
  async list(@CurrentUser() user: UserEntity): Promise<MyActionResponseDto[]> {
    const rows = (await this.actions.query(
      `SELECT a.*, s."name" AS "setName", u."displayName" AS "ownerName" FROM "actions" a
         JOIN "sets" s ON s."id" = a."setId"
         JOIN "users" u ON u."id" = a."ownerId"
         JOIN "set_memberships" ms ON ms."setId" = a."setId" AND ms."userId" = $1 AND ms."role" IN ('facilitator', 'member')
        WHERE a."ownerId" = $1 AND a."status" = 'open'
        ORDER BY a."dueAt" ASC NULLS LAST, a."createdAt" ASC`,
      [user.id],
    )) as (ActionEntity & { setName: string; ownerName: string })[];
    return rows.map((a) => ({
      id: a.id,
      setId: a.setId,
      setName: a.setName,
      ownerId: a.ownerId,
      ownerName: a.ownerName,
      text: a.text,
      dueAt: a.dueAt ? new Date(a.dueAt).toISOString() : null,
      status: a.status,
      meetingId: a.meetingId,
      reportNote: a.reportNote,
      reportedAt: a.reportedAt ? new Date(a.reportedAt).toISOString() : null,
      createdAt: new Date(a.createdAt).toISOString(),
    }));
  }
}

@ApiTags('actions')
@ApiErrors(400, 401, 403, 404)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@Controller('sets/:setId/actions')
export class ActionsController {
  constructor(@InjectRepository(ActionEntity) private readonly actions: Repository<ActionEntity>) {}

  @Get()
  @SetRoles('facilitator', 'member')
  @ApiOkResponse({ type: [ActionResponseDto], description: "The set's actions (members only), oldest first; `?status=open` for those still to report on" })
  async list(@CurrentMembership() membership: MembershipEntity, @Query() query: ActionListQueryDto): Promise<ActionResponseDto[]> {
    const rows = await this.actions
      .createQueryBuilder('a')
      .innerJoin('users', 'u', 'u.id = a."ownerId"')
      .addSelect('u."displayName"', 'ownerName')
      .where('a."setId" = :setId', { setId: membership.setId })
      .andWhere(query.status ? 'a.status = :status' : 'TRUE', { status: query.status })
      .orderBy('a."createdAt"', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((a, i) => ({
      id: a.id,
      ownerId: a.ownerId,
      ownerName: (rows.raw[i] as { ownerName: string }).ownerName,
      text: a.text,
      dueAt: a.dueAt?.toISOString() ?? null,
      status: a.status,
      meetingId: a.meetingId,
      reportNote: a.reportNote,
      reportedAt: a.reportedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
    }));
  }
}
