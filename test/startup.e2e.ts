import { existsSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { errorLines, freePort, runApiToEnd, startApi } from './support/api-process';
import { startDatabase } from './support/database';
import { IS_ROOT, privateClone } from './support/private-clone';

const json = { 'content-type': 'application/json' };

interface Occupied {
  close(): Promise<void>;
}

/** A TCP server holding `port` (on every address when no host is given), as another program would; a `silent` one accepts and never answers. */
function occupy(port: number, host?: string, silent = false): Promise<Occupied> {
  const sockets = new Set<Socket>();
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      if (silent) socket.resume();
      else socket.destroy();
    });
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => closed());
            for (const socket of sockets) socket.destroy();
          }),
      }),
    );
  });
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An empty DATA_DIR of its own (as a fresh clone has), removed after the tests. */
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'als-start-'));
  made.push(dir);
  return dir;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    (error: { cause?: { code?: string } }) => error.cause?.code !== 'ECONNREFUSED',
  );
}

/** The process ended by itself with code 1 and printed exactly one line (on stderr, nothing on stdout). */
function expectOneLine(result: { code: number | null; stdout: string; stderr: string }, line: string | RegExp): void {
  expect({ code: result.code, stdout: result.stdout, lines: result.stderr.trimEnd().split('\n') }).toEqual({
    code: 1,
    stdout: '',
    lines: [typeof line === 'string' ? line : expect.stringMatching(line)],
  });
}

