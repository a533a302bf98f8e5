import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LiveActor } from '@als/shared';
import { FRAN, liveStateAfter, PAT } from '@web/features/live/liveTesting';
import { DialogueControls } from './Dialogue';
import { Questions } from './Questions';

const DANA: LiveActor = { userId: 'dana', role: 'member' };
const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 3 });
/** Pat presents, in open dialogue, at open questions. */
const inDialogue = (more: [LiveActor, string, Record<string, unknown>?][] = []) =>
  liveStateAfter([[FRAN, 'start'], [FRAN, 'setContracting', { open: false }], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance'], [FRAN, 'setQuestionMode', { mode: 'dialogue' }], [FRAN, 'advance'], [FRAN, 'advance'], ...more]);

describe(DialogueControls.name, () => {
  it('lets the facilitator choose strict turns or open dialogue for the presenter, and step out of the turn order', async () => {
    const send = ok();
    render(<DialogueControls state={liveStateAfter([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance']])} send={send} />);
    expect(screen.getByRole('radio', { name: /Strict turns/ })).toBeChecked();
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /Open dialogue/ }));
    expect(send).toHaveBeenCalledWith('setQuestionMode', { mode: 'dialogue' });
    await user.click(screen.getByRole('checkbox', { name: 'Leave me out of the turn order' }));
    expect(send).toHaveBeenCalledWith('stepOutOfTurns', { out: true });
  });

  it('shows the queue of raised hands in order: call the next, call or lower a named one', async () => {
    const send = ok();
    render(<DialogueControls state={inDialogue([[DANA, 'raiseHand'], [FRAN, 'raiseHand']])} send={send} />);
    expect(within(screen.getByRole('list', { name: 'Raised hands' })).getAllByRole('listitem').map((li) => li.firstChild?.textContent)).toEqual(['Dana', 'Fran']);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Call the next hand' }));
    expect(send).toHaveBeenCalledWith('callNext', {});
    await user.click(screen.getByRole('button', { name: 'Call Fran' }));
    expect(send).toHaveBeenCalledWith('callNext', { userId: 'fran' });
    await user.click(screen.getByRole('button', { name: 'Lower Dana’s hand' }));
    expect(send).toHaveBeenCalledWith('lowerHand', { userId: 'dana' });
  });
});

describe('Questions in open dialogue', () => {
  it('lets anyone ask without a turn, offers no pass, and shows who has the floor', async () => {
    const send = ok();
    render(<Questions state={inDialogue([[DANA, 'raiseHand'], [FRAN, 'callNext']])} me="fran" facilitating={false} send={send} />);
    expect(screen.getByRole('heading', { name: 'Open dialogue' })).toBeInTheDocument();
    expect(screen.getByText('Dana has the floor.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pass' })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your question to Pat'), 'What do you want?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(send).toHaveBeenCalledWith('ask', { text: 'What do you want?' });
  });

  it('keeps strict turns otherwise: only the person whose turn it is may ask', () => {
    const state = liveStateAfter([[FRAN, 'start'], [FRAN, 'advance'], [FRAN, 'setOrder', { presenterIds: ['pat'] }], [FRAN, 'advance'], [FRAN, 'advance'], [FRAN, 'advance'], [PAT, 'setAsk', { text: 'Help' }]]);
    render(<Questions state={state} me="dana" facilitating={false} send={ok()} />);
    expect(screen.getByRole('heading', { name: 'Open questions, in turn' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pass' })).toBeDisabled();
  });
});
