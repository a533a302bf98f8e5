import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '@api/common/clock';
import type { SessionEntity } from './session.entity';

/** What an access token says: whose it is, which session it belongs to, and when it stops working. */
export interface AccessClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Access tokens (HS256 JWTs, key JWT_SECRET): each names its session (`sid`) and always carries
 * `exp`, the session's own expiry. Time comes from the injected Clock on both sides, so a test
 * that moves the clock expires tokens too. A token without `exp` or `sid` is refused, however well signed.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  sign(session: SessionEntity): Promise<string> {
    const claims: AccessClaims = { sub: session.userId, sid: session.id, iat: seconds(session.createdAt), exp: seconds(session.expiresAt) };
    return this.jwt.signAsync(claims);
  }

  /** The claims of a well-signed, unexpired token that names a session; null otherwise. */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessClaims>>(token, { clockTimestamp: seconds(this.clock.now()) });
      if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(claims.sub)) return null;
      return claims as AccessClaims;
    } catch {
      return null;
    }
  }
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
