import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveSessionState } from '@als/shared';
import { liveStateAt } from '@web/features/live/liveTesting';
import { LiveAnnouncer, SOUND_KEY } from './LiveAnnouncer';

const T0 = new Date('2027-03-01T10:00:00.000Z').getTime();
const withTimer = (state: LiveSessionState, endsInMs: number, id = 7): LiveSessionState => ({ ...state, paused: false, timer: { id, durationMs: 600_000, endsAt: new Date(T0 + endsInMs).toISOString(), remainingMs: null, expired: false } });

describe(LiveAnnouncer.name, () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(T0);
    window.localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  const region = () => screen.getByTestId('live-announcer');

  it('announces each phase change in a polite live region, with the presenter', () => {
    const { rerender } = render(<LiveAnnouncer state={liveStateAt('bidding')} offsetMs={0} />);
    expect(region()).toHaveAttribute('aria-live', 'polite');
    expect(region()).toHaveTextContent('');
    rerender(<LiveAnnouncer state={{ ...liveStateAt('bidding'), phase: 'clarifying', presenterId: 'pat' }} offsetMs={0} />);
    expect(region()).toHaveTextContent('Now: Clarifying questions, presenter Pat.');
  });

  it('announces the last minute and time-up, once each, and chimes only when the person turned the sound on', async () => {
    const chime = vi.fn();
    const state = withTimer(liveStateAt('check-in'), 61_000);
    render(<LiveAnnouncer state={state} offsetMs={0} chime={chime} />);
    expect(region()).toHaveTextContent('');
    await act(async () => vi.advanceTimersByTimeAsync(2_000));
    expect(region()).toHaveTextContent('One minute left.');
    await act(async () => vi.advanceTimersByTimeAsync(60_000));
    expect(region()).toHaveTextContent('Time is up.');
    expect(chime).not.toHaveBeenCalled();
  });

  it('remembers the sound choice on this device (off by default) and chimes at time-up when on', async () => {
    const chime = vi.fn();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const { unmount } = render(<LiveAnnouncer state={withTimer(liveStateAt('check-in'), 5_000)} offsetMs={0} chime={chime} />);
    const toggle = screen.getByRole('checkbox', { name: 'Sound at time-up' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(window.localStorage.getItem(SOUND_KEY)).toBe('on');
    await act(async () => vi.advanceTimersByTimeAsync(6_000));
    expect(chime).toHaveBeenCalledTimes(1);
    unmount();
    render(<LiveAnnouncer state={liveStateAt('check-in')} offsetMs={0} chime={chime} />);
    expect(screen.getByRole('checkbox', { name: 'Sound at time-up' })).toBeChecked();
  });

  it('does not announce a timer that was already over when the screen joined', async () => {
    const chime = vi.fn();
    window.localStorage.setItem(SOUND_KEY, 'on');
    render(<LiveAnnouncer state={withTimer(liveStateAt('check-in'), -5_000)} offsetMs={0} chime={chime} />);
    await act(async () => vi.advanceTimersByTimeAsync(3_000));
    expect(region()).toHaveTextContent('');
    expect(chime).not.toHaveBeenCalled();
  });
});
