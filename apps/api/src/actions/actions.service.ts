import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { actionsFromText, calendarDay, type LiveAction, type ReportBackStatus } from '@als/shared';
import { UserEntity } from '@api/users/user.entity';
import { notYetHeld } from '@api/meetings/meeting-held';
import { MeetingEntity } from '@api/meetings/meeting.entity';
import { ActionEntity } from './action.entity';

/** A report-back given at a live session's check-in. */
export interface CheckInReport {
  actionId: string;
  status: ReportBackStatus;
  note: string;
  /** When it was given (ISO), the event's time. */
  at: string;
}

/** An action from a round is due at the set's next meeting, or this many days on (in the presenter's zone). */
export const ROUND_ACTION_DUE_DAYS = 28;

/**
 * The set's action list as live sessions and rounds write it: an action agreed in a presenter's round, a
 * report-back given at a check-in. Each is written through the caller's transaction (the one
 * that records the session's event), so the list and the event log stand or fall together.
 * The presenter's last-phase text in an asynchronous round becomes their actions likewise, in the
 * round's transaction. Report-backs on the web and by e-mail are `ReportBackService`'s.
 */
@Injectable()
export class ActionsService {
  /** An action agreed in the session of `meetingId`; `action.id` is its key within the session. */
  async addFromSession(manager: EntityManager, meetingId: string, action: LiveAction): Promise<void> {
    const { setId } = await manager.findOneByOrFail(MeetingEntity, { id: meetingId });
    await manager.insert(ActionEntity, { setId, meetingId, sessionKey: action.id, ownerId: action.ownerId, text: action.text, dueAt: action.dueAt ? calendarDay(action.dueAt) : null });
  }

  /** A report-back given at the check-in of the session of `meetingId`: it closes the report. */
  async reportAtCheckIn(manager: EntityManager, meetingId: string, report: CheckInReport): Promise<void> {
    await manager.update(ActionEntity, { id: report.actionId }, { status: report.status, reportNote: report.note, reportedAt: new Date(report.at), reportedVia: 'live', reportedInMeetingId: meetingId });
  }

  /**
   * The presenter's last-phase text in a round becomes their actions, due (a calendar day) on the
   * day of the set's next meeting in its zone (one already held, its session run early, is not the
   * next), or four weeks on in the presenter's zone.
   */
  async addFromRound(manager: EntityManager, round: { id: string; setId: string; presenterId: string }, body: string, now: Date): Promise<void> {
    const [next] = (await manager.query(`SELECT m."startsAt", m."timeZone" FROM "meetings" m WHERE m."setId" = $1 AND m."status" = 'scheduled' AND m."startsAt" > $2 AND ${notYetHeld('m')} ORDER BY m."startsAt" LIMIT 1`, [round.setId, now])) as { startsAt: Date; timeZone: string }[];
    const presenter = await manager.findOneOrFail(UserEntity, { where: { id: round.presenterId }, select: { id: true, timeZone: true } });
    const dueAt = next ? DateTime.fromJSDate(next.startsAt, { zone: next.timeZone }).toISODate() : DateTime.fromJSDate(now, { zone: presenter.timeZone }).plus({ days: ROUND_ACTION_DUE_DAYS }).toISODate();
    const texts = actionsFromText(body);
    if (texts.length) await manager.insert(ActionEntity, texts.map((text) => ({ setId: round.setId, roundId: round.id, ownerId: round.presenterId, text, dueAt })));
  }

  /** The texts of the actions a round agreed, in the order they were agreed. */
  async textsOfRound(manager: EntityManager, roundId: string): Promise<string[]> {
    return (await manager.find(ActionEntity, { where: { roundId }, select: { id: true, text: true }, order: { createdAt: 'ASC' } })).map((a) => a.text);
  }
}
