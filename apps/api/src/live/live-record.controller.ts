import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FacilitatedByDto } from '@api/facilitation/dto/facilitation.dto';
import type { SessionRecordResponse } from '@als/shared';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentUser } from '@api/common/request-user';
import { UserEntity } from '@api/users/user.entity';
import { LiveRecordService } from './live-record.service';

class SessionRecordResponseDto implements SessionRecordResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiPropertyOptional({ type: [FacilitatedByDto], description: "Who held the facilitator's controls, in the order they took them" }) facilitatedBy?: FacilitatedByDto[];
  @ApiProperty() phase: string;
  @ApiProperty({ type: String, nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { userId: { type: 'string' }, displayName: { type: 'string' } } } }) participants: SessionRecordResponse['participants'];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'present: [{ userId, inRoom }] (who joined), apologies: [userId]' }) attendance: SessionRecordResponse['attendance'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'presenterId, askerId, text, kind, helpful, phase' }) questions: SessionRecordResponse['questions'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'presenterId, text' }) reflections: SessionRecordResponse['reflections'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'ownerId, presenterId, text, dueAt' }) actions: SessionRecordResponse['actions'];
  @ApiProperty({ type: [String], description: 'Presenters who withheld their case' }) withheld: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'presenters: [{ userId, ms }], questions: [{ userId, count, share }], voice: [{ userId, ms }] (speaking time in the set\'s own call)' }) airtime: SessionRecordResponse['airtime'];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'open, closed, leading, advice' }) questionCounts: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'count, average, comments' }) ratings: SessionRecordResponse['ratings'];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) checkOuts: SessionRecordResponse['checkOuts'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'prompt (helped, hindered, questioning), text, authorId (null: anonymous)' }) reviewWords: SessionRecordResponse['reviewWords'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'presenterId, userId, text: offers made while the presenter invited them' }) offers: SessionRecordResponse['offers'];
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'text, presentIds, at: the ground rules this session agreed' }) contractAgreed: SessionRecordResponse['contractAgreed'];
}

/** What a live session leaves behind, for the set's members only. */
@ApiTags('live')
@ApiErrors(401, 403, 404)
@ApiBearerAuth()
@Controller('meetings/:meetingId/record')
export class LiveRecordController {
  constructor(private readonly records: LiveRecordService) {}

  @Get()
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: SessionRecordResponseDto, description: 'The session record: questions, reflections, actions, airtime, ratings; cases their presenter withheld are left out. Sponsors: 403.' })
  record(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string): Promise<SessionRecordResponse> {
    return this.records.record(user.id, meetingId);
  }
}
