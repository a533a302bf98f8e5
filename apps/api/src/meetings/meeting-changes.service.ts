import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { MeetingErrorCode } from '@als/shared';
import { Clock } from '@api/common/clock';
import { badRequest, conflict, forbidden, notFound } from '@api/common/domain-error';
import { OutboxService } from '@api/mail/outbox.service';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { AttendanceEntity } from './attendance.entity';
import { mapMeeting, MeetingResponseDto, MeetingSeriesUpdateDto, MeetingUpdateDto } from './dto/meeting.dto';
import { MeetingAccessPolicy } from './meeting-access.policy';
import { MeetingNoticesService } from './meeting-notices.service';
import { parseStart, plainAgenda } from './meeting-rules';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { MeetingEntity } from './meeting.entity';

/**
 * Changes to scheduled meetings, by the set's facilitators: moving or editing one meeting or a
 * whole series, cancelling one or all to come. Each is decided with the rows locked (the meeting's;
 * the series' then its occurrences'), raises SEQUENCE when calendars must see it, and is announced
 * through the outbox in the same transaction.
 */
@Injectable()
export class MeetingChangesService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(MeetingSeriesEntity) private readonly series: Repository<MeetingSeriesEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    private readonly policy: MeetingAccessPolicy,
    private readonly notices: MeetingNoticesService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Moves one meeting (or one occurrence of a series), changes its place or its agenda. A change
   * people's calendars must see raises SEQUENCE and is announced; a move to another day clears
   * the replies, which were for the old date. Decided with the meeting's row locked, so two edits
   * at once both count (two SEQUENCEs) and an edit that waited sees a cancellation before it.
   */
  async update(user: UserEntity, meetingId: string, dto: MeetingUpdateDto): Promise<MeetingResponseDto> {
    const found = await this.policy.requireMeeting(user.id, meetingId, ['facilitator']);
    const { meeting, visible } = await this.db.transaction(async (manager) => {
      const meeting = await this.lockMeeting(manager, found.meetingId);
      if (meeting.status === 'cancelled') throw conflict(MeetingErrorCode.Cancelled, 'This meeting was cancelled: schedule a new one instead.');
      const zone = dto.timeZone ?? meeting.timeZone;
      const duration = dto.durationMinutes ?? (meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000;
      const start = dto.startsAt ? parseStart(dto.startsAt, zone) : DateTime.fromJSDate(meeting.startsAt, { zone });
      // A practice set's meetings may move into the past (compressed time for demonstrations and training).
      const [{ practice }] = (await manager.query(`SELECT "practice" FROM "sets" WHERE "id" = $1`, [meeting.setId])) as { practice: boolean }[];
      if (dto.startsAt && !practice && start.toMillis() <= this.clock.millis()) throw badRequest(MeetingErrorCode.StartInPast, 'startsAt is in the past: a meeting can only move to a time to come.', 'startsAt');
      const before = { startsAt: meeting.startsAt.getTime(), endsAt: meeting.endsAt.getTime(), zone: meeting.timeZone, format: meeting.format, location: meeting.location, videoUrl: meeting.videoUrl, dialIn: dialInOf(meeting) };
      const oldDay = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).toISODate();
      Object.assign(meeting, {
        startsAt: start.toJSDate(),
        endsAt: start.plus({ minutes: duration }).toJSDate(),
        timeZone: zone,
        ...(dto.format !== undefined ? { format: dto.format } : {}),
        ...(dto.location !== undefined ? { location: dto.location } : {}),
        ...(dto.videoUrl !== undefined ? { videoUrl: dto.videoUrl } : {}),
        ...(dto.dialInNumbers !== undefined ? { dialInNumbers: dto.dialInNumbers } : {}),
        ...(dto.dialInPasscode !== undefined ? { dialInPasscode: dto.dialInPasscode } : {}),
        ...(dto.agenda !== undefined ? { agenda: plainAgenda(dto.agenda) } : {}),
      });
      const visible =
        before.startsAt !== meeting.startsAt.getTime() || before.endsAt !== meeting.endsAt.getTime() || before.zone !== meeting.timeZone ||
        before.format !== meeting.format || before.location !== meeting.location || before.videoUrl !== meeting.videoUrl || before.dialIn !== dialInOf(meeting);
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
    if (Object.values(dto).every((v) => v === undefined)) throw badRequest(MeetingErrorCode.NothingToChange, 'Nothing to change: give startTime, durationMinutes, format, location, videoUrl, dialInNumbers, dialInPasscode or agenda.');
    // A change calendars must show (time, length, place) raises SEQUENCE and is announced; an agenda change is not.
    const visible = [dto.startTime, dto.durationMinutes, dto.format, dto.location, dto.videoUrl, dto.dialInNumbers, dto.dialInPasscode].some((v) => v !== undefined);
    const { series, affected } = await this.db.transaction(async (manager) => {
      const { series, occurrences } = await this.lockSeries(manager, found.id);
      const now = this.clock.millis();
      const affected = occurrences.filter((o) => o.status === 'scheduled' && !o.overridden && o.startsAt.getTime() > now);
      if (affected.length === 0) throw conflict(MeetingErrorCode.NoneLeftToChange, 'No meeting of this series is left to change: each one to come was cancelled or changed on its own.');
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
          ...(dto.dialInNumbers !== undefined ? { dialInNumbers: dto.dialInNumbers } : {}),
          ...(dto.dialInPasscode !== undefined ? { dialInPasscode: dto.dialInPasscode } : {}),
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
    const found = await this.policy.requireMeeting(user.id, meetingId, ['facilitator']);
    const announced = await this.db.transaction(async (manager) => {
      const meeting = await this.lockMeeting(manager, found.meetingId);
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

  private async seriesFor(user: UserEntity, seriesId: string): Promise<MeetingSeriesEntity> {
    const series = isUUID(seriesId) ? await this.series.findOneBy({ id: seriesId }) : null;
    const membership = series ? await this.memberships.findOneBy({ setId: series.setId, userId: user.id }) : null;
    if (!series || !membership) throw notFound(MeetingErrorCode.SeriesNotFound, 'Meeting series not found.');
    if (membership.role !== 'facilitator') throw forbidden(MeetingErrorCode.RoleRequired, 'Only a facilitator of this set can do this.');
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

/** The dial-in details as one comparable value: a change to them is a change people's calendars must show. */
function dialInOf(meeting: Pick<MeetingEntity, 'dialInNumbers' | 'dialInPasscode'>): string {
  return JSON.stringify([meeting.dialInNumbers, meeting.dialInPasscode]);
}
