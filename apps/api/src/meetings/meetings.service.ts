import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { Between, DataSource, In, Repository } from 'typeorm';
import type { SetRole } from '@als/shared';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import type { UserEntity } from '@api/users/user.entity';
import { AttendanceEntity } from './attendance.entity';
import { AttendanceDto, AttendanceResponseDto, mapAttendance, mapMeeting, MeetingCreateDto, MeetingListQueryDto, MeetingResponseDto, MeetingUpdateDto } from './dto/meeting.dto';
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

@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingSeriesEntity) private readonly series: Repository<MeetingSeriesEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(AttendanceEntity) private readonly attendance: Repository<AttendanceEntity>,
  ) {}

  /** Schedules one meeting, or a series whose occurrences are stored one by one. Answers the first. */
  async create(setId: string, dto: MeetingCreateDto): Promise<MeetingResponseDto> {
    const set = await this.db.getRepository(SetEntity).findOneByOrFail({ id: setId });
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
    const occurrences = await this.db.transaction(async (manager) => {
      const seriesId = rule ? (await manager.save(manager.create(MeetingSeriesEntity, { setId, rule, timeZone: zone }))).id : null;
      const rows = starts.map((s) =>
        manager.create(MeetingEntity, {
          setId,
          seriesId,
          startsAt: s.toJSDate(),
          endsAt: s.plus({ minutes: dto.durationMinutes }).toJSDate(),
          recurrenceId: seriesId ? s.toJSDate() : null,
          timeZone: zone,
          format: dto.format,
          location: dto.location ?? '',
          videoUrl: dto.videoUrl ?? '',
        }),
      );
      return manager.save(rows);
    });
    return mapMeeting(occurrences[0], rule);
  }

  /** The set's meetings that start in [from, to], series expanded (each occurrence its own id). */
  async list(user: UserEntity, setId: string, query: MeetingListQueryDto): Promise<MeetingResponseDto[]> {
    const from = query.from ? DateTime.fromISO(query.from, { zone: 'utc' }) : DateTime.utc().startOf('day');
    const to = query.to ? DateTime.fromISO(query.to, { zone: 'utc' }) : from.plus({ years: 1 });
    if (!from.isValid) throw new BadRequestException('from must be an ISO 8601 date');
    if (!to.isValid) throw new BadRequestException('to must be an ISO 8601 date');
    if (to < from) throw new BadRequestException('to must not be before from');
    const rows = await this.meetings.find({ where: { setId, startsAt: Between(from.toJSDate(), to.toJSDate()) }, order: { startsAt: 'ASC' } });
    const seriesIds = [...new Set(rows.map((r) => r.seriesId).filter((id): id is string => id !== null))];
    const rules = new Map((seriesIds.length ? await this.series.findBy({ id: In(seriesIds) }) : []).map((s) => [s.id, s.rule]));
    const replies = rows.length ? await this.attendance.findBy({ meetingId: In(rows.map((r) => r.id)) }) : [];
    return rows.map((row) => {
      const own = replies.filter((r) => r.meetingId === row.id);
      return {
        ...mapMeeting(row, row.seriesId ? (rules.get(row.seriesId) ?? null) : null),
        attendance: {
          attending: own.filter((r) => r.status === 'attending').length,
          apologies: own.filter((r) => r.status === 'apology').length,
          mine: own.find((r) => r.userId === user.id)?.status ?? null,
        },
      };
    });
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

  /** A person replies for themself. Non-members of the meeting's set get 404; sponsors 403. */
  async reply(user: UserEntity, meetingId: string, dto: AttendanceDto): Promise<AttendanceResponseDto> {
    const { meeting } = await this.meetingFor(user, meetingId, ['facilitator', 'member']);
    if (meeting.status === 'cancelled') throw new ConflictException('This meeting was cancelled.');
    if (meeting.startsAt.getTime() <= Date.now()) throw new ConflictException('This meeting has already started: replies are closed.');
    await this.attendance.upsert(
      { meetingId, userId: user.id, status: dto.status, reason: dto.status === 'apology' ? (dto.reason ?? '') : '' },
      { conflictPaths: ['meetingId', 'userId'] },
    );
    return mapAttendance(await this.attendance.findOneByOrFail({ meetingId, userId: user.id }));
  }

  /** Moves one meeting (or one occurrence of a series) or changes its place; calendars see a higher SEQUENCE. */
  async update(user: UserEntity, meetingId: string, dto: MeetingUpdateDto): Promise<MeetingResponseDto> {
    const { meeting } = await this.meetingFor(user, meetingId, ['facilitator']);
    if (meeting.status === 'cancelled') throw new ConflictException('This meeting was cancelled: schedule a new one instead.');
    const zone = dto.timeZone ?? meeting.timeZone;
    const duration = dto.durationMinutes ?? (meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000;
    const start = dto.startsAt ? parseStart(dto.startsAt, zone) : DateTime.fromJSDate(meeting.startsAt, { zone });
    Object.assign(meeting, {
      startsAt: start.toJSDate(),
      endsAt: start.plus({ minutes: duration }).toJSDate(),
      timeZone: zone,
      ...(dto.format !== undefined ? { format: dto.format } : {}),
      ...(dto.location !== undefined ? { location: dto.location } : {}),
      ...(dto.videoUrl !== undefined ? { videoUrl: dto.videoUrl } : {}),
      sequence: meeting.sequence + 1,
    });
    await this.meetings.save(meeting);
    return mapMeeting(meeting, await this.ruleOf(meeting));
  }

  /** Cancels one meeting (or one occurrence): it stays listed as cancelled, and calendars drop it. */
  async cancel(user: UserEntity, meetingId: string): Promise<void> {
    const { meeting } = await this.meetingFor(user, meetingId, ['facilitator']);
    if (meeting.status === 'cancelled') return;
    await this.meetings.update({ id: meeting.id }, { status: 'cancelled', sequence: meeting.sequence + 1 });
  }

  /** Cancels every occurrence of a series still to come; past ones and earlier cancellations stay as they are. */
  async cancelSeries(user: UserEntity, seriesId: string): Promise<void> {
    const series = isUUID(seriesId) ? await this.series.findOneBy({ id: seriesId }) : null;
    const membership = series ? await this.memberships.findOneBy({ setId: series.setId, userId: user.id }) : null;
    if (!series || !membership) throw new NotFoundException('Meeting series not found.');
    if (membership.role !== 'facilitator') throw new ForbiddenException('Only a facilitator of this set can do this.');
    await this.meetings
      .createQueryBuilder()
      .update(MeetingEntity)
      .set({ status: 'cancelled', sequence: () => '"sequence" + 1' })
      .where('"seriesId" = :seriesId AND status = :scheduled AND "startsAt" > now()', { seriesId, scheduled: 'scheduled' })
      .execute();
  }

  private async ruleOf(meeting: MeetingEntity): Promise<string | null> {
    return meeting.seriesId ? ((await this.series.findOneBy({ id: meeting.seriesId }))?.rule ?? null) : null;
  }
}
