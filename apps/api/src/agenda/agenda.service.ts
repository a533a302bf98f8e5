import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { owes, type AgendaAction, type AgendaMeeting, type AgendaResponse, type AgendaRound, type AttendanceStatus, type LivePhase, type MeetingFormat, type RoundPhase, type SetRole } from '@als/shared';
import { Clock } from '@api/common/clock';
import { ReportBackService } from '@api/actions/report-back.service';
import { UserEntity } from '@api/users/user.entity';

/** A meeting counts as starting now from this long before its start. */
export const STARTING_SOON_MINUTES = 15;
/** Replies are asked for meetings up to this far ahead. */
export const REPLY_WINDOW_WEEKS = 8;
/** A live session still under way this long after its meeting's planned end still shows as now. */
const OVERRUN_HOURS = 2;

interface MeetingRow {
  meetingId: string;
  setId: string;
  setName: string;
  role: SetRole;
  startsAt: Date;
  endsAt: Date;
  format: MeetingFormat;
  location: string;
  videoUrl: string;
  myReply: AttendanceStatus | null;
  livePhase: LivePhase | null;
}

interface RoundRow {
  roundId: string;
  setId: string;
  setName: string;
  title: string;
  phase: RoundPhase;
  phaseEndsAt: Date | null;
  presenting: boolean;
}

/**
 * The home page's "what is needed from me": three statements (meetings, rounds, actions), each
 * limited to the caller's own memberships of open sets, so nothing of another set can show.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly reportBacks: ReportBackService,
  ) {}

  async of(user: UserEntity): Promise<AgendaResponse> {
    const now = DateTime.fromJSDate(this.clock.now());
    const [meetings, rounds, actions] = await Promise.all([this.meetings(user.id, now), this.rounds(user.id), this.reportBacks.toReportOn(user.id)]);
    const soon = now.plus({ minutes: STARTING_SOON_MINUTES }).toJSDate();
    const replyBy = now.plus({ weeks: REPLY_WINDOW_WEEKS }).toJSDate();
    const isNow = (m: MeetingRow) => (m.startsAt <= soon && m.endsAt > now.toJSDate()) || (m.livePhase !== null && m.livePhase !== 'lobby' && m.livePhase !== 'ended');
    const current = meetings.filter(isNow);
    const later = meetings.filter((m) => !isNow(m) && m.startsAt > now.toJSDate());
    const nextPerSet = new Map<string, MeetingRow>();
    for (const m of later) if (!nextPerSet.has(m.setId)) nextPerSet.set(m.setId, m);
    return {
      timeZone: user.timeZone,
      now: current.map(mapMeeting),
      nextMeetings: [...nextPerSet.values()].map(mapMeeting),
      repliesToSend: later.filter((m) => m.myReply === null && m.role !== 'sponsor' && m.startsAt <= replyBy).map(mapMeeting),
      roundsOwed: rounds.filter((r) => owes(r.phase, r.presenting)).map(mapRound),
      actionsToReport: actions
        .filter((a) => a.status === 'open')
        .map((a): AgendaAction => ({ actionId: a.id, setId: a.setId, setName: a.setName, text: a.text, dueAt: a.dueAt })),
    };
  }

  /**
   * Scheduled meetings of the caller's open sets from those under way: each set's next one, and
   * every one within the reply window. A session that has ended is not "now" any more.
   */
  private async meetings(userId: string, now: DateTime): Promise<MeetingRow[]> {
    return (await this.db.query(
      `SELECT * FROM (
         SELECT m."id" AS "meetingId", m."setId", s."name" AS "setName", ms."role", m."startsAt", m."endsAt", m."format", m."location", m."videoUrl",
                a."status" AS "myReply", ls."phase" AS "livePhase",
                row_number() OVER (PARTITION BY m."setId" ORDER BY m."startsAt") AS "rank"
           FROM "set_memberships" ms
           JOIN "sets" s ON s."id" = ms."setId" AND s."status" = 'active' AND s."purgedAt" IS NULL
           JOIN "meetings" m ON m."setId" = ms."setId" AND m."status" = 'scheduled' AND m."endsAt" > $3
           LEFT JOIN "meeting_attendance" a ON a."meetingId" = m."id" AND a."userId" = ms."userId"
           LEFT JOIN "live_sessions" ls ON ls."meetingId" = m."id"
          WHERE ms."userId" = $1 AND (ls."phase" IS NULL OR ls."phase" <> 'ended')
            AND (m."endsAt" > $2 OR ls."phase" NOT IN ('lobby', 'ended'))
       ) upcoming
       WHERE "startsAt" <= $4 OR "rank" <= 2
       ORDER BY "startsAt" ASC, "meetingId" ASC`,
      [userId, now.toJSDate(), now.minus({ hours: OVERRUN_HOURS }).toJSDate(), now.plus({ weeks: REPLY_WINDOW_WEEKS }).toJSDate()],
    )) as MeetingRow[];
  }

  /** Open rounds of the caller's open sets (as facilitator or member) where they have not yet written in the current phase. */
  private async rounds(userId: string): Promise<RoundRow[]> {
    return (await this.db.query(
      `SELECT r."id" AS "roundId", r."setId", s."name" AS "setName", r."title", r."phase", p."endsAt" AS "phaseEndsAt", (r."presenterId" = $1) AS "presenting"
         FROM "set_memberships" ms
         JOIN "sets" s ON s."id" = ms."setId" AND s."status" = 'active' AND s."purgedAt" IS NULL
         JOIN "rounds" r ON r."setId" = ms."setId" AND r."phase" NOT IN ('case', 'closed')
         LEFT JOIN "round_phases" p ON p."roundId" = r."id" AND p."name" = r."phase"
        WHERE ms."userId" = $1 AND ms."role" IN ('facilitator', 'member')
          AND NOT EXISTS (SELECT 1 FROM "round_contributions" c WHERE c."roundId" = r."id" AND c."phase" = r."phase" AND c."authorId" = $1)
        ORDER BY p."endsAt" ASC NULLS LAST, r."id" ASC`,
      [userId],
    )) as RoundRow[];
  }
}

function mapMeeting(m: MeetingRow): AgendaMeeting {
  return {
    meetingId: m.meetingId,
    setId: m.setId,
    setName: m.setName,
    role: m.role,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    format: m.format,
    location: m.location,
    videoUrl: m.videoUrl,
    myReply: m.myReply,
    livePhase: m.livePhase,
  };
}

function mapRound(r: RoundRow): AgendaRound {
  return { roundId: r.roundId, setId: r.setId, setName: r.setName, title: r.title, phase: r.phase, phaseEndsAt: r.phaseEndsAt ? r.phaseEndsAt.toISOString() : null, presenting: r.presenting };
}
