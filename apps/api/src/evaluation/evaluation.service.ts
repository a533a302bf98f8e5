import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  countKinds,
  gini,
  SELF_ASSESSMENT_SCALE,
  SELF_ASSESSMENT_STATEMENTS,
  sessionStatistics,
  type EvaluationMember,
  type EvaluationResponse,
  type MySelfAssessmentResponse,
  type SelfAssessmentStage,
  type SessionStatistics,
  type SetRole,
} from '@als/shared';
import { Clock } from '@api/common/clock';
import { LiveSessionsService } from '@api/live/live-sessions.service';
import { MEETING_PRESENCE } from '@api/live/in-room-presence';
import type { MembershipEntity } from '@api/sets/membership.entity';
import { purgeAfter } from '@api/sets/sets.service';
import { SetEntity } from '@api/sets/set.entity';
import { SelfAssessmentEntity } from './evaluation.entities';
import { AuditService } from './audit.service';

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** A meeting held, with its attendance figures. */
export interface HeldMeeting {
  id: string;
  startsAt: Date;
  attending: number;
  apologies: number;
  lateApologies: number;
  present: number;
}

/** How a person who has left the set is named in its figures. */
export const FORMER_MEMBER = 'A former member';

/** Who took part in the set's sessions or meetings and is no longer in it, in a stable order (first seen first). */
export function formerParticipants(sessions: SessionStatistics[], present: string[], current: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  for (const s of sessions) for (const id of [...s.roster, ...s.presented, ...Object.keys(s.airtimeMs), ...Object.keys(s.questions)]) seen.add(id);
  for (const id of present) seen.add(id);
  return [...seen].filter((id) => !current.has(id));
}

