import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LiveActor } from '@als/shared';
import { FRAN, liveStateAfter, PAT } from '@web/features/live/liveTesting';
import { Offers } from './Offers';

const DANA: LiveActor = { userId: 'dana', role: 'member' };
const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 3 });
const atReflection = (more: [LiveActor, string, Record<string, unknown>?][] = []) =>
  liveStateAfter([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance'], ...more]);

describe(Offers.name, () => {
  it('shows members nothing until the presenter invites offers', () => {
    const { container } = render(<Offers state={atReflection()} me="dana" facilitating={false} send={ok()} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('lets the presenter invite offers', async () => {
    const send = ok();
    render(<Offers state={atReflection()} me="pat" facilitating={false} send={send} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Invite offers' }));
    expect(send).toHaveBeenCalledWith('inviteOffers', { open: true });
  });

  it('takes a member’s offer while invited and lists the offers made', async () => {
    const send = ok();
    render(<Offers state={atReflection([[PAT, 'inviteOffers', { open: true }], [FRAN, 'offer', { text: 'A book on this.' }]])} me="dana" facilitating={false} send={send} />);
    expect(screen.getByText('Pat invites offers of experience or resources.')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Offers' })).getByText('A book on this.')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('An offer of experience or a resource'), 'I did this last year.');
    await user.click(screen.getByRole('button', { name: 'Offer' }));
    expect(send).toHaveBeenCalledWith('offer', { text: 'I did this last year.' });
  });

  it('lets the facilitator record an offer for someone in the room, never for the presenter', async () => {
    const send = ok();
    render(<Offers state={atReflection([[DANA, 'raiseHand'], [PAT, 'inviteOffers', { open: true }]])} me="fran" facilitating send={send} />);
    expect(screen.queryByRole('option', { name: 'Pat' })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Recording for'), 'Dana');
    await user.type(screen.getByLabelText('An offer of experience or a resource'), 'A contact.');
    await user.click(screen.getByRole('button', { name: 'Offer for Dana' }));
    expect(send).toHaveBeenCalledWith('offer', { text: 'A contact.', onBehalfOf: 'dana' });
  });
});
