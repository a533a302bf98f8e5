import { Global, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import { AppConfig } from '@api/config/app-config';

/**
 * The process's connection to Redis when `REDIS_URL` is set (null without it): what API processes
 * share beyond PostgreSQL, such as rate limits and messages to every process. The live layer's
 * socket.io adapter keeps a connection of its own (it must outlive the gateway's last presence
 * updates at shutdown). Closed after every other provider has stopped.
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  private connected: RedisClientType | null = null;
  private readonly subscribers: RedisClientType[] = [];

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.REDIS_URL) return;
    this.connected = await this.connect();
  }

  /** The shared client, or null when the platform runs without Redis (one process). */
  get client(): RedisClientType | null {
    return this.connected;
  }

  /**
   * Calls `handler` with every message published on `channel` by any process (this one too).
   * A connection of its own, as Redis requires for subscribing. Does nothing without Redis.
   */
  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    if (!this.config.REDIS_URL) return;
    const subscriber = await this.connect();
    this.subscribers.push(subscriber);
    await subscriber.subscribe(channel, handler);
  }

  async onApplicationShutdown(): Promise<void> {
    const clients = [...this.subscribers, ...(this.connected ? [this.connected] : [])];
    this.subscribers.length = 0;
    this.connected = null;
    await Promise.allSettled(clients.filter((c) => c.isOpen).map((c) => c.quit()));
  }

  private async connect(): Promise<RedisClientType> {
    const client: RedisClientType = createClient({ url: this.config.REDIS_URL, socket: { reconnectStrategy: (retries: number) => Math.min(200 * retries, 5000) } });
    client.on('error', (error: Error) => this.logger.warn({ msg: 'Redis connection problem', error: error.message }));
    await client.connect();
    return client;
  }
}

@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
