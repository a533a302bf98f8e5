import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the browser carries between the start of a sign-in at the provider and its callback (httpOnly cookie, signed). */
export interface SsoFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Whose provider the sign-in went to: an organisation's own, or null for the platform's (OIDC_ISSUER). */
  organisationId: string | null;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

export const SSO_FLOW_COOKIE = 'als_oidc';
/** A sign-in at the provider must come back within this many minutes. */
export const SSO_FLOW_MINUTES = 10;

/** Signs and reads the flow cookie: `<payload>.<HMAC-SHA256>` in base64url, with a key derived from JWT_SECRET for this use only. */
export class SsoFlowCookie {
  private readonly key: Buffer;

  constructor(jwtSecret: string) {
    this.key = createHmac('sha256', jwtSecret).update('sso-flow/v1').digest();
  }

  seal(flow: SsoFlow): string {
    const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The flow of a cookie this process signed and that has not expired; null otherwise. */
  open(value: unknown, now: number): SsoFlow | null {
    if (typeof value !== 'string') return null;
    const [payload, mac, extra] = value.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SsoFlow;
      return typeof flow.expiresAt === 'number' && flow.expiresAt > now ? flow : null;
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/**
 * Where a sign-in may return to: a path on this site only. Anything else (another site, `//host`,
 * a backslash that browsers read as a slash, control characters, an unparsable value) is `/`.
 */
export function sameSiteReturnTo(value: unknown, publicUrl: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  try {
    const base = new URL(publicUrl);
    const target = new URL(value, base);
    return target.origin === base.origin ? `${target.pathname}${target.search}${target.hash}` : '/';
  } catch {
    return '/';
  }
}
