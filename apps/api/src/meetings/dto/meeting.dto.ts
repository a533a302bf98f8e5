import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  AGENDA_PHASE_MAX_MINUTES,
  APOLOGY_REASON_MAX,
  ATTENDANCE_STATUSES,
  DIAL_IN_NUMBER_PATTERN,
  DIAL_IN_NUMBERS_MAX,
  DIAL_IN_PASSCODE_PATTERN,
  AttendanceHistoryResponse,
  AttendanceRequest,
  AttendanceResponse,
  AttendanceStatus,
  MEETING_DURATION,
  MEETING_FORMATS,
  MEETING_LOCATION_MAX,
  MEETING_STATUSES,
  MEETING_URL_MAX,
  MeetingCreateRequest,
  MeetingFormat,
  MeetingAttendanceSummary,
  MeetingResponse,
  MeetingStatus,
  MeetingAgenda,
  MeetingDetailResponse,
  MeetingReplyView,
  MeetingSeriesUpdateRequest,
  QuorumStatus,
  RsvpPreviewResponse,
  RsvpRequest,
} from '@als/shared';
import { IsBoundedDate, IsOmittable, IsOptionalLongText, IsOptionalText, IsTimeZone, NoControlCharacters } from '@api/common/validators';
import type { AttendanceEntity } from '@api/meetings/attendance.entity';
import type { MeetingEntity } from '@api/meetings/meeting.entity';
import { FacilitatedByDto } from '@api/facilitation/dto/facilitation.dto';

const agendaMinutes = (description: string) => {
  const api = ApiProperty({ minimum: 0, maximum: AGENDA_PHASE_MAX_MINUTES, description });
  const int = IsInt({ message: 'agenda.$property must be a whole number of minutes' });
  const min = Min(0, { message: 'agenda.$property must not be negative' });
  const max = Max(AGENDA_PHASE_MAX_MINUTES, { message: `agenda.$property may last at most ${AGENDA_PHASE_MAX_MINUTES} minutes` });
  return (target: object, key: string) => [api, int, min, max].forEach((d) => d(target, key));
};

/** Minutes per phase of the live meeting (DOMAIN.md's template); presenter phases are per presenter. */
export class AgendaDto implements MeetingAgenda {
  @agendaMinutes('Per person') 'check-in': number;
  @agendaMinutes('Bidding for airtime') bidding: number;
  @agendaMinutes('Per presenter') present: number;
  @agendaMinutes('Per presenter') clarifying: number;
  @agendaMinutes('Per presenter: open questions') questions: number;
  @agendaMinutes('Per presenter') reflection: number;
  @agendaMinutes('Per presenter') actions: number;
  @agendaMinutes('Process review') 'process-review': number;
  @agendaMinutes('Check-out') 'check-out': number;
}

export class MeetingCreateDto implements MeetingCreateRequest {
  @ApiProperty({ format: 'date-time', example: '2027-02-02T09:30', description: 'ISO 8601: local wall time in timeZone, or with an offset; years 1900 to 2200' })
  @IsBoundedDate({ message: 'startsAt must be an ISO 8601 date and time, such as 2027-02-02T09:30' })
  startsAt: string;

  @ApiPropertyOptional({ example: 'Europe/London', description: "IANA zone; defaults to the set's" })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;

  @ApiProperty({ minimum: MEETING_DURATION.min, maximum: MEETING_DURATION.max, example: 210 })
  @Type(() => Number)
  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(MEETING_DURATION.min)
  @Max(MEETING_DURATION.max)
  durationMinutes: number;

  @ApiProperty({ enum: MEETING_FORMATS })
  @IsIn(MEETING_FORMATS, { message: `format must be one of ${MEETING_FORMATS.join(', ')}` })
  format: MeetingFormat;

  @ApiPropertyOptional({ maxLength: MEETING_LOCATION_MAX, description: 'Venue, room and travel notes' })
  @IsOmittable()
  @IsOptionalText(MEETING_LOCATION_MAX)
  location?: string;

