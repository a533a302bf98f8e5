import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort, ROOT, startApi } from './support/api-process';

const main = join(ROOT, 'apps/api/dist/main.js');

describe('npm start (the built API)', () => {
  it('keeps its data across a clean restart on the embedded PostgreSQL', async () => {
    const pgPort = String(await freePort());
    const first = await startApi({ env: { EMBEDDED_PG_PORT: pgPort } });
    const account = { email: 'restart@example.org', password: 'a long enough password', displayName: 'Rita Restart' };
    const registered = await fetch(`${first.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    expect(registered.status).toBe(201);
    expect(await first.stop()).toBe(0);

    const second = await startApi({ dataDir: first.dataDir, env: { EMBEDDED_PG_PORT: pgPort } });
    try {
      const login = await fetch(`${second.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: account.email, password: account.password }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { user: { displayName: string } }).user.displayName).toBe('Rita Restart');
      const web = await fetch(`${second.baseUrl}/`);
      expect(web.status).toBe(200);
      expect(await web.text()).toContain('<div id="root">');
      const unknownApi = await fetch(`${second.baseUrl}/api/no-such-route`);
      expect(unknownApi.status).toBe(404);
      expect(await unknownApi.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer number/],
    [{ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, /^Cannot reach the database at 127\.0\.0\.1:1\/none/],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }, /^Invalid configuration: JWT_SECRET is required in production/],
  ])('prints one clear line and exits non-zero for %p', (env, line) => {
    const result = spawnSync(process.execPath, [main], { env: { ...process.env, DATA_DIR: join(ROOT, '.data/e2e-bad-config'), ...env }, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it('prints one clear line and exits non-zero when the port is taken', async () => {
    const api = await startApi();
    try {
      const port = new URL(api.baseUrl).port;
      const result = spawnSync(process.execPath, [main], {
        env: { ...process.env, PORT: port, DATA_DIR: join(api.dataDir, 'second'), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 90_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n').pop()).toBe(`Port ${port} is already in use: stop the other program or set PORT.`);
    } finally {
      await api.stop();
    }
  });

  it('logs each request with its request id as JSON, and never a password, token or invitation link', async () => {
    const api = await startApi({ env: { LOG_LEVEL: 'info' } });
    try {
      const password = 'a secret password nobody logs';
      const json = { 'content-type': 'application/json' };
      const registered = await fetch(`${api.baseUrl}/api/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'logs@example.org', password, displayName: 'Lou Logs' }) });
      const { accessToken } = (await registered.json()) as { accessToken: string };
      const auth = { ...json, authorization: `Bearer ${accessToken}`, 'x-request-id': 'trace-me-123' };
      const me = await fetch(`${api.baseUrl}/api/me`, { headers: auth });
      expect(me.headers.get('x-request-id')).toBe('trace-me-123');
      const created = await fetch(`${api.baseUrl}/api/sets`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Logged set', mode: 'virtual', timeZone: 'Europe/London' }) });
      const set = (await created.json()) as { id: string };
      const invited = await fetch(`${api.baseUrl}/api/sets/${set.id}/invitations`, { method: 'POST', headers: auth, body: JSON.stringify({ email: 'guest@example.org', role: 'member' }) });
      const { token } = (await invited.json()) as { token: string };
      expect((await fetch(`${api.baseUrl}/api/invitations/${token}`)).status).toBe(200);
      const { calendarFeedUrl } = (await (await fetch(`${api.baseUrl}/api/me`, { headers: auth })).json()) as { calendarFeedUrl: string };
      const feedToken = /calendar\/([^/]+)\.ics$/.exec(calendarFeedUrl)?.[1] ?? '';
      expect((await fetch(`${api.baseUrl}/api/calendar/${feedToken}.ics`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));

      const lines = api.output().split('\n').filter((line) => line.startsWith('{'));
      const requests = lines.map((line) => JSON.parse(line) as { req?: { id: string; url: string } }).filter((entry) => entry.req);
      expect(requests.find((entry) => entry.req?.url === '/api/me')?.req?.id).toBe('trace-me-123');
      expect(requests.some((entry) => entry.req?.url === '/api/invitations/[token]')).toBe(true);
      expect(requests.some((entry) => entry.req?.url === '/api/calendar/[token]')).toBe(true);
      for (const secret of [password, accessToken, token, feedToken]) expect(api.output()).not.toContain(secret);
    } finally {
      await api.stop();
    }
  });
});
