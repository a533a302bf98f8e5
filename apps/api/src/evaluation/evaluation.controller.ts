import { Body, Controller, Get, Param, ParseEnumPipe, Put, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  AUDIT_ACTIONS,
  EVALUATION_EXPORT_FORMATS,
  type EvaluationExportFormat,
  EvaluationErrorCode,
  SELF_ASSESSMENT_SCALE,
  SELF_ASSESSMENT_STAGES,
  SELF_ASSESSMENT_STATEMENTS,
  SET_STATUSES,
  type AuditAction,
  type AuditEntryResponse,
  type EvaluationMeeting,
  type EvaluationMember,
  type EvaluationResponse,
  type MySelfAssessmentResponse,
  type QuestionKind,
  type SelfAssessmentResponse,
  type SelfAssessmentStage,
  type SetStatus,
} from '@als/shared';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentMembership, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MembershipEntity } from '@api/sets/membership.entity';
import { badRequest } from '@api/common/domain-error';
import { AUDIT_PAGE_MAX, AuditService } from './audit.service';
import { EvaluationService } from './evaluation.service';
import { EvaluationReportService } from './evaluation-report.service';
import { EvaluationTrendsResponseDto } from './dto/evaluation-trends.dto';

/** Parts of the shared response types, for the DTO classes that document them. */
type EvaluationSet = EvaluationResponse['set'];
type Equity = EvaluationResponse['equity'];
type Ratings = EvaluationResponse['ratings'];
type ActionFigures = EvaluationResponse['actions'];
type SelfAssessmentStatementFigures = EvaluationResponse['selfAssessment']['statements'][number];
type SelfAssessmentCounts = EvaluationResponse['selfAssessment']['responses'];
type SelfAssessmentFigures = EvaluationResponse['selfAssessment'];
type SelfAssessmentStatement = MySelfAssessmentResponse['statements'][number];

class EvaluationSetDto implements EvaluationSet {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SET_STATUSES }) status: SetStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) purgeAfter: string | null;
}

class EvaluationMeetingDto implements EvaluationMeeting {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ description: 'Replies "attending"' }) attending: number;
  @ApiProperty() apologies: number;
  @ApiProperty() lateApologies: number;
  @ApiProperty({ type: Number, nullable: true, description: 'People in the live session, when one was held' }) present: number | null;
}

class EvaluationMemberDto implements EvaluationMember {
  @ApiProperty({ description: 'The member’s id; former-1, former-2… for people who have left the set' }) userId: string;
  @ApiProperty({ description: '"A former member" for people who have left the set (never their name)' }) displayName: string;
  @ApiProperty({ description: 'Took part, and has since left the set' }) former: boolean;
  @ApiProperty() meetingsPresent: number;
  @ApiProperty({ description: 'Sessions in which they presented a case' }) presented: number;
  @ApiProperty() airtimeMinutes: number;
  @ApiProperty({ description: 'Minutes they spoke in the set\'s own call (voice activity, measured in their browser)' }) voiceMinutes: number;
  @ApiProperty({ description: 'Questions they asked' }) questions: number;
}

class QuestionKindsDto implements Record<QuestionKind, number> {
  @ApiProperty() open: number;
  @ApiProperty() closed: number;
  @ApiProperty() leading: number;
  @ApiProperty() advice: number;
}

class EquityDto implements Equity {
  @ApiProperty({ description: 'Gini coefficient of airtime among members: 0 equal, towards 1 one person had it all' }) airtime: number;
  @ApiProperty({ description: 'Gini coefficient of questions asked among members' }) questions: number;
}

class RatingsDto implements Ratings {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true }) average: number | null;
  @ApiProperty({ type: [Number], description: 'How many ratings of 1, 2, 3, 4 and 5' }) distribution: number[];
}

