import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FRAN, liveStateAfter, METHOD_TEST_SETUP, PAT } from '@web/features/live/liveTesting';
import { CheckIn } from './CheckIn';

const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 3 });
const withDanaAway = { ...METHOD_TEST_SETUP, apologies: ['dana'], openActions: [{ id: 'a1', ownerId: 'pat', text: 'Call the school', dueAt: null }] };

describe(CheckIn.name, () => {
  it('shows the prompt, whose turn it is, the order without the person who sent an apology, and each share of the time', () => {
    render(<CheckIn state={liveStateAfter([[FRAN, 'start']], withDanaAway)} me="pat" send={ok()} />);
    expect(screen.getByText('How are you arriving today, and how did your actions from last time go?')).toBeInTheDocument();
    expect(screen.getByText(/Fran is checking in/)).toHaveTextContent('about 5:00 each');
    const order = within(screen.getByRole('list', { name: 'Check-in order' })).getAllByRole('listitem');
    expect(order.map((li) => li.textContent)).toEqual(['Fran', 'Pat']);
    expect(order[0]).toHaveAttribute('aria-current', 'step');
    expect(screen.queryByRole('button', { name: /next person/i })).not.toBeInTheDocument();
  });

  it('lets the speaker report back and hand on in the same turn', async () => {
    const send = ok();
    render(<CheckIn state={liveStateAfter([[FRAN, 'start'], [FRAN, 'nextSpeaker']], withDanaAway)} me="pat" send={send} />);
    expect(screen.getByText('Your turn to check in')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Partly' }));
    expect(send).toHaveBeenCalledWith('reportBack', { actionId: 'a1', status: 'partly' });
    await user.click(screen.getByRole('button', { name: 'I’m done: next person' }));
    expect(send).toHaveBeenCalledWith('nextSpeaker', {});
  });

  it('lets the facilitator change the prompt and move the round on; the speaker’s actions are in view', async () => {
    const send = ok();
    render(<CheckIn state={liveStateAfter([[FRAN, 'start'], [PAT, 'reportBack', { actionId: 'a1', status: 'done' }], [FRAN, 'nextSpeaker']], withDanaAway)} me="fran" facilitating send={send} />);
    expect(screen.getByRole('heading', { name: 'Pat’s actions from last time' })).toBeInTheDocument();
    expect(screen.getByText(/Call the school/)).toHaveTextContent('done');
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Check-in prompt'));
    await user.type(screen.getByLabelText('Check-in prompt'), 'One word?');
    await user.click(screen.getByRole('button', { name: 'Change the prompt' }));
    expect(send).toHaveBeenCalledWith('setCheckInPrompt', { text: 'One word?' });
    await user.click(screen.getByRole('button', { name: 'Next person' }));
    expect(send).toHaveBeenCalledWith('nextSpeaker', {});
  });
});
