import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { isAbsent, type LiveActor, type LiveSessionState } from '@als/shared';
import { Clock } from '@api/common/clock';
import { Deadlines } from './deadlines';
import { arrivalCommandId, recordedInRoom } from './in-room-presence';
import { LiveDelivery } from './live-delivery';
import { ApplyResult, LiveSessionsService } from './live-sessions.service';

export const userRoom = (userId: string) => `user:${userId}`;
const SYSTEM: LiveActor = { userId: 'system', role: 'system' };

/**
 * Applies commands and tells the meeting's room; keeps each running timer's expiry scheduled.
 * A timer is a deadline stored with the session: this process wakes up at it and applies
 * `expireTimer` under a command id derived from the timer, so whichever process (or restart)
 * gets there first applies it and every later attempt is a harmless duplicate.
 */
@Injectable()
export class LiveHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveHub.name);
  /** Each running timer's expiry: one timeout per meeting, left alone by the commands that do not move it. */
  private readonly timers: Deadlines;
  private stopped = false;

  constructor(
    private readonly sessions: LiveSessionsService,
    private readonly delivery: LiveDelivery,
    clock: Clock,
  ) {
    this.timers = new Deadlines(
      () => clock.millis(),
      (meetingId, timerId) => void this.expire(meetingId, timerId),
    );
  }

  attach(server: Namespace): void {
    this.delivery.attach(server);
  }

  /** Timers scheduled here (all, or one meeting's): one per running session, each gone when it expires, is replaced or the session ends. */
  memory(meetingId?: string): { timers: number } {
    return { timers: meetingId === undefined ? this.timers.size : Number(this.timers.has(meetingId)) };
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { meetingId, timerId, endsAt } of await this.sessions.runningTimers()) this.schedule(meetingId, timerId, endsAt.getTime());
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.timers.clear();
  }

  /** Applies a command; on a new event, delivers it to the meeting (here and through the other processes) and (re)schedules its timer. */
  async apply(meetingId: string, command: { commandId: string; type: string; payload: Record<string, unknown> }, actor: LiveActor): Promise<ApplyResult> {
    const result = await this.sessions.apply(meetingId, command, actor);
    if (result.ok && !result.duplicate) {
      this.delivery.published(result.event);
      this.follow(meetingId, result.state);
      // Recorded for someone in the room: they were at the meeting (attendance, evaluation, CPD).
      const inRoom = recordedInRoom(command, actor);
      if (inRoom) await this.sessions.noteJoin(meetingId, inRoom, true);
    }
    return result;
  }

  /** Someone who sent an apology joined the session after all: the server notes their arrival once (they join the turn order). */
  async arrived(meetingId: string, userId: string): Promise<void> {
    const { state } = await this.sessions.current(meetingId);
    if (state.phase === 'lobby' || state.phase === 'ended' || !isAbsent(state, userId)) return;
    const result = await this.apply(meetingId, { commandId: arrivalCommandId(userId), type: 'arrive', payload: { userId } }, SYSTEM);
    if (!result.ok) this.logger.debug({ msg: 'arrival not applied', meetingId, userId, reason: 'error' in result ? result.error : 'not allowed' });
  }

  /** Keeps the expiry of the session's running timer scheduled, or drops it. */
  follow(meetingId: string, state: LiveSessionState): void {
    const timer = state.timer;
    if (timer && timer.endsAt && !timer.expired && !state.paused && state.phase !== 'ended') this.schedule(meetingId, timer.id, Date.parse(timer.endsAt));
    else this.cancel(meetingId);
  }

  private schedule(meetingId: string, timerId: number, endsAt: number): void {
    if (this.stopped) return;
    this.timers.set(meetingId, timerId, endsAt);
  }

  private cancel(meetingId: string): void {
    this.timers.delete(meetingId);
  }

  /** The timer's deadline has passed (Deadlines has let go of it): the server applies its expiry. */
  private async expire(meetingId: string, timerId: number): Promise<void> {
    try {
      const result = await this.apply(meetingId, { commandId: `timer:${timerId}:expired`, type: 'expireTimer', payload: { timerId } }, SYSTEM);
      if (!result.ok) {
        this.logger.debug({ msg: 'timer expiry not applied', meetingId, timerId, reason: 'error' in result ? result.error : 'not allowed' });
        // Not yet due (an early wake-up) or another timer now runs: follow what the session holds.
        if (!this.stopped) this.follow(meetingId, (await this.sessions.current(meetingId)).state);
      }
    } catch (error) {
      if (!this.stopped) this.logger.error({ msg: 'timer expiry failed', meetingId, timerId, error: String(error) });
    }
  }
}
