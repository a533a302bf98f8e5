import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FRAN, liveStateAfter, PAT } from '@web/features/live/liveTesting';
import { Contracting } from './Contracting';

const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 3 });

describe(Contracting.name, () => {
  it('shows everyone the draft and the proposed changes, and lets a member propose one', async () => {
    const state = liveStateAfter([[FRAN, 'start'], [PAT, 'proposeChange', { text: 'Start on time.' }]]);
    const send = ok();
    render(<Contracting state={state} me="pat" facilitating={false} send={send} />);
    expect(screen.getByRole('heading', { name: 'Contracting: our ground rules' })).toBeInTheDocument();
    expect(screen.getByText(/We keep it confidential\./)).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Proposed changes' })).getByText('Start on time.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record as agreed' })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Propose a change'), 'No phones.');
    await user.click(screen.getByRole('button', { name: 'Propose' }));
    expect(send).toHaveBeenCalledWith('proposeChange', { text: 'No phones.' });
  });

  it('lets the facilitator record the agreed text, starting from the draft, or propose for someone in the room', async () => {
    const send = ok();
    render(<Contracting state={liveStateAfter([[FRAN, 'start']])} me="fran" facilitating send={send} />);
    const user = userEvent.setup();
    const agreed = screen.getByLabelText('The ground rules the set agrees');
    expect(agreed).toHaveValue('We keep it confidential.\nPhones away.');
    await user.type(agreed, '\nStart on time.');
    await user.click(screen.getByRole('button', { name: 'Record as agreed' }));
    expect(send).toHaveBeenCalledWith('agreeContract', { text: 'We keep it confidential.\nPhones away.\nStart on time.' });
    await user.selectOptions(screen.getByLabelText('Recording for'), 'Pat');
    await user.type(screen.getByLabelText('Propose a change'), 'Breaks');
    await user.click(screen.getByRole('button', { name: 'Propose for Pat' }));
    expect(send).toHaveBeenCalledWith('proposeChange', { text: 'Breaks', onBehalfOf: 'pat' });
  });

  it('once closed, shows members nothing and offers the facilitator to revisit the ground rules', async () => {
    const state = liveStateAfter([[FRAN, 'start'], [FRAN, 'agreeContract', { text: 'Agreed.' }]]);
    const { container } = render(<Contracting state={state} me="pat" facilitating={false} send={ok()} />);
    expect(container).toBeEmptyDOMElement();
    const send = ok();
    render(<Contracting state={state} me="fran" facilitating send={send} />);
    expect(screen.getByRole('status')).toHaveTextContent('Agreed in this session by Fran, Pat, Dana.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Revisit the ground rules' }));
    expect(send).toHaveBeenCalledWith('setContracting', { open: true });
  });
});
