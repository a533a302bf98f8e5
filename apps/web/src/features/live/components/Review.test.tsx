import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { liveStateAt } from '@web/features/live/liveTesting';
import { Review } from './Review';

const ok = () => vi.fn().mockResolvedValue({ ok: true, seq: 3 });

describe(Review.name, () => {
  describe('rating', () => {
    it('preselects no rating: a person must choose a number before sending', async () => {
      const send = ok();
      render(<Review state={liveStateAt('process-review')} me="pat" facilitating={false} send={send} />);
      for (const n of ['1', '2', '3', '4', '5']) expect(screen.getByRole('radio', { name: n })).not.toBeChecked();
      expect(screen.getByRole('button', { name: 'Send rating' })).toBeDisabled();
      const user = userEvent.setup();
      await user.click(screen.getByRole('radio', { name: '2' }));
      await user.type(screen.getByLabelText('What helped, what hindered?'), 'Too fast');
      await user.click(screen.getByRole('button', { name: 'Send rating' }));
      expect(send).toHaveBeenCalledWith('rate', { rating: 2, comment: 'Too fast' });
    });

    it('records a rating and comment for someone in the room, starting afresh for each person', async () => {
      const send = ok();
      render(<Review state={liveStateAt('process-review')} me="fran" facilitating send={send} />);
      const user = userEvent.setup();
      await user.click(screen.getByRole('radio', { name: '5' }));
      await user.selectOptions(screen.getByLabelText('Recording for'), 'Pat');
      expect(screen.getByRole('group', { name: 'How well did the session work for Pat? (1 – 5)' })).toBeInTheDocument();
      expect(screen.getByRole('radio', { name: '5' })).not.toBeChecked();
      await user.click(screen.getByRole('radio', { name: '3' }));
      await user.type(screen.getByLabelText('What helped, what hindered?'), 'The silence helped');
      await user.click(screen.getByRole('button', { name: 'Record rating for Pat' }));
      expect(send).toHaveBeenCalledWith('rate', { rating: 3, comment: 'The silence helped', onBehalfOf: 'pat' });
    });

    it('is usable from the keyboard alone', async () => {
      const send = ok();
      render(<Review state={liveStateAt('process-review')} me="fran" facilitating send={send} />);
      const user = userEvent.setup();
      // A native select: focusable and chosen from the keyboard (jsdom does not move it with arrow keys).
      await user.tab();
      expect(screen.getByLabelText('Recording for')).toHaveFocus();
      await user.selectOptions(screen.getByLabelText('Recording for'), 'pat');
      screen.getByRole('radio', { name: '1' }).focus();
      await user.keyboard(' {ArrowRight}{ArrowRight}{ArrowRight}');
      expect(screen.getByRole('radio', { name: '4' })).toBeChecked();
      screen.getByLabelText('What helped, what hindered?').focus();
      await user.keyboard('Good');
      await user.tab();
      expect(screen.getByRole('button', { name: 'Record rating for Pat' })).toHaveFocus();
      await user.keyboard('{Enter}');
      expect(send).toHaveBeenCalledWith('rate', { rating: 4, comment: 'Good', onBehalfOf: 'pat' });
    });

    it('does not offer people who sent an apology and have not arrived', () => {
      render(<Review state={liveStateAt('process-review', { apologies: ['dana'] })} me="fran" facilitating send={ok()} />);
      expect(screen.getByRole('option', { name: 'Pat' })).toBeInTheDocument();
      expect(screen.queryByRole('option', { name: 'Dana' })).not.toBeInTheDocument();
    });

    it('offers members no choice of whom it is for', () => {
      render(<Review state={liveStateAt('process-review')} me="pat" facilitating={false} send={ok()} />);
      expect(screen.queryByLabelText('Recording for')).not.toBeInTheDocument();
    });
  });
});
