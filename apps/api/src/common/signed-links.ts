import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';

/** What a link from an e-mail may do: one purpose each, so a token for one cannot serve another. */
export type LinkClaims =
  | { purpose: 'rsvp'; meetingId: string; userId: string; status: 'attending' | 'apology' }
  | { purpose: 'reminders-off'; userId: string }
  | { purpose: 'report-back'; meetingId: string; userId: string };

interface Signed {
  c: LinkClaims;
  /** Expiry, seconds since the epoch. */
  e: number;
}

/**
 * Signed, single-purpose, expiring links for people who are not signed in (one-click replies from
 * e-mails). `<payload>.<HMAC-SHA256>` in base64url, with a key derived from JWT_SECRET for this
 * use only. Whoever holds the link can do the one thing it says, until it expires; what it may
 * touch is checked again when it is used (membership, meeting still on).
 */
@Injectable()
export class SignedLinks {
  private readonly key: Buffer;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = createHmac('sha256', config.jwtSecret).update('signed-links/v1').digest();
  }

  sign(claims: LinkClaims, expiresAt: Date): string {
    const payload = Buffer.from(JSON.stringify({ c: claims, e: Math.floor(expiresAt.getTime() / 1000) } satisfies Signed)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a valid, unexpired token of that purpose; null otherwise. */
  verify<P extends LinkClaims['purpose']>(token: string, purpose: P): Extract<LinkClaims, { purpose: P }> | null {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let signed: Signed;
    try {
      signed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Signed;
    } catch {
      return null;
    }
    if (typeof signed.e !== 'number' || signed.e * 1000 <= this.clock.millis()) return null;
    if (signed.c?.purpose !== purpose) return null;
    return signed.c as Extract<LinkClaims, { purpose: P }>;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
