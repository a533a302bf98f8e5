import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthErrorCode, normaliseRegistrationNumber, type MeUpdateRequest } from '@als/shared';
import { notFound } from '@api/common/domain-error';
import { SignedLinks } from '@api/common/signed-links';
import { SessionsService } from '@api/auth/sessions.service';
import { UserEntity } from './user.entity';

/** A person's own settings: name, zone, e-mail preferences and the secret calendar feed address. */
@Injectable()
export class UsersService {
  constructor(
    private readonly links: SignedLinks,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionsService,
  ) {}

  /** Applies the fields given; answers the person as they are now. */
  async update(user: UserEntity, { registration, ...changes }: MeUpdateRequest): Promise<UserEntity> {
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<UserEntity>;
    // The registration as kept: its number normalised; null removes both.
    if (registration !== undefined) {
      given.registrationRegulator = registration?.regulator ?? null;
      given.registrationNumber = registration ? normaliseRegistrationNumber(registration.number) : null;
    }
    if (Object.keys(given).length) await this.users.update({ id: user.id }, given);
    this.sessions.forgetUser(user.id);
    return { ...user, ...given } as UserEntity;
  }

  /** A new secret calendar feed token: the old address stops working at once. */
  async resetCalendarFeed(user: UserEntity): Promise<UserEntity> {
    const calendarFeedToken = randomBytes(24).toString('base64url');
    await this.users.update({ id: user.id }, { calendarFeedToken });
    this.sessions.forgetUser(user.id);
    return { ...user, calendarFeedToken } as UserEntity;
  }

  /** The one-click link from a reminder e-mail (signed, single-purpose, expiring). */
  async remindersOff(token: string): Promise<void> {
    const claims = this.links.verify(token, 'reminders-off');
    const found = claims ? await this.users.update({ id: claims.userId }, { meetingReminders: false }) : null;
    if (claims) this.sessions.forgetUser(claims.userId);
    if (!found?.affected) throw notFound(AuthErrorCode.LinkExpired, 'This link no longer works: it may have expired. Turn reminders off in your account instead.');
  }
}
