import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  EMAIL_DOMAIN_PATTERN,
  EMAIL_MAX,
  GROUND_RULES_MAX,
  RETENTION_LIMITS,
  ORGANISATION_DOMAINS_MAX,
  ORGANISATION_NAME_MAX,
  ORGANISATION_ROLES,
  type InvitationStatus,
  type MyOrganisationResponse,
  type OrganisationCreateRequest,
  type OrganisationDetailResponse,
  type OrganisationEvaluationResponse,
  type OrganisationInvitationCreatedResponse,
  type OrganisationInvitationPreviewResponse,
  type OrganisationInvitationResponse,
  type OrganisationMembershipResponse,
  type OrganisationPeopleResponse,
  type OrganisationPerson,
  type OrganisationPersonAddRequest,
  type OrganisationResponse,
  type OrganisationRole,
  type OrganisationUpdateRequest,
  type OrganisationSetFacilitator,
  type OrganisationSetSummary,
} from '@als/shared';
import { IsEmailAddress, IsLongText, IsOmittable, IsText } from '@api/common/validators';
import { EvaluationResponseDto } from '@api/evaluation/evaluation.controller';

const INVITATION_STATUSES: InvitationStatus[] = ['pending', 'accepted', 'revoked', 'expired'];

export class OrganisationCreateDto implements OrganisationCreateRequest {
  @ApiProperty({ example: 'Northshire County Council', maxLength: ORGANISATION_NAME_MAX })
  @IsText(ORGANISATION_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['northshire.gov.uk'], maxItems: ORGANISATION_DOMAINS_MAX, description: 'E-mail domains of its staff (lower case; each belongs to one organisation at most). People signing in with single sign-on from one of them join it as members.' })
  @IsOmittable()
  @IsArray({ message: 'emailDomains must be a list of domains such as northshire.gov.uk' })
  @ArrayMaxSize(ORGANISATION_DOMAINS_MAX, { message: `emailDomains may list at most ${ORGANISATION_DOMAINS_MAX} domains` })
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value))
  @IsString({ each: true, message: 'each of emailDomains must be a domain such as northshire.gov.uk' })
  @Matches(EMAIL_DOMAIN_PATTERN, { each: true, message: 'each of emailDomains must be a domain such as northshire.gov.uk' })
  emailDomains?: string[];
}

export class OrganisationUpdateDto implements OrganisationUpdateRequest {
  @ApiPropertyOptional({ maxLength: ORGANISATION_NAME_MAX })
  @IsOmittable()
  @IsText(ORGANISATION_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ type: [String], maxItems: ORGANISATION_DOMAINS_MAX, description: 'Replaces its e-mail domains' })
  @IsOmittable()
  @IsArray({ message: 'emailDomains must be a list of domains such as northshire.gov.uk' })
  @ArrayMaxSize(ORGANISATION_DOMAINS_MAX, { message: `emailDomains may list at most ${ORGANISATION_DOMAINS_MAX} domains` })
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value))
  @IsString({ each: true, message: 'each of emailDomains must be a domain such as northshire.gov.uk' })
  @Matches(EMAIL_DOMAIN_PATTERN, { each: true, message: 'each of emailDomains must be a domain such as northshire.gov.uk' })
  emailDomains?: string[];

  @ApiPropertyOptional({ description: 'Refuse password sign-in for addresses of its domains (single sign-on must be set up)' })
  @IsOmittable()
  @IsBoolean({ message: 'requireSso must be true or false' })
  requireSso?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: GROUND_RULES_MAX, description: 'Ground rules its new sets start with; null: the platform’s' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsLongText(GROUND_RULES_MAX)
  defaultGroundRules?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: RETENTION_LIMITS.min, maximum: RETENTION_LIMITS.max, description: 'Retention period (days after closing) its new sets start with; null: the platform’s' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsInt({ message: 'defaultRetentionDays must be a whole number of days' })
  @Min(RETENTION_LIMITS.min)
  @Max(RETENTION_LIMITS.max)
  defaultRetentionDays?: number | null;
}

export class OrganisationResponseDto implements OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) emailDomains: string[];
  @ApiProperty({ description: 'Password sign-in is refused for addresses of its domains' }) requireSso: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Ground rules its new sets start with; null: the platform’s' }) defaultGroundRules: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Retention period (days) its new sets start with; null: the platform’s' }) defaultRetentionDays: number | null;
}

export class MyOrganisationResponseDto extends OrganisationResponseDto implements MyOrganisationResponse {
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
}

