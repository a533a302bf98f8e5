import { CALL_LIMITS, isPolitePeer, type CallIceServer, type CallSessionDescription, type CallSignal } from '@als/shared';
import type { CallSignalling } from './callSignalling';
import { VoiceActivity, type SpeechInterval } from './voiceActivity';

/*
 * The set's own call in the browser: a mesh of RTCPeerConnections, one to each other person
 * (up to 8 in all), negotiated with the "perfect negotiation" pattern (the person whose user id
 * sorts first is polite), restarting ICE when a connection fails or the live connection comes
 * back. The microphone's voice activity is measured here and only its intervals are reported.
 * Everything the browser provides is injected, so tests run it with fakes.
 */

/** A level meter on a stream (Web Audio's AnalyserNode in the browser): its level now, in dBFS. */
export interface LevelMeter {
  level(): number;
  close(): void;
}

export interface CallEnvironment {
  createPeer(config: RTCConfiguration): RTCPeerConnection;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  meter(stream: MediaStream): LevelMeter | null;
  /** ms since the epoch (the server's clock, corrected). */
  now(): number;
  every(ms: number, run: () => void): () => void;
}

export type PeerStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed';
export interface CallPeerView {
  userId: string;
  status: PeerStatus;
  speaking: boolean;
  stream: MediaStream | null;
}
export interface CallView {
  status: 'idle' | 'joining' | 'in-call';
  /** Why the call cannot go on, or what went wrong, with what to do. */
  error: string | null;
  muted: boolean;
  video: boolean;
  speaking: boolean;
  peers: CallPeerView[];
  localStream: MediaStream | null;
  /** The last thing worth announcing (muted by the facilitator, someone joined…), for a live region. */
  announcement: string;
}

interface Peer {
  userId: string;
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  status: PeerStatus;
  stream: MediaStream | null;
  meter: LevelMeter | null;
  voice: VoiceActivity;
  restarts: number;
}

/** Level readings per second (the meter is read on a timer). */
const READ_MS = 50;
/** Speaking intervals are reported this often. */
export const REPORT_MS = 5_000;
/** A connection still failing after this many ICE restarts is given up on, with a message. */
const MAX_RESTARTS = 3;

export const MIC_REFUSED = 'Your browser refused the microphone. Allow it for this site (the icon in the address bar) and join again — or use the meeting’s video link.';
export const NO_MIC = 'No microphone was found. Plug one in and join again — or use the meeting’s video link.';
export const NO_CONNECTION = 'could not be reached: your networks block a direct connection. Your administrator can add a TURN server (TURN_URLS), or use the meeting’s video link.';

const idle: CallView = { status: 'idle', error: null, muted: false, video: false, speaking: false, peers: [], localStream: null, announcement: '' };

export class CallMesh {
  private view: CallView = idle;
  private readonly listeners = new Set<() => void>();
  private readonly peers = new Map<string, Peer>();
  private iceServers: CallIceServer[] = [];
  private local: MediaStream | null = null;
  private localMeter: LevelMeter | null = null;
  private readonly voice = new VoiceActivity();
  private unsent: SpeechInterval[] = [];
  private stopListening: (() => void) | null = null;
  private stopTimers: (() => void)[] = [];
  private names: (userId: string) => string = (id) => id;

