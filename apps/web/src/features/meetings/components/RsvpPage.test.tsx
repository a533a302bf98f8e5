import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RsvpPreviewResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { RsvpPage } from './RsvpPage';

const preview = (status: 'attending' | 'apology'): RsvpPreviewResponse => ({
  status, displayName: 'Pat', setName: 'Hard cases', current: null,
  meeting: { id: 'm-1', startsAt: '2030-03-05T09:30:00.000Z', endsAt: '2030-03-05T13:00:00.000Z', timeZone: 'Europe/London', format: 'in-person', location: 'Room 4', videoUrl: '', dialInNumbers: [], dialInPasscode: '', status: 'scheduled' },
});
const at = { path: '/rsvp/:token', url: '/rsvp/tok.en' };
const recorded = { meetingId: 'm-1', userId: 'pat', status: 'apology', reason: 'Court', late: false, recordedBy: null, updatedAt: '' };

describe(RsvpPage.name, () => {
  it('records "attending" as soon as the link is opened, once', async () => {
    const api = mockApi({ 'GET /api/rsvp/tok.en': { status: 200, body: preview('attending') }, 'POST /api/rsvp/tok.en': { status: 200, body: { ...recorded, status: 'attending', reason: '' } } });
    renderPage(<RsvpPage />, at);
    expect(await screen.findByText(/your reply "attending" is recorded/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/rsvp/tok.en')).toHaveLength(1);
    expect(api.callsTo('POST', '/api/rsvp/tok.en')[0].body).toEqual({});
  });

  it('asks for the reason of an apology before sending it', async () => {
    const api = mockApi({ 'GET /api/rsvp/tok.en': { status: 200, body: preview('apology') }, 'POST /api/rsvp/tok.en': { status: 200, body: recorded } });
    renderPage(<RsvpPage />, at);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Reason/), 'Court');
    expect(api.callsTo('POST', '/api/rsvp/tok.en')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Send apology' }));
    expect(await screen.findByText(/Your apology is recorded/)).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo('POST', '/api/rsvp/tok.en')[0].body).toEqual({ reason: 'Court' }));
  });

  it('explains a link that no longer works', async () => {
    mockApi({ 'GET /api/rsvp/tok.en': { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'This link no longer works: it may have expired.' } } });
    renderPage(<RsvpPage />, at);
    expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('it may have expired');
  });
});
