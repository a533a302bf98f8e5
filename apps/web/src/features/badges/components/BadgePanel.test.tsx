import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SetDetailResponse } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { BadgePanel } from './BadgePanel';
import { badge } from '@web/features/badges/fixtures';

const set = (role: SetDetailResponse['role']) => ({ id: 's-1', name: 'Practice set', role }) as SetDetailResponse;

describe(BadgePanel.name, () => {
  it('lets a facilitator give the set a badge, criteria and prompts prefilled with the SSSC-like defaults', async () => {
    const api = mockApi({ 'GET /api/sets/s-1/badge': { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no badge' } }, 'PUT /api/sets/s-1/badge': { status: 200, body: badge } });
    renderPage(<BadgePanel set={set('facilitator')} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Badge name'), 'Reflective practitioner');
    await user.type(screen.getByLabelText(/What it certifies/), 'Took part and reflected.');
    expect((screen.getByLabelText('Reflective prompts (one per line)') as HTMLTextAreaElement).value).toContain('management skills');
    await user.clear(screen.getByLabelText('Meetings attended, at least'));
    await user.type(screen.getByLabelText('Meetings attended, at least'), '2');
    await user.click(screen.getByRole('button', { name: 'Save badge' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/sets/s-1/badge')).toHaveLength(1));
    expect(api.callsTo('PUT', '/api/sets/s-1/badge')[0].body).toMatchObject({ name: 'Reflective practitioner', criteria: { minMeetings: 2, presented: true, minWords: 200 }, prompts: expect.arrayContaining([expect.stringContaining('management skills')]) });
    expect(await screen.findByRole('link', { name: 'Review applications' })).toHaveAttribute('href', '/sets/s-1/badge/review');
  });

  it("shows the API's message beside the criterion", async () => {
    mockApi({ 'GET /api/sets/s-1/badge': { status: 200, body: badge }, 'PUT /api/sets/s-1/badge': validationError([{ field: 'criteria.minWords', message: 'criteria.minWords must be a whole number from 0 to 3000' }]) });
    renderPage(<BadgePanel set={set('facilitator')} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit badge' }));
    await user.click(screen.getByRole('button', { name: 'Save badge' }));
    await waitFor(() => expect(screen.getByLabelText('Words in the reflective statement, at least')).toHaveAccessibleDescription(expect.stringContaining('whole number from 0 to 3000')));
  });

  it('offers a member the way to apply, and shows nothing when the set has no badge', async () => {
    mockApi({ 'GET /api/sets/s-1/badge': { status: 200, body: badge } });
    const { unmount } = renderPage(<BadgePanel set={set('member')} />);
    expect(await screen.findByRole('link', { name: 'Your progress and application' })).toHaveAttribute('href', '/sets/s-1/badge');
    expect(screen.queryByRole('button', { name: 'Edit badge' })).not.toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'The badge: Reflective practitioner' })).toBeInTheDocument();
    unmount();
    mockApi({ 'GET /api/sets/s-1/badge': { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no badge' } } });
    renderPage(<BadgePanel set={set('member')} />);
    await waitFor(() => expect(screen.queryByText(/Loading/)).not.toBeInTheDocument());
    expect(screen.queryByRole('heading', { name: 'Open Badge' })).not.toBeInTheDocument();
  });
});