  @ApiPropertyOptional({ maxLength: MEETING_URL_MAX, example: 'https://meet.example.org/set' })
  @IsOmittable()
  @ValidateIf((_, value) => value !== '')
  @IsString({ message: 'videoUrl must be an http(s) address' })
  @NoControlCharacters()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'videoUrl must be an http(s) address' })
  @MaxLength(MEETING_URL_MAX)
  videoUrl?: string;

  @ApiPropertyOptional({ type: [String], maxItems: DIAL_IN_NUMBERS_MAX, example: ['+44 20 3481 5237'], description: 'Telephone numbers to dial in on (digits, spaces, brackets, dots, dashes, an optional leading +)' })
  @IsOmittable()
  @IsArray({ message: 'dialInNumbers must be a list of telephone numbers' })
  @ArrayMaxSize(DIAL_IN_NUMBERS_MAX, { message: `dialInNumbers may list at most ${DIAL_IN_NUMBERS_MAX} numbers` })
  @IsString({ each: true, message: 'dialInNumbers must be a list of telephone numbers' })
  @Matches(DIAL_IN_NUMBER_PATTERN, { each: true, message: 'dialInNumbers must be telephone numbers such as +44 20 3481 5237' })
  dialInNumbers?: string[];

  @ApiPropertyOptional({ maxLength: 32, example: '482 193#', description: 'The passcode for dialling in: digits, letters, # and * (spaces are dropped); empty for none' })
  @IsOmittable()
  @IsString({ message: 'dialInPasscode must be digits, letters, # or *' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/ /g, '') : value))
  @ValidateIf((_, value) => value !== '')
  @Matches(DIAL_IN_PASSCODE_PATTERN, { message: 'dialInPasscode must be at most 32 digits, letters, # or *' })
  dialInPasscode?: string;

  @ApiPropertyOptional({ example: 'FREQ=WEEKLY;INTERVAL=5;COUNT=6', description: 'RFC 5545 RRULE value (an RRULE: prefix is accepted); COUNT or UNTIL required, at most 52 meetings' })
  @IsOmittable()
  @IsString({ message: 'recurrence must be an RRULE such as FREQ=WEEKLY;COUNT=6' })
  @NoControlCharacters()
  @MaxLength(500)
  recurrence?: string;

  @ApiPropertyOptional({ type: AgendaDto, description: "Phase timings; defaults to DOMAIN.md's template" })
  @IsOmittable()
  @IsObject({ message: 'agenda must be an object of minutes by phase' })
  @ValidateNested()
  @Type(() => AgendaDto)
  agenda?: AgendaDto;
}

/** Moving or changing one meeting: any of the fields of scheduling but the rule (each may be left out, none may be null). */
export class MeetingUpdateDto extends PartialType(OmitType(MeetingCreateDto, ['recurrence'] as const), { skipNullProperties: false }) {}

/** Editing a whole series: applies to every occurrence to come that was not changed on its own. */
export class MeetingSeriesUpdateDto extends PartialType(PickType(MeetingCreateDto, ['durationMinutes', 'format', 'location', 'videoUrl', 'dialInNumbers', 'dialInPasscode', 'agenda'] as const), { skipNullProperties: false }) implements MeetingSeriesUpdateRequest {
  @ApiPropertyOptional({ example: '10:00', description: "New start time of day (HH:mm) in the series' time zone" })
  @IsOmittable()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be a time of day such as 09:30' })
  startTime?: string;
}

export class MeetingListQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2027-01-01', description: 'ISO date or date-time (years 1900 to 2200); default: now' })
  @IsOptional()
  @IsBoundedDate({ message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-12-31', description: 'ISO date or date-time (years 1900 to 2200); default: a year after from' })
  @IsOptional()
  @IsBoundedDate({ message: 'to must be an ISO 8601 date' })
  to?: string;
}

export class MeetingAttendanceSummaryDto implements MeetingAttendanceSummary {
  @ApiProperty() attending: number;
  @ApiProperty() apologies: number;
  @ApiProperty({ description: "Apologies sent with less notice than the set's rules ask" }) lateApologies: number;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, nullable: true, type: String, description: "The caller's own reply" }) mine: AttendanceStatus | null;
}

export class QuorumStatusDto implements QuorumStatus {
  @ApiProperty({ type: Number, nullable: true, description: "The set's quorum; null: none" }) required: number | null;
  @ApiProperty({ description: 'Facilitators and members who have not sent an apology' }) expected: number;
  @ApiProperty() met: boolean;
}

export class MeetingResponseDto implements MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) seriesId: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: MEETING_FORMATS }) format: MeetingFormat;
  @ApiProperty() location: string;
  @ApiProperty() videoUrl: string;
  @ApiProperty({ type: [String], description: 'Telephone numbers to dial in on; empty when none' }) dialInNumbers: string[];
  @ApiProperty({ description: 'The passcode for dialling in; empty when none' }) dialInPasscode: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty() sequence: number;
  @ApiProperty({ nullable: true, type: String }) recurrence: string | null;
  @ApiProperty({ description: 'Moved or changed on its own: series edits leave it as it is' }) overridden: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "Who facilitates it (the rota); null: the set's facilitators" }) facilitatorId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "A second person with the facilitator's controls" }) coFacilitatorId: string | null;
  @ApiPropertyOptional({ type: [FacilitatedByDto], description: 'For a meeting held: who held the facilitator’s controls' }) facilitatedBy?: FacilitatedByDto[];
  @ApiPropertyOptional({ type: MeetingAttendanceSummaryDto }) attendance?: MeetingAttendanceSummaryDto;
  @ApiPropertyOptional({ type: QuorumStatusDto }) quorum?: QuorumStatusDto;
}

