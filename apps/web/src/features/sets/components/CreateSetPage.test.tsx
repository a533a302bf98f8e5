import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUND_RULES } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { CreateSetPage } from './CreateSetPage';

const me = { id: 'u1', email: 'fran@example.org', displayName: 'Fran', timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate' as const };

describe(CreateSetPage.name, () => {
  it('starts with the default ground rules and the facilitator\'s time zone', () => {
    mockApi({});
    renderPage(<CreateSetPage me={me} />);
    expect(screen.getByLabelText(/Ground rules/)).toHaveValue(DEFAULT_GROUND_RULES);
    expect(screen.getByLabelText(/Time zone of the set/)).toHaveValue('Europe/London');
    expect(screen.getByLabelText('How the set meets')).toHaveValue('face-to-face');
  });

  it('creates the set with what was typed, edited rules included, and opens it', async () => {
    const api = mockApi({ 'POST /api/sets': { status: 201, body: { id: 'set-1', name: 'Hard cases' } } });
    renderPage(<CreateSetPage me={me} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name of the set'), 'Hard cases');
    await user.type(screen.getByLabelText(/Purpose/), 'Child protection practice');
    await user.selectOptions(screen.getByLabelText('How the set meets'), 'async');
    await user.clear(screen.getByLabelText(/Ground rules/));
    await user.type(screen.getByLabelText(/Ground rules/), 'Be kind');
    await user.clear(screen.getByLabelText(/Notice for apologies/));
    await user.type(screen.getByLabelText(/Notice for apologies/), '72');
    await user.clear(screen.getByLabelText(/Quorum/));
    await user.clear(screen.getByLabelText('Open questions'));
    await user.type(screen.getByLabelText('Open questions'), '5');
    await user.click(screen.getByRole('button', { name: 'Create set' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/sets/set-1'));
    expect(api.callsTo('POST', '/api/sets')[0].body).toEqual({
      name: 'Hard cases',
      purpose: 'Child protection practice',
      mode: 'async',
      timeZone: 'Europe/London',
      groundRules: 'Be kind',
      apologyNoticeHours: 72,
      quorum: null,
      roundPhaseDays: { clarifying: 2, answers: 2, questions: 5, reflection: 2, actions: 2 },
    });
  });

  it('shows the API\'s message beside the name and stays on the form', async () => {
    mockApi({ 'POST /api/sets': validationError([{ field: 'name', message: 'name should not be empty' }]) });
    renderPage(<CreateSetPage me={me} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create set' }));
    const name = screen.getByLabelText('Name of the set');
    await waitFor(() => expect(name).toHaveAccessibleDescription(expect.stringContaining('name should not be empty')));
    expect(screen.getByLabelText(/Purpose/)).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
  });

  it('creates a practice set only when asked, saying what that means', async () => {
    const api = mockApi({ 'POST /api/sets': { status: 201, body: { id: 'set-2', name: 'Training day' } } });
    renderPage(<CreateSetPage me={me} />);
    const user = userEvent.setup();
    expect(screen.getByText(/a set never changes between practice and real/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Name of the set'), 'Training day');
    await user.click(screen.getByRole('checkbox', { name: 'A practice set, for a demonstration or training' }));
    await user.click(screen.getByRole('button', { name: 'Create set' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/sets')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/sets')[0].body).toMatchObject({ name: 'Training day', practice: true });
  });

  it('sends no practice flag for a real set', async () => {
    const api = mockApi({ 'POST /api/sets': { status: 201, body: { id: 'set-3', name: 'Real' } } });
    renderPage(<CreateSetPage me={me} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name of the set'), 'Real');
    await user.click(screen.getByRole('button', { name: 'Create set' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/sets')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/sets')[0].body).not.toHaveProperty('practice');
  });
});
