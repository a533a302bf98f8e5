import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In } from 'typeorm';
import { quorumStatus } from '@als/shared';
import { Clock } from '@api/common/clock';
import { ReplyAddresses } from '@api/common/reply-addresses';
import { SignedLinks } from '@api/common/signed-links';
import { AppConfig } from '@api/config/app-config';
import { JobsService } from '@api/jobs/jobs.service';
import { OutboxService } from '@api/mail/outbox.service';
import type { OutgoingMail } from '@api/mail/mail.service';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { AttendanceEntity } from './attendance.entity';
import { CalendarService } from './calendar.service';
import { announcementMail, Announcement, MailRecipient, quorumMail, reminderMail, reportBackMail, ReplyLinks } from './meeting.mail';
import { MeetingEntity } from './meeting.entity';
import { notYetHeld } from './meeting-held';

/** Reminders before a meeting: sent from `before` ahead until `until` ahead (after that the next one is more useful). */
export const REMINDERS = [
  { kind: 'reminder-7d', before: '7 days', until: '1 day' },
  { kind: 'reminder-1d', before: '1 day', until: '0 seconds' },
] as const;
/** The e-mail asking how each open action went goes out this long before the set's next meeting. */
export const REPORT_BACK_PROMPT_BEFORE = '3 days';
/** Facilitators are warned of a meeting below quorum from this long before it. */
export const QUORUM_WARNING_WINDOW = '7 days';
export const NOTICES_JOB = 'meeting-notices';

/**
 * SQL for the instant `interval` before the meeting `m` starts, counted on the wall clock of the
 * meeting's zone: 7 days before Monday 09:30 is the Monday before at 09:30, across a clock change.
 */
const beforeStart = (interval: string) => `timezone(m."timeZone", timezone(m."timeZone", m."startsAt") - ${interval}::interval)`;
/** A bound on startsAt that an index can use, wide enough for any clock change: the rule is beforeStart's. */
const SLACK = `interval '1 day'`;

/**
 * What people hear about meetings by e-mail: announcements of scheduled, changed and cancelled
 * meetings (with their calendar), reminders, and quorum warnings to facilitators. Every message
 * goes through the outbox in the transaction that decided it; reminders and warnings are recorded
 * under a unique key in the same transaction, so each goes out once whatever the number of
 * processes, and one missed while no process ran goes out at the next sweep if still useful.
 */
@Injectable()
export class MeetingNoticesService implements OnModuleInit {
  private readonly logger = new Logger(MeetingNoticesService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly calendar: CalendarService,
    private readonly links: SignedLinks,
    private readonly jobs: JobsService,
    private readonly replyAddresses: ReplyAddresses,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(NOTICES_JOB, '* * * * *', () => this.sweep());
  }

  meetingUrl(meetingId: string): string {
    return `${this.config.PUBLIC_URL}/meetings/${meetingId}`;
  }

  replyLinks(meeting: MeetingEntity, userId: string): ReplyLinks {
    const link = (status: 'attending' | 'apology') => `${this.config.PUBLIC_URL}/rsvp/${this.links.sign({ purpose: 'rsvp', meetingId: meeting.id, userId, status }, meeting.startsAt)}`;
    return { attending: link('attending'), apology: link('apology') };
  }

