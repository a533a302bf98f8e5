import { BeforeApplicationShutdown, Logger, OnModuleDestroy } from '@nestjs/common';
import { Ack, ConnectedSocket, MessageBody, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Gauge } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { CALL_MESSAGES, LIVE_MESSAGES, LIVE_NAMESPACE, type CallAck, type CallJoinAck, type ClientToServerEvents, type LiveCommandAck, type LiveJoinAck, type LiveJoinRole, type LiveLeaveAck, type LivePresence, type LiveResyncAck, type ServerToClientEvents, type LiveRefusal } from '@als/shared';
import { SESSION_COOKIE } from '@api/auth/auth.cookies';
import { SessionRevocations } from '@api/auth/session-revocations';
import { SessionsService } from '@api/auth/sessions.service';
import { Clock } from '@api/common/clock';
import { MembershipEvents } from '@api/common/membership-events';
import { AppConfig } from '@api/config/app-config';
import { MetricsService } from '@api/metrics/metrics.service';
import { JoinDto, LeaveDto, ResyncDto, validateCommand, validateMessage } from './dto/live.dto';
import { LiveCall } from './live-call.service';
import { LiveDelivery, meetingRoom } from './live-delivery';
import { LiveHub, userRoom } from './live-hub.service';
import { recordedInRoom } from './in-room-presence';
import { LiveParticipants } from './live-participants.service';
import { LiveRateLimit } from './live-rate-limit';
import { LiveSessionsService } from './live-sessions.service';

interface SocketData {
  userId: string;
  displayName: string;
  /** The sign-in session of the access token (its room gets the news when it ends). */
  sessionId: string;
  /** When the session was last read from the database (ms since the epoch). */
  sessionCheckedAt: number;
  /** Seconds since the epoch when the access token expires. */
  exp: number;
  /**
   * Meetings joined on this socket: their set, whether the person is in the room, and their role
   * in the set as last seen (each command is decided for it, and the database confirms it as it
   * records the command).
   */
  joined: Record<string, { setId: string; inRoom: boolean; present: boolean; role: LiveJoinRole; facilitates?: boolean }>;
  /** Meetings whose call this socket is in (LiveCall). */
  calls?: string[];
}
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const FAILED = 'Something went wrong on our side; try again.';
const SESSION_ENDED = 'Your session has ended or expired. Sign in again.';
/** A socket's session is read again from the database at most this often (ending it also reaches the socket at once through SessionRevocations). */
const SESSION_RECHECK_MS = 30_000;

