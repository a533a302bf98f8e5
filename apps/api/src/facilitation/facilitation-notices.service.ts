import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { JobsService } from '@api/jobs/jobs.service';
import { escapeHtml, page, button } from '@api/mail/html';
import type { OutgoingMail } from '@api/mail/mail.service';
import { OutboxService } from '@api/mail/outbox.service';
import { describeWhen } from '@api/meetings/meeting.mail';
import { MeetingEntity } from '@api/meetings/meeting.entity';
import { notYetHeld } from '@api/meetings/meeting-held';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';

export const FACILITATION_NOTICES_JOB = 'facilitation-notices';
/** The person the rota names is told this long before the meeting (on the meeting's wall clock), or at once when named later. */
export const FACILITATION_NOTICE_BEFORE = '7 days';

/**
 * The week-ahead notice to whoever the rota names for a meeting: "you facilitate (or
 * co-facilitate) on ...". Recorded in `meeting_notifications` under the key
 * (meeting, person, `facilitating@<facilitationVersion>`) in the transaction that queues the
 * e-mail, so it goes once whatever the processes; a new assignment raises the version, so it is
 * sent again only when the meeting is reassigned.
 */
@Injectable()
export class FacilitationNoticesService implements OnModuleInit {
  private readonly logger = new Logger(FacilitationNoticesService.name);

  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(FACILITATION_NOTICES_JOB, '* * * * *', () => this.sweep());
  }

  /** One pass: the notices due now. Answers how many were queued. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const queued = await this.db.transaction((manager) => this.notices(manager, now));
    if (queued > 0) {
      this.logger.log({ msg: 'facilitation notices queued', count: queued });
      this.outbox.kick();
    }
    return queued;
  }

  private async notices(manager: EntityManager, now: Date): Promise<number> {
    const rows = (await manager.query(
      `WITH named AS (
         SELECT m."id", m."setId", m."facilitationVersion", m."facilitatorId" AS "userId", 'facilitating' AS "seat" FROM "meetings" m WHERE m."facilitatorId" IS NOT NULL
         UNION ALL
         SELECT m."id", m."setId", m."facilitationVersion", m."coFacilitatorId", 'co-facilitating' FROM "meetings" m WHERE m."coFacilitatorId" IS NOT NULL)
       INSERT INTO "meeting_notifications" ("meetingId", "userId", "kind")
       SELECT n."id", n."userId", n."seat" || '@' || n."facilitationVersion"
         FROM named n
         JOIN "meetings" m ON m."id" = n."id"
         JOIN "sets" s ON s."id" = m."setId" AND s."status" = 'active'
         JOIN "set_memberships" ms ON ms."setId" = m."setId" AND ms."userId" = n."userId" AND ms."role" IN ('facilitator', 'member')
        WHERE m."status" = 'scheduled' AND ${notYetHeld('m')}
          AND m."startsAt" > $1::timestamptz AND m."startsAt" <= $1::timestamptz + $2::interval + interval '1 day'
          AND timezone(m."timeZone", timezone(m."timeZone", m."startsAt") - $2::interval) <= $1::timestamptz
       ON CONFLICT ON CONSTRAINT "UQ_meeting_notifications_once" DO NOTHING
       RETURNING "meetingId", "userId", "kind"`,
      [now, FACILITATION_NOTICE_BEFORE],
    )) as { meetingId: string; userId: string; kind: string }[];
    if (rows.length === 0) return 0;
    const meetings = new Map((await manager.findBy(MeetingEntity, { id: In(rows.map((r) => r.meetingId)) })).map((m) => [m.id, m]));
    const sets = new Map((await manager.findBy(SetEntity, { id: In([...new Set([...meetings.values()].map((m) => m.setId))]) })).map((s) => [s.id, s]));
    const people = await manager.findBy(UserEntity, { id: In([...new Set(rows.flatMap((r) => [r.userId, meetings.get(r.meetingId)!.facilitatorId, meetings.get(r.meetingId)!.coFacilitatorId]).filter((id): id is string => !!id))]) });
    const users = new Map(people.map((u) => [u.id, u]));
    const mails = rows.map((row) => {
      const meeting = meetings.get(row.meetingId)!;
      const partnerId = row.kind.startsWith('co-') ? meeting.facilitatorId : meeting.coFacilitatorId;
      return facilitationNoticeMail({
        to: users.get(row.userId)!,
        set: sets.get(meeting.setId)!,
        meeting,
        co: row.kind.startsWith('co-'),
        partner: partnerId ? (users.get(partnerId)?.displayName ?? null) : null,
        meetingUrl: `${this.config.PUBLIC_URL}/meetings/${meeting.id}`,
      });
    });
    await this.outbox.enqueue(mails, manager);
    return mails.length;
  }
}

/** "You facilitate the meeting of <set> on <day>": what it means, who is beside them, where to prepare. */
export function facilitationNoticeMail(input: { to: UserEntity; set: SetEntity; meeting: MeetingEntity; co: boolean; partner: string | null; meetingUrl: string }): OutgoingMail {
  const { to, set, meeting, co, partner, meetingUrl } = input;
  const when = describeWhen(meeting, to.timeZone);
  const role = co ? 'co-facilitate' : 'facilitate';
  const beside = partner ? (co ? ` ${partner} facilitates it; you hold the controls beside them.` : ` ${partner} co-facilitates it with you.`) : '';
  const subject = `You ${role} the next meeting of ${set.name}`;
  const lead = `You ${role} the meeting of the set "${set.name}" on ${when}.${beside}`;
  const body = `You will be able to start its live session and hold the facilitator's controls in it. The meeting page has your private notes for it, and after the session a short reflection for your own supervision.`;
  return {
    to: to.email,
    subject,
    text: `Hello ${to.displayName},\n\n${lead}\n\n${body}\n\nThe meeting: ${meetingUrl}\n`,
    html: page([`<p>Hello ${escapeHtml(to.displayName)},</p>`, `<p>${escapeHtml(lead)}</p>`, `<p>${escapeHtml(body)}</p>`, `<p>${button(meetingUrl, 'Open the meeting')}</p>`]),
  };
}
