import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { airtimeSummary, voiceAirtime, LiveRecordErrorCode, MeetingErrorCode, questionCounts, type SessionRecordResponse } from '@als/shared';
import { forbidden, notFound } from '@api/common/domain-error';
import { Clock } from '@api/common/clock';
import { AuditService } from '@api/evaluation/audit.service';
import { facilitatedBy, type MeetingForHistory } from '@api/facilitation/facilitation-history';
import { MeetingAccessPolicy } from '@api/meetings/meeting-access.policy';
import { LiveSessionsService } from './live-sessions.service';

/**
 * What a live session leaves behind, for the set's facilitators and members (sponsors: 403):
 * questions, reflections and actions, with the cases their presenter withheld left out; airtime,
 * question kinds and ratings. Each reading is audited.
 */
@Injectable()
export class LiveRecordService {
  constructor(
    private readonly policy: MeetingAccessPolicy,
    private readonly sessions: LiveSessionsService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(userId: string, meetingId: string): Promise<SessionRecordResponse> {
    const access = await this.policy.meeting(userId, meetingId);
    if (!access) throw notFound(MeetingErrorCode.NotFound, 'Meeting not found.');
    if (access.role === 'sponsor') throw forbidden(LiveRecordErrorCode.SponsorsExcluded, 'Sponsors see the schedule and attendance, never what is discussed.');
    const { seq, state } = await this.sessions.current(access.meetingId);
    if (seq === 0) {
      const [purged] = (await this.db.query(`SELECT 1 FROM "session_statistics" WHERE "meetingId" = $1`, [access.meetingId])) as unknown[];
      throw purged
        ? notFound(LiveRecordErrorCode.Purged, 'The record of this session was deleted at the end of the set’s retention period.')
        : notFound(LiveRecordErrorCode.NotHeld, 'No live session was held for this meeting.');
    }
    await this.audit.record(access.setId, userId, 'session-record.viewed', { meetingId: access.meetingId });
    const kept = (presenterId: string) => !state.withheld.includes(presenterId);
    const questions = state.questions.filter((q) => kept(q.presenterId));
    const meetings = (await this.db.query(`SELECT "id", "endsAt", "status", "facilitatorId", "coFacilitatorId" FROM "meetings" WHERE "id" = $1`, [access.meetingId])) as MeetingForHistory[];
    return {
      meetingId: access.meetingId,
      facilitatedBy: (await facilitatedBy(this.db.manager, meetings, this.clock.now())).get(access.meetingId) ?? [],
      phase: state.phase,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      participants: state.roster,
      attendance: await this.sessions.attendance(access.meetingId),
      questions: questions.map((q) => ({ presenterId: q.presenterId, askerId: q.askerId, text: q.text, kind: q.kind, helpful: q.helpful, phase: q.phase })),
      reflections: state.reflections.filter((r) => kept(r.presenterId)).map((r) => ({ presenterId: r.presenterId, text: r.text })),
      actions: state.actions.map((a) => ({ ownerId: a.ownerId, presenterId: a.presenterId, text: a.text, dueAt: a.dueAt })),
      withheld: state.withheld,
      airtime: { ...airtimeSummary(state), voice: voiceAirtime(state) },
      questionCounts: questionCounts(state.questions.map((q) => q.kind)),
      ratings: {
        count: state.ratings.length,
        average: state.ratings.length ? Math.round((state.ratings.reduce((s, r) => s + r.rating, 0) / state.ratings.length) * 10) / 10 : null,
        comments: state.ratings.map((r) => r.comment).filter(Boolean),
      },
      checkOuts: state.checkOuts,
      reviewWords: (state.reviewWords ?? []).map((w) => ({ prompt: w.prompt, text: w.text, authorId: w.authorId })),
      offers: (state.offers ?? []).filter((o) => kept(o.presenterId)).map((o) => ({ presenterId: o.presenterId, userId: o.userId, text: o.text })),
      contractAgreed: state.contracting?.agreed ?? null,
    };
  }
}
