import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { Between, DataSource, EntityManager, In, Repository } from 'typeorm';
import { AttendanceStatus, canSeeSetContent, DEFAULT_AGENDA, describeRule, MeetingAgenda, quorumStatus, type SetRole } from '@als/shared';
import { Clock } from '@api/common/clock';
import { SignedLinks } from '@api/common/signed-links';
import { OutboxService } from '@api/mail/outbox.service';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { assertSetOpen } from '@api/sets/sets.service';
import { UserEntity } from '@api/users/user.entity';
import { AttendanceEntity } from './attendance.entity';
import {
  AttendanceDto,
  AttendanceHistoryResponseDto,
  AttendanceResponseDto,
  mapAttendance,
  mapMeeting,
  MeetingCreateDto,
  MeetingDetailResponseDto,
  MeetingListQueryDto,
  MeetingResponseDto,
  MeetingSeriesUpdateDto,
  MeetingUpdateDto,
  RsvpDto,
  RsvpPreviewResponseDto,
} from './dto/meeting.dto';
import { MeetingNoticesService } from './meeting-notices.service';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { MeetingEntity } from './meeting.entity';
import { expandRule, normaliseRule, RecurrenceError } from './recurrence';

/** Reads startsAt: with an offset it is that instant; without one it is wall time in `zone`. */
function parseStart(startsAt: string, zone: string): DateTime {
  const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(startsAt) && startsAt.includes('T');
  const parsed = hasOffset ? DateTime.fromISO(startsAt, { setZone: true }).setZone(zone) : DateTime.fromISO(startsAt, { zone });
  if (!parsed.isValid) throw new BadRequestException(`startsAt is not a valid date and time: ${parsed.invalidExplanation ?? startsAt}`);
  if (!startsAt.includes('T')) throw new BadRequestException('startsAt needs a time of day, such as 2027-02-02T09:30');
  return parsed;
}

/** An agenda as given (validated DTO) as a plain object in the phases' order. */
function plainAgenda(agenda: MeetingAgenda): MeetingAgenda {
  return Object.fromEntries(Object.keys(DEFAULT_AGENDA).map((phase) => [phase, agenda[phase as keyof MeetingAgenda]])) as MeetingAgenda;
}

/** Whether an apology at `at` gives less notice than the set asks. */
function isLate(meeting: MeetingEntity, set: SetEntity, at: Date): boolean {
  return at.getTime() > meeting.startsAt.getTime() - set.apologyNoticeHours * 3_600_000;
}

const PARTICIPANT_ROLES: readonly SetRole[] = ['facilitator', 'member'];
/** What the attendance figures read of a reply. */
type Reply = Pick<AttendanceEntity, 'meetingId' | 'userId' | 'status' | 'late'>;

