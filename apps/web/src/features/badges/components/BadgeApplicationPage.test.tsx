import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { BadgeApplicationPage } from './BadgeApplicationPage';
import { progress } from '@web/features/badges/fixtures';

const render = () => renderPage(<BadgeApplicationPage />, { path: '/sets/:setId/badge', url: '/sets/s-1/badge' });

describe(BadgeApplicationPage.name, () => {
  it('tells a member who does not meet the criteria what is missing', async () => {
    mockApi({ 'GET /api/sets/s-1/badge/progress': { status: 200, body: progress({ meetingsAttended: 1, presented: false, unmet: [{ criterion: 'meetings', field: 'meetingsAttended', message: 'meetings attended: 1 of the 2 the badge asks for' }, { criterion: 'presented', field: 'presented', message: 'presented: the badge asks that you present a problem at least once' }] }) } });
    render();
    expect(await screen.findByText(/Not yet: meetings attended: 1 of the 2/)).toBeInTheDocument();
    expect(screen.getByText(/Presented a problem at least once: not yet/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Your reflective statement')).not.toBeInTheDocument();
  });

  it('counts words as they type, marks a possible identifier, replaces one and confirms another, and sends the application', async () => {
    const api = mockApi({ 'GET /api/sets/s-1/badge/progress': { status: 200, body: progress() }, 'POST /api/sets/s-1/badge/applications': { status: 201, body: { id: 'a-1', status: 'submitted' } } });
    render();
    const user = userEvent.setup();
    const statement = await screen.findByLabelText('Your reflective statement');
    await user.type(statement, 'I worked with Mrs Patel near LS6 2QT and learned to listen.');
    expect(screen.getByText('12 of 10 words: enough.')).toBeInTheDocument();
    const findings = screen.getByRole('region', { name: 'Could this identify someone?' });
    expect(within(findings).getByText('Mrs Patel')).toBeInTheDocument();
    await user.click(within(findings).getByRole('button', { name: 'Replace with “Person A”' }));
    expect(statement).toHaveValue('I worked with Person A near LS6 2QT and learned to listen.');
    await user.click(screen.getByLabelText('Put my statement in the credential as public evidence'));
    expect(screen.getByText(/One possible identifier is not resolved yet/)).toBeInTheDocument();
    await user.click(screen.getByLabelText('Keep “LS6 2QT”: it identifies no one'));
    expect(screen.queryByText(/not resolved yet/)).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('This statement is my own work'));
    await user.click(screen.getByRole('button', { name: 'Send my application' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/sets/s-1/badge/applications')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/sets/s-1/badge/applications')[0].body).toEqual({ statement: 'I worked with Person A near LS6 2QT and learned to listen.', declaration: true, publicEvidence: true, showName: false, confirmedFindings: ['postcode:ls6 2qt'] });
  });

  it('shows a waiting application, and a returned one with its feedback, ready to send again', async () => {
    const application = { id: 'a-1', setId: 's-1', userId: 'u-1', displayName: 'Pat', statement: 'My first go.', wordCount: 3, publicEvidence: false, showName: false, feedback: 'Say more about the impact.', submittedAt: '2031-03-04T12:00:00.000Z', decidedAt: null, credentialId: null };
    mockApi({ 'GET /api/sets/s-1/badge/progress': { status: 200, body: progress({ application: { ...application, status: 'submitted' } }) } });
    const { unmount } = render();
    expect(await screen.findByText(/Your application is waiting for the facilitator/)).toBeInTheDocument();
    unmount();
    mockApi({ 'GET /api/sets/s-1/badge/progress': { status: 200, body: progress({ application: { ...application, status: 'returned' } }) } });
    render();
    expect(await screen.findByText(/returned your application: “Say more about the impact.”/)).toBeInTheDocument();
    expect(screen.getByLabelText('Your reflective statement')).toHaveValue('My first go.');
  });
});
