import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@web/test/render';
import { useMe } from './auth';

function Who() {
  const me = useMe();
  if (me.isPending) return <p>loading</p>;
  return <p>{me.data ? `signed in as ${me.data.displayName}` : 'signed out'}</p>;
}

function renderWho() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Who />
    </QueryClientProvider>,
  );
}

describe('useMe', () => {
  it('does not ask the API when the browser holds no session (no 401 in the console of signed-out pages)', async () => {
    document.cookie = 'als_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    const api = mockApi({ 'GET /api/me': { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Sign in first.' } } });
    renderWho();
    expect(await screen.findByText('signed out')).toBeInTheDocument();
    expect(api.calls).toEqual([]);
  });

  it('asks the API when the browser holds a session', async () => {
    const api = mockApi({ 'GET /api/me': { status: 200, body: { id: 'u1', email: 'pat@example.org', displayName: 'Pat', timeZone: 'Europe/London' } } });
    renderWho();
    expect(await screen.findByText('signed in as Pat')).toBeInTheDocument();
    expect(api.callsTo('GET', '/api/me')).toHaveLength(1);
  });

  it('takes an ended session (401) for signed out', async () => {
    mockApi({ 'GET /api/me': { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Sign in first.' } } });
    renderWho();
    expect(await screen.findByText('signed out')).toBeInTheDocument();
  });
});