/** The room of one sign-in session's sockets. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * The live protocol of CONTRACT.md on namespace /live: join, command, resync, presence. The
 * gateway translates: it validates each message, keeps the connection's sign-in and rate, and asks
 * LiveParticipants (who may take part, as what) and LiveHub (commands) for the answer. A person's
 * sockets are closed when they leave the set or sign out.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private server!: LiveNamespace;
  private subscription: Subscription | null = null;
  private sessionsEnded: Subscription | null = null;
  /** Presence updates under way (a stopping process lets them finish before its Redis connection closes). */
  private readonly updates = new Set<Promise<void>>();
  /** The presence update under way per meeting, and whether it was asked for again meanwhile. */
  private readonly presenceRuns = new Map<string, { again: boolean; done: Promise<void> }>();
  private stopping = false;
  /** Whether LOG_LEVEL logs each command (debug or trace): else its log line is not even built. */
  private readonly logsCommands: boolean;

  constructor(
    private readonly signIns: SessionsService,
    private readonly revocations: SessionRevocations,
    private readonly sessions: LiveSessionsService,
    private readonly participants: LiveParticipants,
    private readonly hub: LiveHub,
    private readonly delivery: LiveDelivery,
    private readonly rateLimit: LiveRateLimit,
    private readonly membershipEvents: MembershipEvents,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    private readonly call: LiveCall,
    config: AppConfig,
  ) {
    this.logsCommands = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  }

  afterInit(server: LiveNamespace): void {
    this.server = server;
    this.metrics.countSockets(() => server.sockets.size);
    this.hub.attach(server);
    this.call.attach(server);
    const { sessions, hub, delivery } = this;
    new Gauge({
      name: 'als_live_delivery_log_reads',
      help: 'Reads of the event log by live delivery since start: gaps Redis did not fill within 50 ms, and sockets that joined behind the others',
      registers: [this.metrics.registry],
      collect() {
        this.set(delivery.memory().logReads);
      },
    });
    new Gauge({
      name: 'als_live_memory_entries',
      help: 'What the live layer of this process holds in memory, by kind (each bounded)',
      labelNames: ['kind'],
      registers: [this.metrics.registry],
      collect() {
        const kept = sessions.memory();
        const held = delivery.memory();
        const figures: Record<string, number> = { sessions: kept.sessions, recentCommands: kept.recentCommands, queues: kept.queues, timers: hub.memory().timers, sequencers: held.meetings, earlyEvents: held.early, joining: held.held };
        for (const [kind, n] of Object.entries(figures)) this.set({ kind }, n);
      },
    });
    // The handshake must carry an access token of an open session (auth.token), or the web client's session cookie.
    server.use((socket, next) => {
      const given = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const token = typeof given === 'string' ? given : cookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      if (!token) return next(new Error('Sign in first: the handshake needs auth.token.'));
      void this.signIns.authenticate(token).then(
        (signedIn) => {
          if (!signedIn) return next(new Error(SESSION_ENDED));
          const { user, session, claims } = signedIn;
          Object.assign(socket.data as SocketData, { userId: user.id, displayName: user.displayName, sessionId: session.id, sessionCheckedAt: this.clock.millis(), exp: claims.exp, joined: {} });
          void socket.join([userRoom(user.id), sessionRoom(session.id)]);
          // Ended between the read and the join: the news went to the room before this socket was in it.
          if (this.revocations.hasEnded(session.id)) return next(new Error(SESSION_ENDED));
          next();
        },
        () => next(new Error(FAILED)),
      );
    });
    this.subscription = this.membershipEvents.events.subscribe((event) => {
      void this.close(event.userId, event.kind === 'left-set' ? event.setId : null, event.kind === 'signed-out' ? 'You signed out.' : 'You are no longer a member of this set.').catch((error: unknown) =>
        this.logger.error({ msg: 'closing live connections failed', error: String(error) }),
      );
    });
    // Every process hears of ended sessions (SessionRevocations) and closes its own sockets of them.
    this.sessionsEnded = this.revocations.ended.subscribe(({ sessionIds, reason }) => {
      void this.closeSessions(sessionIds, reason).catch((error: unknown) => this.logger.error({ msg: 'closing live connections of ended sessions failed', error: String(error) }));
    });
  }

  /** Closes this process's sockets of these sessions. */
  private async closeSessions(sessionIds: string[], reason: string): Promise<void> {
    for (const socket of await this.server.local.in(sessionIds.map(sessionRoom)).fetchSockets()) {
      socket.emit(LIVE_MESSAGES.closed, { reason });
      socket.disconnect(true);
    }
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.sessionsEnded?.unsubscribe();
  }

  /**
   * Shutting down: every connection is closed at the transport, which socket.io clients take as a
   * dropped line and reconnect (to another process, behind a load balancer), then resync from
   * their last seq. A command in flight finishes; its ack is lost, and the client's retry with the
   * same commandId is answered from the log.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    this.call.stop();
    for (const socket of this.server.sockets.values()) socket.conn.close();
    // The presence updates for those who just left go out (to other processes too) while Redis is still connected; none start after.
    await new Promise((resolve) => setImmediate(resolve));
    this.stopping = true;
    await Promise.allSettled([...this.updates]);
  }

  /** Connections open to this process (for metrics). */
  get connections(): number {
    return this.server?.sockets.size ?? 0;
  }

  async handleDisconnect(socket: LiveSocket): Promise<void> {
    for (const meetingId of socket.data.calls ?? []) await this.call.left(socket, meetingId).catch((error: unknown) => this.logger.warn({ msg: 'leaving the call failed', meetingId, error: String(error) }));
    for (const meetingId of Object.keys(socket.data.joined ?? {})) {
      this.delivery.left(meetingId, socket.id);
      await this.presence(meetingId);
    }
  }

  /**
   * Joining answers the state at a seq; the socket then gets exactly the events after that seq, in
   * order, after the answer: it is held by the meeting's delivery while the state is read, and
   * released once the answer has gone (so the answer is sent here rather than returned).
   */
  @SubscribeMessage(LIVE_MESSAGES.join)
  async join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown, @Ack() ack: ((answer: LiveJoinAck) => void) | undefined): Promise<void> {
    const joining: { meetingId?: string; seq?: number } = {};
    const answer = await this.guarded(socket, async (): Promise<LiveJoinAck> => {
      const message = validateMessage(JoinDto, body);
      if (!message.ok) return message;
      const { meetingId } = message.value;
      const inRoom = message.value.inRoom ?? false;
      const present = message.value.present ?? true;
      const admitted = await this.participants.admit(socket.data.userId, meetingId);
      if (!admitted.ok) return admitted;
      socket.data.joined[meetingId] = { setId: admitted.setId, inRoom, present, role: admitted.role, facilitates: admitted.facilitates };
      joining.meetingId = meetingId;
      this.delivery.hold(meetingId, socket.id);
      await socket.join(meetingRoom(meetingId));
      const { seq, state } = await this.participants.enter(meetingId, socket.data.userId, inRoom, present);
      joining.seq = seq;
      void this.presence(meetingId);
      return { ok: true, state, seq, serverTime: this.clock.now().toISOString(), role: admitted.role, facilitates: admitted.facilitates };
    });
    if (typeof ack === 'function') ack(answer);
    if (joining.meetingId === undefined) return;
    if (answer.ok && joining.seq !== undefined) this.delivery.release(joining.meetingId, socket.id, joining.seq);
    else this.delivery.left(joining.meetingId, socket.id);
  }

  @SubscribeMessage(LIVE_MESSAGES.leave)
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveLeaveAck> {
    return this.guarded(socket, async () => {
      const message = validateMessage(LeaveDto, body);
      if (!message.ok) return message;
      await this.call.left(socket, message.value.meetingId);
      delete socket.data.joined[message.value.meetingId];
      await socket.leave(meetingRoom(message.value.meetingId));
      this.delivery.left(message.value.meetingId, socket.id);
      void this.presence(message.value.meetingId);
      return { ok: true };
    });
  }

  @SubscribeMessage(LIVE_MESSAGES.command)
  async command(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveCommandAck> {
    return this.guarded(socket, async () => {
      const message = validateCommand(body);
      if (!message.ok) return message;
      const command = message.value;
      const joined = socket.data.joined[command.meetingId];
      if (!joined) return { ok: false, error: 'Join the meeting first (session:join).' };
      const end = this.metrics.liveCommandSeconds.startTimer();
      const outcome = await this.participants.command(socket.data.userId, joined.setId, joined.role, command, joined.facilitates);
      end();
      joined.role = outcome.role;
      joined.facilitates = outcome.facilitates;
      if (outcome.removedFromSet) this.removed(socket, outcome.removedFromSet);
      const { ack } = outcome;
      // Recorded for someone in the room: the room's "who is here" now has them.
      if (ack.ok && recordedInRoom(command, { userId: socket.data.userId, role: joined.role })) void this.presence(command.meetingId);
      this.metrics.liveCommands.inc({ type: command.type, outcome: ack.ok ? 'applied' : 'refused' });
      if (this.logsCommands) this.logger.debug({ msg: 'live command', meetingId: command.meetingId, commandId: command.commandId, type: command.type, userId: socket.data.userId, ...(ack.ok ? { seq: ack.seq } : { refused: ack.error }) });
      return ack;
    });
  }

  /** Someone no longer in the set (or a sponsor now): once told the meeting is not found, their connections in the set are closed. */
  private removed(socket: LiveSocket, setId: string): void {
    // After this answer has gone out: the person learns why before the connection closes.
    setImmediate(() =>
      void this.close(socket.data.userId, setId, 'You are no longer a member of this set.').catch((error: unknown) => this.logger.error({ msg: 'closing live connections failed', error: String(error) })),
    );
  }

  @SubscribeMessage(LIVE_MESSAGES.resync)
  async resync(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResyncAck> {
    return this.guarded(socket, async () => {
      const message = validateMessage(ResyncDto, body);
      if (!message.ok) return message;
      const since = await this.participants.resync(socket.data.userId, message.value.meetingId, message.value.sinceSeq);
      if ('ok' in since) return since;
      return { ok: true, ...since, serverTime: this.clock.now().toISOString() };
    });
  }

  /* The set's own call (LiveCall): the same checks and rate as every live message. */
  @SubscribeMessage(CALL_MESSAGES.join)
  callJoin(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<CallJoinAck> {
    return this.guarded(socket, () => this.call.join(socket, body));
  }

  @SubscribeMessage(CALL_MESSAGES.leave)
  callLeave(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<CallAck> {
    return this.guarded(socket, () => this.call.leave(socket, body));
  }

  @SubscribeMessage(CALL_MESSAGES.signal)
  callSignal(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<CallAck> {
    return this.guarded(socket, () => Promise.resolve(this.call.signal(socket, body)));
  }

  @SubscribeMessage(CALL_MESSAGES.speaking)
  callSpeaking(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<CallAck> {
    return this.guarded(socket, () => Promise.resolve(this.call.speaking(socket, body)));
  }

  @SubscribeMessage(CALL_MESSAGES.muteAll)
  callMuteAll(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<CallAck> {
    return this.guarded(socket, () => this.call.muteAll(socket, body));
  }

  /** Checks the connection is still signed in and within its rate, then runs the handler; never throws. */
  private async guarded<T>(socket: LiveSocket, handler: () => Promise<T | LiveRefusal>): Promise<T | LiveRefusal> {
    if (!socket.data.userId) return { ok: false, error: 'Sign in first.' };
    if (socket.data.exp && socket.data.exp * 1000 <= this.clock.millis()) {
      this.closeSocket(socket, 'Your sign-in has expired. Sign in again.');
      return { ok: false, error: 'Your sign-in has expired. Sign in again.' };
    }
    if (!(await this.sessionOpen(socket))) {
      this.closeSocket(socket, SESSION_ENDED);
      return { ok: false, error: SESSION_ENDED };
    }
    if (!(await this.rateLimit.allow(socket.data.userId))) {
      this.logger.warn({ msg: 'live rate limit exceeded: connection closed', userId: socket.data.userId });
      this.closeSocket(socket, 'Too many messages: this connection was closed. Reload to join again.');
      return { ok: false, error: 'Too many messages.' };
    }
    try {
      return await handler();
    } catch (error) {
      this.logger.error({ msg: 'live message failed', userId: socket.data.userId, error: String(error) });
      return { ok: false, error: FAILED };
    }
  }

  /** Whether the socket's session is still open: heard of in memory on every message, read again from the database now and then. */
  private async sessionOpen(socket: LiveSocket): Promise<boolean> {
    const { sessionId } = socket.data;
    if (this.revocations.hasEnded(sessionId)) return false;
    if (this.clock.millis() - socket.data.sessionCheckedAt < SESSION_RECHECK_MS) return true;
    socket.data.sessionCheckedAt = this.clock.millis();
    return this.signIns.isOpen(sessionId).catch(() => true);
  }

  private closeSocket(socket: LiveSocket, reason: string): void {
    socket.emit(LIVE_MESSAGES.closed, { reason });
    setImmediate(() => socket.disconnect(true));
  }

  /** Closes a person's sockets (on any process): all of them, or those in meetings of one set. */
  private async close(userId: string, setId: string | null, reason: string): Promise<void> {
    const sockets = await this.server.in(userRoom(userId)).fetchSockets();
    for (const socket of sockets) {
      const data = socket.data as SocketData;
      if (setId && !Object.values(data.joined ?? {}).some((j) => j.setId === setId)) continue;
      socket.emit(LIVE_MESSAGES.closed, { reason });
      socket.disconnect(true);
    }
  }

  /**
   * Tells the meeting's room who is there; never fails (a failure is logged). One update at a time
   * per meeting: asked again while one is under way, it runs once more after it, so the last message
   * the room gets is never an older picture than one it got before.
   */
  private presence(meetingId: string): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const running = this.presenceRuns.get(meetingId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const run = { again: true, done: Promise.resolve() };
    run.done = (async () => {
      while (run.again) {
        run.again = false;
        await this.sendPresence(meetingId).catch((error: unknown) => this.logger.warn({ msg: 'presence update failed', meetingId, error: String(error) }));
      }
    })().finally(() => {
      this.presenceRuns.delete(meetingId);
      this.updates.delete(run.done);
    });
    this.presenceRuns.set(meetingId, run);
    this.updates.add(run.done);
    return run.done;
  }

  /** One entry a person, in the room if any of their devices is or they were recorded in it (LiveSessionsService.inTheRoom). */
  private async sendPresence(meetingId: string): Promise<void> {
    const recorded = await this.sessions.inTheRoom(meetingId);
    // The devices last, just before the message goes: the freshest picture of who is joined.
    const sockets = await this.server.in(meetingRoom(meetingId)).fetchSockets();
    const people = new Map<string, LivePresence['present'][number]>();
    for (const p of recorded) people.set(p.userId, { ...p, inRoom: true });
    for (const socket of sockets) {
      const data = socket.data as SocketData;
      if (data.joined?.[meetingId]?.present === false) continue;
      const seen = people.get(data.userId);
      const inRoom = data.joined?.[meetingId]?.inRoom ?? false;
      people.set(data.userId, { userId: data.userId, displayName: data.displayName, inRoom: inRoom || (seen?.inRoom ?? false) });
    }
    const message: LivePresence = { meetingId, present: [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)) };
    this.server.to(meetingRoom(meetingId)).emit(LIVE_MESSAGES.presence, message);
  }
}
