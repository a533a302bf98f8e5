import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { liveStateAt } from '@web/features/live/liveTesting';
import { CheckOut } from './CheckOut';

const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 3 });

describe(CheckOut.name, () => {
  it('sends a person’s own word', async () => {
    const send = ok();
    render(<CheckOut state={liveStateAt('check-out')} me="pat" facilitating={false} send={send} />);
    const user = userEvent.setup();
    expect(screen.queryByLabelText('Recording for')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Your word'), 'Hopeful');
    await user.click(screen.getByRole('button', { name: 'Check out' }));
    expect(send).toHaveBeenCalledWith('checkOut', { text: 'Hopeful' });
  });

  it('records the check-out word of someone in the room, from the keyboard', async () => {
    const send = ok();
    render(<CheckOut state={liveStateAt('check-out')} me="fran" facilitating send={send} />);
    const user = userEvent.setup();
    // A native select: focusable and chosen from the keyboard (jsdom does not move it with arrow keys).
    await user.tab();
    expect(screen.getByLabelText('Recording for')).toHaveFocus();
    await user.selectOptions(screen.getByLabelText('Recording for'), 'dana');
    screen.getByLabelText('Recording for').focus();
    await user.tab();
    expect(screen.getByLabelText('Dana’s word')).toHaveFocus();
    await user.keyboard('Lighter{Enter}');
    expect(send).toHaveBeenCalledWith('checkOut', { text: 'Lighter', onBehalfOf: 'dana' });
    expect(screen.getByRole('button', { name: 'Check out Dana' })).toBeInTheDocument();
  });

  it('does not offer people who sent an apology and have not arrived', () => {
    render(<CheckOut state={liveStateAt('check-out', { apologies: ['dana'] })} me="fran" facilitating send={ok()} />);
    expect(screen.getByRole('option', { name: 'Pat' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Dana' })).not.toBeInTheDocument();
  });

  it('shows the reason when the word is refused', async () => {
    const send = vi.fn().mockResolvedValue({ ok: false, error: 'Check-out words are given at check-out.' });
    render(<CheckOut state={liveStateAt('check-out')} me="fran" facilitating send={send} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your word'), 'Done');
    await user.click(screen.getByRole('button', { name: 'Check out' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Check-out words are given at check-out.');
  });
});
