import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RedisConnection } from '@api/common/redis';
import { AppConfig } from '@api/config/app-config';
import { AuthErrorCode } from '@als/shared';

/** What a person is trying to do: each has its own count per account, all share the count per address. */
export type SignInAttempt = 'register' | 'login' | 'password-reset' | 'password-change' | 'email-change';

const ACCOUNT_WINDOW_SECONDS = 15 * 60;
const ADDRESS_WINDOW_SECONDS = 60;

/** 429 with Retry-After (the error filter sends the header). */
export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super({ statusCode: 429, error: 'Too Many Requests', message: `Too many attempts. Try again in ${describe(retryAfterSeconds)}.`, code: AuthErrorCode.TooManyAttempts }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

function describe(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Sign-in limits (rate-limiter-flexible): AUTH_RATE_LIMIT attempts a minute per client address,
 * and AUTH_ACCOUNT_RATE_LIMIT attempts per 15 minutes per account (its e-mail address, or the
 * signed-in person), so changing addresses (X-Forwarded-For through a pass-through proxy) does not
 * reset the count on an account. With REDIS_URL every process shares the counts (RateLimiterRedis,
 * atomic in Redis; an in-memory limiter stands in while Redis is down); without it a process keeps
 * them in memory, each key forgotten when its window ends. A point is taken before the attempt is
 * judged, so attempts racing each other cannot pass the limit; a successful sign-in gives its
 * account point back.
 */
@Injectable()
export class SignInLimits {
  private limiters: { address: RateLimiterAbstract | null; account: RateLimiterAbstract | null } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
  ) {}

  /** Counts an attempt; throws TooManyAttemptsException when the address or the account is over its limit. */
  async attempt(kind: SignInAttempt, who: { address?: string | null; account?: string }): Promise<void> {
    const { address, account } = this.get();
    const waits = await Promise.all([
      address && who.address ? this.consume(address, who.address) : 0,
      account && who.account ? this.consume(account, `${kind}:${who.account.toLowerCase()}`) : 0,
    ]);
    const wait = Math.max(...waits);
    if (wait > 0) throw new TooManyAttemptsException(wait);
  }

  /** A successful sign-in: its account point is given back (only failures count against an account). */
  async succeeded(kind: SignInAttempt, account: string): Promise<void> {
    const { account: limiter } = this.get();
    if (limiter) await limiter.reward(`${kind}:${account.toLowerCase()}`, 1).catch(() => undefined);
  }

  /** Seconds to wait (0: allowed). */
  private async consume(limiter: RateLimiterAbstract, key: string): Promise<number> {
    try {
      await limiter.consume(key, 1);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  /** Built on first use, when the shared Redis connection is up. */
  private get(): { address: RateLimiterAbstract | null; account: RateLimiterAbstract | null } {
    if (this.limiters) return this.limiters;
    const off = this.config.AUTH_RATE_LIMIT === 0;
    this.limiters = {
      address: off ? null : this.make('address', this.config.AUTH_RATE_LIMIT, ADDRESS_WINDOW_SECONDS),
      account: off || this.config.AUTH_ACCOUNT_RATE_LIMIT === 0 ? null : this.make('account', this.config.AUTH_ACCOUNT_RATE_LIMIT, ACCOUNT_WINDOW_SECONDS),
    };
    return this.limiters;
  }

  private make(name: string, points: number, duration: number): RateLimiterAbstract {
    const options = { keyPrefix: `als:sign-in:${name}`, points, duration };
    const client = this.redis.client;
    if (!client) return new RateLimiterMemory(options);
    return new RateLimiterRedis({ ...options, storeClient: client, useRedisPackage: true, insuranceLimiter: new RateLimiterMemory(options) });
  }
}
