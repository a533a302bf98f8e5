import { request, startTestApp, TestApp } from './app';
import { PASSWORD, registerUser, uniqueEmail } from './factories';

const WRONG = 'not the password at all';

describe('sign-in limits', () => {
  describe('per account (AUTH_ACCOUNT_RATE_LIMIT)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ AUTH_RATE_LIMIT: '100', AUTH_ACCOUNT_RATE_LIMIT: '3' });
    });
    afterAll(() => t.close());

    it('limits attempts on one account however the client address changes (X-Forwarded-For)', async () => {
      const person = await registerUser(t);
      const attempt = (i: number) => request(t.http).post('/api/auth/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ email: person.email, password: WRONG });
      for (let i = 1; i <= 3; i++) expect((await attempt(i)).status).toBe(401);
      const limited = await attempt(4).expect(429);
      expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('Too many attempts') });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Even the right password waits: the limit is on the account, whoever tries.
      await request(t.http).post('/api/auth/login').set('X-Forwarded-For', '198.51.100.7').send({ email: person.email.toUpperCase(), password: PASSWORD }).expect(429);
      // Other accounts are not affected.
      const other = await registerUser(t);
      await request(t.http).post('/api/auth/login').send({ email: other.email, password: PASSWORD }).expect(200);
    });

    it('counts only failures: a successful sign-in gives its point back', async () => {
      const person = await registerUser(t);
      const login = (password: string) => request(t.http).post('/api/auth/login').send({ email: person.email, password });
      for (let i = 0; i < 5; i++) await login(PASSWORD).expect(200);
      for (let i = 0; i < 3; i++) await login(WRONG).expect(401);
      await login(WRONG).expect(429);
    });

    it('holds when attempts race: of ten at once on one account, three are judged and seven refused', async () => {
      const person = await registerUser(t);
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => request(t.http).post('/api/auth/login').set('X-Forwarded-For', `192.0.2.${i + 1}`).send({ email: person.email, password: WRONG })));
      expect(answers.map((a) => a.status).sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    });

    it('limits password-reset requests per address of the account, answering 429 before anything is sent', async () => {
      const person = await registerUser(t);
      const ask = (i: number) => request(t.http).post('/api/auth/password-reset').set('X-Forwarded-For', `198.51.100.${i}`).send({ email: person.email });
      for (let i = 1; i <= 3; i++) await ask(i).expect(202);
      await ask(4).expect(429);
    });

    it('limits sign-up attempts for one e-mail address', async () => {
      const email = uniqueEmail('signup');
      const signUp = () => request(t.http).post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'Sig' });
      await signUp().expect(201);
      for (let i = 0; i < 2; i++) await signUp().expect(409);
      const limited = await signUp().expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('per client address (AUTH_RATE_LIMIT)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ AUTH_RATE_LIMIT: '3', AUTH_ACCOUNT_RATE_LIMIT: '100' });
    });
    afterAll(() => t.close());

    it('counts register, login and password-reset attempts together per address per minute, with Retry-After', async () => {
      const from = (address: string) => ({ 'X-Forwarded-For': address });
      await request(t.http).post('/api/auth/login').set(from('203.0.113.50')).send({ email: uniqueEmail(), password: WRONG }).expect(401);
      await request(t.http).post('/api/auth/password-reset').set(from('203.0.113.50')).send({ email: uniqueEmail() }).expect(202);
      await request(t.http).post('/api/auth/register').set(from('203.0.113.50')).send({ email: uniqueEmail(), password: PASSWORD, displayName: 'Ann' }).expect(201);
      const limited = await request(t.http).post('/api/auth/login').set(from('203.0.113.50')).send({ email: uniqueEmail(), password: WRONG }).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      await request(t.http).post('/api/auth/login').set(from('203.0.113.51')).send({ email: uniqueEmail(), password: WRONG }).expect(401);
    });
  });

  describe('AUTH_RATE_LIMIT=0', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ AUTH_RATE_LIMIT: '0', AUTH_ACCOUNT_RATE_LIMIT: '1' });
    });
    afterAll(() => t.close());

    it('turns every sign-in limit off, the per-account one too', async () => {
      const person = await registerUser(t);
      for (let i = 0; i < 5; i++) await request(t.http).post('/api/auth/login').send({ email: person.email, password: WRONG }).expect(401);
    });
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)(`sign-in limits across two API processes with Redis (REDIS_URL${redisUrl ? '' : ' not set: skipped'})`, () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    one = await startTestApp({ AUTH_RATE_LIMIT: '100', AUTH_ACCOUNT_RATE_LIMIT: '3', REDIS_URL: redisUrl! });
    two = await startTestApp({ AUTH_RATE_LIMIT: '100', AUTH_ACCOUNT_RATE_LIMIT: '3', REDIS_URL: redisUrl! });
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('shares the count on an account: attempts through either process add up', async () => {
    const person = await registerUser(one);
    const attempt = (t: TestApp) => request(t.http).post('/api/auth/login').send({ email: person.email, password: WRONG });
    await attempt(one).expect(401);
    await attempt(two).expect(401);
    await attempt(one).expect(401);
    await attempt(two).expect(429);
    await attempt(one).expect(429);
  });
});
