import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LearningLogEntryResponse } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { LearningLogPage } from './LearningLogPage';

const entry: LearningLogEntryResponse = {
  id: 'e-1', title: 'After the set', body: 'We looked at my case.', learned: 'I avoid conflict.', different: '', impact: '', meetingId: 'm-1', roundId: null, actionId: null,
  occurredOn: '2031-03-04', hours: null, wordCount: 8, createdAt: '2031-03-04T12:00:00.000Z', updatedAt: '2031-03-04T12:00:00.000Z',
};

describe(LearningLogPage.name, () => {
  it('lists the entries with their prompts, day, words and meeting', async () => {
    mockApi({ 'GET /api/me/learning-log': { status: 200, body: [entry] } });
    renderPage(<LearningLogPage />, { path: '/learning-log', url: '/learning-log' });
    expect(await screen.findByRole('heading', { name: 'After the set' })).toBeInTheDocument();
    expect(screen.getByText(/4 March 2031 · 8 words/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'What did I learn?' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'What will I do differently?' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'the meeting' })).toHaveAttribute('href', '/meetings/m-1');
  });

  it('writes an entry linked to the meeting it came from, counting words against the 200-word guidance', async () => {
    const api = mockApi({ 'GET /api/me/learning-log': { status: 200, body: [] }, 'POST /api/me/learning-log': { status: 201, body: entry } });
    renderPage(<LearningLogPage />, { path: '/learning-log', url: '/learning-log?meetingId=m-1' });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Title'), 'After the set');
    await user.type(screen.getByLabelText('What happened?'), 'We looked at my case.');
    await user.type(screen.getByLabelText('What did I learn?'), 'I avoid conflict.');
    expect(screen.getByText(/^8 words\. Reflective statements for CPD are usually about 200 words\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/me/learning-log')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/me/learning-log')[0].body).toMatchObject({ title: 'After the set', body: 'We looked at my case.', learned: 'I avoid conflict.', meetingId: 'm-1' });
  });

  it('writes an entry for a round with the hours it took, which replace the CPD estimate', async () => {
    const api = mockApi({ 'GET /api/me/learning-log': { status: 200, body: [] }, 'POST /api/me/learning-log': { status: 201, body: { ...entry, meetingId: null, roundId: 'r-1', hours: 2 } } });
    renderPage(<LearningLogPage />, { path: '/learning-log', url: '/learning-log?roundId=r-1' });
    const user = userEvent.setup();
    expect(await screen.findByText('Linked to the round you came from.')).toBeInTheDocument();
    const hours = screen.getByLabelText(/Time spent \(hours\)/);
    expect(hours).toHaveAccessibleDescription(/replace the estimate for the round/);
    await user.type(screen.getByLabelText('Title'), 'The working-late round');
    await user.type(screen.getByLabelText('What happened?'), 'Asked three questions.');
    await user.type(screen.getByLabelText('What will I do differently?'), 'Ask about the family first.');
    await user.type(hours, '2');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/me/learning-log')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/me/learning-log')[0].body).toMatchObject({ roundId: 'r-1', hours: 2, different: 'Ask about the family first.' });
  });

  it("shows the API's message beside the field", async () => {
    mockApi({ 'GET /api/me/learning-log': { status: 200, body: [] }, 'POST /api/me/learning-log': validationError([{ field: 'title', message: 'title should not be empty' }]) });
    renderPage(<LearningLogPage />, { path: '/learning-log', url: '/learning-log' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New entry' }));
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(expect.stringContaining('title should not be empty')));
  });

  it('offers the CPD record for a period and format as a download link', async () => {
    mockApi({ 'GET /api/me/learning-log': { status: 200, body: [] } });
    renderPage(<LearningLogPage />, { path: '/learning-log', url: '/learning-log' });
    const user = userEvent.setup();
    const from = await screen.findByLabelText('From');
    await user.clear(from);
    await user.type(from, '2025-01-01');
    const to = screen.getByLabelText('To');
    await user.clear(to);
    await user.type(to, '2025-12-31');
    await user.selectOptions(screen.getByLabelText('Format'), 'csv');
    expect(screen.getByRole('link', { name: 'Download CPD record' })).toHaveAttribute('href', '/api/me/cpd-export?format=csv&from=2025-01-01&to=2025-12-31');
  });
});
