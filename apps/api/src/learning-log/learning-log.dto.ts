import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { LEARNING_LOG_LIMITS, type LearningLogEntryRequest, type LearningLogEntryResponse } from '@als/shared';
import { IsBoundedDate, IsLongText, IsOmittable, IsOptionalLongText, IsText } from '@api/common/validators';

export class LearningLogEntryDto implements LearningLogEntryRequest {
  @ApiProperty({ maxLength: LEARNING_LOG_LIMITS.title, example: 'Supervision after the core group' })
  @IsText(LEARNING_LOG_LIMITS.title)
  title: string;

  @ApiProperty({ maxLength: LEARNING_LOG_LIMITS.text, description: 'What happened?' })
  @IsLongText(LEARNING_LOG_LIMITS.text)
  body: string;

  @ApiPropertyOptional({ maxLength: LEARNING_LOG_LIMITS.text, description: 'What did I learn?' })
  @IsOmittable()
  @IsOptionalLongText(LEARNING_LOG_LIMITS.text)
  learned?: string;

  @ApiPropertyOptional({ maxLength: LEARNING_LOG_LIMITS.text, description: 'What will I do differently?' })
  @IsOmittable()
  @IsOptionalLongText(LEARNING_LOG_LIMITS.text)
  different?: string;

  @ApiPropertyOptional({ maxLength: LEARNING_LOG_LIMITS.text, description: 'What was the impact on the people I work with?' })
  @IsOmittable()
  @IsOptionalLongText(LEARNING_LOG_LIMITS.text)
  impact?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A meeting of one of your sets' })
  @IsOptional()
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An asynchronous round (kept as given)' })
  @IsOptional()
  @IsUUID('all', { message: 'roundId must be a round id' })
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An action in one of your sets' })
  @IsOptional()
  @IsUUID('all', { message: 'actionId must be an action id' })
  actionId?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 1.5, description: 'Time spent, in hours (quarters of an hour), for CPD records' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'hours must be a number of hours such as 1.5' })
  @Min(0)
  @Max(24)
  hours?: number | null;

  @ApiPropertyOptional({ format: 'date', example: '2027-02-02', description: 'The day it is about (years 1900 to 2200); default: today in your time zone' })
  @IsOmittable()
  @IsBoundedDate({ dateOnly: true, message: 'occurredOn must be a date such as 2027-02-02' })
  occurredOn?: string;
}

/** Any of the fields, each may be left out; null only where it means something (no meeting, round, action or hours). */
export class LearningLogEntryUpdateDto extends PartialType(LearningLogEntryDto, { skipNullProperties: false }) {}

export class LearningLogEntryResponseDto implements LearningLogEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty() learned: string;
  @ApiProperty() different: string;
  @ApiProperty() impact: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) meetingId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) roundId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actionId: string | null;
  @ApiProperty({ example: '2027-02-02' }) occurredOn: string;
  @ApiProperty({ type: Number, nullable: true }) hours: number | null;
  @ApiProperty({ description: `Words across the prompts (guidance: about ${LEARNING_LOG_LIMITS.guidanceWords})` }) wordCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
