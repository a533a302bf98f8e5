import type { AuthResponse, MeResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { PASSWORD, registerUser, uniqueEmail } from './factories';

function cookiesOf(response: { headers: Record<string, unknown> }): string[] {
  const raw = response.headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : [];
}

/** The name=value pairs a browser would send back. */
function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

function csrfFrom(setCookies: string[]): string {
  const pair = setCookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('als_csrf='));
  if (!pair) throw new Error('no als_csrf cookie');
  return pair.slice('als_csrf='.length);
}

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const countUsers = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM users'))[0].n);

  describe('POST /api/auth/register', () => {
    it('creates the account, answers the user and a token, and sets an httpOnly SameSite session cookie', async () => {
      const email = uniqueEmail('reg');
      const response = await request(t.http).post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'Rae Register', timeZone: 'Asia/Kolkata' }).expect(201);
      const body = response.body as AuthResponse;
      expect(body.user).toEqual({ id: expect.any(String), email, displayName: 'Rae Register', timeZone: 'Asia/Kolkata' });
      expect(body.accessToken).toEqual(expect.any(String));
      const session = cookiesOf(response).find((c) => c.startsWith('als_session='));
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Lax/i);
      const csrf = cookiesOf(response).find((c) => c.startsWith('als_csrf='));
      expect(csrf).not.toMatch(/HttpOnly/i);
    });

    it('stores the password as an argon2id hash, never in clear', async () => {
      const user = await registerUser(t);
      const [row] = await t.db.query('SELECT "passwordHash" FROM users WHERE id = $1', [user.id]);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain(PASSWORD);
    });

    it('defaults the time zone to Europe/London', async () => {
      const response = await request(t.http).post('/api/auth/register').send({ email: uniqueEmail(), password: PASSWORD, displayName: 'Dee' }).expect(201);
      expect((response.body as AuthResponse).user.timeZone).toBe('Europe/London');
    });

    it('refuses a second account for the same e-mail in another case with 409, writing nothing', async () => {
      const email = uniqueEmail('case');
      await registerUser(t, { email });
      const before = await countUsers();
      const response = await request(t.http).post('/api/auth/register').send({ email: email.toUpperCase(), password: PASSWORD, displayName: 'Twin' }).expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('already exists') });
      expect(await countUsers()).toBe(before);
    });

    it('refuses an unknown time zone with 400 naming timeZone', async () => {
      const response = await request(t.http).post('/api/auth/register').send({ email: uniqueEmail(), password: PASSWORD, displayName: 'Zed', timeZone: 'Mars/Olympus' }).expect(400);
      expect(response.body.message).toContain('timeZone');
    });
  });

  describe('POST /api/auth/login', () => {
    it('signs in with the right password, whatever the case of the e-mail', async () => {
      const user = await registerUser(t);
      const response = await request(t.http).post('/api/auth/login').send({ email: user.email.toUpperCase(), password: PASSWORD }).expect(200);
      expect((response.body as AuthResponse).user.id).toBe(user.id);
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${(response.body as AuthResponse).accessToken}`).expect(200);
    });

    it('gives the same 401 for a wrong password and an unknown e-mail', async () => {
      const user = await registerUser(t);
      const wrong = await request(t.http).post('/api/auth/login').send({ email: user.email, password: 'not the password' }).expect(401);
      const unknown = await request(t.http).post('/api/auth/login').send({ email: uniqueEmail('nobody'), password: PASSWORD }).expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(cookiesOf(wrong)).toHaveLength(0);
    });
  });

  describe('GET /api/me', () => {
    it('answers the caller with an absolute calendar feed URL', async () => {
      const user = await registerUser(t, { displayName: 'Mo Me' });
      const response = await request(t.http).get('/api/me').set(user.auth).expect(200);
      const me = response.body as MeResponse;
      expect(me).toMatchObject({ id: user.id, email: user.email, displayName: 'Mo Me', timeZone: 'Europe/London' });
      expect(me.calendarFeedUrl).toMatch(/^http:\/\/app\.test\/api\/calendar\/[\w-]+\.ics$/);
      expect(JSON.stringify(me)).not.toContain('passwordHash');
    });

    it.each([
      ['no credentials', {}],
      ['a forged token', { Authorization: 'Bearer not.a.token' }],
      ['a malformed header', { Authorization: 'Token abc' }],
    ])('answers 401 with %s', async (_, headers) => {
      const response = await request(t.http).get('/api/me').set(headers).expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    });
  });

  describe('the cookie session of the web client', () => {
    async function cookieSession() {
      const response = await request(t.http).post('/api/auth/register').send({ email: uniqueEmail('cookie'), password: PASSWORD, displayName: 'Cookie' }).expect(201);
      const setCookies = cookiesOf(response);
      return { cookie: cookieHeader(setCookies), csrf: csrfFrom(setCookies) };
    }
    const countSets = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM sets'))[0].n);
    const aSet = { name: 'Cookie set', mode: 'virtual', timeZone: 'Europe/London' };

    it('reads with the cookie alone', async () => {
      const { cookie } = await cookieSession();
      await request(t.http).get('/api/me').set('Cookie', cookie).expect(200);
    });

    it.each([
      ['without the CSRF header', undefined],
      ['with a wrong CSRF header', 'guessed-value'],
    ])('refuses a changing request %s with 403 and writes nothing', async (_, header) => {
      const { cookie } = await cookieSession();
      const before = await countSets();
      const call = request(t.http).post('/api/sets').set('Cookie', cookie);
      if (header) call.set('X-CSRF-Token', header);
      const response = await call.send(aSet).expect(403);
      expect(response.body.message).toContain('X-CSRF-Token');
      expect(await countSets()).toBe(before);
    });

    it('accepts a changing request with the matching CSRF header', async () => {
      const { cookie, csrf } = await cookieSession();
      await request(t.http).post('/api/sets').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(aSet).expect(201);
    });

    it('is cleared by logout', async () => {
      const response = await request(t.http).post('/api/auth/logout').expect(204);
      const cleared = cookiesOf(response);
      expect(cleared.find((c) => c.startsWith('als_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect(cleared.find((c) => c.startsWith('als_csrf='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    });
  });
});

describe('auth rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 with the error body after the limit of login attempts in a minute', async () => {
    const attempt = () => request(t.http).post('/api/auth/login').send({ email: uniqueEmail(), password: PASSWORD });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt().expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, message: expect.any(String) });
  });
});
