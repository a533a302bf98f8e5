import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { EntityManager, In, Repository } from 'typeorm';
import { dialInText, MeetingErrorCode } from '@als/shared';
import { Clock } from '@api/common/clock';
import { notFound } from '@api/common/domain-error';
import { AppConfig } from '@api/config/app-config';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { buildCalendar, CalendarEvent, CalendarOptions } from './icalendar';
import { MeetingAccessPolicy } from './meeting-access.policy';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { MeetingEntity } from './meeting.entity';

/** The address part of MAIL_FROM ("Name <a@b>" or "a@b"). */
export function mailAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** iCalendar for one meeting (or its series), for e-mailed invitations, and each person's subscription feed. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly config: AppConfig,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(SetEntity) private readonly sets: Repository<SetEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly policy: MeetingAccessPolicy,
    private readonly clock: Clock,
  ) {}

  /** The meeting's calendar; for an occurrence of a series, the whole series. Anyone in the set may have it. */
  async meetingCalendar(user: UserEntity, meetingId: string): Promise<string> {
    const access = await this.policy.requireMeeting(user.id, meetingId, ['facilitator', 'member', 'sponsor']);
    const meeting = await this.meetings.findOneByOrFail({ id: access.meetingId });
    const set = await this.sets.findOneByOrFail({ id: meeting.setId });
    return this.invitation(this.meetings.manager, meeting, set, { name: set.name });
  }

  /**
   * The calendar that carries `meeting`: the single meeting, or the whole series with its rule,
   * exceptions and overrides. Read through `manager` so that it sees the caller's transaction.
   */
  async invitation(manager: EntityManager, meeting: MeetingEntity, set: SetEntity, options: CalendarOptions): Promise<string> {
    const rows = meeting.seriesId ? await manager.find(MeetingEntity, { where: { seriesId: meeting.seriesId }, order: { startsAt: 'ASC' } }) : [meeting];
    return buildCalendar(await this.events(manager, rows, new Map([[set.id, set]])), { stamp: this.clock.dateTime(), ...options });
  }

  /** METHOD:CANCEL for cancelled meetings (occurrences of a series by their RECURRENCE-ID): calendars remove them. */
  cancellation(cancelled: MeetingEntity[], set: SetEntity, options: Omit<CalendarOptions, 'method'>): string {
    const events = cancelled.map((m) => {
      const wall = (at: Date) => DateTime.fromJSDate(at, { zone: m.timeZone });
      return {
        uid: this.uid(m.seriesId ?? m.id),
        sequence: m.sequence,
        ...(m.seriesId ? { recurrenceId: wall(m.recurrenceId ?? m.startsAt) } : {}),
        start: wall(m.startsAt),
        end: wall(m.endsAt),
        timeZone: m.timeZone,
        status: 'CANCELLED' as const,
        ...this.describe(m, set),
      };
    });
    return buildCalendar(events, { stamp: this.clock.dateTime(), ...options, method: 'CANCEL' });
  }

  /** Every meeting of every set the token's owner is in now. Unknown token: 404. */
  async feed(token: string): Promise<string> {
    const user = token ? await this.users.findOneBy({ calendarFeedToken: token }) : null;
    if (!user) throw notFound(MeetingErrorCode.FeedNotFound, 'This calendar address is not valid: it may have been reset. Copy the new one from your account.');
    const setIds = (await this.memberships.findBy({ userId: user.id })).map((m) => m.setId);
    const sets = setIds.length ? await this.sets.findBy({ id: In(setIds) }) : [];
    const rows = setIds.length ? await this.meetings.find({ where: { setId: In(setIds) }, order: { startsAt: 'ASC' } }) : [];
    return buildCalendar(await this.events(this.meetings.manager, rows, new Map(sets.map((s) => [s.id, s]))), { name: 'Action learning sets', stamp: this.clock.dateTime() });
  }

  get organizer(): { name: string; email: string } {
    return { name: 'Action learning sets', email: mailAddress(this.config.MAIL_FROM) };
  }

  private uid(id: string): string {
    return `${id}@${new URL(this.config.PUBLIC_URL).hostname}`;
  }

  private describe(m: MeetingEntity, set: SetEntity | undefined) {
    const place = m.format === 'online' ? (m.videoUrl ? `Online: ${m.videoUrl}` : 'Online') : m.location || 'In person';
    const page = `${this.config.PUBLIC_URL}/meetings/${m.id}`;
    return {
      summary: `${set?.name ?? 'Action learning set'}: set meeting`,
      description: `${place}${dialInText(m) ? `\n${dialInText(m)}` : ''}\n\nThe meeting's page (agenda, who is coming, replies): ${page}`,
      location: m.format === 'online' ? m.videoUrl : m.location,
      url: page,
    };
  }

  /** Single meetings become one VEVENT each; a series one VEVENT with its RRULE, EXDATEs and overrides. */
  private async events(manager: EntityManager, rows: MeetingEntity[], sets: Map<string, SetEntity>): Promise<CalendarEvent[]> {
    const seriesIds = [...new Set(rows.map((r) => r.seriesId).filter((id): id is string => id !== null))];
    const rules = new Map((seriesIds.length ? await manager.findBy(MeetingSeriesEntity, { id: In(seriesIds) }) : []).map((s) => [s.id, s.rule]));
    const events: CalendarEvent[] = [];
    const wall = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });
    for (const m of rows.filter((r) => !r.seriesId)) {
      events.push({ uid: this.uid(m.id), sequence: m.sequence, start: wall(m.startsAt, m.timeZone), end: wall(m.endsAt, m.timeZone), timeZone: m.timeZone, status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED', ...this.describe(m, sets.get(m.setId)) });
    }
    for (const seriesId of seriesIds) {
      const occurrences = rows.filter((r) => r.seriesId === seriesId).sort((a, b) => (a.recurrenceId?.getTime() ?? 0) - (b.recurrenceId?.getTime() ?? 0));
      const first = occurrences[0];
      const zone = first.timeZone;
      // The series' pattern: what its occurrences not changed on their own look like (after any edit of the whole series).
      // recurrenceId is each occurrence's start under the series' current pattern (RECURRENCE-ID).
      const now = this.clock.millis();
      const regular = occurrences.filter((o) => !o.overridden && o.status === 'scheduled');
      const pattern = regular.find((o) => o.startsAt.getTime() > now) ?? regular[regular.length - 1] ?? first;
      const firstStart = wall(first.recurrenceId ?? first.startsAt, zone);
      const duration = pattern.endsAt.getTime() - pattern.startsAt.getTime();
      const master: CalendarEvent = {
        uid: this.uid(seriesId),
        sequence: Math.max(...occurrences.map((o) => o.sequence)),
        start: firstStart,
        end: firstStart.plus({ milliseconds: duration }),
        timeZone: zone,
        status: 'CONFIRMED',
        rrule: rules.get(seriesId),
        exdates: occurrences.filter((o) => o.status === 'cancelled').map((o) => wall(o.recurrenceId ?? o.startsAt, zone)),
        ...this.describe(pattern, sets.get(first.setId)),
      };
      events.push(master);
      for (const o of occurrences) {
        const ruleStart = wall(o.recurrenceId ?? o.startsAt, zone);
        const moved = o.startsAt.getTime() !== ruleStart.toMillis() || o.endsAt.getTime() - o.startsAt.getTime() !== duration;
        const elsewhere = o.location !== pattern.location || o.videoUrl !== pattern.videoUrl || o.format !== pattern.format || dialInText(o) !== dialInText(pattern);
        if (o.status === 'cancelled' || !(moved || elsewhere)) continue;
        events.push({ uid: master.uid, sequence: o.sequence, recurrenceId: ruleStart, start: wall(o.startsAt, zone), end: wall(o.endsAt, zone), timeZone: zone, status: 'CONFIRMED', ...this.describe(o, sets.get(o.setId)) });
      }
    }
    return events;
  }
}
