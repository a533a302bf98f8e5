import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_AGENDA, type LiveActor, type LiveSetup } from '@als/shared';
import { FRAN, liveStateAfter } from '@web/features/live/liveTesting';
import { Questions } from './Questions';

const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 9 });

/** Fran facilitates in the room for Pat (presenting), Sam and Dana; she is out of the turn order. */
const ROOM: LiveSetup = {
  roster: ['Fran', 'Pat', 'Sam', 'Dana'].map((name) => ({ userId: name.toLowerCase(), displayName: name })),
  agenda: DEFAULT_AGENDA,
  openActions: [],
  defaultDueAt: null,
};
const TO_QUESTIONS: [LiveActor, string, Record<string, unknown>?][] = [
  [FRAN, 'start'],
  [FRAN, 'advance'],
  [FRAN, 'setOrder', { presenterIds: ['pat'] }],
  [FRAN, 'advance'],
  [FRAN, 'stepOutOfTurns', { out: true }],
  [FRAN, 'advance'],
  [FRAN, 'advance'],
];

describe(Questions.name, () => {
  it('records for whoever has the turn, following the turn as it moves', async () => {
    const send = ok();
    const inTurns = liveStateAfter(TO_QUESTIONS, ROOM);
    const { rerender } = render(<Questions state={inTurns} me="fran" facilitating send={send} />);
    expect(screen.getByText('Sam\'s turn.')).toBeInTheDocument();
    expect(screen.getByLabelText('Recording for')).toHaveValue('sam');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your question to Pat'), 'What matters most to you here?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(send).toHaveBeenCalledWith('ask', { text: 'What matters most to you here?', onBehalfOf: 'sam' });

    const passed = liveStateAfter([...TO_QUESTIONS, [FRAN, 'ask', { text: 'What matters most to you here?', onBehalfOf: 'sam' }], [FRAN, 'pass', { onBehalfOf: 'sam' }]], ROOM);
    rerender(<Questions state={passed} me="fran" facilitating send={send} />);
    expect(screen.getByText('Dana\'s turn.')).toBeInTheDocument();
    expect(screen.getByLabelText('Recording for')).toHaveValue('dana');
    expect(screen.getByRole('button', { name: 'Pass' })).toBeEnabled();
  });

  it('lets the facilitator choose someone else while the turn stays', async () => {
    render(<Questions state={liveStateAfter(TO_QUESTIONS, ROOM)} me="fran" facilitating send={ok()} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Recording for'), 'dana');
    expect(screen.getByLabelText('Recording for')).toHaveValue('dana');
    expect(screen.getByRole('button', { name: 'Pass' })).toBeDisabled();
  });
});