  /**
   * Tells everyone in the set (inside the caller's transaction) that `meeting` was scheduled or
   * changed, with the calendar that adds or updates it; or that `cancelled` meetings were
   * cancelled, with METHOD:CANCEL. Call `outbox.kick()` after the commit.
   */
  async announce(manager: EntityManager, kind: Announcement, set: SetEntity, meeting: MeetingEntity, extra: { seriesNote?: string; cancelled?: MeetingEntity[] } = {}): Promise<void> {
    const people = await this.people(manager, set.id);
    const replies = kind === 'cancelled' ? [] : await manager.findBy(AttendanceEntity, { meetingId: meeting.id });
    const mails: OutgoingMail[] = [];
    const organizer = this.calendar.organizer;
    // Only the series' (or meeting's) calendar is built once; the ATTENDEE line differs per person.
    for (const { user, role } of people) {
      const attendee = { name: user.displayName, email: user.email };
      const content =
        kind === 'cancelled'
          ? this.calendar.cancellation(extra.cancelled ?? [meeting], set, { name: set.name, organizer, attendee })
          : await this.calendar.invitation(manager, meeting, set, { name: set.name, method: 'REQUEST', organizer, attendee });
      const participant = role !== 'sponsor';
      mails.push(
        announcementMail({
          kind,
          to: user,
          set,
          meeting,
          seriesNote: extra.seriesNote,
          calendar: { method: kind === 'cancelled' ? 'CANCEL' : 'REQUEST', content, filename: kind === 'cancelled' ? 'cancelled.ics' : 'meeting.ics' },
          links: participant && meeting.startsAt > this.clock.now() ? this.replyLinks(meeting, user.id) : undefined,
          current: replies.find((r) => r.userId === user.id)?.status ?? null,
          meetingUrl: this.meetingUrl(meeting.id),
        }),
      );
    }
    await this.outbox.enqueue(mails, manager);
  }

