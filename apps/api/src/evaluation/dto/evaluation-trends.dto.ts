import { ApiProperty } from '@nestjs/swagger';
import { SET_STATUSES, type EvaluationTrendMeeting, type EvaluationTrendsResponse, type QuestionKind, type SetStatus } from '@als/shared';

type TrendRatings = EvaluationTrendMeeting['ratings'];
type TrendChange = EvaluationTrendsResponse['change'];
type StatementChange = TrendChange['selfAssessment'][number];

class TrendQuestionKindsDto implements Record<QuestionKind, number> {
  @ApiProperty() open: number;
  @ApiProperty() closed: number;
  @ApiProperty() leading: number;
  @ApiProperty() advice: number;
}

class TrendRatingsDto implements TrendRatings {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true }) average: number | null;
}

class EvaluationTrendMeetingDto implements EvaluationTrendMeeting {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ description: '1 for the first meeting held, and so on' }) number: number;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ description: 'Replies "attending"' }) attending: number;
  @ApiProperty() apologies: number;
  @ApiProperty({ type: Number, nullable: true, description: 'People present, when a session was held' }) present: number | null;
  @ApiProperty({ type: TrendQuestionKindsDto, nullable: true, description: 'Questions by kind; null when no session was held' }) questionKinds: TrendQuestionKindsDto | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Open questions over all questions (0 to 1)' }) openShare: number | null;
  @ApiProperty({ type: TrendRatingsDto }) ratings: TrendRatingsDto;
}

class TrendSetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SET_STATUSES }) status: SetStatus;
}

class StatementChangeDto implements StatementChange {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: Number, nullable: true }) start: number | null;
  @ApiProperty({ type: Number, nullable: true }) end: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'End minus start' }) change: number | null;
}

class TrendChangeDto implements TrendChange {
  @ApiProperty({ type: EvaluationTrendMeetingDto, nullable: true, description: 'The first meeting held' }) first: EvaluationTrendMeetingDto | null;
  @ApiProperty({ type: EvaluationTrendMeetingDto, nullable: true, description: 'The last meeting held, when more than one was' }) last: EvaluationTrendMeetingDto | null;
  @ApiProperty({ type: [StatementChangeDto], description: 'The before/after self-assessment averages' }) selfAssessment: StatementChangeDto[];
}

export class EvaluationTrendsResponseDto implements EvaluationTrendsResponse {
  @ApiProperty({ type: TrendSetDto }) set: TrendSetDto;
  @ApiProperty({ type: [EvaluationTrendMeetingDto], description: 'Meetings held, oldest first' }) meetings: EvaluationTrendMeetingDto[];
  @ApiProperty({ type: TrendChangeDto }) change: TrendChangeDto;
}