class OrganisationSetFacilitatorDto implements OrganisationSetFacilitator {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class OrganisationSetSummaryDto implements OrganisationSetSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() mode: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [OrganisationSetFacilitatorDto] }) facilitators: OrganisationSetFacilitatorDto[];
  @ApiProperty({ description: 'People in the set with the role member' }) memberCount: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'The next scheduled meeting' }) nextMeetingAt: string | null;
  @ApiProperty({ description: 'Scheduled meetings that have started' }) meetingsHeld: number;
  @ApiProperty({ description: 'A practice set (demonstrations, training): never counted in the organisation’s figures' }) practice: boolean;
}

export class OrganisationDetailResponseDto extends OrganisationResponseDto implements OrganisationDetailResponse {
  @ApiProperty({ type: [OrganisationSetSummaryDto], description: 'Its sets: who runs them and when they meet, never their content' }) sets: OrganisationSetSummaryDto[];
}

export class OrganisationPersonAddDto implements OrganisationPersonAddRequest {
  @ApiProperty({ example: 'alex@northshire.gov.uk', maxLength: EMAIL_MAX })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ enum: ORGANISATION_ROLES })
  @IsIn(ORGANISATION_ROLES, { message: `role must be one of ${ORGANISATION_ROLES.join(', ')}` })
  role: OrganisationRole;
}

export class OrganisationInvitationResponseDto implements OrganisationInvitationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrganisationInvitationCreatedResponseDto extends OrganisationInvitationResponseDto implements OrganisationInvitationCreatedResponse {
  @ApiProperty({ description: 'The secret of the invitation link, shown once' }) token: string;
}

export class OrganisationInvitationPreviewResponseDto implements OrganisationInvitationPreviewResponse {
  @ApiProperty() email: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() invitedBy: string;
}

export class OrganisationMembershipResponseDto implements OrganisationMembershipResponse {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
}

class OrganisationPersonDto implements OrganisationPerson {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When an admin disabled the account' }) disabledAt: string | null;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

export class OrganisationPeopleResponseDto implements OrganisationPeopleResponse {
  @ApiProperty({ type: [OrganisationPersonDto] }) people: OrganisationPersonDto[];
  @ApiProperty({ type: [OrganisationInvitationResponseDto], description: 'Invitations not yet accepted (pending or expired), newest first' }) notYetAccepted: OrganisationInvitationResponseDto[];
}

class AttendanceFiguresDto {
  @ApiProperty({ description: 'Meetings held' }) meetings: number;
  @ApiProperty({ description: 'Replies "attending"' }) attending: number;
  @ApiProperty() apologies: number;
  @ApiProperty() lateApologies: number;
  @ApiProperty({ description: 'People present in live sessions' }) present: number;
}

class QuestionKindsDto {
  @ApiProperty() open: number;
  @ApiProperty() closed: number;
  @ApiProperty() leading: number;
  @ApiProperty() advice: number;
}

class EquityAverageDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Average over its sets of the Gini coefficient of airtime (0 equal)' }) airtime: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Average over its sets of the Gini coefficient of questions asked' }) questions: number | null;
}

class RatingsDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true }) average: number | null;
  @ApiProperty({ type: [Number], description: 'How many ratings of 1, 2, 3, 4 and 5' }) distribution: number[];
}

class ActionFiguresDto {
  @ApiProperty() total: number;
  @ApiProperty() open: number;
  @ApiProperty() done: number;
  @ApiProperty() partly: number;
  @ApiProperty() notDone: number;
  @ApiProperty({ type: Number, nullable: true }) completionRate: number | null;
}

/** Figures across some sets (an organisation's, a programme's). */
export class EvaluationFiguresDto implements Omit<OrganisationEvaluationResponse, 'organisationId'> {
  @ApiProperty() setCount: number;
  @ApiProperty({ type: AttendanceFiguresDto }) attendance: AttendanceFiguresDto;
  @ApiProperty({ type: QuestionKindsDto }) questionKinds: QuestionKindsDto;
  @ApiProperty({ type: EquityAverageDto }) equity: EquityAverageDto;
  @ApiProperty({ type: RatingsDto }) ratings: RatingsDto;
  @ApiProperty({ type: ActionFiguresDto }) actions: ActionFiguresDto;
  @ApiProperty({ type: [EvaluationResponseDto], description: 'Each set’s figures as its sponsors see them (members: null), never content' }) sets: EvaluationResponseDto[];
}

export class OrganisationEvaluationResponseDto extends EvaluationFiguresDto implements OrganisationEvaluationResponse {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
}
