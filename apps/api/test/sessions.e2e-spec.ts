import { createHmac } from 'node:crypto';
import type { AuthResponse, SessionResponse } from '@als/shared';
import { SessionsService } from '@api/auth/sessions.service';
import { TestClock } from '@api/common/clock';
import { LIVE_MESSAGES } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { connect, listen, LiveClient, twoProcesses } from './live-client';
import { PASSWORD, uniqueEmail } from './factories';

const SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** An HS256 JWT signed by hand with the test secret: whatever claims we like, `exp` or not. */
function handSigned(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

function setCookies(response: { headers: Record<string, unknown> }): string[] {
  const raw = response.headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : [];
}

/** The name=value pairs a browser would send back. */
function cookieHeader(cookies: string[]): string {
  return cookies.map((c) => c.split(';')[0]).join('; ');
}

function cookieValue(cookies: string[], name: string): string {
  const pair = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith(`${name}=`));
  if (!pair) throw new Error(`no ${name} cookie`);
  return pair.slice(name.length + 1);
}

interface Signed {
  email: string;
  id: string;
  token: string;
  bearer: { Authorization: string };
  cookie: string;
  csrf: string;
}

function signedFrom(email: string, response: { body: unknown; headers: Record<string, unknown> }): Signed {
  const body = response.body as AuthResponse;
  const cookies = setCookies(response);
  return { email, id: body.user.id, token: body.accessToken, bearer: { Authorization: `Bearer ${body.accessToken}` }, cookie: cookieHeader(cookies), csrf: cookieValue(cookies, 'als_csrf') };
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('sessions', () => {
  let t: TestApp;
  let base: string;
  const clock = new TestClock();
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' }, { clock });
    base = await listen(t);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  async function signUp(userAgent = FIREFOX): Promise<Signed> {
    const email = uniqueEmail('session');
    return signedFrom(email, await request(t.http).post('/api/auth/register').set('User-Agent', userAgent).send({ email, password: PASSWORD, displayName: 'Sid Session' }).expect(201));
  }

  async function signIn(person: { email: string }, userAgent = IPHONE): Promise<Signed> {
    return signedFrom(person.email, await request(t.http).post('/api/auth/login').set('User-Agent', userAgent).send({ email: person.email, password: PASSWORD }).expect(200));
  }

  async function live(token: string): Promise<LiveClient> {
    const client = await connect(base, token);
    clients.push(client);
    return client;
  }

  const closedWithin = (client: LiveClient) => new Promise<number>((resolve) => client.socket.once('disconnect', () => resolve(Date.now())));
  const countSessions = async (userId: string) => Number((await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE "userId" = $1 AND "revokedAt" IS NULL`, [userId]))[0].n);

  describe('signing in', () => {
    it('opens a session for each sign-in (register and login), with its browser, and a token that names it and expires with it', async () => {
      const person = await signUp();
      await signIn(person);
      const rows = (await t.db.query(`SELECT "id", "userAgent", "createdAt", "expiresAt" FROM sessions WHERE "userId" = $1 ORDER BY "createdAt", "userAgent"`, [person.id])) as { id: string; userAgent: string; createdAt: Date; expiresAt: Date }[];
      expect(rows.map((r) => r.userAgent).sort()).toEqual([FIREFOX, IPHONE].sort());
      const claims = claimsOf(person.token);
      expect(rows.map((r) => r.id)).toContain(claims.sid);
      const own = rows.find((r) => r.id === claims.sid)!;
      expect(claims.exp).toBe(Math.floor(own.expiresAt.getTime() / 1000));
      expect(own.expiresAt.getTime() - own.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('ends the session of the bearer token used: the token is refused afterwards', async () => {
      const person = await signUp();
      await request(t.http).get('/api/me').set(person.bearer).expect(200);
      await request(t.http).post('/api/auth/logout').set(person.bearer).expect(204);
      const after = await request(t.http).get('/api/me').set(person.bearer).expect(401);
      expect(after.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('ends the session of the cookie used: neither the cookie nor its token work afterwards', async () => {
      const person = await signUp();
      await request(t.http).post('/api/auth/logout').set('Cookie', person.cookie).set('X-CSRF-Token', person.csrf).expect(204);
      await request(t.http).get('/api/me').set('Cookie', person.cookie).expect(401);
      await request(t.http).get('/api/me').set(person.bearer).expect(401);
    });

    it('leaves the person’s other sessions open', async () => {
      const person = await signUp();
      const other = await signIn(person);
      await request(t.http).post('/api/auth/logout').set(person.bearer).expect(204);
      await request(t.http).get('/api/me').set(other.bearer).expect(200);
    });

    it('answers 204 and clears the cookies without credentials, or with a token that no longer works', async () => {
      const person = await signUp();
      await request(t.http).post('/api/auth/logout').set(person.bearer).expect(204);
      const again = await request(t.http).post('/api/auth/logout').set(person.bearer).expect(204);
      expect(setCookies(again).find((c) => c.startsWith('als_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
      await request(t.http).post('/api/auth/logout').set('Authorization', 'Bearer not.a.token').expect(204);
    });

    it('refuses a new live connection with the token of an ended session', async () => {
      const person = await signUp();
      const before = await connect(base, person.token);
      before.close();
      await request(t.http).post('/api/auth/logout').set(person.bearer).expect(204);
      await expect(connect(base, person.token)).rejects.toThrow(/Sign in again/);
    });

    it('closes the live connections of that session within a second, and only those', async () => {
      const person = await signUp();
      const other = await signIn(person);
      const mine = await live(person.token);
      const theirs = await live(other.token);
      const closed = closedWithin(mine);
      const started = Date.now();
      await request(t.http).post('/api/auth/logout').set(person.bearer).expect(204);
      expect((await closed) - started).toBeLessThan(1000);
      expect(mine.closed).toEqual(['You signed out.']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(theirs.socket.connected).toBe(true);
    });
  });

  describe('POST /api/auth/logout-all', () => {
    it('ends every session of the caller, closes all their live connections and clears the cookies', async () => {
      const person = await signUp();
      const phone = await signIn(person);
      const stranger = await signUp();
      const sockets = [await live(person.token), await live(phone.token)];
      const closed = Promise.all(sockets.map(closedWithin));
      const started = Date.now();
      const response = await request(t.http).post('/api/auth/logout-all').set('Cookie', phone.cookie).set('X-CSRF-Token', phone.csrf).expect(204);
      expect(Math.max(...(await closed)) - started).toBeLessThan(1000);
      expect(sockets.map((s) => s.closed)).toEqual([['You signed out everywhere.'], ['You signed out everywhere.']]);
      expect(setCookies(response).find((c) => c.startsWith('als_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
      for (const token of [person.bearer, phone.bearer]) await request(t.http).get('/api/me').set(token).expect(401);
      expect(await countSessions(person.id)).toBe(0);
      await request(t.http).get('/api/me').set(stranger.bearer).expect(200);
    });

    it('needs a signed-in caller (401) and the CSRF token with a cookie (403)', async () => {
      await request(t.http).post('/api/auth/logout-all').expect(401);
      const person = await signUp();
      await request(t.http).post('/api/auth/logout-all').set('Cookie', person.cookie).expect(403);
      expect(await countSessions(person.id)).toBe(1);
    });
  });

  describe('GET /api/me/sessions', () => {
    it('lists the caller’s open sessions, the most recently seen first, marking the current one', async () => {
      const person = await signUp(FIREFOX);
      const signedUpAt = clock.now().toISOString();
      clock.advance({ minutes: 2 });
      const phone = await signIn(person, IPHONE);
      const phoneAt = clock.now().toISOString();
      const ended = await signIn(person, 'Ended/1.0');
      await request(t.http).post('/api/auth/logout').set(ended.bearer).expect(204);
      clock.advance({ minutes: 2 });
      const listed = (await request(t.http).get('/api/me/sessions').set(person.bearer).expect(200)).body as SessionResponse[];
      // The request itself counts as seen: the Firefox session is the most recent now.
      expect(listed).toEqual([
        { id: claimsOf(person.token).sid, createdAt: signedUpAt, lastSeenAt: clock.now().toISOString(), userAgent: FIREFOX, current: true },
        { id: claimsOf(phone.token).sid, createdAt: phoneAt, lastSeenAt: phoneAt, userAgent: IPHONE, current: false },
      ]);
      const fromPhone = (await request(t.http).get('/api/me/sessions').set(phone.bearer).expect(200)).body as SessionResponse[];
      expect(fromPhone.find((s) => s.current)?.id).toBe(claimsOf(phone.token).sid);
    });

    it('writes lastSeenAt at most once a minute', async () => {
      const person = await signUp();
      const lastSeen = async () => ((await t.db.query(`SELECT "lastSeenAt" FROM sessions WHERE "id" = $1`, [claimsOf(person.token).sid]))[0] as { lastSeenAt: Date }).lastSeenAt.toISOString();
      const signedUpAt = await lastSeen();
      clock.advance({ seconds: 40 });
      await request(t.http).get('/api/me').set(person.bearer).expect(200);
      expect(await lastSeen()).toBe(signedUpAt);
      clock.advance({ seconds: 30 });
      await request(t.http).get('/api/me').set(person.bearer).expect(200);
      expect(await lastSeen()).toBe(clock.now().toISOString());
    });

    it('keeps control characters of a User-Agent out of what it stores', async () => {
      const person = await signUp();
      await t.db.query(`UPDATE sessions SET "userAgent" = 'x' WHERE "userId" = $1`, [person.id]);
      const sneaky = signedFrom(person.email, await request(t.http).post('/api/auth/login').set('User-Agent', 'Evil\tBrowser').send({ email: person.email, password: PASSWORD }).expect(200));
      const listed = (await request(t.http).get('/api/me/sessions').set(sneaky.bearer).expect(200)).body as SessionResponse[];
      expect(listed.find((s) => s.current)?.userAgent).toBe('Evil Browser');
    });
  });

  describe('DELETE /api/me/sessions/:sessionId', () => {
    it('ends one of the caller’s sessions: its token is refused and its live connections close within a second', async () => {
      const person = await signUp();
      const phone = await signIn(person);
      const socket = await live(phone.token);
      const closed = closedWithin(socket);
      const started = Date.now();
      await request(t.http).delete(`/api/me/sessions/${claimsOf(phone.token).sid}`).set(person.bearer).expect(204);
      expect((await closed) - started).toBeLessThan(1000);
      expect(socket.closed).toEqual(['This device was signed out from your account page.']);
      await request(t.http).get('/api/me').set(phone.bearer).expect(401);
      await request(t.http).get('/api/me').set(person.bearer).expect(200);
    });

    it('answers 404 for another person’s session, which stays open', async () => {
      const person = await signUp();
      const other = await signUp();
      const response = await request(t.http).delete(`/api/me/sessions/${claimsOf(other.token).sid}`).set(person.bearer).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      await request(t.http).get('/api/me').set(other.bearer).expect(200);
    });

    it('answers 404 for an unknown or already ended session, and 400 naming sessionId for something that is not an id', async () => {
      const person = await signUp();
      const phone = await signIn(person);
      await request(t.http).post('/api/auth/logout').set(phone.bearer).expect(204);
      await request(t.http).delete(`/api/me/sessions/${claimsOf(phone.token).sid}`).set(person.bearer).expect(404);
      await request(t.http).delete('/api/me/sessions/00000000-0000-4000-8000-000000000000').set(person.bearer).expect(404);
      const bad = await request(t.http).delete('/api/me/sessions/not-a-session').set(person.bearer).expect(400);
      expect(bad.body.message).toContain('sessionId');
    });

    it('ends the current session too, clearing the cookies', async () => {
      const person = await signUp();
      const response = await request(t.http).delete(`/api/me/sessions/${claimsOf(person.token).sid}`).set('Cookie', person.cookie).set('X-CSRF-Token', person.csrf).expect(204);
      expect(setCookies(response).find((c) => c.startsWith('als_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
      await request(t.http).get('/api/me').set(person.bearer).expect(401);
    });
  });

  describe('access tokens', () => {
    it('refuses a correctly signed token without exp', async () => {
      const person = await signUp();
      const { exp: _exp, iat: _iat, ...claims } = claimsOf(person.token);
      const forever = handSigned(claims);
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${forever}`).expect(401);
      await expect(connect(base, forever)).rejects.toThrow(/Sign in again/);
    });

    it.each([
      ['without a session id', (c: Record<string, unknown>) => ({ sub: c.sub, exp: c.exp })],
      ['naming a session that does not exist', (c: Record<string, unknown>) => ({ ...c, sid: '00000000-0000-4000-8000-000000000000' })],
      ['naming someone else as its owner', (c: Record<string, unknown>) => ({ ...c, sub: '00000000-0000-4000-8000-000000000000' })],
      ['that has expired', (c: Record<string, unknown>) => ({ ...c, exp: Number(c.exp) - 8 * 24 * 3600 })],
    ])('refuses a correctly signed token %s', async (_, change) => {
      const person = await signUp();
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${handSigned(change(claimsOf(person.token)))}`).expect(401);
    });

    it('ends a token with a later exp than its session when the session expires', async () => {
      const person = await signUp();
      const longer = handSigned({ ...claimsOf(person.token), exp: Number(claimsOf(person.token).exp) + 365 * 24 * 3600 });
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${longer}`).expect(200);
      clock.advance({ days: 8 });
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${longer}`).expect(401);
      clock.advance({ days: -8 });
    });

    it('stops working when its session expires (7 days), at REST and at the live handshake', async () => {
      const person = await signUp();
      clock.advance({ days: 7, seconds: -5 });
      await request(t.http).get('/api/me').set(person.bearer).expect(200);
      clock.advance({ seconds: 10 });
      await request(t.http).get('/api/me').set(person.bearer).expect(401);
      await expect(connect(base, person.token)).rejects.toThrow(/Sign in again/);
      clock.advance({ days: -7, seconds: -5 });
    });
  });

  describe('cleaning up (the account-cleanup job)', () => {
    it('deletes sessions and account tokens that ended or expired more than 30 days ago, keeping the rest', async () => {
      const person = await signUp();
      const others = [await signIn(person), await signIn(person), await signIn(person)];
      const [revokedLongAgo, expiredLongAgo, revokedLately] = others.map((o) => claimsOf(o.token).sid);
      const daysAgo = (days: number) => clock.dateTime().minus({ days }).toJSDate();
      await t.db.query(`UPDATE sessions SET "revokedAt" = $2 WHERE "id" = $1`, [revokedLongAgo, daysAgo(31)]);
      await t.db.query(`UPDATE sessions SET "expiresAt" = $2 WHERE "id" = $1`, [expiredLongAgo, daysAgo(31)]);
      await t.db.query(`UPDATE sessions SET "revokedAt" = $2 WHERE "id" = $1`, [revokedLately, daysAgo(29)]);
      for (const [hash, days] of [['a'.repeat(64), 31], ['b'.repeat(64), 1]] as const) {
        await t.db.query(`INSERT INTO account_tokens ("userId", "purpose", "tokenHash", "createdAt", "expiresAt") VALUES ($1, 'password-reset', $2, $3, $3)`, [person.id, `${hash.slice(0, 56)}${person.id.slice(0, 8)}`, daysAgo(days)]);
      }
      await t.app.get(SessionsService).cleanUp();
      const tokens = (await t.db.query(`SELECT "tokenHash" FROM account_tokens WHERE "userId" = $1`, [person.id])) as { tokenHash: string }[];
      expect(tokens.map((r) => r.tokenHash[0])).toEqual(['b']);
      const left = ((await t.db.query(`SELECT "id" FROM sessions WHERE "userId" = $1`, [person.id])) as { id: string }[]).map((r) => r.id).sort();
      expect(left).toEqual([claimsOf(person.token).sid, revokedLately].sort());
      await request(t.http).get('/api/me').set(person.bearer).expect(200);
    });
  });

  describe('the live connection of a session', () => {
    it('re-reads its session now and then, and is refused and closed once the session has ended (even unannounced)', async () => {
      const person = await signUp();
      const socket = await live(person.token);
      expect(await socket.emit(LIVE_MESSAGES.resync, { meetingId: '00000000-0000-4000-8000-000000000000', sinceSeq: 0 })).toEqual({ ok: false, error: 'Meeting not found.' });
      // Ended behind the API's back: no announcement reaches the socket.
      await t.db.query(`UPDATE sessions SET "revokedAt" = now() WHERE "userId" = $1`, [person.id]);
      clock.advance({ seconds: 31 });
      const closed = closedWithin(socket);
      expect(await socket.emit(LIVE_MESSAGES.resync, { meetingId: '00000000-0000-4000-8000-000000000000', sinceSeq: 0 })).toEqual({ ok: false, error: 'Your session has ended or expired. Sign in again.' });
      await closed;
    });
  });

  describe('CSRF', () => {
    it('accepts the CSRF token of the cookie’s own session', async () => {
      const person = await signUp();
      await request(t.http).post('/api/sets').set('Cookie', person.cookie).set('X-CSRF-Token', person.csrf).send({ name: 'Mine', mode: 'virtual', timeZone: 'Europe/London' }).expect(201);
    });

    it('refuses the CSRF token of another session, even the person’s own', async () => {
      const person = await signUp();
      const phone = await signIn(person);
      const response = await request(t.http).post('/api/sets').set('Cookie', person.cookie).set('X-CSRF-Token', phone.csrf).send({ name: 'Crossed', mode: 'virtual', timeZone: 'Europe/London' }).expect(403);
      expect(response.body.message).toContain('X-CSRF-Token');
    });

    it('refuses a matching cookie and header pair of an attacker’s choosing, writing nothing', async () => {
      const person = await signUp();
      const countSets = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM sets'))[0].n);
      const before = await countSets();
      const chosen = 'attacker-chosen-value';
      const session = person.cookie.split('; ').find((c) => c.startsWith('als_session='))!;
      const response = await request(t.http)
        .post('/api/sets')
        .set('Cookie', `${session}; als_csrf=${chosen}`)
        .set('X-CSRF-Token', chosen)
        .send({ name: 'Forged', mode: 'virtual', timeZone: 'Europe/London' })
        .expect(403);
      expect(response.body.message).toContain('X-CSRF-Token');
      expect(await countSets()).toBe(before);
    });
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)(`sessions across two API processes with Redis (REDIS_URL${redisUrl ? '' : ' not set: skipped'})`, () => {
  const processes = twoProcesses(redisUrl!);

  async function person() {
    const email = uniqueEmail('two');
    const laptop = signedFrom(email, await request(processes.one.http).post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'Two Processes' }).expect(201));
    const phone = signedFrom(email, await request(processes.two.http).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200));
    return { laptop, phone };
  }

  async function onTwo(token: string) {
    const client = await connect(processes.baseTwo, token);
    processes.clients.push(client);
    return client;
  }

  it('signing out on process one closes that session’s socket on process two within a second', async () => {
    const { laptop, phone } = await person();
    const socket = await onTwo(laptop.token);
    const other = await onTwo(phone.token);
    const closed = new Promise<number>((resolve) => socket.socket.once('disconnect', () => resolve(Date.now())));
    const started = Date.now();
    await request(processes.one.http).post('/api/auth/logout').set(laptop.bearer).expect(204);
    expect((await closed) - started).toBeLessThan(1000);
    expect(socket.closed).toEqual(['You signed out.']);
    await request(processes.two.http).get('/api/me').set(laptop.bearer).expect(401);
    await expect(connect(processes.baseTwo, laptop.token)).rejects.toThrow(/Sign in again/);
    expect(other.socket.connected).toBe(true);
  });

  it('signing out everywhere on process one closes every socket of the person on process two within a second', async () => {
    const { laptop, phone } = await person();
    const sockets = [await onTwo(laptop.token), await onTwo(phone.token)];
    const closed = Promise.all(sockets.map((s) => new Promise<number>((resolve) => s.socket.once('disconnect', () => resolve(Date.now())))));
    const started = Date.now();
    await request(processes.one.http).post('/api/auth/logout-all').set(phone.bearer).expect(204);
    expect(Math.max(...(await closed)) - started).toBeLessThan(1000);
    for (const token of [laptop.bearer, phone.bearer]) await request(processes.two.http).get('/api/me').set(token).expect(401);
  });
});
