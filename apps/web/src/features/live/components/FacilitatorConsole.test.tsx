import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { liveStateAt } from '@web/features/live/liveTesting';
import { FacilitatorConsole } from './FacilitatorConsole';

const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 3 });

describe(FacilitatorConsole.name, () => {
  it('in bidding with no order agreed, asks before going on with no presenters instead of skipping them at one click', async () => {
    const send = ok();
    render(<FacilitatorConsole state={liveStateAt('bidding')} send={send} />);
    expect(screen.queryByRole('button', { name: 'Next: Process review' })).not.toBeInTheDocument();
    expect(screen.getByText(/No presenter order is agreed yet/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Next: Process review (no presenters)' }));
    expect(send).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Yes, no presenters today' }));
    expect(send).toHaveBeenCalledWith('advance', {});
  });

  it('ends the session only once asked again, and can be cancelled', async () => {
    const send = ok();
    render(<FacilitatorConsole state={liveStateAt('check-in')} send={send} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(send).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, end it for everyone' }));
    expect(send).toHaveBeenCalledWith('end', {});
  });
});
