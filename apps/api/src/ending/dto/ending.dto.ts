import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { ENDING_ANSWER_MAX, ENDING_PROMPTS, type EndingPromptId, type EndingResponse, type EndingReviewRequest, type EndingReviewResponse, type SharedEndingReview } from '@als/shared';
import { IsOptionalLongText } from '@api/common/validators';

export class EndingReviewDto implements EndingReviewRequest {
  @ApiProperty({ maxLength: ENDING_ANSWER_MAX, description: ENDING_PROMPTS[0].label })
  @IsOptionalLongText(ENDING_ANSWER_MAX)
  cameWith: string;

  @ApiProperty({ maxLength: ENDING_ANSWER_MAX, description: ENDING_PROMPTS[1].label })
  @IsOptionalLongText(ENDING_ANSWER_MAX)
  changed: string;

  @ApiProperty({ maxLength: ENDING_ANSWER_MAX, description: ENDING_PROMPTS[2].label })
  @IsOptionalLongText(ENDING_ANSWER_MAX)
  takeForward: string;

  @ApiProperty({ description: 'Shared with the set (its facilitators and members read it); otherwise yours alone' })
  @IsBoolean({ message: 'shared must be true or false' })
  shared: boolean;
}

export class EndingReviewResponseDto implements EndingReviewResponse {
  @ApiProperty() cameWith: string;
  @ApiProperty() changed: string;
  @ApiProperty() takeForward: string;
  @ApiProperty() shared: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class SharedEndingReviewDto implements SharedEndingReview {
  @ApiProperty() displayName: string;
  @ApiProperty() cameWith: string;
  @ApiProperty() changed: string;
  @ApiProperty() takeForward: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class EndingPromptDto {
  @ApiProperty({ enum: ENDING_PROMPTS.map((p) => p.id) }) id: EndingPromptId;
  @ApiProperty() label: string;
  @ApiProperty() hint: string;
}

export class EndingResponseDto implements EndingResponse {
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When a facilitator opened the ending review' }) openedAt: string | null;
  @ApiProperty({ description: 'Reviews can be written: opened, and the set not closed' }) open: boolean;
  @ApiProperty({ type: [EndingPromptDto] }) prompts: EndingPromptDto[];
  @ApiProperty({ type: EndingReviewResponseDto, nullable: true, description: 'Your own review' }) mine: EndingReviewResponseDto | null;
  @ApiProperty({ type: [SharedEndingReviewDto], description: 'Reviews shared with the set, oldest first' }) shared: SharedEndingReviewDto[];
  @ApiProperty({ description: 'Participants who wrote a review' }) submitted: number;
  @ApiProperty({ description: 'Participants (facilitators and members)' }) participants: number;
}