async function register(baseUrl: string, email: string): Promise<Response> {
  return fetch(`${baseUrl}/api/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email, password: 'a long enough password', displayName: 'Rita Restart' }) });
}

describe('npm start (the built API)', () => {
  it('keeps its data across a clean restart on the embedded PostgreSQL, and stops on SIGTERM without an error line', async () => {
    const pgPort = String(await freePort());
    const first = await startApi({ dataDir: freshDataDir(), env: { EMBEDDED_PG_PORT: pgPort } });
    expect((await register(first.baseUrl, 'restart@example.org')).status).toBe(201);
    expect(await first.stop()).toBe(0);
    expect(errorLines(first.output())).toEqual([]);
    expect(first.output()).toContain('SIGTERM received: shutting down\nStopped.\n');

    const second = await startApi({ dataDir: first.dataDir, env: { EMBEDDED_PG_PORT: pgPort } });
    try {
      const login = await fetch(`${second.baseUrl}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'restart@example.org', password: 'a long enough password' }) });
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

  it('stops the API and then the embedded PostgreSQL on Ctrl-C through `npm start`, with exit code 0 and no error line', async () => {
    const pgPort = await freePort();
    const api = await startApi({ npm: true, dataDir: freshDataDir(), env: { EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'info' } });
    const registered = await register(api.baseUrl, 'ctrl-c@example.org');
    const { accessToken } = (await registered.json()) as { accessToken: string };
    const created = await fetch(`${api.baseUrl}/api/sets`, { method: 'POST', headers: { ...json, authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ name: 'Set stopped by Ctrl-C', mode: 'virtual', timeZone: 'Europe/London' }) });
    expect(created.status).toBe(201);

    expect(await api.interrupt()).toEqual({ code: 0, signal: null });
    const output = api.output();
    expect(errorLines(output)).toEqual([]);
    expect(output).toMatch(/Action learning platform listening on .* \(port \d+\), embedded PostgreSQL on port \d+\n/);
    expect(output).toContain('SIGINT received: shutting down\n');
    expect(output.trimEnd().split('\n').pop()).toBe('Stopped.');
    // The database stopped too: nothing listens on its port and it removed its lock file.
    expect(await listening(pgPort)).toBe(false);
    expect(existsSync(join(api.dataDir, 'pg/postmaster.pid'))).toBe(false);
  });

  describe('a second instance, or a taken port', () => {
    it('refuses a second start on the same embedded database, whatever its ports, and leaves the first one serving', async () => {
      const pgPort = String(await freePort());
      const first = await startApi({ dataDir: freshDataDir(), env: { EMBEDDED_PG_PORT: pgPort } });
      try {
        const samePorts = await runApiToEnd({ DATA_DIR: first.dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: pgPort });
        const otherPorts = await runApiToEnd({ DATA_DIR: first.dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
        const line = new RegExp(`^The embedded database in ${escape(join(first.dataDir, 'pg'))} is already in use by another PostgreSQL \\(pid (\\d+)\\): stop the npm start that runs it \\(or \`kill \\1\` if none does\\), or give this one its own DATA_DIR and EMBEDDED_PG_PORT\\.$`);
        expectOneLine(samePorts, line);
        expectOneLine(otherPorts, line);
        expect((await fetch(`${first.baseUrl}/api/health`)).status).toBe(200);
      } finally {
        expect(await first.stop()).toBe(0);
      }
    });

    it("refuses to start when the embedded PostgreSQL's port is taken by another program, or by another PostgreSQL", async () => {
      const port = await freePort();
      const blocker = await occupy(port, '127.0.0.1');
      try {
        expectOneLine(await runApiToEnd({ DATA_DIR: freshDataDir(), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(port) }), `Port ${port} of the embedded PostgreSQL is already in use: stop the program that uses it, or set EMBEDDED_PG_PORT (or DATABASE_URL).`);
      } finally {
        await blocker.close();
      }
      const other = await startDatabase(freshDataDir(), port);
      try {
        expectOneLine(await runApiToEnd({ DATA_DIR: freshDataDir(), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(port) }), `Port ${port} of the embedded PostgreSQL is already in use: stop the program that uses it, or set EMBEDDED_PG_PORT (or DATABASE_URL).`);
      } finally {
        await other.stop();
      }
    });

    it("refuses to start when the API's port is taken, before starting anything else", async () => {
      const port = await freePort();
      const blocker = await occupy(port);
      const dataDir = freshDataDir();
      try {
        expectOneLine(await runApiToEnd({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()) }), `Port ${port} is already in use: stop the other program or set PORT.`);
        expect(existsSync(join(dataDir, 'pg/PG_VERSION'))).toBe(false);
      } finally {
        await blocker.close();
      }
    });
  });

  it('refuses to start, in one line, with another CREDENTIALS_KEY than the one its issuer key was sealed with', async () => {
    const pgPort = String(await freePort());
    const first = await startApi({ dataDir: freshDataDir(), env: { EMBEDDED_PG_PORT: pgPort } });
    expect(await first.stop()).toBe(0);
    const other = await runApiToEnd({ DATA_DIR: first.dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: pgPort, CREDENTIALS_KEY: 'another-credentials-key-another-credentials-key-01' });
    expectOneLine(other, 'Could not start the API: CREDENTIALS_KEY does not decrypt the issuer key stored in the database: set the CREDENTIALS_KEY it was created with.');
  });

  describe('a bad DATABASE_URL', () => {
    let database: { url: string; stop(): Promise<void> };
    let silent: Occupied;
    let silentPort: number;
    beforeAll(async () => {
      database = await startDatabase(freshDataDir(), await freePort());
      silentPort = await freePort();
      silent = await occupy(silentPort, '127.0.0.1', true);
    });
    afterAll(async () => {
      await database.stop();
      await silent.close();
    });

    const run = (url: string) => runApiToEnd({ DATABASE_URL: url, DATA_DIR: freshDataDir(), PORT: '0' });
    const withPart = (part: 'password' | 'pathname', value: string) => {
      const url = new URL(database.url);
      url[part] = value;
      return url.toString();
    };

    it('says so when nothing listens there', async () => {
      expectOneLine(await run('postgres://nobody@127.0.0.1:1/none'), 'Cannot reach the database at 127.0.0.1:1/none: nothing accepts connections there (connect ECONNREFUSED 127.0.0.1:1). Is PostgreSQL running? Check DATABASE_URL.');
    });

    it('says so when its host name does not resolve', async () => {
      expectOneLine(await run('postgres://nobody@no-such-host.invalid/none'), /^Cannot reach the database at no-such-host\.invalid:5432\/none: (the host name does not resolve \(getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid\)|timeout expired)\. Check DATABASE_URL\.$/);
    });

    it('says so when the server there never answers', async () => {
      expectOneLine(await run(`postgres://nobody@127.0.0.1:${silentPort}/none`), `Cannot reach the database at 127.0.0.1:${silentPort}/none: timeout expired. Check DATABASE_URL.`);
    });

    it('says so when the password is wrong, without printing it', async () => {
      const result = await run(withPart('password', 'not-the-password'));
      const port = new URL(database.url).port;
      expectOneLine(result, `The database at 127.0.0.1:${port}/e2e refused to sign in: password authentication failed for user "postgres". Check the user and password in DATABASE_URL.`);
      expect(result.stderr).not.toContain('not-the-password');
    });

    it('says so when the database does not exist', async () => {
      const port = new URL(database.url).port;
      expectOneLine(await run(withPart('pathname', '/no_such_database')), `The database at 127.0.0.1:${port}/no_such_database does not exist: database "no_such_database" does not exist. Create it (createdb) or fix the name in DATABASE_URL.`);
    });

    it.each([
      ['mysql://root@127.0.0.1/als', 'Invalid configuration: DATABASE_URL must be a postgres:// URL'],
      ['postgres://127.0.0.1:port/als', 'Invalid configuration: DATABASE_URL is not a valid URL: postgres://user:password@host:port/database (a port from 1 to 65535; percent-encode special characters in the password)'],
      ['postgres://127.0.0.1:70000/als', 'Invalid configuration: DATABASE_URL is not a valid URL: postgres://user:password@host:port/database (a port from 1 to 65535; percent-encode special characters in the password)'],
    ])('says so when it is not a PostgreSQL URL: %s', async (url, line) => {
      expectOneLine(await run(url), line);
    });
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer number/],
    [{ EMBEDDED_PG_PORT: '80' }, /^Invalid configuration: EMBEDDED_PG_PORT must not be less than 1024$/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL must be one of the following values: /],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }, /^Invalid configuration: JWT_SECRET is required in production$/],
    [{ REDIS_URL: 'redis://127.0.0.1:1' }, /^Cannot use Redis at 127\.0\.0\.1:1: connect ECONNREFUSED 127\.0\.0\.1:1\. Check REDIS_URL \(is Redis running there\?\), or leave it unset to run a single process without Redis\.$/],
  ])('prints one clear line and exits non-zero for the bad configuration %p', async (env, line) => {
    expectOneLine(await runApiToEnd({ DATA_DIR: freshDataDir(), PORT: '0', EMBEDDED_PG_PORT: String(await freePort()), ...env }), line);
  });

  it('logs each request with its request id as JSON, and never a password, token or invitation link', async () => {
    const api = await startApi({ dataDir: freshDataDir(), env: { LOG_LEVEL: 'info' } });
    try {
      const password = 'a secret password nobody logs';
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

  describe('as root in a folder the `postgres` user cannot reach (a clone in /root, or in a 0700 temporary folder)', () => {
    if (!IS_ROOT) {
      it.skip('needs root: run these tests as root to check the embedded PostgreSQL in a closed folder', () => undefined);
      return;
    }
    let clone: ReturnType<typeof privateClone>;
    beforeAll(() => {
      clone = privateClone();
    });
    afterAll(() => clone.remove());

    it('starts the embedded PostgreSQL anyway, names where it lives in one line, keeps the data across restarts and refuses a second instance', async () => {
      const dataDir = join(clone.repo, '.data');
      const pgPort = String(await freePort());
      const first = await startApi({ root: clone.repo, dataDir, env: { EMBEDDED_PG_PORT: pgPort } });
      const target = readlinkSync(join(dataDir, 'pg'));
      const note = new RegExp(
        `^Running as root where the \`postgres\` system user cannot reach ${escape(dataDir)}: the embedded PostgreSQL keeps its data in ${escape(target)} \\(linked from ${escape(join(dataDir, 'pg'))}\\) and runs from (/var/lib/action-learning-platform|${escape(tmpdir())}/action-learning-platform)/postgresql-[^/]+/bin\\.$`,
        'm',
      );
      try {
        expect(first.output()).toMatch(note);
        expect(target).toMatch(/\/data-[0-9a-f]{16}\/pg$/);
        expect((await register(first.baseUrl, 'closed-folder@example.org')).status).toBe(201);
        const second = await runApiToEnd({ DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) }, { root: clone.repo });
        expectOneLine(second, new RegExp(`^The embedded database in ${escape(target)} is already in use by another PostgreSQL \\(pid \\d+\\)`));
      } finally {
        expect(await first.interrupt()).toEqual({ code: 0, signal: null });
      }
      expect(errorLines(first.output())).toEqual([]);

      const again = await startApi({ root: clone.repo, dataDir, env: { EMBEDDED_PG_PORT: pgPort } });
      try {
        expect(again.output()).toMatch(note);
        const login = await fetch(`${again.baseUrl}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'closed-folder@example.org', password: 'a long enough password' }) });
        expect(login.status).toBe(200);
      } finally {
        expect(await again.stop()).toBe(0);
      }
    });

    it("runs the test suites' own embedded PostgreSQL (a throwaway data folder there) too", async () => {
      const dataDir = join(clone.repo, '.data/test-pg');
      const database = await startDatabase(dataDir, await freePort());
      try {
        const client = new Client({ connectionString: database.url });
        await client.connect();
        const { rows } = await client.query<{ encoding: string; upper: string }>("SELECT pg_encoding_to_char(encoding) AS encoding, upper('café') AS upper FROM pg_database WHERE datname = current_database()");
        await client.end();
        expect(rows).toEqual([{ encoding: 'UTF8', upper: 'CAFÉ' }]);
      } finally {
        await database.stop();
        rmSync(join(readlinkSync(join(dataDir, 'pg')), '..'), { recursive: true, force: true });
      }
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
