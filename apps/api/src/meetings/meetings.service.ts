import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Between, DataSource, In, Repository } from 'typeorm';
import { canSeeSetContent, DEFAULT_AGENDA, describeRule, MeetingErrorCode, quorumStatus, SetErrorCode, type FacilitatedBy, type SetRole } from '@als/shared';
import { Clock } from '@api/common/clock';
import { badRequest, notFound } from '@api/common/domain-error';
import { OutboxService } from '@api/mail/outbox.service';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { assertSetOpen } from '@api/sets/sets.service';
import { UserEntity } from '@api/users/user.entity';
import { AttendanceEntity } from './attendance.entity';
import { AttendanceHistoryResponseDto, mapMeeting, MeetingCreateDto, MeetingDetailResponseDto, MeetingListQueryDto, MeetingResponseDto } from './dto/meeting.dto';
import { MeetingAccessPolicy, type MeetingAccess } from './meeting-access.policy';
import { MeetingNoticesService } from './meeting-notices.service';
import { parseStart, PARTICIPANT_ROLES, plainAgenda } from './meeting-rules';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { MeetingEntity } from './meeting.entity';
import { expandRule, normaliseRule, RecurrenceError } from './recurrence';
import { notYetHeld } from './meeting-held';
import { facilitatedBy } from '@api/facilitation/facilitation-history';
import { prepared } from '@api/database/prepared';

/** What the attendance figures read of a reply. */
type Reply = Pick<AttendanceEntity, 'meetingId' | 'userId' | 'status' | 'late'>;

