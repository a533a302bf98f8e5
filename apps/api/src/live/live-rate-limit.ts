import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RedisConnection } from '@api/common/redis';
import { AppConfig } from '@api/config/app-config';

/** The window LIVE_RATE_LIMIT counts messages in. */
export const LIVE_RATE_WINDOW_SECONDS = 60;

/**
 * LIVE_RATE_LIMIT messages per person per minute, counted across every API process when
 * REDIS_URL is set (rate-limiter-flexible's RateLimiterRedis on the shared connection: one atomic
 * script per message), else in this process (RateLimiterMemory, whose counts expire with their
 * window, so it forgets everyone who went quiet). The memory limiter is also the insurance while
 * Redis is not ready. A person over the limit is blocked in memory for the rest of the window, so a
 * flooder costs Redis nothing more.
 */
@Injectable()
export class LiveRateLimit implements OnApplicationBootstrap {
  private limiter: RateLimiterAbstract | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
  ) {}

  onApplicationBootstrap(): void {
    const points = this.config.LIVE_RATE_LIMIT;
    if (points === 0) return;
    const memory = new RateLimiterMemory({ points, duration: LIVE_RATE_WINDOW_SECONDS, keyPrefix: 'als-live' });
    const client = this.redis.client;
    this.limiter = client
      ? new RateLimiterRedis({
          storeClient: client,
          useRedisPackage: true,
          rejectIfRedisNotReady: true,
          points,
          duration: LIVE_RATE_WINDOW_SECONDS,
          keyPrefix: 'als:live-rate',
          inMemoryBlockOnConsumed: points + 1,
          insuranceLimiter: memory,
        })
      : memory;
  }

  /** The person's messages counted in the current window (0 once the window has passed and the count is forgotten). */
  async counted(userId: string): Promise<number> {
    return (await this.limiter?.get(userId))?.consumedPoints ?? 0;
  }

  /** Counts one message of the person's; answers whether it is within the limit. */
  async allow(userId: string): Promise<boolean> {
    if (!this.limiter) return true;
    try {
      await this.limiter.consume(userId);
      return true;
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return false;
      throw outcome;
    }
  }
}
