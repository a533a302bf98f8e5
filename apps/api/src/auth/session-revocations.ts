import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Subject } from 'rxjs';
import { Clock } from '@api/common/clock';
import { RedisConnection } from '@api/common/redis';
import { AppConfig } from '@api/config/app-config';

/** Sessions that just ended, and the words their live connections are closed with. */
export interface SessionsEnded {
  sessionIds: string[];
  reason: string;
}

const CHANNEL = 'als:sessions-ended';
/** At most this many ended sessions are remembered in a process (the oldest are forgotten first). */
export const ENDED_SESSIONS_KEPT = 10_000;

/**
 * Tells every API process which sessions ended, within a second: at once in this process, and
 * through Redis pub/sub to the others when REDIS_URL is set. Each process closes its own live
 * connections of those sessions (the gateway listens to `ended`) and remembers the ids for as long
 * as their tokens could still be presented, so a socket can check its session on every message
 * without a query. The memory is bounded; what it forgets the database still knows (the gateway
 * re-reads a socket's session now and then, and every REST request reads it).
 */
@Injectable()
export class SessionRevocations implements OnModuleInit {
  private readonly logger = new Logger(SessionRevocations.name);
  private readonly origin = randomUUID();
  /** Session id → when it may be forgotten (ms since the epoch), oldest first. */
  private readonly recent = new Map<string, number>();
  readonly ended = new Subject<SessionsEnded>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.redis.subscribe(CHANNEL, (message) => this.receive(message));
  }

  /** Announces ended sessions (after the transaction that ended them committed). */
  async announce(event: SessionsEnded): Promise<void> {
    if (event.sessionIds.length === 0) return;
    this.apply(event);
    const client = this.redis.client;
    if (!client) return;
    await client.publish(CHANNEL, JSON.stringify({ origin: this.origin, ...event })).catch((error: unknown) => this.logger.warn({ msg: 'telling other processes of ended sessions failed', error: String(error) }));
  }

  /** Whether this process heard that the session ended (false: not heard, not necessarily open). */
  hasEnded(sessionId: string): boolean {
    const until = this.recent.get(sessionId);
    if (until === undefined) return false;
    if (until > this.clock.millis()) return true;
    this.recent.delete(sessionId);
    return false;
  }

  private receive(message: string): void {
    try {
      const event = JSON.parse(message) as Partial<SessionsEnded> & { origin?: string };
      if (event.origin === this.origin || !Array.isArray(event.sessionIds)) return;
      this.apply({ sessionIds: event.sessionIds.filter((id): id is string => typeof id === 'string'), reason: typeof event.reason === 'string' ? event.reason : 'You were signed out.' });
    } catch (error) {
      this.logger.warn({ msg: 'unreadable ended-sessions message', error: String(error) });
    }
  }

  private apply(event: SessionsEnded): void {
    const until = this.clock.millis() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000;
    for (const id of event.sessionIds) {
      this.recent.delete(id);
      this.recent.set(id, until);
    }
    for (const id of this.recent.keys()) {
      if (this.recent.size <= ENDED_SESSIONS_KEPT) break;
      this.recent.delete(id);
    }
    this.ended.next(event);
  }
}
