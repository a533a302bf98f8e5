import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuthErrorCode, DEFAULT_TIME_ZONE } from '@als/shared';
import { UserEntity } from '@api/users/user.entity';
import { AppConfig } from '@api/config/app-config';
import { ssoRequiredFor } from '@api/organisations/organisation-sets';
import { UserLoginDto, UserRegisterDto } from './dto/auth.dto';
import { decoyPasswordHash, hashPassword, passwordMatchesHash } from './passwords';
import { type ClientInfo, SessionsService, type StartedSession } from './sessions.service';
import { SignInLimits } from './sign-in-limits';
import { conflict, forbidden, unauthorized } from '@api/common/domain-error';

export interface SignedIn extends StartedSession {
  user: UserEntity;
}

/** Signing up and signing in: each opens a session (SessionsService); both are limited per address and per account. */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly limits: SignInLimits,
    private readonly config: AppConfig,
  ) {}

  async register(dto: UserRegisterDto, client: ClientInfo): Promise<SignedIn> {
    await this.limits.attempt('register', { address: client.ip, account: dto.email });
    if (await this.findByEmail(dto.email)) throw conflict(AuthErrorCode.EmailTaken, 'An account with this e-mail address already exists. Sign in instead.');
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (manager) => {
      const user = manager.create(UserEntity, {
        email: dto.email,
        passwordHash,
        displayName: dto.displayName,
        timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
        calendarFeedToken: randomBytes(24).toString('base64url'),
      });
      await manager.save(user);
      return { user, ...(await this.sessions.start(user, client, manager)) };
    });
  }

  async login(dto: UserLoginDto, client: ClientInfo): Promise<SignedIn> {
    await this.limits.attempt('login', { address: client.ip, account: dto.email });
    const required = await ssoRequiredFor(this.db.manager, dto.email);
    if (required) {
      const name = required.providerName ?? this.config.OIDC_NAME;
      throw forbidden(AuthErrorCode.SsoRequired, `Your organisation signs you in with ${name}: use "Sign in with ${name}" instead of a password.`);
    }
    const user = await this.findByEmail(dto.email, true);
    const valid = await passwordMatchesHash(user?.passwordHash ?? (await decoyPasswordHash()), dto.password);
    if (!user || !valid) throw unauthorized(AuthErrorCode.WrongCredentials, 'The e-mail address or password is wrong.');
    await this.limits.succeeded('login', dto.email);
    return { user, ...(await this.sessions.start(user, client)) };
  }

  /** Whether `password` is the account's password (for confirming destructive actions). */
  async passwordMatches(userId: string, password: string): Promise<boolean> {
    const user = await this.users.createQueryBuilder('user').addSelect('user.passwordHash').where('user.id = :id', { id: userId }).getOne();
    return user ? passwordMatchesHash(user.passwordHash, password) : false;
  }

  findByEmail(email: string, withPassword = false): Promise<UserEntity | null> {
    const query = this.users.createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email });
    if (withPassword) query.addSelect('user.passwordHash');
    return query.getOne();
  }
}
