import { useEffect, useRef, useState } from 'react';
import type { LiveSessionState } from '@als/shared';
import type { LiveSession } from '@web/features/live/useLiveSession';
import type { CallEnvironment, CallPeerView } from './callMesh';
import type { CallSignalling } from './callSignalling';
import { useCall } from './useCall';

/** Whose turn it is in the call: the presenter while they present, the asker whose turn it is in open questions. */
export function turnOf(state: LiveSessionState): string | null {
  if (state.phase === 'present') return state.presenterId;
  if (state.phase === 'questions' && state.turn) return state.turn.order[state.turn.index] ?? null;
  return null;
}

/** Plays one person's audio (and shows their video, when they send it). */
function PeerMedia({ peer, name }: { peer: CallPeerView; name: string }) {
  const audio = useRef<HTMLAudioElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const hasVideo = (peer.stream?.getVideoTracks().length ?? 0) > 0;
  useEffect(() => {
    if (audio.current && audio.current.srcObject !== peer.stream) audio.current.srcObject = peer.stream;
    if (video.current && video.current.srcObject !== peer.stream) video.current.srcObject = peer.stream;
  }, [peer.stream, hasVideo]);
  return (
    <>
      <audio ref={audio} autoPlay data-peer={peer.userId} />
      {hasVideo && <video ref={video} autoPlay playsInline muted className="call__video" aria-label={`${name}'s camera`} />}
    </>
  );
}

/**
 * The set's own call in the live room (CONTRACT.md): "Join the call" (audio; video optional),
 * mute (M), the facilitator's "Mute everyone", and the room's list with who is speaking, who is
 * in the call and whose turn it is. During a presenter's "present" the others start muted.
 */
export function CallPanel({ meetingId, me, state, session, facilitating, make }: {
  meetingId: string;
  me: string;
  state: LiveSessionState;
  session: Pick<LiveSession, 'connected' | 'offsetMs' | 'channel' | 'present'>;
  facilitating: boolean;
  make?: { signalling?: CallSignalling; env?: CallEnvironment };
}) {
  const { mesh, view } = useCall(meetingId, me, session, make);
  const [withVideo, setWithVideo] = useState(false);
  const [muteAllError, setMuteAllError] = useState<string | null>(null);
  const inCall = view.status === 'in-call';
  const name = (userId: string) => (userId === me ? 'You' : (state.roster.find((p) => p.userId === userId)?.displayName ?? session.present.find((p) => p.userId === userId)?.displayName ?? 'Someone'));
  mesh.nameWith(name);
  const turn = turnOf(state);

  // Others are muted as a presenter starts to present (each unmutes themselves).
  const presenting = state.phase === 'present' ? state.presenterId : null;
  useEffect(() => {
    if (inCall && presenting && presenting !== me) mesh.setMuted(true);
  }, [presenting, inCall, me, mesh]);

  // M mutes and unmutes, unless the person is typing.
  useEffect(() => {
    if (!inCall) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'm' && event.key !== 'M') return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      event.preventDefault();
      mesh.setMuted(!mesh.getSnapshot().muted);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [inCall, mesh]);

  const people = [...new Map([...session.present.map((p) => p.userId), ...view.peers.map((p) => p.userId), ...(inCall ? [me] : [])].map((id) => [id, id])).keys()];
  const peerOf = (userId: string) => view.peers.find((p) => p.userId === userId);

  return (
    <section className="panel call" aria-labelledby="call-title">
      <h2 id="call-title">The set’s call</h2>
      <p className="visually-hidden" aria-live="polite" role="status">
        {view.announcement}
      </p>
      {view.error && (
        <p className="alert alert--error" role="alert">
          {view.error}
        </p>
      )}
      {!inCall ? (
        <div className="call__join">
          <p className="muted">Audio browser to browser, for up to 8 people: nothing of it passes through or is kept by the platform.</p>
          <label className="checkbox">
            <input type="checkbox" checked={withVideo} onChange={(e) => setWithVideo(e.target.checked)} /> With my camera
          </label>
          <button type="button" className="button" disabled={view.status === 'joining' || !session.connected} onClick={() => void mesh.join({ video: withVideo, muted: presenting !== null && presenting !== me })}>
            {view.status === 'joining' ? 'Joining the call…' : 'Join the call'}
          </button>
        </div>
      ) : (
        <div className="call__controls">
          <button type="button" className="button" aria-pressed={view.muted} aria-keyshortcuts="M" onClick={() => mesh.setMuted(!view.muted)}>
            {view.muted ? 'Unmute' : 'Mute'} <span className="call__key">(M)</span>
          </button>{' '}
          <button type="button" className="button button--quiet" aria-pressed={view.video} onClick={() => void mesh.setVideo(!view.video)}>
            {view.video ? 'Turn camera off' : 'Turn camera on'}
          </button>{' '}
          {facilitating && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() =>
                void mesh.muteAll().then((ack) => {
                  setMuteAllError(ack.ok ? null : (ack.error ?? 'Could not mute everyone.'));
                })
              }
            >
              Mute everyone
            </button>
          )}{' '}
          <button type="button" className="button button--quiet" onClick={() => void mesh.leave()}>
            Leave the call
          </button>
          {muteAllError && (
            <p className="alert alert--error" role="alert">
              {muteAllError}
            </p>
          )}
        </div>
      )}
      <ul className="call__people" aria-label="In the room">
        {people.map((userId) => {
          const peer = peerOf(userId);
          const self = userId === me;
          const speaking = self ? view.speaking : (peer?.speaking ?? false);
          const status = self ? (inCall ? (view.muted ? 'muted' : 'in the call') : null) : peer ? (peer.status === 'connected' ? 'in the call' : peer.status === 'failed' ? 'no connection' : 'connecting…') : null;
          return (
            <li key={userId} className={`call__person${speaking ? ' call__person--speaking' : ''}${turn === userId ? ' call__person--turn' : ''}`} aria-current={turn === userId ? 'true' : undefined} data-user={userId}>
              <span className="call__dot" aria-hidden="true" />
              {name(userId)}
              {status && <span className="muted"> — {status}</span>}
              {speaking && <span className="call__speaking"> speaking</span>}
              {turn === userId && <strong> · their turn</strong>}
            </li>
          );
        })}
      </ul>
      {view.peers.map((peer) => (
        <PeerMedia key={peer.userId} peer={peer} name={name(peer.userId)} />
      ))}
    </section>
  );
}
