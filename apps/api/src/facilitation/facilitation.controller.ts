import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentMembership, CurrentUser, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MeetingResponseDto } from '@api/meetings/dto/meeting.dto';
import { MembershipEntity } from '@api/sets/membership.entity';
import { UserEntity } from '@api/users/user.entity';
import { FacilitatorNoteDto, FacilitatorNoteResponseDto, MeetingFacilitatorDto } from './dto/facilitation.dto';
import { FacilitationService } from './facilitation.service';
import { FacilitatorNotesService } from './facilitator-notes.service';

@ApiTags('facilitation')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@Controller()
export class FacilitationController {
  constructor(
    private readonly facilitation: FacilitationService,
    private readonly notes: FacilitatorNotesService,
  ) {}

  @Put('meetings/:meetingId/facilitator')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: MeetingResponseDto, description: "Who facilitates this meeting: a current facilitator or member of the set, who may start its live session and holds the facilitator's controls in it without becoming a facilitator of the set; null: the set's facilitators (and no co-facilitator). Facilitators of the set only" })
  facilitator(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string, @Body() dto: MeetingFacilitatorDto): Promise<MeetingResponseDto> {
    return this.facilitation.assign(user, meetingId, dto.userId, 'facilitator');
  }

  @Put('meetings/:meetingId/co-facilitator')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: MeetingResponseDto, description: "A second person with the facilitator's controls, beside the meeting's facilitator (named first); null: none. Facilitators of the set only" })
  coFacilitator(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string, @Body() dto: MeetingFacilitatorDto): Promise<MeetingResponseDto> {
    return this.facilitation.assign(user, meetingId, dto.userId, 'co-facilitator');
  }

  @Get('meetings/:meetingId/facilitator-notes')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: FacilitatorNoteResponseDto, description: "The caller's own private note on the meeting, with their reflection after its session (the set's facilitators and the meeting's facilitator and co-facilitator)" })
  meetingNote(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string): Promise<FacilitatorNoteResponseDto> {
    return this.notes.meetingNote(user, meetingId);
  }

  @Put('meetings/:meetingId/facilitator-notes')
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: FacilitatorNoteResponseDto, description: 'Writes the caller’s own note on the meeting: the fields given replace those kept' })
  writeMeetingNote(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string, @Body() dto: FacilitatorNoteDto): Promise<FacilitatorNoteResponseDto> {
    return this.notes.writeMeetingNote(user, meetingId, dto);
  }

  @Get('sets/:setId/facilitator-notes')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiOkResponse({ type: FacilitatorNoteResponseDto, description: "The caller's own private note on the set (its facilitators, and members the rota names for one of its meetings)" })
  setNote(@CurrentUser() user: UserEntity, @CurrentMembership() membership: MembershipEntity): Promise<FacilitatorNoteResponseDto> {
    return this.notes.setNote(user, membership.setId, membership.role);
  }

  @Put('sets/:setId/facilitator-notes')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiOkResponse({ type: FacilitatorNoteResponseDto, description: 'Writes the caller’s own note on the set: the fields given replace those kept' })
  writeSetNote(@CurrentUser() user: UserEntity, @CurrentMembership() membership: MembershipEntity, @Body() dto: FacilitatorNoteDto): Promise<FacilitatorNoteResponseDto> {
    return this.notes.writeSetNote(user, membership.setId, membership.role, dto);
  }
}
