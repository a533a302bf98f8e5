import { useEffect, useState } from 'react';
import { timerRemainingMs, type LiveTimer } from '@als/shared';

export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** A countdown from the server's deadline, corrected by the server time offset so every screen agrees. */
export function Timer({ timer, paused, offsetMs, large = false }: { timer: LiveTimer | null; paused: boolean; offsetMs: number; large?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const handle = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(handle);
  }, []);
  if (!timer) return null;
  const remaining = timerRemainingMs(timer, now + offsetMs);
  const over = remaining === 0;
  const minutesLeft = Math.ceil(remaining / 60_000);
  return (
    <div className={['timer', large ? 'timer--large' : '', over ? 'timer--over' : '', paused ? 'timer--paused' : ''].join(' ').trim()} role="timer" aria-label={paused ? `Paused with ${minutesLeft} minutes left` : over ? 'Time is up' : `${minutesLeft} minutes left`}>
      <span aria-hidden="true">{over ? '0:00' : formatRemaining(remaining)}</span>
      {paused && <span className="timer__note">Time-out</span>}
      {over && !paused && <span className="timer__note">Time is up</span>}
    </div>
  );
}
