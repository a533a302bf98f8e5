import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import {
  QUESTION_KINDS,
  ROUND_LIMITS,
  MAIL_DELIVERY_STATUSES,
  ROUND_DELIVERY_KINDS,
  ROUND_PHASES,
  TIMED_PHASES,
  type ContributionCreated,
  type QuestionKind,
  type RoundContributionResponse,
  type RoundCreateRequest,
  type MailDeliveryStatus,
  type RoundDelivery,
  type RoundDeliveryKind,
  type RoundDetailResponse,
  type RoundPhase,
  type RoundPhaseName,
  type RoundPhaseResponse,
  type RoundResponse,
  type TimedPhase,
} from '@als/shared';
import { IsBoundedDate, IsLongText, IsOmittable, IsText, NoControlCharacters } from '@api/common/validators';

const iso = (phase: TimedPhase) => ({ message: `phaseDeadlines.${phase} must be an ISO 8601 date-time` });

export class PhaseDeadlinesDto implements Partial<Record<TimedPhase, string>> {
  @ApiPropertyOptional({ format: 'date-time' }) @IsOmittable() @IsBoundedDate(iso('clarifying')) clarifying?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOmittable() @IsBoundedDate(iso('answers')) answers?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOmittable() @IsBoundedDate(iso('questions')) questions?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOmittable() @IsBoundedDate(iso('reflection')) reflection?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOmittable() @IsBoundedDate(iso('actions')) actions?: string;
}

export class RoundCreateDto implements RoundCreateRequest {
  @ApiProperty({ maxLength: ROUND_LIMITS.title, example: 'A father who will not engage' })
  @IsText(ROUND_LIMITS.title)
  title: string;

  @ApiProperty({ maxLength: ROUND_LIMITS.caseText, description: 'The case, posted as the round opens' })
  @IsLongText(ROUND_LIMITS.caseText)
  caseText: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Who presents; defaults to the caller. Facilitators may open a round on behalf of a member.' })
  @IsOmittable()
  @IsUUID('all', { message: 'presenterId must be a UUID' })
  presenterId?: string;

  @ApiPropertyOptional({ type: PhaseDeadlinesDto, description: `Deadlines of ${TIMED_PHASES.join(', ')}, each after the one before; defaults: 2, 2, 3, 2 and 2 days` })
  @IsOmittable()
  @IsObject({ message: 'phaseDeadlines must be an object of deadlines by phase' })
  @ValidateNested()
  @Type(() => PhaseDeadlinesDto)
  phaseDeadlines?: PhaseDeadlinesDto;
}

export class ContributionCreateDto {
  @ApiProperty({ maxLength: ROUND_LIMITS.body })
  @IsLongText(ROUND_LIMITS.body)
  body: string;

  @ApiPropertyOptional({ maxLength: ROUND_LIMITS.clientId, description: 'Sent again with the same value, the contribution is created once' })
  @IsOmittable()
  @IsString({ message: 'clientId must be a string' })
  @NoControlCharacters()
  @Length(1, ROUND_LIMITS.clientId, { message: `clientId must be 1 to ${ROUND_LIMITS.clientId} characters` })
  clientId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'In the answers phase: the clarifying question this answers, so each question gets its own answer. Without it, the answer is a general one' })
  @IsOmittable()
  @IsUUID('all', { message: 'replyToId must be the id of a clarifying question of this round' })
  replyToId?: string;
}

export class DeadlineDto {
  @ApiProperty({ format: 'date-time', description: "The current phase's new deadline; later phases move by as much" })
  @IsBoundedDate({ message: 'endsAt must be an ISO 8601 date-time' })
  endsAt: string;
}

export class ModeratorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class RoundPhaseDto implements RoundPhaseResponse {
  @ApiProperty({ enum: ROUND_PHASES }) name: RoundPhaseName;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) openedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
}

export class RoundResponseDto implements RoundResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: [...ROUND_PHASES, 'closed'] }) phase: RoundPhase;
  @ApiProperty({ type: [RoundPhaseDto] }) phases: RoundPhaseDto[];
  @ApiProperty({ format: 'uuid' }) presenterId: string;
  @ApiProperty() presenterName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Null when the moderator left the platform: the facilitators moderate' }) moderatorId: string | null;
  @ApiProperty() paused: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
}

export class RoundContributionDto implements RoundContributionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ROUND_PHASES }) phase: RoundPhaseName;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ enum: ['web', 'email'] }) via: 'web' | 'email';
  @ApiProperty({ type: String, nullable: true, enum: QUESTION_KINDS }) kind: QuestionKind | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'In the answers phase: the clarifying question this answers' }) replyToId: string | null;
}

export class ContributionCreatedDto extends RoundContributionDto implements ContributionCreated {
  @ApiProperty({ type: String, nullable: true, description: 'A coaching hint when a question reads as closed, leading or advice (it was stored all the same)' }) hint: string | null;
}

/** Parts of the shared response types, for the DTO classes that document them. */
type Owed = RoundDetailResponse['owed'][number];

class OwedDto implements Owed {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() done: boolean;
}

export class RoundDetailResponseDto extends RoundResponseDto implements RoundDetailResponse {
  @ApiProperty() caseText: string;
  @ApiProperty({ type: [RoundContributionDto] }) contributions: RoundContributionDto[];
  @ApiProperty({ type: [OwedDto], description: 'Who owes a contribution in the current phase and whether they gave it: all of them for moderators and facilitators, the caller otherwise' }) owed: OwedDto[];
  @ApiProperty() canContribute: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The caller's reply address for this round" }) replyAddress: string | null;
}

export class RoundDeliveryDto implements RoundDelivery {
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: MAIL_DELIVERY_STATUSES }) status: MailDeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'The last SMTP error, when a try failed' }) lastError: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ enum: ROUND_DELIVERY_KINDS, description: 'A phase opening, a reminder, the confirmation of a reply, the round’s close' }) kind: RoundDeliveryKind;
  @ApiProperty({ type: String, nullable: true, enum: ROUND_PHASES, description: 'The phase it belongs to (a confirmation: the phase of the reply)' }) phase: RoundPhaseName | null;
}
