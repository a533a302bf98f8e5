import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { InvitationEntity } from '@api/invitations/invitation.entity';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { AttendanceEntity } from '@api/meetings/attendance.entity';
import { MeetingSeriesEntity } from '@api/meetings/meeting-series.entity';
import { MeetingEntity } from '@api/meetings/meeting.entity';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';
import { Meetings1764100000000 } from './migrations/1764100000000-Meetings';
import { MeetingRules1764200000000 } from './migrations/1764200000000-MeetingRules';
import { LiveSessions1764300000000 } from './migrations/1764300000000-LiveSessions';
import { SessionAttendance1764400000000 } from './migrations/1764400000000-SessionAttendance';
import { LearningLog1764500000000 } from './migrations/1764500000000-LearningLog';
import { LearningLoop1764600000000 } from './migrations/1764600000000-LearningLoop';
import { Rounds1764700000000 } from './migrations/1764700000000-Rounds';
import { SessionEventCommandDigest1764810000000 } from './migrations/1764810000000-SessionEventCommandDigest';
import { CalendarDays1764820000000 } from './migrations/1764820000000-CalendarDays';
import { Sessions1764830000000 } from './migrations/1764830000000-Sessions';
import { AccountTokenEntity } from '@api/auth/account-token.entity';
import { SessionEntity } from '@api/auth/session.entity';
import { LearningLogEntryEntity } from '@api/learning-log/learning-log-entry.entity';
import { LiveSessionEntity } from '@api/live/live-session.entity';
import { ActionEntity } from '@api/actions/action.entity';
import { SessionEventEntity } from '@api/live/session-event.entity';
import { OutboxMailEntity } from '@api/mail/outbox-mail.entity';
import { AuditEventEntity, SelfAssessmentEntity, SessionStatisticsEntity } from '@api/evaluation/evaluation.entities';
import { MeetingNotificationEntity } from '@api/meetings/meeting-notification.entity';
import { Badges1764840000000 } from './migrations/1764840000000-Badges';
import { BADGE_ENTITIES } from '@api/badges/badges.entities';
import { ROUND_ENTITIES } from '@api/rounds/round.entities';
import { ORGANISATION_ENTITIES } from '@api/organisations/organisation.entities';
import { FacilitatorNoteEntity } from '@api/facilitation/facilitator-note.entity';
import { Organisations1764900000000 } from './migrations/1764900000000-Organisations';
import { Programmes1764901000000 } from './migrations/1764901000000-Programmes';
import { OrganisationSso1764902000000 } from './migrations/1764902000000-OrganisationSso';
import { OrganisationSetDefaults1764903000000 } from './migrations/1764903000000-OrganisationSetDefaults';
import { SetContractVersions1765010000000 } from './migrations/1765010000000-SetContractVersions';
import { OrganisationProvidersDomainsLogos1765050000000 } from './migrations/1765050000000-OrganisationProvidersDomainsLogos';
import { SetEnding1765020000000 } from './migrations/1765020000000-SetEnding';
import { PracticeSets1765021000000 } from './migrations/1765021000000-PracticeSets';
import { EndingReviewEntity } from '@api/ending/ending-review.entity';
import { MeetingDialIn1765030000000 } from './migrations/1765030000000-MeetingDialIn';
import { Facilitation1765000000000 } from './migrations/1765000000000-Facilitation';
import { RoundAnswers1765040000000 } from './migrations/1765040000000-RoundAnswers';
import { ProfessionalRegistration1765040100000 } from './migrations/1765040100000-ProfessionalRegistration';

export const ENTITIES = [UserEntity, SetEntity, MembershipEntity, InvitationEntity, MeetingSeriesEntity, MeetingEntity, AttendanceEntity, MeetingNotificationEntity, OutboxMailEntity, LiveSessionEntity, SessionEventEntity, ActionEntity, LearningLogEntryEntity, SessionStatisticsEntity, SelfAssessmentEntity, AuditEventEntity, SessionEntity, AccountTokenEntity, ...ROUND_ENTITIES, ...BADGE_ENTITIES, ...ORGANISATION_ENTITIES, EndingReviewEntity, FacilitatorNoteEntity];
export const MIGRATIONS = [Foundation1764000000000, Meetings1764100000000, MeetingRules1764200000000, LiveSessions1764300000000, SessionAttendance1764400000000, LearningLog1764500000000, LearningLoop1764600000000, Rounds1764700000000, SessionEventCommandDigest1764810000000, CalendarDays1764820000000, Sessions1764830000000, Badges1764840000000, Organisations1764900000000, Programmes1764901000000, OrganisationSso1764902000000, OrganisationSetDefaults1764903000000, Facilitation1765000000000, SetContractVersions1765010000000, SetEnding1765020000000, PracticeSets1765021000000, MeetingDialIn1765030000000, RoundAnswers1765040000000, ProfessionalRegistration1765040100000, OrganisationProvidersDomainsLogos1765050000000];

// A `date` column holds a calendar day: read it as its text, YYYY-MM-DD (node-pg would make it a
// Date at the process's local midnight, which another zone shows as the day before).
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** The one description of our database: used by the app and by the TypeORM CLI. */
export function databaseOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Run by migrate() before the app starts, under an advisory lock (several processes may start together).
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 10 },
  };
}