export class MeetingReplyViewDto implements MeetingReplyView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['facilitator', 'member'] }) role: 'facilitator' | 'member';
  @ApiProperty({ enum: ATTENDANCE_STATUSES, nullable: true, type: String }) status: AttendanceStatus | null;
  @ApiPropertyOptional({ description: 'Apology reason: facilitators and its author only' }) reason?: string;
  @ApiProperty() late: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Facilitator who recorded it on their behalf' }) recordedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}

export class MeetingDetailResponseDto extends MeetingResponseDto implements MeetingDetailResponse {
  @ApiProperty() setName: string;
  @ApiProperty() setTimeZone: string;
  @ApiProperty({ type: AgendaDto }) agenda: AgendaDto;
  @ApiProperty() apologyNoticeHours: number;
  @ApiProperty({ enum: ['facilitator', 'member', 'sponsor'] }) role: 'facilitator' | 'member' | 'sponsor';
  @ApiPropertyOptional({ type: [MeetingReplyViewDto], description: 'Absent for sponsors, who see the figures only' }) replies?: MeetingReplyViewDto[];
}

export function mapMeeting(meeting: MeetingEntity, rule: string | null): MeetingResponseDto {
  return {
    id: meeting.id,
    setId: meeting.setId,
    seriesId: meeting.seriesId,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    timeZone: meeting.timeZone,
    format: meeting.format,
    location: meeting.location,
    videoUrl: meeting.videoUrl,
    dialInNumbers: meeting.dialInNumbers,
    dialInPasscode: meeting.dialInPasscode,
    status: meeting.status,
    sequence: meeting.sequence,
    recurrence: rule,
    overridden: meeting.overridden,
    facilitatorId: meeting.facilitatorId ?? null,
    coFacilitatorId: meeting.coFacilitatorId ?? null,
  };
}

export class AttendanceDto implements AttendanceRequest {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES, { message: `status must be one of ${ATTENDANCE_STATUSES.join(', ')}` })
  status: AttendanceStatus;

  @ApiPropertyOptional({ maxLength: APOLOGY_REASON_MAX })
  @IsOmittable()
  @IsOptionalLongText(APOLOGY_REASON_MAX)
  reason?: string;
}

export class AttendanceResponseDto implements AttendanceResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: AttendanceStatus;
  @ApiProperty() reason: string;
  @ApiProperty({ description: "Sent with less notice than the set's rules ask" }) late: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Facilitator who recorded it on their behalf' }) recordedBy: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function mapAttendance(a: AttendanceEntity): AttendanceResponseDto {
  return { meetingId: a.meetingId, userId: a.userId, status: a.status, reason: a.reason, late: a.late, recordedBy: a.recordedById, updatedAt: a.updatedAt.toISOString() };
}

export class RsvpDto implements RsvpRequest {
  @ApiPropertyOptional({ maxLength: APOLOGY_REASON_MAX, description: 'For an apology: the reason' })
  @IsOmittable()
  @IsOptionalLongText(APOLOGY_REASON_MAX)
  reason?: string;
}

class RsvpMeetingDto extends PickType(MeetingResponseDto, ['id', 'startsAt', 'endsAt', 'timeZone', 'format', 'location', 'videoUrl', 'dialInNumbers', 'dialInPasscode', 'status'] as const) {}

export class RsvpPreviewResponseDto implements RsvpPreviewResponse {
  @ApiProperty({ enum: ATTENDANCE_STATUSES, description: 'What the link records' }) status: AttendanceStatus;
  @ApiProperty() displayName: string;
  @ApiProperty() setName: string;
  @ApiProperty({ type: RsvpMeetingDto }) meeting: RsvpMeetingDto;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, nullable: true, type: String, description: 'The reply already recorded' }) current: AttendanceStatus | null;
}

class HistoryMeetingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty() attending: number;
  @ApiProperty() apologies: number;
  @ApiProperty() lateApologies: number;
}

class HistoryPersonDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['facilitator', 'member'] }) role: 'facilitator' | 'member';
  @ApiProperty() attending: number;
  @ApiProperty() apologies: number;
  @ApiProperty() lateApologies: number;
  @ApiProperty({ description: 'Meetings held (not cancelled) with no reply' }) noReply: number;
}

export class AttendanceHistoryResponseDto implements AttendanceHistoryResponse {
  @ApiProperty({ type: [HistoryMeetingDto], description: 'Meetings that have started, oldest first' }) meetings: HistoryMeetingDto[];
  @ApiPropertyOptional({ type: [HistoryPersonDto], description: 'Facilitators: every participant; members: themselves; sponsors: absent' }) people?: HistoryPersonDto[];
}