@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingSeriesEntity) private readonly series: Repository<MeetingSeriesEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(AttendanceEntity) private readonly attendance: Repository<AttendanceEntity>,
    @InjectRepository(SetEntity) private readonly sets: Repository<SetEntity>,
    private readonly notices: MeetingNoticesService,
    private readonly outbox: OutboxService,
    private readonly links: SignedLinks,
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
        if (error instanceof RecurrenceError) throw new BadRequestException(error.message);
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
    if (!from.isValid) throw new BadRequestException('from must be an ISO 8601 date');
    if (!to.isValid) throw new BadRequestException('to must be an ISO 8601 date');
    if (to < from) throw new BadRequestException('to must not be before from');
    // A hot read: plain rows in three statements (the meetings with their series' rule; the set's
    // quorum with its participants; the replies), no entity hydration.
    const rows = (await this.db.query(
      `SELECT m.*, ser."rule" AS "seriesRule" FROM "meetings" m LEFT JOIN "meeting_series" ser ON ser."id" = m."seriesId" WHERE m."setId" = $1 AND m."startsAt" BETWEEN $2 AND $3 ORDER BY m."startsAt" ASC`,
      [setId, from.toJSDate(), to.toJSDate()],
    )) as (MeetingEntity & { seriesRule: string | null })[];
    const [set] = (await this.db.query(`SELECT s."quorum", ARRAY(SELECT ms."userId" FROM "set_memberships" ms WHERE ms."setId" = s."id" AND ms."role" = ANY($2)) AS "participants" FROM "sets" s WHERE s."id" = $1`, [setId, PARTICIPANT_ROLES])) as { quorum: number | null; participants: string[] }[];
    if (!set) throw new NotFoundException('Set not found.');
    const participants = new Set(set.participants);
    const replies = rows.length ? ((await this.db.query(`SELECT "meetingId", "userId", "status", "late" FROM "meeting_attendance" WHERE "meetingId" = ANY($1)`, [rows.map((r) => r.id)])) as Reply[]) : [];
    return rows.map((row) => ({
      ...mapMeeting(row, row.seriesId ? row.seriesRule : null),
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
    const { meeting, membership } = await this.meetingFor(user, meetingId, ['facilitator', 'member', 'sponsor']);
    const set = await this.sets.findOneByOrFail({ id: meeting.setId });
    const people = await this.memberships.find({ where: { setId: set.id, role: In(PARTICIPANT_ROLES) }, relations: { user: true }, order: { createdAt: 'ASC' } });
    const replies = await this.attendance.findBy({ meetingId: meeting.id });
    const names = new Map((await this.memberships.find({ where: { setId: set.id }, relations: { user: true } })).map((m) => [m.userId, m.user.displayName]));
    const facilitator = membership.role === 'facilitator';
    return {
      ...mapMeeting(meeting, await this.ruleOf(meeting)),
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

  /** A person replies for themself. Non-members of the meeting's set get 404; sponsors 403. */
  async reply(user: UserEntity, meetingId: string, dto: AttendanceDto): Promise<AttendanceResponseDto> {
    const { meeting } = await this.meetingFor(user, meetingId, PARTICIPANT_ROLES);
    if (meeting.startsAt.getTime() <= this.clock.millis()) throw new ConflictException('This meeting has already started: replies are closed.');
    return this.record(meeting, user.id, dto.status, dto.reason, null);
  }

  /** A facilitator records a reply for someone in a face-to-face meeting (before, during or after it). */
  async replyOnBehalf(user: UserEntity, meetingId: string, userId: string, dto: AttendanceDto): Promise<AttendanceResponseDto> {
    const { meeting } = await this.meetingFor(user, meetingId, ['facilitator']);
    if (meeting.format !== 'in-person') throw new ConflictException('Replies for an online meeting come from each person; facilitators record them only for meetings in person.');
    const person = isUUID(userId) ? await this.memberships.findOneBy({ setId: meeting.setId, userId }) : null;
    if (!person || !PARTICIPANT_ROLES.includes(person.role)) throw new NotFoundException('This person is not a member of the set.');
    return this.record(meeting, userId, dto.status, dto.reason, user.id);
  }

  private async record(meeting: MeetingEntity, userId: string, status: AttendanceStatus, reason: string | undefined, recordedById: string | null): Promise<AttendanceResponseDto> {
    if (meeting.status === 'cancelled') throw new ConflictException('This meeting was cancelled.');
    const set = await this.sets.findOneByOrFail({ id: meeting.setId });
    const apology = status === 'apology';
    await this.attendance.upsert(
      { meetingId: meeting.id, userId, status, reason: apology ? (reason ?? '') : '', late: apology && isLate(meeting, set, this.clock.now()), recordedById },
      { conflictPaths: ['meetingId', 'userId'] },
    );
    return mapAttendance(await this.attendance.findOneByOrFail({ meetingId: meeting.id, userId }));
  }

  /**
   * Moves one meeting (or one occurrence of a series), changes its place or its agenda. A change
   * people's calendars must see raises SEQUENCE and is announced; a move to another day clears
   * the replies, which were for the old date. Decided with the meeting's row locked, so two edits
   * at once both count (two SEQUENCEs) and an edit that waited sees a cancellation before it.
   */
  async update(user: UserEntity, meetingId: string, dto: MeetingUpdateDto): Promise<MeetingResponseDto> {
    const { meeting: found } = await this.meetingFor(user, meetingId, ['facilitator']);
    const { meeting, visible } = await this.db.transaction(async (manager) => {
      const meeting = await this.lockMeeting(manager, found.id);
      if (meeting.status === 'cancelled') throw new ConflictException('This meeting was cancelled: schedule a new one instead.');
      const zone = dto.timeZone ?? meeting.timeZone;
      const duration = dto.durationMinutes ?? (meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000;
      const start = dto.startsAt ? parseStart(dto.startsAt, zone) : DateTime.fromJSDate(meeting.startsAt, { zone });
      if (dto.startsAt && start.toMillis() <= this.clock.millis()) throw new BadRequestException('startsAt is in the past: a meeting can only move to a time to come.');
      const before = { startsAt: meeting.startsAt.getTime(), endsAt: meeting.endsAt.getTime(), zone: meeting.timeZone, format: meeting.format, location: meeting.location, videoUrl: meeting.videoUrl };
      const oldDay = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).toISODate();
      Object.assign(meeting, {
        startsAt: start.toJSDate(),
        endsAt: start.plus({ minutes: duration }).toJSDate(),
        timeZone: zone,
        ...(dto.format !== undefined ? { format: dto.format } : {}),
        ...(dto.location !== undefined ? { location: dto.location } : {}),
        ...(dto.videoUrl !== undefined ? { videoUrl: dto.videoUrl } : {}),
        ...(dto.agenda !== undefined ? { agenda: plainAgenda(dto.agenda) } : {}),
      });
      const visible =
        before.startsAt !== meeting.startsAt.getTime() || before.endsAt !== meeting.endsAt.getTime() || before.zone !== meeting.timeZone ||
        before.format !== meeting.format || before.location !== meeting.location || before.videoUrl !== meeting.videoUrl;
      if (visible) {
        meeting.sequence += 1;
        // Moved or relocated on its own: edits of the whole series leave it where it is now.
        meeting.overridden = meeting.overridden || meeting.seriesId !== null;
      }
      await manager.save(meeting);
      if (DateTime.fromJSDate(meeting.startsAt, { zone }).toISODate() !== oldDay) await manager.delete(AttendanceEntity, { meetingId: meeting.id });
      if (visible) await this.notices.announce(manager, 'changed', await manager.findOneByOrFail(SetEntity, { id: meeting.setId }), meeting);
      return { meeting, visible };
    });
    if (visible) this.outbox.kick();
    return mapMeeting(meeting, await this.ruleOf(meeting));
  }

  /**
   * Edits a whole series: every occurrence to come that was not moved or changed on its own takes
   * the new time of day, length, place or agenda. Earlier meetings and exceptions stay as they are.
   * The series' row and then its occurrences' rows are locked first, so that two edits (or an
   * edit and a cancellation, or an edit of one occurrence) are applied one after the other.
   */
  async updateSeries(user: UserEntity, seriesId: string, dto: MeetingSeriesUpdateDto): Promise<MeetingResponseDto[]> {
    const found = await this.seriesFor(user, seriesId);
    if (Object.values(dto).every((v) => v === undefined)) throw new BadRequestException('Nothing to change: give startTime, durationMinutes, format, location, videoUrl or agenda.');
    // A change calendars must show (time, length, place) raises SEQUENCE and is announced; an agenda change is not.
    const visible = [dto.startTime, dto.durationMinutes, dto.format, dto.location, dto.videoUrl].some((v) => v !== undefined);
    const { series, affected } = await this.db.transaction(async (manager) => {
      const { series, occurrences } = await this.lockSeries(manager, found.id);
      const now = this.clock.millis();
      const affected = occurrences.filter((o) => o.status === 'scheduled' && !o.overridden && o.startsAt.getTime() > now);
      if (affected.length === 0) throw new ConflictException('No meeting of this series is left to change: each one to come was cancelled or changed on its own.');
      const [hour, minute] = dto.startTime ? dto.startTime.split(':').map(Number) : [null, null];
      for (const o of occurrences) {
        const isAffected = affected.includes(o);
        if (hour !== null && minute !== null) {
          // Each occurrence's slot under the rule moves to the new time of day (iCalendar RECURRENCE-ID).
          o.recurrenceId = DateTime.fromJSDate(o.recurrenceId ?? o.startsAt, { zone: series.timeZone }).set({ hour, minute }).toJSDate();
        }
        if (!isAffected) continue;
        const length = dto.durationMinutes ?? (o.endsAt.getTime() - o.startsAt.getTime()) / 60_000;
        const start = hour !== null ? DateTime.fromJSDate(o.recurrenceId!, { zone: series.timeZone }) : DateTime.fromJSDate(o.startsAt, { zone: series.timeZone });
        Object.assign(o, {
          startsAt: start.toJSDate(),
          endsAt: start.plus({ minutes: length }).toJSDate(),
          ...(dto.format !== undefined ? { format: dto.format } : {}),
          ...(dto.location !== undefined ? { location: dto.location } : {}),
          ...(dto.videoUrl !== undefined ? { videoUrl: dto.videoUrl } : {}),
          ...(dto.agenda !== undefined ? { agenda: plainAgenda(dto.agenda) } : {}),
        });
        if (visible) o.sequence += 1;
      }
      await manager.save(occurrences);
      if (visible) await this.notices.announce(manager, 'changed', await manager.findOneByOrFail(SetEntity, { id: series.setId }), affected[0]);
      return { series, affected };
    });
    if (visible) this.outbox.kick();
    return affected.map((o) => mapMeeting(o, series.rule));
  }

  /** Cancels one meeting (or one occurrence): it stays listed as cancelled, calendars drop it, everyone is told. */
  async cancel(user: UserEntity, meetingId: string): Promise<void> {
    const { meeting: found } = await this.meetingFor(user, meetingId, ['facilitator']);
    const announced = await this.db.transaction(async (manager) => {
      const meeting = await this.lockMeeting(manager, found.id);
      if (meeting.status === 'cancelled') return false;
      meeting.status = 'cancelled';
      meeting.sequence += 1;
      await manager.save(meeting);
      if (meeting.startsAt.getTime() <= this.clock.millis()) return false;
      await this.notices.announce(manager, 'cancelled', await manager.findOneByOrFail(SetEntity, { id: meeting.setId }), meeting, { cancelled: [meeting] });
      return true;
    });
    if (announced) this.outbox.kick();
  }

  /** Cancels every occurrence of a series still to come; past ones and earlier cancellations stay as they are. */
  async cancelSeries(user: UserEntity, seriesId: string): Promise<void> {
    const series = await this.seriesFor(user, seriesId);
    await this.db.transaction(async (manager) => {
      await this.lockSeries(manager, series.id);
      const [rows] = (await manager
        .createQueryBuilder()
        .update(MeetingEntity)
        .set({ status: 'cancelled', sequence: () => '"sequence" + 1' })
        .where('"seriesId" = :seriesId AND status = :scheduled AND "startsAt" > :now', { seriesId: series.id, scheduled: 'scheduled', now: this.clock.now() })
        .returning('id')
        .execute()
        .then((r) => [r.raw as { id: string }[]])) as [{ id: string }[]];
      if (rows.length === 0) return;
      const cancelled = await manager.find(MeetingEntity, { where: { id: In(rows.map((r) => r.id)) }, order: { startsAt: 'ASC' } });
      await this.notices.announce(manager, 'cancelled', await manager.findOneByOrFail(SetEntity, { id: series.setId }), cancelled[0], { cancelled });
    });
    this.outbox.kick();
  }

  /** What a one-click link from an e-mail would record, for the page that confirms it. */
  async rsvpPreview(token: string): Promise<RsvpPreviewResponseDto> {
    const { meeting, user, status, set } = await this.rsvpTarget(token);
    const current = await this.attendance.findOneBy({ meetingId: meeting.id, userId: user.id });
    const { id, startsAt, endsAt, timeZone, format, location, videoUrl } = mapMeeting(meeting, null);
    return { status, displayName: user.displayName, setName: set.name, meeting: { id, startsAt, endsAt, timeZone, format, location, videoUrl, status: meeting.status }, current: current?.status ?? null };
  }

  /** Records the reply a one-click link stands for, without signing in. */
  async rsvp(token: string, dto: RsvpDto): Promise<AttendanceResponseDto> {
    const { meeting, user, status } = await this.rsvpTarget(token);
    if (meeting.startsAt.getTime() <= this.clock.millis()) throw new ConflictException('This meeting has already started: replies are closed.');
    return this.record(meeting, user.id, status, dto.reason, null);
  }

  /** The token's meeting and person, checked again now: the person must still take part in the set. */
  private async rsvpTarget(token: string): Promise<{ meeting: MeetingEntity; user: UserEntity; status: AttendanceStatus; set: SetEntity }> {
    const claims = this.links.verify(token, 'rsvp');
    const gone = new NotFoundException('This link no longer works: it may have expired. Reply on the meeting page instead.');
    if (!claims) throw gone;
    const meeting = await this.meetings.findOneBy({ id: claims.meetingId });
    const membership = meeting ? await this.memberships.findOne({ where: { setId: meeting.setId, userId: claims.userId }, relations: { user: true, set: true } }) : null;
    if (!meeting || !membership || !PARTICIPANT_ROLES.includes(membership.role)) throw gone;
    if (meeting.status === 'cancelled') throw new ConflictException('This meeting was cancelled.');
    return { meeting, user: membership.user, status: claims.status, set: membership.set };
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

  /** The meeting and the caller's membership of its set: 404 for non-members, 403 without one of `roles`. */
  private async meetingFor(user: UserEntity, meetingId: string, roles: readonly SetRole[]): Promise<{ meeting: MeetingEntity; membership: MembershipEntity }> {
    const meeting = isUUID(meetingId) ? await this.meetings.findOneBy({ id: meetingId }) : null;
    const membership = meeting ? await this.memberships.findOneBy({ setId: meeting.setId, userId: user.id }) : null;
    if (!meeting || !membership) throw new NotFoundException('Meeting not found.');
    if (!roles.includes(membership.role)) {
      throw new ForbiddenException(membership.role === 'sponsor' ? 'Sponsors see the schedule; only facilitators and members take part.' : `Only a ${roles.join(' or ')} of this set can do this.`);
    }
    return { meeting, membership };
  }

  private async seriesFor(user: UserEntity, seriesId: string): Promise<MeetingSeriesEntity> {
    const series = isUUID(seriesId) ? await this.series.findOneBy({ id: seriesId }) : null;
    const membership = series ? await this.memberships.findOneBy({ setId: series.setId, userId: user.id }) : null;
    if (!series || !membership) throw new NotFoundException('Meeting series not found.');
    if (membership.role !== 'facilitator') throw new ForbiddenException('Only a facilitator of this set can do this.');
    return series;
  }

  /** The meeting's row, locked for the caller's transaction (edits of one meeting run one after the other). */
  private async lockMeeting(manager: EntityManager, id: string): Promise<MeetingEntity> {
    return manager.findOneOrFail(MeetingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The series' row, then its occurrences' rows, locked for the caller's transaction. */
  private async lockSeries(manager: EntityManager, id: string): Promise<{ series: MeetingSeriesEntity; occurrences: MeetingEntity[] }> {
    const series = await manager.findOneOrFail(MeetingSeriesEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const occurrences = await manager.find(MeetingEntity, { where: { seriesId: id }, order: { startsAt: 'ASC', id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return { series, occurrences };
  }

  private async ruleOf(meeting: MeetingEntity): Promise<string | null> {
    return meeting.seriesId ? ((await this.series.findOneBy({ id: meeting.seriesId }))?.rule ?? null) : null;
  }
}

