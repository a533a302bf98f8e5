import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, registerDecorator, ValidateNested } from 'class-validator';
import {
  BADGE_LIMITS,
  type BadgeApplicationCreated,
  type BadgeApplicationRequest,
  type BadgeApplicationResponse,
  type BadgeApplicationStatus,
  type BadgeCriteria,
  type BadgeDecisionRequest,
  type BadgeDecisionResponse,
  type BadgeImageRequest,
  type BadgeProgressResponse,
  type BadgeResponse,
  type BadgeUpdateRequest,
  type ConfidentialityCountsResponse,
  type CredentialRevokeRequest,
  type CredentialSummaryResponse,
  type CredentialVerificationResponse,
  type UnmetCriterion,
} from '@als/shared';
import { IsLongText, IsOptionalLongText, IsText, textProblem } from '@api/common/validators';

/** Every item a text of at most `max` characters under the contract's text rules; the message names the item. */
function EachText(max: number, options: { multiline: boolean }) {
  return (object: object, propertyKey: string | symbol) => {
    const property = String(propertyKey);
    const problem = (value: unknown): string | null => {
      if (!Array.isArray(value)) return null;
      for (const [i, item] of value.entries()) {
        if (typeof item !== 'string') return `${property}[${i}] must be a text`;
        const text = textProblem(item, { ...options, required: true });
        if (text) return `${property}[${i}] ${text}`;
        if (item.length > max) return `${property}[${i}] must be at most ${max} characters`;
      }
      return null;
    };
    registerDecorator({
      name: 'eachText',
      target: object.constructor,
      propertyName: property,
      validator: { validate: (value: unknown) => problem(value) === null, defaultMessage: (args) => problem(args?.value) ?? `${property} is not valid` },
    });
  };
}

const whole = (field: string, min: number, max: number) => ({ message: `${field} must be a whole number from ${min} to ${max}` });

export class BadgeCriteriaDto implements BadgeCriteria {
  @ApiProperty({ minimum: BADGE_LIMITS.minMeetings.min, maximum: BADGE_LIMITS.minMeetings.max, example: 4, description: 'Meetings of the set attended' })
  @IsInt(whole('criteria.minMeetings', BADGE_LIMITS.minMeetings.min, BADGE_LIMITS.minMeetings.max))
  @Min(BADGE_LIMITS.minMeetings.min, whole('criteria.minMeetings', BADGE_LIMITS.minMeetings.min, BADGE_LIMITS.minMeetings.max))
  @Max(BADGE_LIMITS.minMeetings.max, whole('criteria.minMeetings', BADGE_LIMITS.minMeetings.min, BADGE_LIMITS.minMeetings.max))
  minMeetings: number;

  @ApiPropertyOptional({ default: false, description: 'Presented a problem at least once' })
  @IsOptional()
  @IsBoolean({ message: 'criteria.presented must be true or false' })
  presented?: boolean;

  @ApiProperty({ minimum: BADGE_LIMITS.minWords.min, maximum: BADGE_LIMITS.minWords.max, example: 200, description: 'Words in the reflective statement' })
  @IsInt(whole('criteria.minWords', BADGE_LIMITS.minWords.min, BADGE_LIMITS.minWords.max))
  @Min(BADGE_LIMITS.minWords.min, whole('criteria.minWords', BADGE_LIMITS.minWords.min, BADGE_LIMITS.minWords.max))
  @Max(BADGE_LIMITS.minWords.max, whole('criteria.minWords', BADGE_LIMITS.minWords.min, BADGE_LIMITS.minWords.max))
  minWords: number;
}

export class BadgeUpdateDto implements BadgeUpdateRequest {
  @ApiProperty({ maxLength: BADGE_LIMITS.name, example: 'Reflective practitioner: action learning' })
  @IsText(BADGE_LIMITS.name)
  name: string;

  @ApiProperty({ maxLength: BADGE_LIMITS.description })
  @IsLongText(BADGE_LIMITS.description)
  description: string;

  @ApiProperty({ type: BadgeCriteriaDto })
  @IsObject({ message: 'criteria must be an object { minMeetings, presented?, minWords }' })
  @ValidateNested()
  @Type(() => BadgeCriteriaDto)
  criteria: BadgeCriteriaDto;

  @ApiPropertyOptional({ type: [String], maxItems: BADGE_LIMITS.prompts, description: 'The reflective prompts; the defaults (in the spirit of the SSSC’s) when left out' })
  @IsOptional()
  @IsArray({ message: 'prompts must be a list of texts' })
  @ArrayMaxSize(BADGE_LIMITS.prompts, { message: `prompts may hold at most ${BADGE_LIMITS.prompts} prompts` })
  @EachText(BADGE_LIMITS.prompt, { multiline: true })
  prompts?: string[];
}

export class BadgeImageDto implements BadgeImageRequest {
  @ApiProperty({ description: `data:image/png;base64,… or data:image/svg+xml;base64,… at most ${BADGE_LIMITS.imageBytes / 1024} KB; SVG without scripts, event handlers or external references` })
  @IsString({ message: 'dataUrl must be a data: URL' })
  @MaxLength(Math.ceil((BADGE_LIMITS.imageBytes * 4) / 3) + 40, { message: `dataUrl: the image must be at most ${BADGE_LIMITS.imageBytes / 1024} KB` })
  dataUrl: string;
}

class BadgeCriteriaResponseDto implements Required<BadgeCriteria> {
  @ApiProperty() minMeetings: number;
  @ApiProperty() presented: boolean;
  @ApiProperty() minWords: number;
}

