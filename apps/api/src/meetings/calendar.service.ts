import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { In, Repository } from 'typeorm';
import { AppConfig } from '@api/config/app-config';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { buildCalendar, CalendarEvent } from './icalendar';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { MeetingEntity } from './meeting.entity';

/** iCalendar for one meeting (or its series) and each person's subscription feed. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly config: AppConfig,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingSeriesEntity) private readonly series: Repository<MeetingSeriesEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(SetEntity) private readonly sets: Repository<SetEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** The meeting's calendar; for an occurrence of a series, the whole series. Anyone in the set may have it. */
  async meetingCalendar(user: UserEntity, meetingId: string): Promise<string> {
    const meeting = isUUID(meetingId) ? await this.meetings.findOneBy({ id: meetingId }) : null;
    const member = meeting ? await this.memberships.existsBy({ setId: meeting.setId, userId: user.id }) : false;
    if (!meeting || !member) throw new NotFoundException('Meeting not found.');
    const rows = meeting.seriesId ? await this.meetings.find({ where: { seriesId: meeting.seriesId }, order: { startsAt: 'ASC' } }) : [meeting];
    const set = await this.sets.findOneByOrFail({ id: meeting.setId });
    return buildCalendar(await this.events(rows, new Map([[set.id, set]])), { name: set.name });
  }

  /** Every meeting of every set the token's owner is in now. Unknown token: 404. */
  async feed(token: string): Promise<string> {
    const user = token ? await this.users.findOneBy({ calendarFeedToken: token }) : null;
    if (!user) throw new NotFoundException('This calendar address is not valid: it may have been reset. Copy the new one from your account.');
    const setIds = (await this.memberships.findBy({ userId: user.id })).map((m) => m.setId);
    const sets = setIds.length ? await this.sets.findBy({ id: In(setIds) }) : [];
    const rows = setIds.length ? await this.meetings.find({ where: { setId: In(setIds) }, order: { startsAt: 'ASC' } }) : [];
    return buildCalendar(await this.events(rows, new Map(sets.map((s) => [s.id, s]))), { name: 'Action learning sets' });
  }

  private uid(id: string): string {
    return `${id}@${new URL(this.config.PUBLIC_URL).hostname}`;
  }

  /** Single meetings become one VEVENT each; a series one VEVENT with its RRULE, EXDATEs and overrides. */
  private async events(rows: MeetingEntity[], sets: Map<string, SetEntity>): Promise<CalendarEvent[]> {
    const seriesIds = [...new Set(rows.map((r) => r.seriesId).filter((id): id is string => id !== null))];
    const rules = new Map((seriesIds.length ? await this.series.findBy({ id: In(seriesIds) }) : []).map((s) => [s.id, s.rule]));
    const events: CalendarEvent[] = [];
    const describe = (m: MeetingEntity) => {
      const set = sets.get(m.setId);
      const place = m.format === 'online' ? (m.videoUrl ? `Online: ${m.videoUrl}` : 'Online') : m.location || 'In person';
      return {
        summary: `${set?.name ?? 'Action learning set'}: set meeting`,
        description: `${place}\n\nThe set's page: ${this.config.PUBLIC_URL}/sets/${m.setId}`,
        location: m.format === 'online' ? m.videoUrl : m.location,
        url: `${this.config.PUBLIC_URL}/sets/${m.setId}`,
      };
    };
    const wall = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });
    for (const m of rows.filter((r) => !r.seriesId)) {
      events.push({ uid: this.uid(m.id), sequence: m.sequence, start: wall(m.startsAt, m.timeZone), end: wall(m.endsAt, m.timeZone), timeZone: m.timeZone, status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED', ...describe(m) });
    }
    for (const seriesId of seriesIds) {
      const occurrences = rows.filter((r) => r.seriesId === seriesId).sort((a, b) => (a.recurrenceId?.getTime() ?? 0) - (b.recurrenceId?.getTime() ?? 0));
      const first = occurrences[0];
      const zone = first.timeZone;
      const firstStart = wall(first.recurrenceId ?? first.startsAt, zone);
      const duration = first.endsAt.getTime() - first.startsAt.getTime();
      const master: CalendarEvent = {
        uid: this.uid(seriesId),
        sequence: Math.max(...occurrences.map((o) => o.sequence)),
        start: firstStart,
        end: firstStart.plus({ milliseconds: duration }),
        timeZone: zone,
        status: 'CONFIRMED',
        rrule: rules.get(seriesId),
        exdates: occurrences.filter((o) => o.status === 'cancelled').map((o) => wall(o.recurrenceId ?? o.startsAt, zone)),
        ...describe(first),
      };
      events.push(master);
      for (const o of occurrences) {
        const moved = o.recurrenceId !== null && (o.startsAt.getTime() !== o.recurrenceId.getTime() || o.endsAt.getTime() - o.startsAt.getTime() !== duration);
        const elsewhere = o.location !== first.location || o.videoUrl !== first.videoUrl || o.format !== first.format;
        if (o.status === 'cancelled' || !(moved || elsewhere)) continue;
        events.push({ uid: master.uid, sequence: o.sequence, recurrenceId: wall(o.recurrenceId ?? o.startsAt, zone), start: wall(o.startsAt, zone), end: wall(o.endsAt, zone), timeZone: zone, status: 'CONFIRMED', ...describe(o) });
      }
    }
    return events;
  }
}