/**
 * A set's evaluation over its life, in figures only: attendance per meeting, airtime and
 * questions per member with their equity, question kinds, process-review ratings, action
 * completion and the before/after self-assessment. Sessions are read from their state while it
 * is kept, and from their kept statistics after the retention period.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly db: DataSource,
    private readonly live: LiveSessionsService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The statistics of every live session held in the set, by meeting. */
  async sessions(setId: string): Promise<Map<string, SessionStatistics>> {
    const held = (await this.db.query(
      `SELECT m."id", ls."seq", st."stats" FROM "meetings" m
         LEFT JOIN "live_sessions" ls ON ls."meetingId" = m."id"
         LEFT JOIN "session_statistics" st ON st."meetingId" = m."id"
        WHERE m."setId" = $1 AND (ls."seq" > 0 OR st."meetingId" IS NOT NULL)`,
      [setId],
    )) as { id: string; seq: number | null; stats: SessionStatistics | null }[];
    const result = new Map<string, SessionStatistics>();
    for (const row of held) {
      if (row.stats) result.set(row.id, row.stats);
      else result.set(row.id, sessionStatistics((await this.live.current(row.id)).state));
    }
    return result;
  }

  /** A member's answers to the before/after questionnaire (again: replaces them), stamped by the clock. */
  async answerSelfAssessment(membership: Pick<MembershipEntity, 'setId' | 'userId'>, stage: SelfAssessmentStage, answers: number[]): Promise<SelfAssessmentEntity> {
    const repo = this.db.getRepository(SelfAssessmentEntity);
    await repo.upsert({ setId: membership.setId, userId: membership.userId, stage, answers, updatedAt: this.clock.now() }, ['setId', 'userId', 'stage']);
    return repo.findOneByOrFail({ setId: membership.setId, userId: membership.userId, stage });
  }

  /** The questionnaire and the caller's own answers. */
  async mySelfAssessment(membership: Pick<MembershipEntity, 'setId' | 'userId'>): Promise<MySelfAssessmentResponse> {
    const rows = await this.db.getRepository(SelfAssessmentEntity).find({ where: { setId: membership.setId, userId: membership.userId }, order: { stage: 'DESC' } });
    return {
      statements: SELF_ASSESSMENT_STATEMENTS.map((s) => ({ ...s })),
      scale: [...SELF_ASSESSMENT_SCALE.labels],
      mine: rows.map((r) => ({ stage: r.stage, answers: r.answers, updatedAt: r.updatedAt.toISOString() })),
    };
  }

  /** The evaluation a facilitator or sponsor asked for (the route's guard lets only them in); the viewing is audited. */
  async view(membership: Pick<MembershipEntity, 'setId' | 'userId' | 'role'>): Promise<EvaluationResponse> {
    const set = await this.db.getRepository(SetEntity).findOneByOrFail({ id: membership.setId });
    const result = await this.evaluate(set, membership.role);
    await this.audit.record(set.id, membership.userId, 'evaluation.viewed', { role: membership.role });
    return result;
  }

  /** The set's meetings held so far (started, or with a live session), oldest first, with their attendance figures. */
  async heldMeetings(setId: string, sessions: Map<string, SessionStatistics>): Promise<HeldMeeting[]> {
    const now = this.clock.now();
    return (await this.db.query(
      `SELECT m."id", m."startsAt",
              count(a.*) FILTER (WHERE a."status" = 'attending')::int AS "attending",
              count(a.*) FILTER (WHERE a."status" = 'apology')::int AS "apologies",
              count(a.*) FILTER (WHERE a."status" = 'apology' AND a."late")::int AS "lateApologies",
              (SELECT count(*)::int FROM ${MEETING_PRESENCE} sa WHERE sa."meetingId" = m."id") AS "present"
         FROM "meetings" m LEFT JOIN "meeting_attendance" a ON a."meetingId" = m."id"
        WHERE m."setId" = $1 AND m."status" = 'scheduled'
          AND (m."startsAt" <= $2 OR m."id" = ANY($3::uuid[]))
        GROUP BY m."id" ORDER BY m."startsAt"`,
      [setId, now, [...sessions.keys()]],
    )) as HeldMeeting[];
  }

  async evaluate(set: SetEntity, role: SetRole): Promise<EvaluationResponse> {
    const sessions = await this.sessions(set.id);
    const meetingRows = await this.heldMeetings(set.id, sessions);
    const people = (await this.db.query(
      `SELECT ms."userId", u."displayName" FROM "set_memberships" ms JOIN "users" u ON u."id" = ms."userId"
        WHERE ms."setId" = $1 AND ms."role" IN ('facilitator', 'member') ORDER BY ms."createdAt"`,
      [set.id],
    )) as { userId: string; displayName: string }[];
    const presence = (await this.db.query(
      `SELECT sa."userId", count(*)::int AS n FROM ${MEETING_PRESENCE} sa JOIN "meetings" m ON m."id" = sa."meetingId" WHERE m."setId" = $1 GROUP BY sa."userId"`,
      [set.id],
    )) as { userId: string; n: number }[];

    const all = [...sessions.values()];
    // People who took part and have since left stay in the figures, as "a former member" (never their name).
    const sponsors = new Set(((await this.db.query(`SELECT "userId" FROM "set_memberships" WHERE "setId" = $1 AND "role" = 'sponsor'`, [set.id])) as { userId: string }[]).map((r) => r.userId));
    const former = formerParticipants(all, presence.map((p) => p.userId), new Set([...people.map((p) => p.userId), ...sponsors]));
    const everyone = [...people.map((p) => ({ ...p, former: false, id: p.userId })), ...former.map((userId, i) => ({ userId, displayName: FORMER_MEMBER, former: true, id: `former-${i + 1}` }))];
    const airtimeMs = everyone.map(({ userId }) => all.reduce((sum, s) => sum + (s.airtimeMs[userId] ?? 0), 0));
    const members: EvaluationMember[] = everyone.map(({ userId, displayName, former: isFormer, id }, index) => ({
      userId: id,
      displayName,
      former: isFormer,
      meetingsPresent: presence.find((p) => p.userId === userId)?.n ?? 0,
      presented: all.filter((s) => s.presented.includes(userId)).length,
      airtimeMinutes: round(airtimeMs[index] / 60_000, 1),
      voiceMinutes: round(all.reduce((sum, s) => sum + (s.voiceMs?.[userId] ?? 0), 0) / 60_000, 1),
      questions: all.reduce((sum, s) => sum + Object.values(s.questions[userId] ?? {}).reduce((a, b) => a + (b ?? 0), 0), 0),
    }));
    const ratings = all.flatMap((s) => s.ratings);
    const distribution = [1, 2, 3, 4, 5].map((r) => ratings.filter((x) => x === r).length);

    const [actions] = (await this.db.query(
      `SELECT count(*)::int AS "total",
              count(*) FILTER (WHERE "status" = 'open')::int AS "open",
              count(*) FILTER (WHERE "status" = 'done')::int AS "done",
              count(*) FILTER (WHERE "status" = 'partly')::int AS "partly",
              count(*) FILTER (WHERE "status" = 'not-done')::int AS "notDone"
         FROM "actions" WHERE "setId" = $1`,
      [set.id],
    )) as { total: number; open: number; done: number; partly: number; notDone: number }[];
    const reported = actions.done + actions.partly + actions.notDone;

    const assessments = (await this.db.query(`SELECT "stage", "answers" FROM "self_assessments" WHERE "setId" = $1`, [set.id])) as { stage: 'start' | 'end'; answers: number[] }[];
    const average = (stage: 'start' | 'end', index: number) => {
      const scores = assessments.filter((a) => a.stage === stage).map((a) => a.answers[index]);
      return scores.length ? round(scores.reduce((a, b) => a + b, 0) / scores.length, 2) : null;
    };

    const closedUntil = purgeAfter(set);
    return {
      set: { id: set.id, name: set.name, status: set.status, closedAt: set.closedAt?.toISOString() ?? null, purgeAfter: closedUntil?.toISOString() ?? null },
      meetings: meetingRows.map((m) => ({
        meetingId: m.id,
        startsAt: new Date(m.startsAt).toISOString(),
        attending: m.attending,
        apologies: m.apologies,
        lateApologies: m.lateApologies,
        present: sessions.has(m.id) ? m.present : null,
      })),
      members: role === 'facilitator' ? members : null,
      questionKinds: countKinds(all.flatMap((s) => Object.values(s.questions))),
      equity: { airtime: round(gini(airtimeMs), 3), questions: round(gini(members.map((m) => m.questions)), 3) },
      ratings: { count: ratings.length, average: ratings.length ? round(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2) : null, distribution },
      actions: { ...actions, completionRate: reported ? round(actions.done / reported, 3) : null },
      selfAssessment: {
        statements: SELF_ASSESSMENT_STATEMENTS.map((s, i) => ({ id: s.id, text: s.text, start: average('start', i), end: average('end', i) })),
        responses: { start: assessments.filter((a) => a.stage === 'start').length, end: assessments.filter((a) => a.stage === 'end').length },
      },
    };
  }
}
