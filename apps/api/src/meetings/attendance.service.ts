import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { MeetingErrorCode, type AttendanceStatus, type SetRole } from '@als/shared';
import { Clock } from '@api/common/clock';
import { conflict, notFound } from '@api/common/domain-error';
import { SignedLinks } from '@api/common/signed-links';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { AttendanceEntity } from './attendance.entity';
import { AttendanceDto, AttendanceResponseDto, mapAttendance, mapMeeting, RsvpDto, RsvpPreviewResponseDto } from './dto/meeting.dto';
import { MeetingAccessPolicy } from './meeting-access.policy';
import { isLate, PARTICIPANT_ROLES } from './meeting-rules';
import { MeetingEntity } from './meeting.entity';

/**
 * Replies to meetings (attending or an apology, late when it gives less notice than the set asks):
 * on the meeting page, by a facilitator for a meeting in person, or from an e-mail's one-click link.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(AttendanceEntity) private readonly attendance: Repository<AttendanceEntity>,
    @InjectRepository(SetEntity) private readonly sets: Repository<SetEntity>,
    private readonly policy: MeetingAccessPolicy,
    private readonly links: SignedLinks,
    private readonly clock: Clock,
  ) {}

  /** A person replies for themself. Non-members of the meeting's set get 404; sponsors 403. */
  async reply(user: UserEntity, meetingId: string, dto: AttendanceDto): Promise<AttendanceResponseDto> {
    const meeting = await this.meetingFor(user, meetingId, PARTICIPANT_ROLES);
    if (meeting.startsAt.getTime() <= this.clock.millis()) throw conflict(MeetingErrorCode.Started, 'This meeting has already started: replies are closed.');
    return this.record(meeting, user.id, dto.status, dto.reason, null);
  }

  /** A facilitator records a reply for someone in a face-to-face meeting (before, during or after it). */
  async replyOnBehalf(user: UserEntity, meetingId: string, userId: string, dto: AttendanceDto): Promise<AttendanceResponseDto> {
    const meeting = await this.meetingFor(user, meetingId, ['facilitator']);
    if (meeting.format !== 'in-person') throw conflict(MeetingErrorCode.InPersonOnly, 'Replies for an online meeting come from each person; facilitators record them only for meetings in person.');
    const person = isUUID(userId) ? await this.memberships.findOneBy({ setId: meeting.setId, userId }) : null;
    if (!person || !PARTICIPANT_ROLES.includes(person.role)) throw notFound(MeetingErrorCode.PersonNotMember, 'This person is not a member of the set.');
    return this.record(meeting, userId, dto.status, dto.reason, user.id);
  }

  private async record(meeting: MeetingEntity, userId: string, status: AttendanceStatus, reason: string | undefined, recordedById: string | null): Promise<AttendanceResponseDto> {
    if (meeting.status === 'cancelled') throw conflict(MeetingErrorCode.Cancelled, 'This meeting was cancelled.');
    const set = await this.sets.findOneByOrFail({ id: meeting.setId });
    const apology = status === 'apology';
    await this.attendance.upsert(
      { meetingId: meeting.id, userId, status, reason: apology ? (reason ?? '') : '', late: apology && isLate(meeting, set, this.clock.now()), recordedById },
      { conflictPaths: ['meetingId', 'userId'] },
    );
    return mapAttendance(await this.attendance.findOneByOrFail({ meetingId: meeting.id, userId }));
  }

  /** What a one-click link from an e-mail would record, for the page that confirms it. */
  async rsvpPreview(token: string): Promise<RsvpPreviewResponseDto> {
    const { meeting, user, status, set } = await this.rsvpTarget(token);
    const current = await this.attendance.findOneBy({ meetingId: meeting.id, userId: user.id });
    const { id, startsAt, endsAt, timeZone, format, location, videoUrl, dialInNumbers, dialInPasscode } = mapMeeting(meeting, null);
    return { status, displayName: user.displayName, setName: set.name, meeting: { id, startsAt, endsAt, timeZone, format, location, videoUrl, dialInNumbers, dialInPasscode, status: meeting.status }, current: current?.status ?? null };
  }

  /** Records the reply a one-click link stands for, without signing in. */
  async rsvp(token: string, dto: RsvpDto): Promise<AttendanceResponseDto> {
    const { meeting, user, status } = await this.rsvpTarget(token);
    if (meeting.startsAt.getTime() <= this.clock.millis()) throw conflict(MeetingErrorCode.Started, 'This meeting has already started: replies are closed.');
    return this.record(meeting, user.id, status, dto.reason, null);
  }

  /** The token's meeting and person, checked again now: the person must still take part in the set. */
  private async rsvpTarget(token: string): Promise<{ meeting: MeetingEntity; user: UserEntity; status: AttendanceStatus; set: SetEntity }> {
    const claims = this.links.verify(token, 'rsvp');
    const gone = notFound(MeetingErrorCode.LinkExpired, 'This link no longer works: it may have expired. Reply on the meeting page instead.');
    if (!claims) throw gone;
    const meeting = await this.meetings.findOneBy({ id: claims.meetingId });
    const membership = meeting ? await this.memberships.findOne({ where: { setId: meeting.setId, userId: claims.userId }, relations: { user: true, set: true } }) : null;
    if (!meeting || !membership || !PARTICIPANT_ROLES.includes(membership.role)) throw gone;
    if (meeting.status === 'cancelled') throw conflict(MeetingErrorCode.Cancelled, 'This meeting was cancelled.');
    return { meeting, user: membership.user, status: claims.status, set: membership.set };
  }

  private async meetingFor(user: UserEntity, meetingId: string, roles: readonly SetRole[]): Promise<MeetingEntity> {
    const access = await this.policy.requireMeeting(user.id, meetingId, roles);
    return this.meetings.findOneByOrFail({ id: access.meetingId });
  }
}
