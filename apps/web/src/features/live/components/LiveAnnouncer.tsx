import { useEffect, useRef, useState } from 'react';
import { LIVE_PHASE_LABELS, timerRemainingMs, type LiveSessionState } from '@als/shared';
import { nameOf } from './common';

/** localStorage key of the "sound at time-up" choice (off unless the person turns it on). */
export const SOUND_KEY = 'als.live.timeUpSound';

/** What a screen reader hears when the phase changes: the phase, and whose round it is. */
export function phaseAnnouncement(state: LiveSessionState): string {
  const phase = LIVE_PHASE_LABELS[state.phase];
  return state.presenterId ? `Now: ${phase}, presenter ${nameOf(state, state.presenterId)}.` : `Now: ${phase}.`;
}

export function readSoundChoice(): boolean {
  try {
    return window.localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

function saveSoundChoice(on: boolean): void {
  try {
    window.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

/** A short two-tone chime, made by the browser (no sound file to load). */
export function playChime(): void {
  const AudioContextClass = window.AudioContext as typeof AudioContext | undefined;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
  const tone = (frequency: number, at: number) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, context.currentTime + at);
    gain.gain.exponentialRampToValueAtTime(0.3, context.currentTime + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + at + 0.5);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(context.currentTime + at);
    oscillator.stop(context.currentTime + at + 0.55);
  };
  tone(880, 0);
  tone(660, 0.35);
  window.setTimeout(() => void context.close(), 1500);
}

/**
 * Announcements for screen readers in a polite live region: each phase change, the last minute of
 * a timer and time-up; and, when the person has turned it on (remembered on this device), a chime
 * at time-up. The region is visually hidden: sighted people see the header itself.
 */
export function LiveAnnouncer({ state, offsetMs, chime = playChime }: { state: LiveSessionState; offsetMs: number; chime?: () => void }) {
  const [message, setMessage] = useState('');
  const [sound, setSound] = useState(readSoundChoice);
  const phaseKey = `${state.phase}:${state.presenterId ?? ''}`;
  const seenPhase = useRef(phaseKey);
  const said = useRef<{ timerId: number | null; lastMinute: boolean; up: boolean }>({ timerId: null, lastMinute: false, up: false });

  useEffect(() => {
    if (seenPhase.current === phaseKey) return;
    seenPhase.current = phaseKey;
    setMessage(phaseAnnouncement(state));
  }, [phaseKey, state]);

  const timer = state.timer;
  useEffect(() => {
    if (!timer || state.paused) return;
    if (said.current.timerId !== timer.id) {
      // A timer already over when this screen first sees it (joining late) is not announced as news.
      const over = timerRemainingMs(timer, Date.now() + offsetMs) <= 0;
      said.current = { timerId: timer.id, lastMinute: over, up: over };
    }
    const check = () => {
      const left = timerRemainingMs(timer, Date.now() + offsetMs);
      if (left <= 0 && !said.current.up) {
        said.current.up = true;
        said.current.lastMinute = true;
        setMessage('Time is up.');
        if (readSoundChoice()) chime();
      } else if (left > 0 && left <= 60_000 && !said.current.lastMinute) {
        said.current.lastMinute = true;
        setMessage('One minute left.');
      }
    };
    check();
    const handle = window.setInterval(check, 1000);
    return () => window.clearInterval(handle);
  }, [timer, state.paused, offsetMs, chime]);

  return (
    <>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
        {message}
      </p>
      <label className="checkbox live-sound">
        <input
          type="checkbox"
          checked={sound}
          onChange={(event) => {
            setSound(event.target.checked);
            saveSoundChoice(event.target.checked);
          }}
        />{' '}
        Sound at time-up
      </label>
    </>
  );
}
