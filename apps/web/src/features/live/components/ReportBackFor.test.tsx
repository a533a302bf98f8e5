import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { liveStateAt } from '@web/features/live/liveTesting';
import { ReportBackFor } from './ReportBackFor';

const openActions = [
  { id: 'a1', ownerId: 'pat', text: 'Call the school', dueAt: null },
  { id: 'a2', ownerId: 'dana', text: 'Meet the father', dueAt: null },
  { id: 'a3', ownerId: 'fran', text: 'Book the room', dueAt: null },
];

describe(ReportBackFor.name, () => {
  it('records a report-back, status and note, for the owner of the action', async () => {
    const send = vi.fn().mockResolvedValue({ ok: true, seq: 2 });
    render(<ReportBackFor state={liveStateAt('check-in', { openActions })} me="fran" send={send} />);
    const pat = screen.getByRole('group', { name: 'Pat’s actions' });
    const user = userEvent.setup();
    expect(within(pat).getByRole('button', { name: 'Record for Pat' })).toBeDisabled();
    await user.click(within(pat).getByRole('radio', { name: 'Partly' }));
    await user.type(within(pat).getByLabelText('Note on “Call the school” (optional)'), 'Left a message');
    await user.click(within(pat).getByRole('button', { name: 'Record for Pat' }));
    expect(send).toHaveBeenCalledWith('reportBack', { actionId: 'a1', status: 'partly', note: 'Left a message', onBehalfOf: 'pat' });
  });

  it('is usable from the keyboard alone', async () => {
    const send = vi.fn().mockResolvedValue({ ok: true, seq: 2 });
    render(<ReportBackFor state={liveStateAt('check-in', { openActions })} me="fran" send={send} />);
    const user = userEvent.setup();
    const dana = screen.getByRole('group', { name: 'Dana’s actions' });
    within(dana).getByRole('radio', { name: 'Done' }).focus();
    await user.keyboard(' ');
    await user.tab();
    expect(within(dana).getByLabelText('Note on “Meet the father” (optional)')).toHaveFocus();
    await user.keyboard('Went well');
    await user.tab();
    expect(within(dana).getByRole('button', { name: 'Record for Dana' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(send).toHaveBeenCalledWith('reportBack', { actionId: 'a2', status: 'done', note: 'Went well', onBehalfOf: 'dana' });
  });

  it('offers neither the facilitator’s own actions nor those of people who sent an apology', () => {
    render(<ReportBackFor state={liveStateAt('check-in', { openActions, apologies: ['dana'] })} me="fran" send={vi.fn()} />);
    expect(screen.getByRole('group', { name: 'Pat’s actions' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Dana’s actions' })).not.toBeInTheDocument();
    expect(screen.queryByText('Book the room')).not.toBeInTheDocument();
  });

  it('shows the reason when the report-back is refused', async () => {
    const send = vi.fn().mockResolvedValue({ ok: false, error: 'Report-back on earlier actions happens at check-in.' });
    render(<ReportBackFor state={liveStateAt('check-in', { openActions })} me="fran" send={send} />);
    const user = userEvent.setup();
    const pat = screen.getByRole('group', { name: 'Pat’s actions' });
    await user.click(within(pat).getByRole('radio', { name: 'Done' }));
    await user.click(within(pat).getByRole('button', { name: 'Record for Pat' }));
    expect(await within(pat).findByRole('alert')).toHaveTextContent('Report-back on earlier actions happens at check-in.');
  });
});