/**
 * Scheduling meetings and reading them: the set's schedule with replies and quorum, one meeting
 * in detail, the attendance history. Changes to scheduled meetings are `MeetingChangesService`'s,
 * replies `AttendanceService`'s.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingSeriesEntity) private readonly series: Repository<MeetingSeriesEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(AttendanceEntity) private readonly attendance: Repository<AttendanceEntity>,
    @InjectRepository(SetEntity) private readonly sets: Repository<SetEntity>,
    private readonly policy: MeetingAccessPolicy,
    private readonly notices: MeetingNoticesService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Schedules one meeting, or a series whose occurrences are stored one by one; everyone is told. Answers the first. */
  async create(setId: string, dto: MeetingCreateDto): Promise<MeetingResponseDto> {
    const set = await this.sets.findOneByOrFail({ id: setId });
    assertSetOpen(set, 'schedule meetings');
    const zone = dto.timeZone ?? set.timeZone;
    const start = parseStart(dto.startsAt, zone);
    let rule: string | null = null;
    let starts = [start];
    if (dto.recurrence !== undefined) {
      try {
        rule = normaliseRule(dto.recurrence);
        starts = expandRule(rule, start);
      } catch (error) {
        if (error instanceof RecurrenceError) throw badRequest(MeetingErrorCode.InvalidRecurrence, error.message, 'recurrence');
        throw error;
      }
    }
    // Scheduled now, by the clock: which reminders a meeting still gets depends on when it was scheduled.
    const now = this.clock.now();
    const occurrences = await this.db.transaction(async (manager) => {
      const seriesId = rule ? (await manager.save(manager.create(MeetingSeriesEntity, { setId, rule, timeZone: zone }))).id : null;
      const rows = starts.map((s) =>
        manager.create(MeetingEntity, {
          setId,
          seriesId,
          startsAt: s.toJSDate(),
          endsAt: s.plus({ minutes: dto.durationMinutes }).toJSDate(),
          recurrenceId: seriesId ? s.toJSDate() : null,
          createdAt: now,
          timeZone: zone,
          format: dto.format,
          location: dto.location ?? '',
          videoUrl: dto.videoUrl ?? '',
          dialInNumbers: dto.dialInNumbers ?? [],
          dialInPasscode: dto.dialInPasscode ?? '',
          agenda: dto.agenda ? plainAgenda(dto.agenda) : DEFAULT_AGENDA,
        }),
      );
      const saved = await manager.save(rows);
      // Meetings recorded after the fact (all in the past) are not announced.
      const next = saved.find((m) => m.startsAt > now);
      const seriesNote = rule ? describeRule(rule) : undefined;
      if (next) await this.notices.announce(manager, 'scheduled', set, next, { seriesNote });
      return saved;
    });
    this.outbox.kick();
    return mapMeeting(occurrences[0], rule);
  }

  /** The set's meetings that start in [from, to], series expanded (each occurrence its own id), with replies and quorum. */
  async list(user: UserEntity, setId: string, query: MeetingListQueryDto): Promise<MeetingResponseDto[]> {
    const from = query.from ? DateTime.fromISO(query.from, { zone: 'utc' }) : this.clock.dateTime().startOf('day');
    const to = query.to ? DateTime.fromISO(query.to, { zone: 'utc' }) : from.plus({ years: 1 });
    if (!from.isValid) throw badRequest(MeetingErrorCode.InvalidRange, 'from must be an ISO 8601 date', 'from');
    if (!to.isValid) throw badRequest(MeetingErrorCode.InvalidRange, 'to must be an ISO 8601 date', 'to');
    if (to < from) throw badRequest(MeetingErrorCode.InvalidRange, 'to must not be before from', 'to');
    // A hot read: plain rows in three statements (the meetings with their series' rule; the set's
    // quorum with its participants; the replies), no entity hydration.
    const rows = await prepared<MeetingEntity & { seriesRule: string | null; sessionStarted: boolean }>(
      this.db,
      'meetings-of-set',
      `SELECT m.*, ser."rule" AS "seriesRule", NOT ${notYetHeld('m')} AS "sessionStarted" FROM "meetings" m LEFT JOIN "meeting_series" ser ON ser."id" = m."seriesId" WHERE m."setId" = $1 AND m."startsAt" BETWEEN $2 AND $3 ORDER BY m."startsAt" ASC`,
      [setId, from.toJSDate(), to.toJSDate()],
    );
    const [set] = await prepared<{ quorum: number | null; participants: string[] }>(this.db, 'set-quorum', `SELECT s."quorum", ARRAY(SELECT ms."userId" FROM "set_memberships" ms WHERE ms."setId" = s."id" AND ms."role" = ANY($2)) AS "participants" FROM "sets" s WHERE s."id" = $1`, [setId, PARTICIPANT_ROLES]);
    if (!set) throw notFound(SetErrorCode.NotFound, 'Set not found.');
    const participants = new Set(set.participants);
    const replies = rows.length ? await prepared<Reply>(this.db, 'meeting-replies', `SELECT "meetingId", "userId", "status", "late" FROM "meeting_attendance" WHERE "meetingId" = ANY($1)`, [rows.map((r) => r.id)]) : [];
    // Who facilitated the meetings held (two more statements, only when some were).
    const now = this.clock.now();
    const held = rows.filter((r) => r.sessionStarted || r.endsAt <= now);
    const history = held.length ? await facilitatedBy(this.db.manager, held, now) : new Map<string, FacilitatedBy[]>();
    return rows.map((row) => ({
      ...mapMeeting(row, row.seriesId ? row.seriesRule : null),
      ...(history.has(row.id) ? { facilitatedBy: history.get(row.id) } : {}),
      ...this.figures(row, set, participants, replies.filter((r) => r.meetingId === row.id), user.id),
    }));
  }

  /**
   * The set's attendance so far: each meeting that has started, with its figures; each person's
   * record for facilitators (a member sees their own; sponsors the figures only).
   */
  async history(membership: MembershipEntity): Promise<AttendanceHistoryResponseDto> {
    const setId = membership.setId;
    const rows = await this.meetings.find({ where: { setId, startsAt: Between(new Date(0), this.clock.now()) }, order: { startsAt: 'ASC' } });
    const people = await this.memberships.find({ where: { setId, role: In(PARTICIPANT_ROLES) }, relations: { user: true }, order: { createdAt: 'ASC' } });
    const current = new Set(people.map((p) => p.userId));
    const replies = rows.length ? (await this.attendance.findBy({ meetingId: In(rows.map((r) => r.id)) })).filter((r) => current.has(r.userId)) : [];
    const meetings = rows.map((m) => {
      const own = replies.filter((r) => r.meetingId === m.id);
      const apologies = own.filter((r) => r.status === 'apology');
      return { id: m.id, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(), status: m.status, attending: own.length - apologies.length, apologies: apologies.length, lateApologies: apologies.filter((r) => r.late).length };
    });
    if (membership.role === 'sponsor') return { meetings };
    const held = new Set(rows.filter((m) => m.status === 'scheduled').map((m) => m.id));
    const visible = membership.role === 'facilitator' ? people : people.filter((p) => p.userId === membership.userId);
    return {
      meetings,
      people: visible.map((p) => {
        const own = replies.filter((r) => r.userId === p.userId && held.has(r.meetingId));
        const apologies = own.filter((r) => r.status === 'apology');
        return { userId: p.userId, displayName: p.user.displayName, role: p.role as 'facilitator' | 'member', attending: own.length - apologies.length, apologies: apologies.length, lateApologies: apologies.filter((r) => r.late).length, noReply: held.size - own.length };
      }),
    };
  }

  /** One meeting with its set, agenda, figures and (for facilitators and members) each participant's reply. */
  async detail(user: UserEntity, meetingId: string): Promise<MeetingDetailResponseDto> {
    const { meeting, access: membership } = await this.meetingFor(user, meetingId, ['facilitator', 'member', 'sponsor']);
    const set = await this.sets.findOneByOrFail({ id: meeting.setId });
    const people = await this.memberships.find({ where: { setId: set.id, role: In(PARTICIPANT_ROLES) }, relations: { user: true }, order: { createdAt: 'ASC' } });
    const replies = await this.attendance.findBy({ meetingId: meeting.id });
    const names = new Map((await this.memberships.find({ where: { setId: set.id }, relations: { user: true } })).map((m) => [m.userId, m.user.displayName]));
    const facilitator = membership.role === 'facilitator';
    const history = (await facilitatedBy(this.db.manager, [meeting], this.clock.now())).get(meeting.id);
    return {
      ...mapMeeting(meeting, await this.ruleOf(meeting)),
      ...(history ? { facilitatedBy: history } : {}),
      ...this.figures(meeting, set, new Set(people.map((p) => p.userId)), replies, user.id),
      setName: set.name,
      setTimeZone: set.timeZone,
      agenda: plainAgenda(meeting.agenda),
      apologyNoticeHours: set.apologyNoticeHours,
      role: membership.role,
      ...(canSeeSetContent(membership.role)
        ? {
            replies: people.map((p) => {
              const reply = replies.find((r) => r.userId === p.userId);
              const showReason = reply?.status === 'apology' && (facilitator || p.userId === user.id);
              return {
                userId: p.userId,
                displayName: p.user.displayName,
                role: p.role as 'facilitator' | 'member',
                status: reply?.status ?? null,
                ...(showReason ? { reason: reply.reason } : {}),
                late: reply?.late ?? false,
                recordedBy: reply?.recordedById ? (names.get(reply.recordedById) ?? 'a former facilitator') : null,
                updatedAt: reply?.updatedAt.toISOString() ?? null,
              };
            }),
          }
        : {}),
    };
  }

  /** Replies, late apologies and quorum of one meeting, counting only people who take part in the set now. */
  private figures(meeting: MeetingEntity, set: Pick<SetEntity, 'quorum'>, participants: Set<string>, replies: Reply[], callerId: string) {
    const current = replies.filter((r) => participants.has(r.userId));
    const apologies = current.filter((r) => r.status === 'apology');
    return {
      attendance: {
        attending: current.filter((r) => r.status === 'attending').length,
        apologies: apologies.length,
        lateApologies: apologies.filter((r) => r.late).length,
        mine: replies.find((r) => r.userId === callerId)?.status ?? null,
      },
      quorum: quorumStatus(set.quorum, participants.size, apologies.length),
    };
  }

  /** The meeting, for someone in its set with one of `roles` (`MeetingAccessPolicy`: 404 outside the set, 403 without the role). */
  private async meetingFor(user: UserEntity, meetingId: string, roles: readonly SetRole[]): Promise<{ meeting: MeetingEntity; access: MeetingAccess }> {
    const access = await this.policy.requireMeeting(user.id, meetingId, roles);
    return { meeting: await this.meetings.findOneByOrFail({ id: access.meetingId }), access };
  }

  private async ruleOf(meeting: MeetingEntity): Promise<string | null> {
    return meeting.seriesId ? ((await this.series.findOneBy({ id: meeting.seriesId }))?.rule ?? null) : null;
  }
}
