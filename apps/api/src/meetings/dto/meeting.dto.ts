import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  APOLOGY_REASON_MAX,
  ATTENDANCE_STATUSES,
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
} from '@als/shared';
import { IsOptionalText, IsTimeZone } from '@api/common/validators';
import type { AttendanceEntity } from '@api/meetings/attendance.entity';
import type { MeetingEntity } from '@api/meetings/meeting.entity';

export class MeetingCreateDto implements MeetingCreateRequest {
  @ApiProperty({ example: '2027-02-02T09:30', description: 'ISO 8601: local wall time in timeZone, or with an offset' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time, such as 2027-02-02T09:30' })
  startsAt: string;

  @ApiPropertyOptional({ example: 'Europe/London', description: "IANA zone; defaults to the set's" })
  @IsOptional()
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
  @IsOptional()
  @IsOptionalText(MEETING_LOCATION_MAX)
  location?: string;

  @ApiPropertyOptional({ maxLength: MEETING_URL_MAX, example: 'https://meet.example.org/set' })
  @IsOptional()
  @ValidateIf((_, value) => value !== '')
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'videoUrl must be an http(s) address' })
  @MaxLength(MEETING_URL_MAX)
  videoUrl?: string;

  @ApiPropertyOptional({ example: 'FREQ=WEEKLY;INTERVAL=5;COUNT=6', description: 'RFC 5545 RRULE value (an RRULE: prefix is accepted); COUNT or UNTIL required, at most 52 meetings' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  recurrence?: string;
}

/** Moving or changing one meeting: any of the fields of scheduling but the rule. */
export class MeetingUpdateDto extends PartialType(OmitType(MeetingCreateDto, ['recurrence'] as const)) {}

export class MeetingListQueryDto {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'ISO date or date-time; default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'ISO date or date-time; default: a year after from' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date' })
  to?: string;
}

export class MeetingAttendanceSummaryDto implements MeetingAttendanceSummary {
  @ApiProperty() attending: number;
  @ApiProperty() apologies: number;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, nullable: true, type: String, description: "The caller's own reply" }) mine: AttendanceStatus | null;
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
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty() sequence: number;
  @ApiProperty({ nullable: true, type: String }) recurrence: string | null;
  @ApiPropertyOptional({ type: MeetingAttendanceSummaryDto }) attendance?: MeetingAttendanceSummaryDto;
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
    status: meeting.status,
    sequence: meeting.sequence,
    recurrence: rule,
  };
}

export class AttendanceDto implements AttendanceRequest {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES, { message: `status must be one of ${ATTENDANCE_STATUSES.join(', ')}` })
  status: AttendanceStatus;

  @ApiPropertyOptional({ maxLength: APOLOGY_REASON_MAX })
  @IsOptional()
  @IsOptionalText(APOLOGY_REASON_MAX)
  reason?: string;
}

export class AttendanceResponseDto implements AttendanceResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: AttendanceStatus;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function mapAttendance(a: AttendanceEntity): AttendanceResponseDto {
  return { meetingId: a.meetingId, userId: a.userId, status: a.status, reason: a.reason, updatedAt: a.updatedAt.toISOString() };
}
