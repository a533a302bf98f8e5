import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { SetClosing } from '@api/sets/set-closing';
import type { SetEntity } from '@api/sets/set.entity';
import { notYetHeld } from './meeting-held';
import { MeetingNoticesService } from './meeting-notices.service';
import { MeetingEntity } from './meeting.entity';

/**
 * Closing a set with `cancelUpcoming: true`: in the closing transaction (the set's row held), every
 * meeting of the set that has neither started nor been held is cancelled as a cancellation by
 * hand would be (SEQUENCE up, everyone told with METHOD:CANCEL, one e-mail per series or meeting).
 * Locks follow ARCHITECTURE.md's order: the series' rows, then their occurrences', by id.
 */
@Injectable()
export class UpcomingCancellation implements OnModuleInit {
  constructor(
    private readonly closing: SetClosing,
    private readonly notices: MeetingNoticesService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.closing.cancelsUpcomingWith((manager, set) => this.cancelAll(manager, set));
  }

  async cancelAll(manager: EntityManager, set: SetEntity): Promise<{ cancelled: number; afterCommit: () => void }> {
    const now = this.clock.now();
    const due = (await manager.query(`SELECT m."id", m."seriesId" FROM "meetings" m WHERE m."setId" = $1 AND m."status" = 'scheduled' AND m."startsAt" > $2 AND ${notYetHeld('m')}`, [set.id, now])) as { id: string; seriesId: string | null }[];
    if (due.length === 0) return { cancelled: 0, afterCommit: () => undefined };
    const seriesIds = [...new Set(due.map((d) => d.seriesId).filter((id): id is string => id !== null))].sort();
    if (seriesIds.length) await manager.query(`SELECT 1 FROM "meeting_series" WHERE "id" = ANY($1) ORDER BY "id" FOR UPDATE`, [seriesIds]);
    const locked = await manager.find(MeetingEntity, { where: { id: In(due.map((d) => d.id)) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    // Read again under the locks: one cancelled or moved into the past meanwhile is left as it is.
    const cancelled = locked.filter((m) => m.status === 'scheduled' && m.startsAt > now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (const meeting of cancelled) {
      meeting.status = 'cancelled';
      meeting.sequence += 1;
    }
    await manager.save(cancelled);
    const groups = new Map<string, MeetingEntity[]>();
    for (const meeting of cancelled) groups.set(meeting.seriesId ?? meeting.id, [...(groups.get(meeting.seriesId ?? meeting.id) ?? []), meeting]);
    for (const group of groups.values()) await this.notices.announce(manager, 'cancelled', set, group[0], { cancelled: group });
    return { cancelled: cancelled.length, afterCommit: () => this.outbox.kick() };
  }
}
