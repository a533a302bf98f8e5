import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SessionResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { SessionsPanel } from './SessionsPanel';

const sessions: SessionResponse[] = [
  { id: 's-laptop', createdAt: '2026-11-20T09:00:00Z', lastSeenAt: '2026-12-01T10:15:00Z', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', current: true },
  { id: 's-phone', createdAt: '2026-11-25T18:30:00Z', lastSeenAt: '2026-11-30T07:05:00Z', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', current: false },
];

describe(SessionsPanel.name, () => {
  it('lists each device with when it was last seen in the person’s zone, marking this one', async () => {
    mockApi({ 'GET /api/me/sessions': { status: 200, body: sessions } });
    renderPage(<SessionsPanel timeZone="Europe/London" />);
    const list = await screen.findByRole('list', { name: 'Signed-in devices' });
    const [laptop, phone] = within(list).getAllByRole('listitem');
    expect(laptop).toHaveTextContent('Firefox on Linux');
    expect(laptop).toHaveTextContent('This device');
    expect(laptop).toHaveTextContent('Last seen 1 December 2026 at 10:15');
    expect(within(laptop).queryByRole('button')).toBeNull();
    expect(phone).toHaveTextContent('Safari on iPhone');
    expect(phone).toHaveTextContent('Last seen 30 November 2026 at 07:05');
  });

  it('signs one other device out', async () => {
    let listed = sessions;
    const api = mockApi({
      'GET /api/me/sessions': () => ({ status: 200, body: listed }),
      'DELETE /api/me/sessions/s-phone': () => {
        listed = sessions.filter((s) => s.id !== 's-phone');
        return { status: 204 };
      },
    });
    renderPage(<SessionsPanel timeZone="Europe/London" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Sign out Safari on iPhone/ }));
    await waitFor(() => expect(screen.queryByText('Safari on iPhone')).toBeNull());
    expect(api.callsTo('DELETE', '/api/me/sessions/s-phone')).toHaveLength(1);
  });

  it('signs out everywhere after asking once more, then goes to sign in', async () => {
    const api = mockApi({ 'GET /api/me/sessions': { status: 200, body: sessions }, 'POST /api/auth/logout-all': { status: 204 } });
    renderPage(<SessionsPanel timeZone="Europe/London" />, { path: '/account', url: '/account' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(api.callsTo('POST', '/api/auth/logout-all')).toHaveLength(0);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/sign-in'));
    expect(api.callsTo('POST', '/api/auth/logout-all')).toHaveLength(1);
  });
});