class ActionFiguresDto implements ActionFigures {
  @ApiProperty() total: number;
  @ApiProperty() open: number;
  @ApiProperty() done: number;
  @ApiProperty() partly: number;
  @ApiProperty() notDone: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Done over all reported on (done, partly, not done)' }) completionRate: number | null;
}

class SelfAssessmentStatementFiguresDto implements SelfAssessmentStatementFigures {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Average score at the start' }) start: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Average score at the end' }) end: number | null;
}

class SelfAssessmentCountsDto implements SelfAssessmentCounts {
  @ApiProperty() start: number;
  @ApiProperty() end: number;
}

class SelfAssessmentFiguresDto implements SelfAssessmentFigures {
  @ApiProperty({ type: [SelfAssessmentStatementFiguresDto] }) statements: SelfAssessmentStatementFiguresDto[];
  @ApiProperty({ type: SelfAssessmentCountsDto }) responses: SelfAssessmentCountsDto;
}

export class EvaluationResponseDto implements EvaluationResponse {
  @ApiProperty({ type: EvaluationSetDto }) set: EvaluationSetDto;
  @ApiProperty({ type: [EvaluationMeetingDto], description: 'Meetings held so far (started, or with a live session), oldest first' }) meetings: EvaluationMeetingDto[];
  @ApiProperty({ type: [EvaluationMemberDto], nullable: true, description: 'Per member; null for sponsors, who see the set’s figures only' }) members: EvaluationMemberDto[] | null;
  @ApiProperty({ type: QuestionKindsDto }) questionKinds: QuestionKindsDto;
  @ApiProperty({ type: EquityDto }) equity: EquityDto;
  @ApiProperty({ type: RatingsDto }) ratings: RatingsDto;
  @ApiProperty({ type: ActionFiguresDto }) actions: ActionFiguresDto;
  @ApiProperty({ type: SelfAssessmentFiguresDto }) selfAssessment: SelfAssessmentFiguresDto;
}

export class SelfAssessmentDto {
  @ApiProperty({ type: [Number], minItems: SELF_ASSESSMENT_STATEMENTS.length, maxItems: SELF_ASSESSMENT_STATEMENTS.length, description: `One score from ${SELF_ASSESSMENT_SCALE.min} to ${SELF_ASSESSMENT_SCALE.max} per statement, in order` })
  @IsArray({ message: 'answers must be a list of scores' })
  @ArrayMinSize(SELF_ASSESSMENT_STATEMENTS.length, { message: `answers must have one score for each of the ${SELF_ASSESSMENT_STATEMENTS.length} statements` })
  @ArrayMaxSize(SELF_ASSESSMENT_STATEMENTS.length, { message: `answers must have one score for each of the ${SELF_ASSESSMENT_STATEMENTS.length} statements` })
  @IsInt({ each: true, message: 'each score must be a whole number' })
  @Min(SELF_ASSESSMENT_SCALE.min, { each: true, message: `each score must be at least ${SELF_ASSESSMENT_SCALE.min}` })
  @Max(SELF_ASSESSMENT_SCALE.max, { each: true, message: `each score must be at most ${SELF_ASSESSMENT_SCALE.max}` })
  answers: number[];
}

class SelfAssessmentAnswerDto implements SelfAssessmentResponse {
  @ApiProperty({ enum: SELF_ASSESSMENT_STAGES }) stage: SelfAssessmentStage;
  @ApiProperty({ type: [Number] }) answers: number[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class SelfAssessmentStatementDto implements SelfAssessmentStatement {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
}

export class MySelfAssessmentResponseDto implements MySelfAssessmentResponse {
  @ApiProperty({ type: [SelfAssessmentStatementDto] }) statements: SelfAssessmentStatementDto[];
  @ApiProperty({ type: [String], description: 'What the scores mean, from 1 to 5' }) scale: string[];
  @ApiProperty({ type: [SelfAssessmentAnswerDto], description: 'Your own answers so far (start, end)' }) mine: SelfAssessmentAnswerDto[];
}

export class EvaluationExportQueryDto {
  @ApiPropertyOptional({ enum: EVALUATION_EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EVALUATION_EXPORT_FORMATS, { message: `format must be one of ${EVALUATION_EXPORT_FORMATS.join(', ')}` })
  format?: EvaluationExportFormat;
}

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Page back: entries older than this id' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before must be an audit entry id' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;
}

class AuditEntryDto implements AuditEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;
}

@ApiTags('evaluation')
@ApiErrors(400, 401, 403, 404)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@ApiIdParam('setId', 'The set')
@Controller('sets/:setId')
export class EvaluationController {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly audit: AuditService,
    private readonly report: EvaluationReportService,
  ) {}

