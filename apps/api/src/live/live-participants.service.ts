import { Injectable } from '@nestjs/common';
import type { LiveCommandAck, LiveJoinRole, LiveRefusal, LiveSessionState } from '@als/shared';
import { LiveHub } from './live-hub.service';
import { LiveSessionsService } from './live-sessions.service';

export const SET_CLOSED = 'The set is closed: its sessions can be read in their records.';
export const MEETING_NOT_FOUND = 'Meeting not found.';

/** A command as the gateway validated it. */
export interface LiveCommandInput {
  commandId: string;
  meetingId: string;
  type: string;
  payload: Record<string, unknown>;
}

/** What became of a command: the answer, the role it was decided for at last, and the set the person is no longer in (their connections in it are to close). */
export interface LiveCommandOutcome {
  ack: LiveCommandAck;
  role: LiveJoinRole;
  /** Whether the rota names the person for this meeting, as last read. */
  facilitates: boolean;
  removedFromSet?: string;
}

/**
 * Who may take part in a meeting's live session, and as what: the rules the gateway used to hold
 * (sponsors do not join, cancelled meetings and closed sets hold no session, a command is decided
 * again when the person's role changed under it). The gateway translates; this decides.
 */
@Injectable()
export class LiveParticipants {
  constructor(
    private readonly sessions: LiveSessionsService,
    private readonly hub: LiveHub,
  ) {}

  /** Whether the person may join the meeting's session: their set and role, or why not. */
  async admit(userId: string, meetingId: string): Promise<{ ok: true; setId: string; role: LiveJoinRole; facilitates: boolean } | LiveRefusal> {
    const access = await this.sessions.access(userId, meetingId);
    if (!access) return { ok: false, error: MEETING_NOT_FOUND };
    if (access.role === 'sponsor') return { ok: false, error: 'Sponsors see the schedule; live sessions are for the set’s members.' };
    if (access.status === 'cancelled') return { ok: false, error: 'This meeting was cancelled.' };
    if (access.setClosed) return { ok: false, error: SET_CLOSED };
    return { ok: true, setId: access.setId, role: access.role, facilitates: access.facilitates };
  }

  /** The person is in (noted for the record): the state and the seq it is the state at; the meeting's timer is followed here. */
  async enter(meetingId: string, userId: string, inRoom: boolean, present: boolean): Promise<{ seq: number; state: LiveSessionState }> {
    // A device that only runs the projector or the room's console does not count its account at the meeting.
    if (present) {
      await this.sessions.noteJoin(meetingId, userId, inRoom);
      await this.hub.arrived(meetingId, userId);
    }
    const current = await this.sessions.current(meetingId);
    this.hub.follow(meetingId, current.state);
    return current;
  }

  /**
   * Applies a command as the role the person was last seen with. The database confirms that role
   * as it records the command; when it no longer agrees (removed, role changed, set closed) nothing
   * was written, the person's access is read again, and the command is decided again for the new
   * role (as is a command refused for a role the person no longer has: someone just made
   * facilitator). A refusal tells something of the session, so it goes only to someone still in it.
   */
  async command(userId: string, setId: string, role: LiveJoinRole, command: LiveCommandInput, facilitates = false): Promise<LiveCommandOutcome> {
    let current = role;
    // Who the rota names may have changed since joining: starting the session (the one command it decides) reads it afresh.
    let named = facilitates;
    if (command.type === 'start') {
      const access = await this.sessions.access(userId, command.meetingId);
      if (access && access.role !== 'sponsor') [current, named] = [access.role, access.facilitates];
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await this.hub.apply(command.meetingId, { commandId: command.commandId, type: command.type, payload: command.payload }, { userId, role: current, facilitates: named });
      if (result.ok) return { ack: { ok: true, seq: result.seq }, role: current, facilitates: named };
      const access = await this.sessions.access(userId, command.meetingId);
      if (!access || access.role === 'sponsor') return { ack: { ok: false, error: MEETING_NOT_FOUND }, role: current, facilitates: false, removedFromSet: access?.setId ?? setId };
      if (access.setClosed) return { ack: { ok: false, error: SET_CLOSED }, role: current, facilitates: named };
      // Refused for the role it was decided for, and that role is still the person's: the refusal stands.
      if (!('forbidden' in result) && access.role === current && access.facilitates === named) return { ack: result, role: current, facilitates: named };
      [current, named] = [access.role, access.facilitates];
    }
    return { ack: { ok: false, error: 'Your role in this set kept changing; try again.' }, role: current, facilitates: named };
  }

  /** Events after `sinceSeq` (or the state) for someone still in the set, or why not. */
  async resync(userId: string, meetingId: string, sinceSeq: number): Promise<Awaited<ReturnType<LiveSessionsService['since']>> | LiveRefusal> {
    const access = await this.sessions.access(userId, meetingId);
    if (!access || access.role === 'sponsor') return { ok: false, error: MEETING_NOT_FOUND };
    return this.sessions.since(meetingId, sinceSeq);
  }
}
