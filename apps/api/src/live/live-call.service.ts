import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { CALL_LIMITS, CALL_MESSAGES, mayFacilitate, type CallAck, type CallJoinAck, type LiveJoinRole, type LiveRefusal } from '@als/shared';
import { Clock } from '@api/common/clock';
import { CallIceServers } from './call-ice-servers';
import { CallJoinDto, CallLeaveDto, CallMuteAllDto, CallSignalDto, CallSpeakingDto } from './dto/call.dto';
import { validateMessage } from './dto/live.dto';
import { LiveSessionsService } from './live-sessions.service';
import { VoiceAirtime } from './voice-airtime';

/** The room of everyone in a meeting's call (every process, through the adapter). */
export const callRoom = (meetingId: string) => `call:${meetingId}`;
/** The room of one person's socket in a meeting's call: signals for them go here. */
export const callPersonRoom = (meetingId: string, userId: string) => `call:${meetingId}:${userId}`;

/** What the call needs of a live socket (the gateway's). */
export interface CallSocket {
  id: string;
  rooms: Set<string>;
  data: { userId: string; joined: Record<string, { role: LiveJoinRole }>; calls?: string[]; callSince?: Record<string, number> };
  join(rooms: string | string[]): void | Promise<void>;
  leave(room: string): void | Promise<void>;
  to(room: string): { emit(event: string, ...args: unknown[]): boolean };
}

const JOIN_FIRST = 'Join the meeting first (session:join).';
const NOT_IN_CALL = 'Join the call first (call:join).';

/**
 * The set's own call: who is in it, and signalling between them. Only a socket that joined the
 * meeting's session (so someone of the set who is not a sponsor, LiveParticipants.admit) may enter
 * its call; a signal goes only to the room of the one person it names in that call, so nobody
 * outside it receives anything. One device per person in a call: entering from another device
 * takes the first one out. The audio itself never reaches the server.
 */
@Injectable()
export class LiveCall {
  private server: Namespace | null = null;

  constructor(
    private readonly ice: CallIceServers,
    private readonly sessions: LiveSessionsService,
    private readonly voice: VoiceAirtime,
    private readonly clock: Clock,
  ) {}

  /** Orders entries into calls made in the same millisecond. */
  private entries = 0;
  /** This process is stopping: its people are reconnecting elsewhere, not leaving their calls. */
  private stopping = false;

  /** The process stops: its connections close, and nobody is told their people left (their browsers join again through another process, the audio going on browser to browser). */
  stop(): void {
    this.stopping = true;
  }

  attach(server: Namespace): void {
    this.server = server;
  }

  private get io(): Namespace {
    if (!this.server) throw new Error('LiveCall is not attached to the /live namespace');
    return this.server;
  }

  async join(socket: CallSocket, body: unknown): Promise<CallJoinAck> {
    const message = validateMessage(CallJoinDto, body);
    if (!message.ok) return message;
    const { meetingId } = message.value;
    if (!socket.data.joined[meetingId]) return { ok: false, error: JOIN_FIRST };
    const { userId } = socket.data;
    const inCall = await this.io.in(callRoom(meetingId)).fetchSockets();
    const others = new Set<string>();
    for (const other of inCall) {
      const data = other.data as CallSocket['data'];
      if (other.id === socket.id) continue;
      if (data.userId === userId) {
        // The same person on another device: that one leaves the call (the newer device has it).
        other.leave(callRoom(meetingId));
        other.leave(callPersonRoom(meetingId, userId));
        other.emit(CALL_MESSAGES.left, { meetingId, userId });
        continue;
      }
      others.add(data.userId);
    }
    if (others.size >= CALL_LIMITS.people) return { ok: false, error: `The call is full: ${CALL_LIMITS.people} people at most, browser to browser. Use the meeting's video link.` };
    await socket.join([callRoom(meetingId), callPersonRoom(meetingId, userId)]);
    // Two joining at once may both have seen 7 others. Each marks when it entered (after entering,
    // so whoever looked before it was in ranks before it), then looks again: the 9th leaves.
    socket.data.callSince = { ...(socket.data.callSince ?? {}), [meetingId]: this.clock.millis() * 1000 + (this.entries++ % 1000) };
    if (!(await this.withinCapacity(meetingId, userId))) {
      await socket.leave(callRoom(meetingId));
      await socket.leave(callPersonRoom(meetingId, userId));
      delete socket.data.callSince[meetingId];
      return { ok: false, error: `The call is full: ${CALL_LIMITS.people} people at most, browser to browser. Use the meeting's video link.` };
    }
    socket.data.calls = [...new Set([...(socket.data.calls ?? []), meetingId])];
    socket.to(callRoom(meetingId)).emit(CALL_MESSAGES.joined, { meetingId, userId });
    return { ok: true, ...this.ice.for(userId), peers: [...others].sort() };
  }

