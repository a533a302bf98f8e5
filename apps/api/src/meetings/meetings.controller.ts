import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam, ApiTokenParam } from '@api/common/api-params';
import { CurrentMembership, CurrentUser, Public, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MembershipEntity } from '@api/sets/membership.entity';
import { UserEntity } from '@api/users/user.entity';
import {
  AttendanceDto,
  AttendanceHistoryResponseDto,
  AttendanceResponseDto,
  MeetingCreateDto,
  MeetingDetailResponseDto,
  MeetingListQueryDto,
  MeetingResponseDto,
  MeetingSeriesUpdateDto,
  MeetingUpdateDto,
  RsvpDto,
  RsvpPreviewResponseDto,
} from './dto/meeting.dto';
import { CalendarService } from './calendar.service';
import { AttendanceService } from './attendance.service';
import { MeetingChangesService } from './meeting-changes.service';
import { MeetingsService } from './meetings.service';
import { MeetingErrorCode } from '@als/shared';
import { notFound } from '@api/common/domain-error';

@ApiTags('meetings')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly changes: MeetingChangesService,
    private readonly attendance: AttendanceService,
    private readonly calendar: CalendarService,
  ) {}

  @Post('sets/:setId/meetings')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator')
  @ApiCreatedResponse({ type: MeetingResponseDto, description: 'The first occurrence; a series stores every occurrence' })
  create(@CurrentMembership() membership: MembershipEntity, @Body() dto: MeetingCreateDto): Promise<MeetingResponseDto> {
    return this.meetings.create(membership.setId, dto);
  }

  @Get('sets/:setId/meetings')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiOkResponse({ type: [MeetingResponseDto], description: 'Occurrences starting in the range, recurrences expanded' })
  list(@CurrentUser() user: UserEntity, @CurrentMembership() membership: MembershipEntity, @Query() query: MeetingListQueryDto): Promise<MeetingResponseDto[]> {
    return this.meetings.list(user, membership.setId, query);
  }

  @Get('sets/:setId/attendance')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiOkResponse({ type: AttendanceHistoryResponseDto, description: "The set's attendance so far: figures per meeting; each person's record for facilitators, one's own for members" })
  history(@CurrentMembership() membership: MembershipEntity): Promise<AttendanceHistoryResponseDto> {
    return this.meetings.history(membership);
  }

  @Get('meetings/:meetingId')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: MeetingDetailResponseDto, description: "The meeting with its agenda, figures and quorum; facilitators and members also see each participant's reply (apology reasons: facilitators and the author only)" })
  detail(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string): Promise<MeetingDetailResponseDto> {
    return this.meetings.detail(user, meetingId);
  }

  @Patch('meetings/:meetingId')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: MeetingResponseDto, description: 'Moves this meeting (one occurrence of a series) or changes its place; facilitators only' })
  update(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string, @Body() dto: MeetingUpdateDto): Promise<MeetingResponseDto> {
    return this.changes.update(user, meetingId, dto);
  }

  @Delete('meetings/:meetingId')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Cancels this meeting (one occurrence of a series): it stays listed as cancelled; facilitators only' })
  cancel(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string): Promise<void> {
    return this.changes.cancel(user, meetingId);
  }

  @Patch('meeting-series/:seriesId')
  @ApiIdParam('seriesId', 'The series')
  @ApiOkResponse({ type: [MeetingResponseDto], description: 'Edits the whole series: every occurrence to come not changed on its own; facilitators only' })
  updateSeries(@CurrentUser() user: UserEntity, @Param('seriesId') seriesId: string, @Body() dto: MeetingSeriesUpdateDto): Promise<MeetingResponseDto[]> {
    return this.changes.updateSeries(user, seriesId, dto);
  }

  @Delete('meeting-series/:seriesId')
  @ApiIdParam('seriesId', 'The series')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Cancels every occurrence of the series still to come; facilitators only' })
  cancelSeries(@CurrentUser() user: UserEntity, @Param('seriesId') seriesId: string): Promise<void> {
    return this.changes.cancelSeries(user, seriesId);
  }

  @Put('meetings/:meetingId/attendance')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: AttendanceResponseDto })
  reply(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string, @Body() dto: AttendanceDto): Promise<AttendanceResponseDto> {
    return this.attendance.reply(user, meetingId, dto);
  }

  @Put('meetings/:meetingId/attendance/:userId')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiIdParam('userId', 'The person the reply is for')
  @ApiOkResponse({ type: AttendanceResponseDto, description: 'A facilitator records a reply for someone, for meetings in person only' })
  replyOnBehalf(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string, @Param('userId') userId: string, @Body() dto: AttendanceDto): Promise<AttendanceResponseDto> {
    return this.attendance.replyOnBehalf(user, meetingId, userId, dto);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Get('rsvp/:token')
  @ApiTokenParam('token', 'The signed one-click reply token from the e-mail')
  @ApiOkResponse({ type: RsvpPreviewResponseDto, description: 'What a one-click reply link from an e-mail records (signed, single-purpose, expires when the meeting starts)' })
  rsvpPreview(@Param('token') token: string): Promise<RsvpPreviewResponseDto> {
    return this.attendance.rsvpPreview(token);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('rsvp/:token')
  @ApiTokenParam('token', 'The signed one-click reply token from the e-mail')
  @HttpCode(200)
  @ApiOkResponse({ type: AttendanceResponseDto, description: "Records the link's reply without signing in; `reason` for an apology" })
  rsvp(@Param('token') token: string, @Body() dto: RsvpDto): Promise<AttendanceResponseDto> {
    return this.attendance.rsvp(token, dto);
  }

  @Get('meetings/:meetingId/ics')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="meeting.ics"')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The VEVENT (for a series: the series with its RRULE and exceptions), stable UID, with its VTIMEZONE', schema: { type: 'string' } })
  ics(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string): Promise<string> {
    return this.calendar.meetingCalendar(user, meetingId);
  }

  @Public()
  @Get('calendar/:file')
  @ApiTokenParam('file', '`<feedToken>.ics`, the feed token from GET /api/me')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: "The personal feed (`:file` is `<feedToken>.ics`, from GET /api/me): every meeting of the person's sets", schema: { type: 'string' } })
  feed(@Param('file') file: string): Promise<string> {
    const match = /^([\w-]{16,64})\.ics$/.exec(file);
    if (!match) throw notFound(MeetingErrorCode.FeedNotFound, 'This calendar address is not valid.');
    return this.calendar.feed(match[1]);
  }
}
