import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_AGENDA, decide, evolve, initialLiveState, type LiveSessionState } from '@als/shared';
import { Arrivals } from './Arrivals';

const roster = [
  { userId: 'fran', displayName: 'Fran' },
  { userId: 'pat', displayName: 'Pat' },
  { userId: 'dana', displayName: 'Dana' },
];
const now = new Date('2030-03-05T10:00:00.000Z');

function started(apologies: string[]): LiveSessionState {
  const decision = decide(initialLiveState('m1'), { type: 'start', payload: {} }, { userId: 'fran', role: 'facilitator' }, now, { roster, apologies, agenda: DEFAULT_AGENDA, openActions: [], defaultDueAt: null });
  if (!decision.ok) throw new Error(decision.error);
  return evolve(initialLiveState('m1'), { ...decision.event, at: now.toISOString() });
}

describe(Arrivals.name, () => {
  it('lists who sent an apology and records an arrival for the facilitator', async () => {
    const send = vi.fn().mockResolvedValue({ ok: true, seq: 2 });
    render(<Arrivals state={started(['dana'])} send={send} />);
    expect(screen.getByRole('group', { name: 'Sent an apology' })).toHaveTextContent('Dana');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dana is here' }));
    expect(send).toHaveBeenCalledWith('arrive', { userId: 'dana' });
  });

  it('shows the reason when the arrival is refused', async () => {
    const send = vi.fn().mockResolvedValue({ ok: false, error: 'Dana is already at the meeting.' });
    render(<Arrivals state={started(['dana'])} send={send} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dana is here' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Dana is already at the meeting.');
  });

  it('shows nothing when everyone is here, or before the start', () => {
    const { container } = render(<Arrivals state={started([])} send={vi.fn()} />);
    expect(container).toBeEmptyDOMElement();
    render(<Arrivals state={initialLiveState('m1')} send={vi.fn()} />);
    expect(screen.queryByRole('group', { name: 'Sent an apology' })).not.toBeInTheDocument();
  });
});
