import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  APOLOGY_NOTICE_HOURS,
  DEFAULT_RETENTION_DAYS,
  QUORUM,
  RETENTION_LIMITS,
  ROUND_DAYS_LIMITS,
  type RoundPhaseDays,
  SET_STATUSES,
  SetStatus,
  GROUND_RULES_MAX,
  MemberRoleUpdateRequest,
  SET_MODES,
  SET_NAME_MAX,
  SET_PURPOSE_MAX,
  SET_ROLES,
  SetCloseRequest,
  SetCreateRequest,
  SetDetailResponse,
  SetMemberResponse,
  SetMode,
  SetResponse,
  SetRole,
  SetSummaryResponse,
  SetUpdateRequest,
  type MembershipResponse,
} from '@als/shared';
import { IsLongText, IsOmittable, IsOptionalLongText, IsText, IsTimeZone } from '@api/common/validators';

const days = (phase: string) => ({ message: `roundPhaseDays.${phase} must be a whole number of days from ${ROUND_DAYS_LIMITS.min} to ${ROUND_DAYS_LIMITS.max}` });

export class RoundPhaseDaysDto implements Partial<RoundPhaseDays> {
  @ApiPropertyOptional({ minimum: ROUND_DAYS_LIMITS.min, maximum: ROUND_DAYS_LIMITS.max, example: 2 }) @IsOmittable() @IsInt(days('clarifying')) @Min(ROUND_DAYS_LIMITS.min, days('clarifying')) @Max(ROUND_DAYS_LIMITS.max, days('clarifying')) clarifying?: number;
  @ApiPropertyOptional({ minimum: ROUND_DAYS_LIMITS.min, maximum: ROUND_DAYS_LIMITS.max, example: 2 }) @IsOmittable() @IsInt(days('answers')) @Min(ROUND_DAYS_LIMITS.min, days('answers')) @Max(ROUND_DAYS_LIMITS.max, days('answers')) answers?: number;
  @ApiPropertyOptional({ minimum: ROUND_DAYS_LIMITS.min, maximum: ROUND_DAYS_LIMITS.max, example: 3 }) @IsOmittable() @IsInt(days('questions')) @Min(ROUND_DAYS_LIMITS.min, days('questions')) @Max(ROUND_DAYS_LIMITS.max, days('questions')) questions?: number;
  @ApiPropertyOptional({ minimum: ROUND_DAYS_LIMITS.min, maximum: ROUND_DAYS_LIMITS.max, example: 2 }) @IsOmittable() @IsInt(days('reflection')) @Min(ROUND_DAYS_LIMITS.min, days('reflection')) @Max(ROUND_DAYS_LIMITS.max, days('reflection')) reflection?: number;
  @ApiPropertyOptional({ minimum: ROUND_DAYS_LIMITS.min, maximum: ROUND_DAYS_LIMITS.max, example: 2 }) @IsOmittable() @IsInt(days('actions')) @Min(ROUND_DAYS_LIMITS.min, days('actions')) @Max(ROUND_DAYS_LIMITS.max, days('actions')) actions?: number;
}

class RoundPhaseDaysResponseDto implements RoundPhaseDays {
  @ApiProperty() clarifying: number;
  @ApiProperty() answers: number;
  @ApiProperty() questions: number;
  @ApiProperty() reflection: number;
  @ApiProperty() actions: number;
}

/** The set's meeting rules (ground rules: apologies with notice, quorum), on creating and editing a set. */
class SetMeetingRulesDto {
  @ApiPropertyOptional({ minimum: APOLOGY_NOTICE_HOURS.min, maximum: APOLOGY_NOTICE_HOURS.max, example: APOLOGY_NOTICE_HOURS.default, description: 'Hours of notice an apology needs; a later one is marked late' })
  @ValidateIf((_, value) => value !== undefined)
  @IsInt({ message: 'apologyNoticeHours must be a whole number of hours' })
  @Min(APOLOGY_NOTICE_HOURS.min)
  @Max(APOLOGY_NOTICE_HOURS.max)
  apologyNoticeHours?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: QUORUM.min, maximum: QUORUM.max, example: QUORUM.default, description: 'Fewest participants a meeting needs; null: no quorum' })
  @IsOptional()
  @IsInt({ message: 'quorum must be a whole number of people, or null for none' })
  @Min(QUORUM.min)
  @Max(QUORUM.max)
  quorum?: number | null;

  @ApiPropertyOptional({ minimum: RETENTION_LIMITS.min, maximum: RETENTION_LIMITS.max, example: DEFAULT_RETENTION_DAYS, description: 'Days after the set is closed before its case texts, questions and session records are deleted for good' })
  @ValidateIf((_, value) => value !== undefined)
  @IsInt({ message: 'retentionDays must be a whole number of days' })
  @Min(RETENTION_LIMITS.min)
  @Max(RETENTION_LIMITS.max)
  retentionDays?: number;

  @ApiPropertyOptional({ type: RoundPhaseDaysDto, description: "Days each phase of a round lasts by default (DOMAIN.md's 2, 2, 3, 2, 2)" })
  @IsOmittable()
  @IsObject({ message: 'roundPhaseDays must be an object of days by phase' })
  @ValidateNested()
  @Type(() => RoundPhaseDaysDto)
  roundPhaseDays?: RoundPhaseDaysDto;
}

