import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { calendarDay, type LiveAction, type ReportBackStatus } from '@als/shared';
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

/**
 * The set's action list as live sessions write it: an action agreed in a presenter's round, a
 * report-back given at a check-in. Each is written through the caller's transaction (the one
 * that records the session's event), so the list and the event log stand or fall together.
 * Report-backs on the web and by e-mail are `ReportBackService`'s.
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
}