  /** One pass of reminders, report-back prompts and quorum warnings due now. Answers how many messages it queued. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const queued = await this.db.transaction(async (manager) => (await this.reminders(manager, now)) + (await this.reportBackPrompts(manager, now)) + (await this.quorumWarnings(manager, now)));
    if (queued > 0) {
      this.logger.log({ msg: 'meeting notices queued', count: queued });
      this.outbox.kick();
    }
    return queued;
  }

  private async reminders(manager: EntityManager, now: Date): Promise<number> {
    let queued = 0;
    for (const reminder of REMINDERS) {
      // The unique key (meeting, person, kind@start) is what makes a reminder go out once; a meeting moved gets new ones.
      const rows = (await manager.query(
        `INSERT INTO "meeting_notifications" ("meetingId", "userId", "kind")
         SELECT m."id", ms."userId", $2 || '@' || extract(epoch FROM m."startsAt")::bigint
           FROM "meetings" m
           JOIN "set_memberships" ms ON ms."setId" = m."setId" AND ms."role" IN ('facilitator', 'member')
           JOIN "users" u ON u."id" = ms."userId" AND u."meetingReminders"
           LEFT JOIN "meeting_attendance" a ON a."meetingId" = m."id" AND a."userId" = ms."userId"
          WHERE m."status" = 'scheduled'
            AND m."startsAt" > $1::timestamptz AND m."startsAt" <= $1::timestamptz + $3::interval + ${SLACK}
            AND ${beforeStart('$3')} <= $1::timestamptz
            AND ${beforeStart('$4')} > $1::timestamptz
            AND m."createdAt" < ${beforeStart('$3')}
            AND (a."status" IS NULL OR a."status" <> 'apology')
         ON CONFLICT ON CONSTRAINT "UQ_meeting_notifications_once" DO NOTHING
         RETURNING "meetingId", "userId"`,
        [now, reminder.kind, reminder.before, reminder.until],
      )) as { meetingId: string; userId: string }[];
      if (rows.length === 0) continue;
      const { meetings, sets, users, replies } = await this.load(manager, rows);
      const open = (await manager.query(`SELECT "setId", "ownerId", "text" FROM "actions" WHERE "status" = 'open' AND "ownerId" = ANY($1) ORDER BY "createdAt"`, [[...new Set(rows.map((r) => r.userId))]])) as { setId: string; ownerId: string; text: string }[];
      const mails = rows.map(({ meetingId, userId }) => {
        const meeting = meetings.get(meetingId)!;
        const set = sets.get(meeting.setId)!;
        return reminderMail({
          openActions: open.filter((a) => a.setId === set.id && a.ownerId === userId).map((a) => a.text),
          to: users.get(userId)!,
          set,
          meeting,
          links: this.replyLinks(meeting, userId),
          current: replies.find((r) => r.meetingId === meetingId && r.userId === userId)?.status ?? null,
          meetingUrl: this.meetingUrl(meetingId),
          remindersOffUrl: `${this.config.PUBLIC_URL}/reminders-off/${this.links.sign({ purpose: 'reminders-off', userId }, DateTime.fromJSDate(now).plus({ days: 90 }).toJSDate())}`,
          noticeHours: set.apologyNoticeHours,
          now,
        });
      });
      await this.outbox.enqueue(mails, manager);
      queued += mails.length;
    }
    return queued;
  }

  /** Once per meeting and person with actions to report on: how did they go? The answers open its check-in. */
  private async reportBackPrompts(manager: EntityManager, now: Date): Promise<number> {
    const rows = (await manager.query(
      `INSERT INTO "meeting_notifications" ("meetingId", "userId", "kind")
       SELECT m."id", ms."userId", 'report-back@' || extract(epoch FROM m."startsAt")::bigint
         FROM "meetings" m
         JOIN "sets" s ON s."id" = m."setId" AND s."status" = 'active'
         JOIN "set_memberships" ms ON ms."setId" = m."setId" AND ms."role" IN ('facilitator', 'member')
         JOIN "users" u ON u."id" = ms."userId" AND u."meetingReminders"
        WHERE m."status" = 'scheduled' AND ${notYetHeld('m')}
          AND m."startsAt" > $1::timestamptz AND m."startsAt" <= $1::timestamptz + $2::interval + ${SLACK} AND ${beforeStart('$2')} <= $1::timestamptz
          AND EXISTS (SELECT 1 FROM "actions" a WHERE a."setId" = m."setId" AND a."ownerId" = ms."userId" AND a."status" = 'open' AND a."meetingId" IS DISTINCT FROM m."id")
          AND NOT EXISTS (SELECT 1 FROM "meetings" earlier WHERE earlier."setId" = m."setId" AND earlier."status" = 'scheduled' AND earlier."startsAt" > $1::timestamptz AND earlier."startsAt" < m."startsAt" AND ${notYetHeld('earlier')})
       ON CONFLICT ON CONSTRAINT "UQ_meeting_notifications_once" DO NOTHING
       RETURNING "id", "meetingId", "userId"`,
      [now, REPORT_BACK_PROMPT_BEFORE],
    )) as { id: string; meetingId: string; userId: string }[];
    if (rows.length === 0) return 0;
    const { meetings, sets, users } = await this.load(manager, rows);
    const open = (await manager.query(`SELECT "setId", "ownerId", "text", "dueAt" FROM "actions" WHERE "status" = 'open' AND "ownerId" = ANY($1) ORDER BY "dueAt" ASC NULLS LAST, "createdAt", "id"`, [[...new Set(rows.map((r) => r.userId))]])) as { setId: string; ownerId: string; text: string; dueAt: string | null }[];
    const mails = rows.map(({ id, meetingId, userId }) => {
      const meeting = meetings.get(meetingId)!;
      return reportBackMail({
        replyTo: this.replyAddresses.address('b', id),
        to: users.get(userId)!,
        set: sets.get(meeting.setId)!,
        meeting,
        actions: open.filter((a) => a.setId === meeting.setId && a.ownerId === userId),
        reportUrl: `${this.config.PUBLIC_URL}/report-back/${this.links.sign({ purpose: 'report-back', meetingId, userId }, meeting.startsAt)}`,
      });
    });
    await this.outbox.enqueue(mails, manager);
    return mails.length;
  }