  /** Whether the person is among the first CALL_LIMITS.people in the call, by when they entered (one still entering ranks last). */
  private async withinCapacity(meetingId: string, userId: string): Promise<boolean> {
    const since = new Map<string, number>();
    for (const other of await this.io.in(callRoom(meetingId)).fetchSockets()) {
      const data = other.data as CallSocket['data'];
      const at = data.callSince?.[meetingId] ?? Number.POSITIVE_INFINITY;
      since.set(data.userId, Math.min(at, since.get(data.userId) ?? Number.POSITIVE_INFINITY));
    }
    const order = [...since.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => id);
    return order.indexOf(userId) < CALL_LIMITS.people;
  }

  async leave(socket: CallSocket, body: unknown): Promise<CallAck> {
    const message = validateMessage(CallLeaveDto, body);
    if (!message.ok) return message;
    await this.left(socket, message.value.meetingId);
    return { ok: true };
  }

  /** The socket leaves the meeting's call (left the call or the session, or disconnected): unless the person is in it on another device, the others are told and their speaking time is recorded. */
  async left(socket: CallSocket, meetingId: string): Promise<void> {
    if (!(socket.data.calls ?? []).includes(meetingId)) return;
    socket.data.calls = (socket.data.calls ?? []).filter((m) => m !== meetingId);
    await socket.leave(callRoom(meetingId));
    await socket.leave(callPersonRoom(meetingId, socket.data.userId));
    // Taken out by the person's newer device, which is in the call still: nobody is told.
    if (!this.stopping && (await this.io.in(callPersonRoom(meetingId, socket.data.userId)).fetchSockets()).length > 0) return;
    if (!this.stopping) this.io.to(callRoom(meetingId)).emit(CALL_MESSAGES.left, { meetingId, userId: socket.data.userId });
    await this.voice.flush(meetingId, socket.data.userId);
  }

  /** Relays an offer, answer or ICE candidate to the one person it is for, in this call only. */
  signal(socket: CallSocket, body: unknown): CallAck {
    const message = validateMessage(CallSignalDto, body);
    if (!message.ok) return message;
    const { meetingId, to, description, candidate } = message.value;
    const refusal = this.inCall(socket, meetingId);
    if (refusal) return refusal;
    if ((description === undefined) === (candidate === undefined)) return { ok: false, error: 'A signal carries either description or candidate.' };
    if (to === socket.data.userId) return { ok: false, error: 'to must be someone else in the call.' };
    const signal = { meetingId, from: socket.data.userId, ...(description ? { description: { type: description.type, ...(description.sdp !== undefined ? { sdp: description.sdp } : {}) } } : {}), ...(candidate ? { candidate: { ...candidate } } : {}) };
    this.io.to(callPersonRoom(meetingId, to)).emit(CALL_MESSAGES.signal, signal);
    return { ok: true };
  }

  /** Speaking intervals the person's browser measured: summed for their voice airtime. */
  speaking(socket: CallSocket, body: unknown): CallAck {
    const message = validateMessage(CallSpeakingDto, body);
    if (!message.ok) return message;
    const refusal = this.inCall(socket, message.value.meetingId);
    if (refusal) return refusal;
    this.voice.add(message.value.meetingId, socket.data.userId, message.value.intervals);
    return { ok: true };
  }

  /** The session's facilitator mutes everyone in the call; each person unmutes themselves. */
  async muteAll(socket: CallSocket, body: unknown): Promise<CallAck> {
    const message = validateMessage(CallMuteAllDto, body);
    if (!message.ok) return message;
    const { meetingId } = message.value;
    const refusal = this.inCall(socket, meetingId);
    if (refusal) return refusal;
    const { state } = await this.sessions.current(meetingId);
    const role = socket.data.joined[meetingId].role;
    if (!mayFacilitate(state, { userId: socket.data.userId, role })) return { ok: false, error: 'Only the facilitator of the session can mute everyone.' };
    this.io.to(callRoom(meetingId)).emit(CALL_MESSAGES.muted, { meetingId, by: socket.data.userId });
    return { ok: true };
  }

  private inCall(socket: CallSocket, meetingId: string): LiveRefusal | null {
    if (!socket.data.joined[meetingId]) return { ok: false, error: JOIN_FIRST };
    if (!socket.rooms.has(callRoom(meetingId))) return { ok: false, error: NOT_IN_CALL };
    return null;
  }
}
