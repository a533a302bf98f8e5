import { Controller, ForbiddenException, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { airtimeSummary, questionCounts, type SessionRecordResponse } from '@als/shared';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentUser } from '@api/common/request-user';
import { UserEntity } from '@api/users/user.entity';
import { DataSource } from 'typeorm';
import { AuditService } from '@api/evaluation/audit.service';
import { LiveSessionsService } from './live-sessions.service';

class SessionRecordResponseDto implements SessionRecordResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty() phase: string;
  @ApiProperty({ type: String, nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { userId: { type: 'string' }, displayName: { type: 'string' } } } }) participants: SessionRecordResponse['participants'];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'present: [{ userId, inRoom }] (who joined), apologies: [userId]' }) attendance: SessionRecordResponse['attendance'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'presenterId, askerId, text, kind, helpful, phase' }) questions: SessionRecordResponse['questions'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'presenterId, text' }) reflections: SessionRecordResponse['reflections'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'ownerId, presenterId, text, dueAt' }) actions: SessionRecordResponse['actions'];
  @ApiProperty({ type: [String], description: 'Presenters who withheld their case' }) withheld: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'presenters: [{ userId, ms }], questions: [{ userId, count, share }]' }) airtime: SessionRecordResponse['airtime'];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'open, closed, leading, advice' }) questionCounts: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'count, average, comments' }) ratings: SessionRecordResponse['ratings'];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) checkOuts: SessionRecordResponse['checkOuts'];
}

/** What a live session leaves behind, for the set's members only. */
@ApiTags('live')
@ApiErrors(401, 403, 404)
@ApiBearerAuth()
@Controller('meetings/:meetingId/record')
export class LiveRecordController {
  constructor(
    private readonly sessions: LiveSessionsService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
  ) {}

  @Get()
  @ApiIdParam('meetingId', 'The meeting (any occurrence of a series)')
  @ApiOkResponse({ type: SessionRecordResponseDto, description: 'The session record: questions, reflections, actions, airtime, ratings; cases their presenter withheld are left out. Sponsors: 403.' })
  async record(@CurrentUser() user: UserEntity, @Param('meetingId') meetingId: string): Promise<SessionRecordResponse> {
    const access = await this.sessions.access(user.id, meetingId);
    if (!access) throw new NotFoundException('Meeting not found.');
    if (access.role === 'sponsor') throw new ForbiddenException('Sponsors see the schedule and attendance, never what is discussed.');
    const { seq, state } = await this.sessions.current(access.meetingId);
    if (seq === 0) {
      const [purged] = (await this.db.query(`SELECT 1 FROM "session_statistics" WHERE "meetingId" = $1`, [access.meetingId])) as unknown[];
      throw new NotFoundException(purged ? 'The record of this session was deleted at the end of the set’s retention period.' : 'No live session was held for this meeting.');
    }
    await this.audit.record(access.setId, user.id, 'session-record.viewed', { meetingId: access.meetingId });
    const kept = (presenterId: string) => !state.withheld.includes(presenterId);
    const questions = state.questions.filter((q) => kept(q.presenterId));
    return {
      meetingId: access.meetingId,
      phase: state.phase,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      participants: state.roster,
      attendance: await this.sessions.attendance(access.meetingId),
      questions: questions.map((q) => ({ presenterId: q.presenterId, askerId: q.askerId, text: q.text, kind: q.kind, helpful: q.helpful, phase: q.phase })),
      reflections: state.reflections.filter((r) => kept(r.presenterId)).map((r) => ({ presenterId: r.presenterId, text: r.text })),
      actions: state.actions.map((a) => ({ ownerId: a.ownerId, presenterId: a.presenterId, text: a.text, dueAt: a.dueAt })),
      withheld: state.withheld,
      airtime: airtimeSummary(state),
      questionCounts: questionCounts(state.questions.map((q) => q.kind)),
      ratings: {
        count: state.ratings.length,
        average: state.ratings.length ? Math.round((state.ratings.reduce((s, r) => s + r.rating, 0) / state.ratings.length) * 10) / 10 : null,
        comments: state.ratings.map((r) => r.comment).filter(Boolean),
      },
      checkOuts: state.checkOuts,
    };
  }
}
