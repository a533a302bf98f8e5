import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LiveActor } from '@als/shared';
import { FRAN, liveStateAfter, PAT } from '@web/features/live/liveTesting';
import { Review } from './Review';
import { ReviewWords } from './ReviewWords';

const DANA: LiveActor = { userId: 'dana', role: 'member' };
const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 3 });
const inReview = (more: [LiveActor, string, Record<string, unknown>?][] = []) => liveStateAfter([[FRAN, 'start'], [FRAN, 'goTo', { phase: 'process-review' }], ...more]);

describe(ReviewWords.name, () => {
  it('asks the three prompts and shows everyone’s words, anonymous ones without a name', () => {
    render(<ReviewWords state={inReview([[PAT, 'reviewComment', { prompt: 'helped', text: 'The silence.' }], [DANA, 'reviewComment', { prompt: 'hindered', text: 'Advice.', anonymous: true }]])} me="pat" who="pat" send={ok()} />);
    for (const prompt of ['What helped us today?', 'What hindered us?', 'How did the questioning go?']) expect(screen.getByRole('heading', { name: prompt })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'What helped us today?' })).getByRole('listitem')).toHaveTextContent('The silence. — Pat');
    expect(within(screen.getByRole('list', { name: 'What hindered us?' })).getByRole('listitem')).toHaveTextContent('Advice. — anonymous');
    expect(screen.queryByText(/Dana/)).not.toBeInTheDocument();
  });

  it('sends a person’s words, anonymously when they choose', async () => {
    const send = ok();
    render(<ReviewWords state={inReview()} me="pat" who="pat" send={send} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your words: How did the questioning go?'), 'Too many closed questions.');
    await user.click(screen.getAllByRole('checkbox', { name: 'Without my name' })[2]);
    await user.click(screen.getByRole('button', { name: 'Add: How did the questioning go?' }));
    expect(send).toHaveBeenCalledWith('reviewComment', { prompt: 'questioning', text: 'Too many closed questions.', anonymous: true });
  });

  it('comes before the ratings in the process review, recorded by the facilitator for the person chosen there', async () => {
    const send = ok();
    render(<Review state={inReview()} me="fran" facilitating send={send} />);
    const headings = screen.getAllByRole('heading').map((h) => h.textContent);
    expect(headings.indexOf('How did we work today?')).toBeLessThan(headings.indexOf('Ratings'));
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Recording for'), 'Dana');
    await user.type(screen.getByLabelText('Dana’s words: What helped us today?'), 'Being heard.');
    await user.click(screen.getByRole('button', { name: 'Add: What helped us today?' }));
    expect(send).toHaveBeenCalledWith('reviewComment', { prompt: 'helped', text: 'Being heard.', onBehalfOf: 'dana' });
  });
});
