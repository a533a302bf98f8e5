import { Body, Controller, Get, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentMembership, CurrentUser, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MembershipEntity } from '@api/sets/membership.entity';
import { UserEntity } from '@api/users/user.entity';
import { AttendanceDto, AttendanceResponseDto, MeetingCreateDto, MeetingListQueryDto, MeetingResponseDto } from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('sets/:setId/meetings')
  @SetRoles('facilitator')
  @ApiCreatedResponse({ type: MeetingResponseDto, description: 'The first occurrence; a series stores every occurrence' })
  create(@CurrentMembership() membership: MembershipEntity, @Body() dto: MeetingCreateDto): Promise<MeetingResponseDto> {
    return this.meetings.create(membership.setId, dto);
  }

  @Get('sets/:setId/meetings')
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiOkResponse({ type: [MeetingResponseDto], description: 'Occurrences starting in the range, recurrences expanded' })
  list(@CurrentMembership() membership: MembershipEntity, @Query() query: MeetingListQueryDto): Promise<MeetingResponseDto[]> {
    return this.meetings.list(membership.setId, query);
  }

  @Put('meetings/:meetingId/attendance')
  @ApiOkResponse({ type: AttendanceResponseDto })
  reply(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string, @Body() dto: AttendanceDto): Promise<AttendanceResponseDto> {
    return this.meetings.reply(user, meetingId, dto);
  }
}