  @Get('evaluation/trends')
  @SetRoles('facilitator', 'sponsor')
  @ApiOkResponse({ type: EvaluationTrendsResponseDto, description: 'Each meeting held, in order: attendance, question mix and ratings; and the change over the set. Figures only.' })
  trends(@CurrentMembership() membership: MembershipEntity): Promise<EvaluationTrendsResponseDto> {
    return this.report.trends(membership);
  }

  @Get('evaluation/export')
  @SetRoles('facilitator', 'sponsor')
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'The commissioner’s export: the figures per meeting as CSV (UTF-8 with BOM, formula cells neutralised), or a PDF report. Figures only, never content or names; the export is audited.', schema: { type: 'string', format: 'binary' } })
  async export(@CurrentMembership() membership: MembershipEntity, @Query() query: EvaluationExportQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const file = await this.report.export(membership, query.format ?? 'csv');
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return new StreamableFile(file.body);
  }

  @Get('evaluation')
  @SetRoles('facilitator', 'sponsor')
  @ApiOkResponse({ type: EvaluationResponseDto, description: "The set's evaluation in figures, never content. Facilitators see figures per member; sponsors the set's figures only; members: 403." })
  evaluate(@CurrentMembership() membership: MembershipEntity): Promise<EvaluationResponseDto> {
    return this.evaluation.view(membership);
  }

  @Get('self-assessment')
  @SetRoles('facilitator', 'member')
  @ApiOkResponse({ type: MySelfAssessmentResponseDto, description: 'The before/after questionnaire and your own answers' })
  mine(@CurrentMembership() membership: MembershipEntity): Promise<MySelfAssessmentResponseDto> {
    return this.evaluation.mySelfAssessment(membership);
  }

  @Put('self-assessment/:stage')
  @SetRoles('facilitator', 'member')
  @ApiParam({ name: 'stage', enum: SELF_ASSESSMENT_STAGES })
  @ApiOkResponse({ type: SelfAssessmentAnswerDto, description: 'Your answers at the start or at the end of the set (again: replaces them). Only figures reach the evaluation.' })
  async answer(
    @CurrentMembership() membership: MembershipEntity,
    @Param('stage', new ParseEnumPipe(Object.fromEntries(SELF_ASSESSMENT_STAGES.map((s) => [s, s])), { exceptionFactory: () => badRequest(EvaluationErrorCode.InvalidStage, `stage must be one of ${SELF_ASSESSMENT_STAGES.join(', ')}`, 'stage') })) stage: SelfAssessmentStage,
    @Body() dto: SelfAssessmentDto,
  ): Promise<SelfAssessmentAnswerDto> {
    const saved = await this.evaluation.answerSelfAssessment(membership, stage, dto.answers);
    return { stage, answers: saved.answers, updatedAt: saved.updatedAt.toISOString() };
  }

  @Get('audit')
  @SetRoles('facilitator')
  @ApiOkResponse({ type: [AuditEntryDto], description: 'Who viewed or exported what in the set, and who changed who may see it; newest first' })
  list(@CurrentMembership() membership: MembershipEntity, @Query() query: AuditQueryDto): Promise<AuditEntryDto[]> {
    return this.audit.list(membership.setId, query.limit ?? 50, query.before);
  }
}
