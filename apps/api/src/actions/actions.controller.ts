import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LIVE_LIMITS, REPORT_BACK_STATUSES, REPORT_BACK_VIA, type ActionResponse, type MyActionResponse, type ReportBackLinkResponse, type ReportBackRequest, type ReportBackStatus, type ReportBackVia } from '@als/shared';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam, ApiTokenParam } from '@api/common/api-params';
import { IdParam } from '@api/common/id-param';
import { CurrentMembership, CurrentUser, Public, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { IsOmittable, IsOptionalLongText } from '@api/common/validators';
import { UserEntity } from '@api/users/user.entity';
import { MembershipEntity } from '@api/sets/membership.entity';
import { ACTION_STATUSES, type ActionStatus } from './action.entity';
import { ActionRow, ReportBackService } from './report-back.service';

export class ActionListQueryDto {
  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES, { message: `status must be one of ${ACTION_STATUSES.join(', ')}` })
  status?: ActionStatus;
}

export class ReportBackDto implements ReportBackRequest {
  @ApiProperty({ enum: REPORT_BACK_STATUSES })
  @IsIn(REPORT_BACK_STATUSES, { message: `status must be one of ${REPORT_BACK_STATUSES.join(', ')}` })
  status: ReportBackStatus;

  @ApiPropertyOptional({ maxLength: LIVE_LIMITS.text, description: 'How it went, what you learned' })
  @IsOmittable()
  @IsOptionalLongText(LIVE_LIMITS.text)
  note?: string;
}

export class LinkReportBackDto extends ReportBackDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'actionId must be a UUID' })
  actionId: string;
}

export class ActionResponseDto implements ActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2027-01-12', description: 'The calendar day it is due (no time, no zone)' }) dueAt: string | null;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The meeting that agreed it' }) meetingId: string | null;
  @ApiProperty() reportNote: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) reportedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: REPORT_BACK_VIA }) reportedVia: ReportBackVia | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The meeting whose check-in the report-back belongs to' }) reportedInMeetingId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MyActionResponseDto extends ActionResponseDto implements MyActionResponse {
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty() setName: string;
}

/** Parts of the shared response types, for the DTO classes that document them. */
type ReportBackMeeting = ReportBackLinkResponse['meeting'];

class ReportBackMeetingDto implements ReportBackMeeting {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty() timeZone: string;
}

export class ReportBackLinkResponseDto implements ReportBackLinkResponse {
  @ApiProperty() displayName: string;
  @ApiProperty() setName: string;
  @ApiProperty({ type: ReportBackMeetingDto }) meeting: ReportBackMeetingDto;
  @ApiProperty({ type: [MyActionResponseDto], description: 'The actions to report on: open, or reported ahead of this meeting (which can still be changed)' }) actions: MyActionResponseDto[];
}

export function mapAction(a: ActionRow): MyActionResponseDto {
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: a.id,
    setId: a.setId,
    setName: a.setName,
    ownerId: a.ownerId,
    ownerName: a.ownerName,
    text: a.text,
    dueAt: a.dueAt,
    status: a.status,
    meetingId: a.meetingId,
    reportNote: a.reportNote,
    reportedAt: iso(a.reportedAt),
    reportedVia: a.reportedVia,
    reportedInMeetingId: a.reportedInMeetingId,
    createdAt: new Date(a.createdAt).toISOString(),
  };
}

/** The caller's own actions: what is open, and what they reported on ahead of a meeting still to come. */
@ApiTags('actions')
@ApiErrors(400, 401, 404, 409)
@ApiBearerAuth()
@Controller('me/actions')
export class MyActionsController {
  constructor(private readonly reportBacks: ReportBackService) {}

  @Get()
  @ApiOkResponse({ type: [MyActionResponseDto], description: 'Your open actions across all your sets, soonest due first, with those you reported on ahead of a meeting still to come' })
  async list(@CurrentUser() user: UserEntity): Promise<MyActionResponseDto[]> {
    return (await this.reportBacks.toReportOn(user.id)).map(mapAction);
  }

  @Post(':actionId/report-back')
  @ApiIdParam('actionId', 'Your action')
  @HttpCode(200)
  @ApiOkResponse({ type: MyActionResponseDto, description: "Report back on your action ahead of the set's next meeting: it appears at that meeting's check-in (where it can still be changed)" })
  async reportBack(@CurrentUser() user: UserEntity, @IdParam('actionId', 'There is no such action of yours to report on.') actionId: string, @Body() dto: ReportBackDto): Promise<MyActionResponseDto> {
    return mapAction(await this.reportBacks.report(user.id, actionId, dto, 'web'));
  }
}

/** The report-back link of the e-mail sent before a meeting: works without signing in, until the meeting starts. */
@ApiTags('actions')
@ApiErrors(400, 404, 409, 429)
@Controller('report-back')
export class ReportBackLinkController {
  constructor(private readonly reportBacks: ReportBackService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Get(':token')
  @ApiTokenParam('token', 'The signed report-back token from the e-mail')
  @ApiOkResponse({ type: ReportBackLinkResponseDto })
  async preview(@Param('token') token: string): Promise<ReportBackLinkResponseDto> {
    const { user, set, meeting, actions } = await this.reportBacks.linkTarget(token);
    return { displayName: user.displayName, setName: set.name, meeting: { id: meeting.id, startsAt: meeting.startsAt.toISOString(), timeZone: meeting.timeZone }, actions: actions.map(mapAction) };
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post(':token')
  @ApiTokenParam('token', 'The signed report-back token from the e-mail')
  @HttpCode(200)
  @ApiOkResponse({ type: MyActionResponseDto, description: 'Records the report-back on one of the actions the link lists' })
  async report(@Param('token') token: string, @Body() dto: LinkReportBackDto): Promise<MyActionResponseDto> {
    return mapAction(await this.reportBacks.reportByLink(token, dto));
  }
}

@ApiTags('actions')
@ApiErrors(400, 401, 403, 404)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@ApiIdParam('setId', 'The set')
@Controller('sets/:setId/actions')
export class ActionsController {
  constructor(private readonly reportBacks: ReportBackService) {}

  @Get()
  @SetRoles('facilitator', 'member')
  @ApiOkResponse({ type: [ActionResponseDto], description: "The set's actions (members only), oldest first; `?status=open` for those still to report on" })
  async list(@CurrentMembership() membership: MembershipEntity, @Query() query: ActionListQueryDto): Promise<ActionResponseDto[]> {
    const rows = await this.reportBacks.ofSet(membership.setId, query.status);
    return rows.map((row) => {
      const { setId: _setId, setName: _setName, ...action } = mapAction(row);
      return action;
    });
  }
}
