import { randomBytes } from 'node:crypto';
import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { Repository } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@als/shared';
import { UserEntity } from '@api/users/user.entity';
import { UserLoginDto, UserRegisterDto } from './dto/auth.dto';

// Algorithm.Argon2id is an ambient const enum (value 2), which isolatedModules cannot inline.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

interface TokenClaims {
  sub: string;
}

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so that a wrong e-mail takes as long as a wrong password. */
  private readonly decoyHash = hash(randomBytes(16).toString('hex'), ARGON2);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
  ) {}

  async register(dto: UserRegisterDto): Promise<{ user: UserEntity; accessToken: string }> {
    if (await this.findByEmail(dto.email)) throw new ConflictException('An account with this e-mail address already exists. Sign in instead.');
    const user = this.users.create({
      email: dto.email,
      passwordHash: await hash(dto.password, ARGON2),
      displayName: dto.displayName,
      timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
      calendarFeedToken: randomBytes(24).toString('base64url'),
    });
    await this.users.save(user);
    return { user, accessToken: await this.issueToken(user) };
  }

  async login(dto: UserLoginDto): Promise<{ user: UserEntity; accessToken: string }> {
    const user = await this.findByEmail(dto.email, true);
    const valid = await verify(user?.passwordHash ?? (await this.decoyHash), dto.password).catch(() => false);
    if (!user || !valid) throw new UnauthorizedException('The e-mail address or password is wrong.');
    return { user, accessToken: await this.issueToken(user) };
  }

  /** Whether `password` is the account's password (for confirming destructive actions). */
  async passwordMatches(userId: string, password: string): Promise<boolean> {
    const user = await this.users.createQueryBuilder('user').addSelect('user.passwordHash').where('user.id = :id', { id: userId }).getOne();
    return user ? verify(user.passwordHash, password).catch(() => false) : false;
  }

  /** The user an access token belongs to, or null when the token is invalid, expired or the account is gone. */
  async userFromToken(token: string): Promise<UserEntity | null> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      return await this.users.findOneBy({ id: claims.sub });
    } catch {
      return null;
    }
  }

  private issueToken(user: UserEntity): Promise<string> {
    return this.jwt.signAsync({ sub: user.id } satisfies TokenClaims);
  }

  private findByEmail(email: string, withPassword = false): Promise<UserEntity | null> {
    const query = this.users.createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email });
    if (withPassword) query.addSelect('user.passwordHash');
    return query.getOne();
  }
}
