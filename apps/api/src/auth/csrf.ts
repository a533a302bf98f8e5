import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@api/config/app-config';

/**
 * The web client's CSRF token, bound to its session: an HMAC of the session id (key derived from
 * JWT_SECRET for this use only). The API sets it in the readable `als_csrf` cookie at sign-in; a
 * changing request with the session cookie must send it back in X-CSRF-Token, and it is checked
 * against the session of that cookie, so a cookie and header pair of someone else's choosing fails.
 */
@Injectable()
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = createHmac('sha256', config.jwtSecret).update('csrf/v1').digest();
  }

  for(sessionId: string): string {
    return createHmac('sha256', this.key).update(sessionId).digest('base64url');
  }

  matches(given: unknown, sessionId: string): boolean {
    if (typeof given !== 'string') return false;
    const expected = Buffer.from(this.for(sessionId));
    const sent = Buffer.from(given);
    return expected.length === sent.length && timingSafeEqual(expected, sent);
  }
}