export class BadgeResponseDto implements BadgeResponse {
  @ApiProperty() id: string;
  @ApiProperty() setId: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: BadgeCriteriaResponseDto }) criteria: BadgeCriteriaResponseDto;
  @ApiProperty({ type: [String] }) prompts: string[];
  @ApiProperty({ description: 'The criteria in words, as in the credential' }) narrative: string;
  @ApiProperty({ description: 'Public URL of the badge image' }) imageUrl: string;
  @ApiProperty() customImage: boolean;
  @ApiProperty() updatedAt: string;
}

export class BadgeApplicationDto implements BadgeApplicationRequest {
  @ApiProperty({ maxLength: BADGE_LIMITS.statement, description: 'The reflective statement; at least the badge’s criteria.minWords words' })
  @IsLongText(BADGE_LIMITS.statement)
  statement: string;

  @ApiProperty({ enum: [true], description: '"This is my own work": must be true' })
  @Equals(true, { message: 'declaration must be true: confirm that the statement is your own work' })
  declaration: true;

  @ApiPropertyOptional({ default: false, description: 'Put the statement in the credential as evidence, visible to anyone it is shown to' })
  @IsOptional()
  @IsBoolean({ message: 'publicEvidence must be true or false' })
  publicEvidence?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Put your display name in the credential' })
  @IsOptional()
  @IsBoolean({ message: 'showName must be true or false' })
  showName?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Keys of confidentiality findings you confirm are fine to keep in public evidence' })
  @IsOptional()
  @IsArray({ message: 'confirmedFindings must be a list of finding keys' })
  @ArrayMaxSize(200, { message: 'confirmedFindings may hold at most 200 keys' })
  @EachText(300, { multiline: false })
  confirmedFindings?: string[];
}

export class BadgeApplicationCreatedDto implements BadgeApplicationCreated {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['submitted'] }) status: 'submitted';
}

const STATUSES: BadgeApplicationStatus[] = ['submitted', 'returned', 'approved'];

export class BadgeApplicationResponseDto implements BadgeApplicationResponse {
  @ApiProperty() id: string;
  @ApiProperty() setId: string;
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: STATUSES }) status: BadgeApplicationStatus;
  @ApiProperty() statement: string;
  @ApiProperty() wordCount: number;
  @ApiProperty() publicEvidence: boolean;
  @ApiProperty() showName: boolean;
  @ApiProperty() feedback: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) credentialId: string | null;
}

class UnmetCriterionDto implements UnmetCriterion {
  @ApiProperty({ enum: ['meetings', 'presented', 'words'] }) criterion: 'meetings' | 'presented' | 'words';
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class BadgeProgressResponseDto implements BadgeProgressResponse {
  @ApiProperty({ type: BadgeResponseDto }) badge: BadgeResponseDto;
  @ApiProperty() meetingsAttended: number;
  @ApiProperty() presented: boolean;
  @ApiProperty({ type: [UnmetCriterionDto] }) unmet: UnmetCriterionDto[];
  @ApiProperty({ type: BadgeApplicationResponseDto, nullable: true }) application: BadgeApplicationResponseDto | null;
  @ApiProperty({ type: String, nullable: true }) credentialId: string | null;
}

export class BadgeDecisionDto implements BadgeDecisionRequest {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'], { message: 'decision must be approve or return' })
  decision: 'approve' | 'return';

  @ApiPropertyOptional({ maxLength: BADGE_LIMITS.feedback, description: 'What to change (needed to return an application)' })
  @IsOptional()
  @IsOptionalLongText(BADGE_LIMITS.feedback)
  feedback?: string;
}

export class BadgeDecisionResponseDto implements BadgeDecisionResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: STATUSES }) status: BadgeApplicationStatus;
  @ApiPropertyOptional() credentialId?: string;
}

export class CredentialSummaryResponseDto implements CredentialSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() badgeName: string;
  @ApiProperty() setName: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty({ description: 'The public page that verifies it' }) url: string;
  @ApiProperty({ description: 'The signed credential (JSON)' }) jsonUrl: string;
  @ApiProperty({ description: 'The badge image with the credential baked in (SVG)' }) bakedUrl: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt: string | null;
}

export class CredentialRevokeDto implements CredentialRevokeRequest {
  @ApiProperty({ maxLength: BADGE_LIMITS.reason })
  @IsText(BADGE_LIMITS.reason)
  reason: string;
}

class VerifiedBadgeDto {
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() narrative: string;
  @ApiProperty({ type: String, nullable: true }) imageUrl: string | null;
}

class VerifiedIssuerDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
}

export class CredentialVerificationResponseDto implements CredentialVerificationResponse {
  @ApiProperty() credentialId: string;
  @ApiProperty({ enum: ['valid', 'revoked', 'invalid'] }) status: 'valid' | 'revoked' | 'invalid';
  @ApiProperty() verified: boolean;
  @ApiProperty() revoked: boolean;
  @ApiProperty({ type: [String] }) errors: string[];
  @ApiProperty({ type: VerifiedBadgeDto }) badge: VerifiedBadgeDto;
  @ApiProperty({ type: VerifiedIssuerDto }) issuer: VerifiedIssuerDto;
  @ApiProperty({ type: String, nullable: true }) recipientName: string | null;
  @ApiProperty() issuedAt: string;
  @ApiProperty({ type: String, nullable: true }) evidence: string | null;
  @ApiProperty() checkedAt: string;
}

export class ConfidentialityCountsResponseDto implements ConfidentialityCountsResponse {
  @ApiProperty() checked: number;
  @ApiProperty() flagged: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Findings by kind (name, postcode, …)' }) byKind: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Flagged texts by source (case, contribution, email-reply, live-question)' }) bySource: Record<string, number>;
}
