import type { CallAck, CallJoinAck, CallMuted, CallPeerMessage, CallSignal, CallSignalRequest, CallSpeakingInterval } from '@als/shared';
import type { CallEnvironment, LevelMeter } from './callMesh';
import type { CallSignalling } from './callSignalling';

/*
 * For the call's tests: a stand-in RTCPeerConnection that follows the offer/answer state machine
 * (with the implicit rollback a real one does), a server relaying signals between people, and
 * fake media with a scripted level. Not imported by the app.
 */

type Description = { type: RTCSdpType; sdp?: string };

export class FakePeerConnection {
  static all: FakePeerConnection[] = [];
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: Description | null = null;
  remoteDescription: Description | null = null;
  readonly candidates: unknown[] = [];
  readonly tracks: MediaStreamTrack[] = [];
  restarts = 0;
  closed = false;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((e: { candidate: RTCIceCandidate | null }) => void) | null = null;
  ontrack: ((e: { track: MediaStreamTrack; streams: MediaStream[] }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  private offers = 0;
  /** Tracks an offer/answer exchange has covered, and an ICE restart asked for: a real connection needs negotiation only for what is not covered yet. */
  private covered = 0;
  private restartAsked = false;

  constructor(readonly config: RTCConfiguration) {
    FakePeerConnection.all.push(this);
  }

  addTrack(track: MediaStreamTrack) {
    this.tracks.push(track);
    this.needNegotiation();
    return { track } as RTCRtpSender;
  }
  getSenders() {
    return this.tracks.map((track) => ({ track }) as RTCRtpSender);
  }
  removeTrack() {
    this.needNegotiation();
  }
  setConfiguration(config: RTCConfiguration) {
    Object.assign(this.config, config);
  }
  restartIce() {
    this.restarts += 1;
    this.restartAsked = true;
    this.needNegotiation();
  }
  async setLocalDescription(description?: Description) {
    await Promise.resolve();
    if (description?.type === 'rollback') {
      this.signalingState = 'stable';
      return;
    }
    if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: 'answer' };
      this.signalingState = 'stable';
      this.covered = this.tracks.length;
      this.connect();
    } else {
      this.offers += 1;
      this.restartAsked = false;
      this.localDescription = { type: 'offer', sdp: `offer ${this.offers}` };
      this.signalingState = 'have-local-offer';
      // A candidate gathered for the offer.
      queueMicrotask(() => this.onicecandidate?.({ candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' } as RTCIceCandidate }));
    }
  }
  async setRemoteDescription(description: Description) {
    await Promise.resolve();
    if (description.type === 'offer') {
      // A real connection rolls its own offer back first (implicit rollback).
      this.signalingState = 'have-remote-offer';
    } else if (description.type === 'answer') {
      if (this.signalingState !== 'have-local-offer') throw new Error('InvalidStateError: no offer to answer');
      this.signalingState = 'stable';
      this.covered = this.tracks.length;
      this.connect();
    }
    this.remoteDescription = description;
  }
  async addIceCandidate(candidate: unknown) {
    await Promise.resolve();
    if (!this.remoteDescription) throw new Error('InvalidStateError: no remote description');
    this.candidates.push(candidate);
  }
  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }
  /** The test moves the connection's state (failed, disconnected…). */
  become(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
  private connect() {
    if (this.connectionState === 'connected') return;
    queueMicrotask(() => {
      this.become('connected');
      const track = fakeTrack('audio');
      this.ontrack?.({ track, streams: [fakeStream([track])] });
    });
  }
  private needNegotiation() {
    setTimeout(() => {
      if (this.closed || this.signalingState !== 'stable') return;
      if (this.covered < this.tracks.length || this.restartAsked) this.onnegotiationneeded?.();
    });
  }
}

export function fakeTrack(kind: 'audio' | 'video'): MediaStreamTrack {
  return { kind, enabled: true, stop() {} } as unknown as MediaStreamTrack;
}
export function fakeStream(tracks: MediaStreamTrack[]): MediaStream {
  const list = [...tracks];
  return {
    getTracks: () => list,
    getAudioTracks: () => list.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => list.filter((t) => t.kind === 'video'),
    addTrack: (t: MediaStreamTrack) => list.push(t),
    removeTrack: (t: MediaStreamTrack) => list.splice(list.indexOf(t), 1),
  } as unknown as MediaStream;
}

/** The server's side of the call for tests: who is in it, signals relayed to the person named, in order, a tick later. */
export class FakeCallServer {
  readonly people = new Map<string, Parameters<CallSignalling['listen']>[0]>();
  readonly speaking = new Map<string, CallSpeakingInterval[]>();
  readonly signals: (CallSignalRequest & { from: string })[] = [];
  refuseJoin: string | null = null;

  for(userId: string): CallSignalling {
    let handlers: Parameters<CallSignalling['listen']>[0] | null = null;
    const ok: CallAck = { ok: true };
    return {
      join: async (): Promise<CallJoinAck> => {
        if (this.refuseJoin) return { ok: false, error: this.refuseJoin };
        const peers = [...this.people.keys()].filter((id) => id !== userId).sort();
        if (handlers) this.people.set(userId, handlers);
        for (const [id, h] of this.people) if (id !== userId) setTimeout(() => h.joined({ meetingId: 'm1', userId } satisfies CallPeerMessage));
        return { ok: true, iceServers: [{ urls: 'stun:stun.test' }], credentialsExpireAt: null, peers };
      },
      leave: async () => {
        this.people.delete(userId);
        for (const h of this.people.values()) setTimeout(() => h.left({ meetingId: 'm1', userId }));
        return ok;
      },
      signal: async (request) => {
        this.signals.push({ meetingId: 'm1', ...request, from: userId });
        const target = this.people.get(request.to);
        if (target) setTimeout(() => target.signal({ meetingId: 'm1', from: userId, ...request } as CallSignal));
        return ok;
      },
      speaking: async (intervals) => {
        this.speaking.set(userId, [...(this.speaking.get(userId) ?? []), ...intervals]);
        return ok;
      },
      muteAll: async () => {
        for (const h of this.people.values()) setTimeout(() => h.muted({ meetingId: 'm1', by: userId } satisfies CallMuted));
        return ok;
      },
      listen: (h) => {
        handlers = h;
        return () => {
          handlers = null;
        };
      },
    };
  }
}

/** Media, peers and time for CallMesh: `level` is the microphone's level; `tick` moves time and runs the timers. */
export class FakeCallEnvironment implements CallEnvironment {
  level = -90;
  refuse: string | null = null;
  time = Date.parse('2030-03-05T09:30:00.000Z');
  private timers: { every: number; next: number; run: () => void }[] = [];
  readonly localTracks: MediaStreamTrack[] = [];

  createPeer = (config: RTCConfiguration) => new FakePeerConnection(config) as unknown as RTCPeerConnection;
  getUserMedia = async (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    if (this.refuse) throw Object.assign(new Error(this.refuse), { name: this.refuse });
    const tracks = [...(constraints.audio ? [fakeTrack('audio')] : []), ...(constraints.video ? [fakeTrack('video')] : [])];
    this.localTracks.push(...tracks);
    return fakeStream(tracks);
  };
  /** The level of the others' audio as it arrives. */
  remoteLevel = -90;
  meter = (stream: MediaStream): LevelMeter | null => (stream.getAudioTracks().some((t) => this.localTracks.includes(t)) ? { level: () => this.level, close() {} } : { level: () => this.remoteLevel, close() {} });
  now = () => this.time;
  every = (ms: number, run: () => void) => {
    const timer = { every: ms, next: this.time + ms, run };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };
  /** Moves time on by `ms`, running each timer as its time comes. */
  tick(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.time = due.next;
      due.next += due.every;
      due.run();
    }
    this.time = end;
  }
}

/** Lets queued microtasks and zero-delay timers run (signals relayed, descriptions applied). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