/** Closing a set: optionally with its retention period, and cancelling the meetings still to come. */
export class SetCloseDto implements SetCloseRequest {
  @ApiPropertyOptional({ minimum: RETENTION_LIMITS.min, maximum: RETENTION_LIMITS.max, description: "Days before its case content is deleted for good; defaults to the set's retentionDays" })
  @ValidateIf((_, value) => value !== undefined)
  @IsInt({ message: 'retentionDays must be a whole number of days' })
  @Min(RETENTION_LIMITS.min)
  @Max(RETENTION_LIMITS.max)
  retentionDays?: number;

  @ApiPropertyOptional({ default: false, description: 'Cancel the meetings still to come (everyone is told, as for any cancellation) and close. Without it, a set with meetings to come is not closed (409).' })
  @IsOmittable()
  @IsBoolean({ message: 'cancelUpcoming must be true or false' })
  cancelUpcoming?: boolean;
}

export class SetCreateDto extends SetMeetingRulesDto implements SetCreateRequest {
  @ApiProperty({ example: 'Children and families set, spring', maxLength: SET_NAME_MAX })
  @IsText(SET_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ maxLength: SET_PURPOSE_MAX })
  @IsOmittable()
  @IsOptionalLongText(SET_PURPOSE_MAX)
  purpose?: string;

  @ApiProperty({ enum: SET_MODES })
  @IsIn(SET_MODES, { message: `mode must be one of ${SET_MODES.join(', ')}` })
  mode: SetMode;

  @ApiProperty({ example: 'Europe/London' })
  @IsTimeZone()
  timeZone: string;

  @ApiPropertyOptional({ maxLength: GROUND_RULES_MAX, description: 'Defaults to the standard ground rules' })
  @IsOmittable()
  @IsLongText(GROUND_RULES_MAX)
  groundRules?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The organisation the set belongs to: the caller must be an admin or member of it (else 404). Its admins then see the set, never its content.' })
  @IsOmittable()
  @IsUUID('all', { message: 'organisationId must be the id of an organisation' })
  organisationId?: string;

  @ApiPropertyOptional({ default: false, description: 'A practice set, for demonstrations and training: its meetings and rounds may be set in the past or minutes apart, it is left out of organisation figures and its CPD records are marked practice. Chosen here only: a set never changes between practice and real.' })
  @IsOmittable()
  @IsBoolean({ message: 'practice must be true or false' })
  practice?: boolean;
}

export class SetUpdateDto extends SetMeetingRulesDto implements SetUpdateRequest {
  @ApiPropertyOptional({ maxLength: SET_NAME_MAX })
  @IsOmittable()
  @IsText(SET_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: SET_PURPOSE_MAX })
  @IsOmittable()
  @IsOptionalLongText(SET_PURPOSE_MAX)
  purpose?: string;

  @ApiPropertyOptional({ enum: SET_MODES })
  @IsOmittable()
  @IsIn(SET_MODES, { message: `mode must be one of ${SET_MODES.join(', ')}` })
  mode?: SetMode;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ maxLength: GROUND_RULES_MAX })
  @IsOmittable()
  @IsLongText(GROUND_RULES_MAX)
  groundRules?: string;
}

export class MemberRoleUpdateDto implements MemberRoleUpdateRequest {
  @ApiProperty({ enum: SET_ROLES })
  @IsIn(SET_ROLES, { message: `role must be one of ${SET_ROLES.join(', ')}` })
  role: SetRole;
}

export class FacilitatorHandoverDto {
  @ApiProperty({ format: 'uuid', description: 'The member who becomes facilitator; the caller becomes a member' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class SetResponseDto implements SetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: SET_MODES }) mode: SetMode;
  @ApiProperty() timeZone: string;
  @ApiProperty() groundRules: string;
  @ApiProperty() apologyNoticeHours: number;
  @ApiProperty({ type: Number, nullable: true }) quorum: number | null;
  @ApiProperty({ enum: SET_STATUSES }) status: SetStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The organisation it belongs to; null for a set of its own' }) organisationId: string | null;
  @ApiProperty() retentionDays: number;
  @ApiProperty({ description: 'A practice set (demonstrations, training): fixed at creation' }) practice: boolean;
  @ApiProperty({ type: RoundPhaseDaysResponseDto, description: 'Days each round phase lasts by default' }) roundPhaseDays: RoundPhaseDays;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: "When a closed set's case content is (or was) deleted for good" }) purgeAfter: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) purgedAt: string | null;
  @ApiProperty({ enum: SET_ROLES, description: "The caller's role in the set" }) role: SetRole;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class SetSummaryResponseDto extends SetResponseDto implements SetSummaryResponse {
  @ApiProperty() memberCount: number;
}

export class SetMemberResponseDto implements SetMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ description: 'Shown to facilitators only' }) email?: string;
  @ApiProperty({ enum: SET_ROLES }) role: SetRole;
  @ApiProperty() joinedAt: string;
}

export class SetDetailResponseDto extends SetResponseDto implements SetDetailResponse {
  @ApiProperty({ type: [SetMemberResponseDto] }) members: SetMemberResponseDto[];
  @ApiProperty() participantCount: number;
  @ApiProperty({ type: String, nullable: true }) sizeNote: string | null;
}

export class MembershipResponseDto implements MembershipResponse {
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: SET_ROLES }) role: SetRole;
}
