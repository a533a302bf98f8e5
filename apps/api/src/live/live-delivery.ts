import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { LIVE_MESSAGES, type LiveEventMessage } from '@als/shared';
import { RedisConnection } from '@api/common/redis';
import { LiveSessionsService } from './live-sessions.service';
import { MeetingSequencer } from './meeting-sequencer';

/** The Redis channel on which each process tells the others the events it wrote. */
export const LIVE_EVENTS_CHANNEL = 'als:live:events';
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

const isEvent = (value: unknown): value is LiveEventMessage => {
  const e = value as Partial<LiveEventMessage> | null;
  return !!e && typeof e.meetingId === 'string' && Number.isInteger(e.seq) && typeof e.type === 'string' && typeof e.at === 'string' && typeof e.payload === 'object' && typeof e.commandId === 'string';
};

/**
 * How events reach the sockets: each process delivers to its OWN sockets only, through one
 * MeetingSequencer per meeting that has sockets here, so that every socket gets the meeting's
 * events in seq order and each once, whichever process wrote them. An event written here goes to
 * this process's sequencer at once and to the other processes through Redis (REDIS_URL), where
 * their sequencers order it among theirs, filling any gap from the event log. A meeting's
 * sequencer lives while sockets of this process are in it.
 */
@Injectable()
export class LiveDelivery implements OnApplicationBootstrap {
  private readonly logger = new Logger(LiveDelivery.name);
  private readonly origin = randomUUID();
  private server: Namespace | null = null;
  private readonly meetings = new Map<string, MeetingSequencer>();
  /** Reads of the event log by delivery: gaps that Redis did not fill in time, and sockets that joined behind the others. */
  private logReads = 0;

  constructor(
    private readonly sessions: LiveSessionsService,
    private readonly redis: RedisConnection,
  ) {}

  attach(server: Namespace): void {
    this.server = server;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.subscribe(LIVE_EVENTS_CHANNEL, (text) => {
      try {
        const message = JSON.parse(text) as { origin?: unknown; event?: unknown };
        if (message.origin !== this.origin && isEvent(message.event)) this.meetings.get(message.event.meetingId)?.offer(message.event);
      } catch (error) {
        this.logger.warn({ msg: 'unreadable live event from Redis', error: String(error) });
      }
    });
  }

  /** An event this process wrote: to its own sockets, in order, and to the other processes. */
  published(event: LiveEventMessage): void {
    this.meetings.get(event.meetingId)?.offer(event);
    const client = this.redis.client;
    if (client?.isReady) {
      client.publish(LIVE_EVENTS_CHANNEL, JSON.stringify({ origin: this.origin, event })).catch((error: unknown) => this.logger.warn({ msg: 'publishing a live event failed', meetingId: event.meetingId, seq: event.seq, error: String(error) }));
    }
  }

  /** A socket starts joining the meeting: it is held (gets nothing) until `release`. */
  hold(meetingId: string, socketId: string): void {
    let sequencer = this.meetings.get(meetingId);
    if (!sequencer) {
      sequencer = new MeetingSequencer({
        deliver: (event, except) => {
          const room = this.server?.local.to(meetingRoom(meetingId));
          (except.length ? room?.except([...except]) : room)?.emit(LIVE_MESSAGES.event, event);
        },
        send: (id, event) => this.server?.sockets.get(id)?.emit(LIVE_MESSAGES.event, event),
        read: (after, before, limit) => {
          this.logReads++;
          return this.sessions.events(meetingId, after, before, limit);
        },
        later: (ms, task) => {
          const handle = setTimeout(task, ms);
          handle.unref();
          return () => clearTimeout(handle);
        },
        failed: (error) => this.logger.warn({ msg: 'reading live events to fill a gap failed', meetingId, error: String(error) }),
      });
      this.meetings.set(meetingId, sequencer);
    }
    sequencer.hold(socketId);
  }

  /** The socket's join answered the state at `seq`, and the answer has gone out: from now on it gets the events after it. */
  release(meetingId: string, socketId: string, seq: number): void {
    const sequencer = this.meetings.get(meetingId);
    if (!sequencer) return;
    void sequencer.release(socketId, seq).finally(() => this.left(meetingId, null));
  }

  /** A socket left the meeting, or disconnected (null: only checks whether the meeting still has sockets here). */
  left(meetingId: string, socketId: string | null): void {
    const sequencer = this.meetings.get(meetingId);
    if (!sequencer) return;
    if (socketId) sequencer.forget(socketId);
    const here = this.server?.adapter.rooms.get(meetingRoom(meetingId))?.size ?? 0;
    if (here === 0 && sequencer.holding.held === 0) {
      sequencer.close();
      this.meetings.delete(meetingId);
    }
  }

  /** Meetings with a sequencer here (all, or one), and what they hold (for metrics and tests). */
  memory(meetingId?: string): { meetings: number; early: number; held: number; ahead: number; logReads: number } {
    let early = 0;
    let held = 0;
    let ahead = 0;
    const sequencers = meetingId === undefined ? [...this.meetings.values()] : [this.meetings.get(meetingId)].filter((s) => s !== undefined);
    for (const sequencer of sequencers) {
      early += sequencer.holding.early;
      held += sequencer.holding.held;
      ahead += sequencer.holding.ahead;
    }
    return { meetings: sequencers.length, early, held, ahead, logReads: this.logReads };
  }
}
