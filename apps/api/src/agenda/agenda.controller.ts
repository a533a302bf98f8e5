import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  ATTENDANCE_STATUSES,
  LIVE_PHASES,
  MEETING_FORMATS,
  ROUND_PHASES,
  SET_ROLES,
  type AgendaAction,
  type AgendaMeeting,
  type AgendaResponse,
  type AgendaRound,
  type AttendanceStatus,
  type LivePhase,
  type MeetingFormat,
  type RoundPhase,
  type SetRole,
} from '@als/shared';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentUser } from '@api/common/request-user';
import { UserEntity } from '@api/users/user.entity';
import { AgendaService } from './agenda.service';

export class AgendaMeetingResponseDto implements AgendaMeeting {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty() setName: string;
  @ApiProperty({ enum: SET_ROLES, description: "Your role in the meeting's set" }) role: SetRole;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ enum: MEETING_FORMATS }) format: MeetingFormat;
  @ApiProperty({ description: 'Venue and room; empty when none' }) location: string;
  @ApiProperty({ description: 'Video call link; empty when none' }) videoUrl: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, nullable: true, type: String, description: 'Your reply; null when you have not replied' }) myReply: AttendanceStatus | null;
  @ApiProperty({ enum: LIVE_PHASES, nullable: true, type: String, description: 'The live session’s phase once one has begun' }) livePhase: LivePhase | null;
}

export class AgendaRoundResponseDto implements AgendaRound {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty() setName: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: [...ROUND_PHASES, 'closed'] }) phase: RoundPhase;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the current phase closes' }) phaseEndsAt: string | null;
  @ApiProperty({ description: 'You present in this round' }) presenting: boolean;
}

export class AgendaActionResponseDto implements AgendaAction {
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty() setName: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dueAt: string | null;
}

export class AgendaResponseDto implements AgendaResponse {
  @ApiProperty({ description: 'Your time zone (IANA), in which the web client shows every time' }) timeZone: string;
  @ApiProperty({ type: [AgendaMeetingResponseDto], description: 'Meetings under way or starting within 15 minutes' }) now: AgendaMeetingResponseDto[];
  @ApiProperty({ type: [AgendaMeetingResponseDto], description: 'The next meeting of each of your sets, soonest first' }) nextMeetings: AgendaMeetingResponseDto[];
  @ApiProperty({ type: [AgendaMeetingResponseDto], description: 'Meetings in the next 8 weeks you have not replied to' }) repliesToSend: AgendaMeetingResponseDto[];
  @ApiProperty({ type: [AgendaRoundResponseDto], description: 'Open rounds where you owe a contribution in the current phase, nearest deadline first' }) roundsOwed: AgendaRoundResponseDto[];
  @ApiProperty({ type: [AgendaActionResponseDto], description: 'Your open actions to report on, soonest due first' }) actionsToReport: AgendaActionResponseDto[];
}

/** The home page's "what is needed from me", across all the caller's sets. */
@ApiTags('me')
@ApiErrors(401)
@ApiBearerAuth()
@Controller('me/agenda')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get()
  @ApiOkResponse({ type: AgendaResponseDto, description: 'What is needed from you: sessions starting now, next meetings, replies to send, rounds where you owe a contribution, actions to report on' })
  async get(@CurrentUser() user: UserEntity): Promise<AgendaResponseDto> {
    return this.agenda.of(user);
  }
}