  constructor(
    private readonly selfId: string,
    private readonly signalling: CallSignalling,
    private readonly env: CallEnvironment,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CallView => this.view;

  /** How announcements name people. */
  nameWith(names: (userId: string) => string): void {
    this.names = names;
  }

  /** Joins the call: the microphone (and camera), then the server's ICE servers and who is in it, then a connection to each. */
  async join(options: { video?: boolean; muted?: boolean } = {}): Promise<void> {
    if (this.view.status !== 'idle') return;
    this.set({ status: 'joining', error: null });
    try {
      this.local = await this.env.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: options.video ?? false });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      this.set({ ...idle, error: name === 'NotFoundError' || name === 'OverconstrainedError' ? NO_MIC : MIC_REFUSED });
      return;
    }
    this.localMeter = this.env.meter(this.local);
    this.stopListening = this.signalling.listen({
      signal: (s) => void this.onSignal(s),
      joined: (p) => this.set({ announcement: `${this.names(p.userId)} joined the call.` }),
      left: (p) => this.onLeft(p.userId),
      muted: () => {
        this.setMuted(true);
        this.set({ announcement: 'The facilitator muted everyone. Unmute yourself when you want to speak.' });
      },
    });
    const ack = await this.signalling.join();
    if (!ack.ok) {
      this.teardown();
      this.set({ ...idle, error: ack.error });
      return;
    }
    this.iceServers = ack.iceServers;
    this.set({ status: 'in-call', localStream: this.local, video: options.video ?? false, muted: false, announcement: 'You joined the call.' });
    if (options.muted) this.setMuted(true);
    for (const userId of ack.peers) this.connect(userId);
    this.stopTimers.push(this.env.every(READ_MS, () => this.read()));
    this.stopTimers.push(this.env.every(REPORT_MS, () => void this.report()));
  }

  /** Leaves the call: speech measured so far is reported first. */
  async leave(): Promise<void> {
    if (this.view.status === 'idle') return;
    this.voice.close();
    await this.report();
    await this.signalling.leave();
    this.teardown();
    this.set({ ...idle, announcement: 'You left the call.' });
  }

  /**
   * The live connection came back (a network change, a server restart): in the call again, with
   * fresh ICE servers. A connection still carrying audio keeps going (it never passed through the
   * server); any other is restarted (ICE restart), or dropped when its person is gone and it no
   * longer connects.
   */
  async rejoin(): Promise<void> {
    if (this.view.status !== 'in-call') return;
    const ack = await this.signalling.join();
    if (!ack.ok) {
      this.set({ error: ack.error });
      return;
    }
    this.iceServers = ack.iceServers;
    for (const [userId, peer] of this.peers) {
      peer.pc.setConfiguration({ iceServers: this.iceServers });
      if (peer.pc.connectionState === 'connected') continue;
      if (ack.peers.includes(userId)) this.restart(peer);
      else this.drop(userId);
    }
    for (const userId of ack.peers) if (!this.peers.has(userId)) this.connect(userId);
    this.publish();
  }

  setMuted(muted: boolean): void {
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
    if (muted) this.voice.close();
    this.set({ muted, announcement: muted ? 'Microphone off.' : 'Microphone on.' });
  }

  async setVideo(on: boolean): Promise<void> {
    if (!this.local || this.view.status !== 'in-call' || on === this.view.video) return;
    if (on) {
      let camera: MediaStream;
      try {
        camera = await this.env.getUserMedia({ video: true });
      } catch {
        this.set({ error: 'Your browser refused the camera. The call goes on with audio.' });
        return;
      }
      const [track] = camera.getVideoTracks();
      if (!track) return;
      this.local.addTrack(track);
      for (const peer of this.peers.values()) peer.pc.addTrack(track, this.local);
    } else {
      for (const track of this.local.getVideoTracks()) {
        track.stop();
        this.local.removeTrack(track);
        for (const peer of this.peers.values()) {
          const sender = peer.pc.getSenders().find((s) => s.track === track);
          if (sender) peer.pc.removeTrack(sender);
        }
      }
    }
    this.set({ video: on, error: null });
  }

  muteAll(): Promise<{ ok: boolean; error?: string }> {
    return this.signalling.muteAll();
  }

  private connect(userId: string): Peer {
    const existing = this.peers.get(userId);
    if (existing) return existing;
    const pc = this.env.createPeer({ iceServers: this.iceServers });
    const peer: Peer = { userId, pc, polite: isPolitePeer(this.selfId, userId), makingOffer: false, ignoreOffer: false, status: 'connecting', stream: null, meter: null, voice: new VoiceActivity(), restarts: 0 };
    this.peers.set(userId, peer);
    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        if (pc.localDescription) await this.signalling.signal({ to: userId, description: describe(pc.localDescription) });
      } catch {
        // A negotiation overtaken by another one: the next negotiationneeded sends the offer.
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) void this.signalling.signal({ to: userId, candidate: { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex, usernameFragment: candidate.usernameFragment } });
    };
    pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] ?? new MediaStream([track]);
      if (peer.stream !== stream) {
        peer.meter?.close();
        peer.stream = stream;
        peer.meter = this.env.meter(stream);
      }
      this.publish();
    };
    pc.onconnectionstatechange = () => this.onState(peer);
    for (const track of this.local?.getTracks() ?? []) pc.addTrack(track, this.local!);
    this.publish();
    return peer;
  }

  /** Perfect negotiation: an offer colliding with ours is ignored by the impolite side and taken (ours rolled back) by the polite one. */
  private async onSignal(signal: CallSignal): Promise<void> {
    if (this.view.status !== 'in-call') return;
    const peer = this.connect(signal.from);
    const { pc } = peer;
    try {
      if (signal.description) {
        const description = signal.description;
        const collision = description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) return;
        await pc.setRemoteDescription(description as RTCSessionDescriptionInit);
        if (description.type === 'offer') {
          await pc.setLocalDescription();
          if (pc.localDescription) await this.signalling.signal({ to: signal.from, description: describe(pc.localDescription) });
        }
      } else if (signal.candidate) {
        try {
          await pc.addIceCandidate(signal.candidate);
        } catch (error) {
          if (!peer.ignoreOffer) throw error;
        }
      }
    } catch {
      // A description or candidate that no longer applies (overtaken by a restart): the next negotiation settles it.
    }
  }

  private onState(peer: Peer): void {
    const state = peer.pc.connectionState;
    if (state === 'connected') {
      peer.status = 'connected';
      peer.restarts = 0;
    } else if (state === 'failed') {
      if (peer.restarts < MAX_RESTARTS) this.restart(peer);
      else {
        peer.status = 'failed';
        this.set({ error: `${this.names(peer.userId)} ${NO_CONNECTION}` });
      }
    } else if (state === 'disconnected') peer.status = 'reconnecting';
    this.publish();
  }

  private restart(peer: Peer): void {
    peer.restarts += 1;
    peer.status = 'reconnecting';
    peer.pc.restartIce();
  }

  private onLeft(userId: string): void {
    if (userId === this.selfId) {
      // This person's newer device took the call over.
      this.teardown();
      this.set({ ...idle, announcement: 'You are in the call on another device.' });
      return;
    }
    if (!this.peers.has(userId)) return;
    this.drop(userId);
    this.set({ announcement: `${this.names(userId)} left the call.` });
  }

  private drop(userId: string): void {
    const peer = this.peers.get(userId);
    if (!peer) return;
    peer.meter?.close();
    peer.pc.close();
    this.peers.delete(userId);
  }

  /** Reads the levels: the person's own voice activity (not while muted), and each other person's speaking indicator. */
  private read(): void {
    const at = this.env.now();
    let changed = false;
    if (this.localMeter) {
      const before = this.voice.speaking;
      const speaking = this.view.muted ? false : this.voice.feed(this.localMeter.level(), at);
      if (speaking !== before || speaking !== this.view.speaking) changed = true;
    }
    for (const peer of this.peers.values()) {
      if (!peer.meter) continue;
      const before = peer.voice.speaking;
      if (peer.voice.feed(peer.meter.level(), at) !== before) changed = true;
      peer.voice.take();
    }
    if (changed) this.publish();
  }

  /** Reports the speech measured since the last report; what the server did not take (the connection was down) goes with the next one. */
  private async report(): Promise<void> {
    const intervals = [...this.unsent, ...this.voice.take()].slice(-CALL_LIMITS.intervals);
    this.unsent = [];
    if (intervals.length === 0) return;
    const ack = await this.signalling.speaking(intervals.map((i) => ({ startedAt: new Date(i.start).toISOString(), ms: Math.min(CALL_LIMITS.intervalMs, Math.max(1, Math.round(i.end - i.start))) })));
    if (!ack.ok) this.unsent = intervals;
  }

  private teardown(): void {
    for (const stop of this.stopTimers) stop();
    this.stopTimers = [];
    this.stopListening?.();
    this.stopListening = null;
    for (const userId of [...this.peers.keys()]) this.drop(userId);
    this.localMeter?.close();
    this.localMeter = null;
    for (const track of this.local?.getTracks() ?? []) track.stop();
    this.local = null;
  }

  /** Stops everything at once (the page goes away). */
  close(): void {
    if (this.view.status !== 'idle') void this.signalling.leave();
    this.teardown();
    this.view = idle;
  }

  private publish(): void {
    this.set({});
  }

  private set(change: Partial<CallView>): void {
    const peers = [...this.peers.values()].map((p) => ({ userId: p.userId, status: p.status, speaking: p.voice.speaking, stream: p.stream }));
    this.view = { ...this.view, ...change, peers, speaking: !(change.muted ?? this.view.muted) && this.voice.speaking };
    for (const listener of this.listeners) listener();
  }
}

function describe(description: RTCSessionDescription): CallSessionDescription {
  return { type: description.type, sdp: description.sdp };
}
