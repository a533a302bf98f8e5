import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LiveSessionState } from '@als/shared';
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

  it('shows the order panel in bidding until an order is agreed, then "Order agreed" with an edit', async () => {
    const send = ok();
    const bidding = liveStateAt('bidding');
    const { rerender } = render(<FacilitatorConsole state={bidding} send={send} />);
    expect(screen.getByRole('heading', { name: 'Presenter order' })).toBeInTheDocument();
    const agreed: LiveSessionState = { ...bidding, order: ['pat', 'dana'] };
    rerender(<FacilitatorConsole state={agreed} send={send} />);
    expect(screen.queryByRole('heading', { name: 'Presenter order' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Order agreed' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Agree this order' })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit the order' }));
    await user.click(screen.getByRole('button', { name: 'Move Dana up' }));
    await user.click(screen.getByRole('button', { name: 'Agree this order' }));
    expect(send).toHaveBeenCalledWith('setOrder', { presenterIds: ['dana', 'pat'] });
    expect(await screen.findByRole('heading', { name: 'Order agreed' })).toBeInTheDocument();
  });

  it('shows no order panel in a presenter’s round, only the agreed order with the presenter marked', () => {
    const state: LiveSessionState = { ...liveStateAt('bidding'), phase: 'clarifying', order: ['pat', 'dana'], presenterId: 'pat' };
    render(<FacilitatorConsole state={state} send={ok()} />);
    expect(screen.queryByRole('heading', { name: 'Presenter order' })).not.toBeInTheDocument();
    expect(screen.getByText('(presenting now)').closest('li')).toHaveTextContent('Pat');
  });

  it('shows no order at all after the presenters’ rounds', () => {
    render(<FacilitatorConsole state={{ ...liveStateAt('process-review'), order: ['pat'] }} send={ok()} />);
    expect(screen.queryByRole('heading', { name: 'Order agreed' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Presenter order' })).not.toBeInTheDocument();
  });

  it('offers the hand-over to the one facilitating, not to the co-facilitator (the reducer refuses theirs)', () => {
    const checkIn = liveStateAt('check-in');
    const coId = checkIn.roster.find((p) => p.userId !== checkIn.facilitatorId)!.userId;
    const withCo: LiveSessionState = { ...checkIn, coFacilitatorId: coId };
    const { rerender } = render(<FacilitatorConsole state={withCo} send={ok()} me={checkIn.facilitatorId!} />);
    expect(screen.getByRole('button', { name: 'Hand over' })).toBeInTheDocument();
    rerender(<FacilitatorConsole state={withCo} send={ok()} me={coId} />);
    expect(screen.queryByRole('button', { name: 'Hand over' })).not.toBeInTheDocument();
    expect(screen.getByText(/You co-facilitate/)).toBeInTheDocument();
  });
});
