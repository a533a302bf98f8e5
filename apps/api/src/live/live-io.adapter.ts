import { Logger, type INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import { isObservable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { LIVE_MAX_MESSAGE_BYTES } from '@als/shared';
import type { AppConfig } from '@api/config/app-config';

/** The origins a browser may open a live connection from: the web client's own, plus ALLOWED_ORIGINS. */
export function allowedOrigins(config: AppConfig): Set<string> {
  const origins = new Set([new URL(config.PUBLIC_URL).origin]);
  // `npm run dev` serves the web client from Vite on 5173, proxying to the API.
  if (config.NODE_ENV === 'development') origins.add('http://localhost:5173');
  for (const origin of (config.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)) origins.add(origin.replace(/\/+$/, ''));
  return origins;
}

/**
 * socket.io with the platform's limits: messages capped at 64 KB (a bigger one closes that
 * connection only), and an Origin allow-list at the handshake (browsers always send Origin;
 * other clients, such as integrations and tests, send none and authenticate by token).
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly logger = new Logger(LiveIoAdapter.name);
  private readonly origins: Set<string>;
  private redis: RedisClientType | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.origins = allowedOrigins(config);
  }

  /**
   * With REDIS_URL, several API processes serve one meeting: the Redis Streams adapter carries
   * broadcasts, room membership queries and disconnections between them, and catches up after a
   * short Redis outage (it reads the stream from where it stopped).
   */
  async connectRedis(): Promise<void> {
    if (!this.config.REDIS_URL) return;
    const client: RedisClientType = createClient({ url: this.config.REDIS_URL, socket: { reconnectStrategy: (retries: number) => Math.min(200 * retries, 5000) } });
    client.on('error', (error: Error) => this.logger.warn({ msg: 'Redis connection problem', error: error.message }));
    await client.connect();
    this.redis = client;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    const redis = this.redis;
    this.redis = null;
    if (redis?.isOpen) await redis.quit().catch(() => undefined);
  }

  /**
   * Each message straight to its handler (Nest's, with its guards, pipes and exception filters), and
   * the handler's answer to the message's ack, as IoAdapter does, but without the chain of RxJS
   * operators IoAdapter builds for every message (fromEvent, mergeMap, filter, map, takeUntil): on a
   * live command that chain cost more than its validation. A handler that answers an Observable
   * (none here does) still has each of its values sent, until the socket disconnects.
   */
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[]): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...payload: unknown[]) => {
        const { data, ack } = this.mapPayload(payload);
        const answer = (response: unknown): void => {
          if (response === null || response === undefined) return;
          const reply = response as { event?: string; data?: unknown };
          if (typeof reply === 'object' && reply.event) {
            socket.emit(reply.event, reply.data);
            return;
          }
          if (!isAckHandledManually && typeof ack === 'function') (ack as (response: unknown) => void)(response);
        };
        const failed = (error: unknown): void => this.logger.error({ msg: 'live message handler failed', message, error: String(error) });
        // A handler that throws at once is failed like one whose promise rejects (Nest's never does: its wrapper is async).
        new Promise<unknown>((resolve) => resolve(callback(data, ack))).then((result: unknown) => {
          if (!isObservable(result)) return answer(result);
          const subscription = result.subscribe({ next: answer, error: failed });
          socket.once('disconnect', () => subscription.unsubscribe());
        }, failed);
      });
    }
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    const origins = this.origins;
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: LIVE_MAX_MESSAGE_BYTES,
      cors: { origin: [...origins], credentials: true },
      allowRequest: (request: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        const origin = request.headers.origin;
        callback(null, origin === undefined || origins.has(origin));
      },
    }) as Server;
    if (this.redis) server.adapter(createAdapter(this.redis));
    return server;
  }
}