  private async quorumWarnings(manager: EntityManager, now: Date): Promise<number> {
    const rows = (await manager.query(
      `WITH counts AS (
         SELECT m."id", m."setId", m."sequence", s."quorum",
                (SELECT count(*) FROM "set_memberships" p WHERE p."setId" = m."setId" AND p."role" IN ('facilitator', 'member')) AS participants,
                (SELECT count(*) FROM "meeting_attendance" a
                   JOIN "set_memberships" p ON p."setId" = m."setId" AND p."userId" = a."userId" AND p."role" IN ('facilitator', 'member')
                  WHERE a."meetingId" = m."id" AND a."status" = 'apology') AS apologies
           FROM "meetings" m JOIN "sets" s ON s."id" = m."setId"
          WHERE m."status" = 'scheduled' AND s."quorum" IS NOT NULL
            AND m."startsAt" > $1::timestamptz AND m."startsAt" <= $1::timestamptz + $2::interval + ${SLACK} AND ${beforeStart('$2')} <= $1::timestamptz)
       INSERT INTO "meeting_notifications" ("meetingId", "userId", "kind")
       SELECT c."id", f."userId", 'quorum@' || c."sequence"
         FROM counts c JOIN "set_memberships" f ON f."setId" = c."setId" AND f."role" = 'facilitator'
        WHERE c.participants - c.apologies < c."quorum"
       ON CONFLICT ON CONSTRAINT "UQ_meeting_notifications_once" DO NOTHING
       RETURNING "meetingId", "userId"`,
      [now, QUORUM_WARNING_WINDOW],
    )) as { meetingId: string; userId: string }[];
    if (rows.length === 0) return 0;
    const { meetings, sets, users, replies } = await this.load(manager, rows);
    const mails: OutgoingMail[] = [];
    const participantsOf = new Map<string, { user: UserEntity; role: MembershipEntity['role'] }[]>();
    for (const { meetingId, userId } of rows) {
      const meeting = meetings.get(meetingId)!;
      const set = sets.get(meeting.setId)!;
      if (!participantsOf.has(set.id)) participantsOf.set(set.id, (await this.people(manager, set.id)).filter((x) => x.role !== 'sponsor'));
      const participants = participantsOf.get(set.id)!;
      const apologies = replies.filter((r) => r.meetingId === meetingId && r.status === 'apology' && participants.some((p) => p.user.id === r.userId));
      mails.push(
        quorumMail({
          to: users.get(userId)!,
          set,
          meeting,
          quorum: quorumStatus(set.quorum, participants.length, apologies.length),
          apologies: apologies.map((a) => participants.find((p) => p.user.id === a.userId)!.user.displayName),
          meetingUrl: this.meetingUrl(meetingId),
        }),
      );
    }
    await this.outbox.enqueue(mails, manager);
    return mails.length;
  }

  private async people(manager: EntityManager, setId: string): Promise<{ user: UserEntity; role: MembershipEntity['role'] }[]> {
    const memberships = await manager.find(MembershipEntity, { where: { setId }, relations: { user: true }, order: { createdAt: 'ASC' } });
    return memberships.map((m) => ({ user: m.user, role: m.role }));
  }

  private async load(manager: EntityManager, rows: { meetingId: string; userId: string }[]) {
    const meetingIds = [...new Set(rows.map((r) => r.meetingId))];
    const meetingRows = await manager.findBy(MeetingEntity, { id: In(meetingIds) });
    const setRows = await manager.findBy(SetEntity, { id: In([...new Set(meetingRows.map((m) => m.setId))]) });
    const userRows = await manager.findBy(UserEntity, { id: In([...new Set(rows.map((r) => r.userId))]) });
    const replies = await manager.findBy(AttendanceEntity, { meetingId: In(meetingIds) });
    return {
      meetings: new Map(meetingRows.map((m) => [m.id, m])),
      sets: new Map(setRows.map((s) => [s.id, s])),
      users: new Map<string, MailRecipient & UserEntity>(userRows.map((u) => [u.id, u])),
      replies,
    };
  }
}
