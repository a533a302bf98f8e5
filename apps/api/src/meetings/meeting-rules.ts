import { DateTime } from 'luxon';
import { DEFAULT_AGENDA, MeetingErrorCode, type MeetingAgenda, type SetRole } from '@als/shared';
import { badRequest } from '@api/common/domain-error';
import type { SetEntity } from '@api/sets/set.entity';
import type { MeetingEntity } from './meeting.entity';

/** Reads startsAt: with an offset it is that instant; without one it is wall time in `zone`. */
export function parseStart(startsAt: string, zone: string): DateTime {
  const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(startsAt) && startsAt.includes('T');
  const parsed = hasOffset ? DateTime.fromISO(startsAt, { setZone: true }).setZone(zone) : DateTime.fromISO(startsAt, { zone });
  if (!parsed.isValid) throw badRequest(MeetingErrorCode.InvalidStart, `startsAt is not a valid date and time: ${parsed.invalidExplanation ?? startsAt}`, 'startsAt');
  if (!startsAt.includes('T')) throw badRequest(MeetingErrorCode.InvalidStart, 'startsAt needs a time of day, such as 2027-02-02T09:30', 'startsAt');
  return parsed;
}

/** An agenda as given (validated DTO) as a plain object in the phases' order. */
export function plainAgenda(agenda: MeetingAgenda): MeetingAgenda {
  return Object.fromEntries(Object.keys(DEFAULT_AGENDA).map((phase) => [phase, agenda[phase as keyof MeetingAgenda]])) as MeetingAgenda;
}

/** Whether an apology at `at` gives less notice than the set asks. */
export function isLate(meeting: MeetingEntity, set: SetEntity, at: Date): boolean {
  return at.getTime() > meeting.startsAt.getTime() - set.apologyNoticeHours * 3_600_000;
}

/** Who takes part in meetings (sponsors see the schedule only). */
export const PARTICIPANT_ROLES: readonly SetRole[] = ['facilitator', 'member'];
