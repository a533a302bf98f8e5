import { createHash } from 'node:crypto';
import { PASSWORD_MAX, type AuthResponse } from '@als/shared';
import { AccountService } from '@api/auth/account.service';
import { TestClock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { request, startTestApp, TestApp } from './app';
import { connect, listen, LiveClient } from './live-client';
import { linkIn, parsedMails } from './mail';
import { PASSWORD, registerUser, TestUser, uniqueEmail } from './factories';

const NEW_PASSWORD = 'a brand new passphrase';

describe('password reset', () => {
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

  /** Lets the background work of reset requests finish and the outbox send. */
  const settle = async () => {
    await t.app.get(AccountService).settled();
    await t.app.get(OutboxService).drain();
  };
  const mailsTo = async (address: string) => (await parsedMails(t.mailDir)).filter((m) => m.to.includes(address));
  const countTokens = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM account_tokens'))[0].n);

  async function resetLink(person: TestUser): Promise<{ link: string; token: string }> {
    await request(t.http).post('/api/auth/password-reset').send({ email: person.email }).expect(202);
    await settle();
    const mail = (await mailsTo(person.email)).filter((m) => m.subject === 'Choose a new password').at(-1);
    if (!mail) throw new Error('no reset e-mail');
    const link = linkIn(mail.text, 'http://app.test/reset-password/');
    return { link, token: link.slice('http://app.test/reset-password/'.length) };
  }

  const complete = (token: string, password = NEW_PASSWORD) => request(t.http).post('/api/auth/password-reset/complete').send({ token, password });
  const login = (email: string, password: string) => request(t.http).post('/api/auth/login').send({ email, password });

  describe('POST /api/auth/password-reset', () => {
    it('answers 202 with the same body whether or not an account has the address, and e-mails only the account', async () => {
      const person = await registerUser(t);
      const nobody = uniqueEmail('nobody');
      const known = await request(t.http).post('/api/auth/password-reset').send({ email: person.email.toUpperCase() }).expect(202);
      const unknown = await request(t.http).post('/api/auth/password-reset').send({ email: nobody }).expect(202);
      expect(known.body).toEqual(unknown.body);
      expect(known.body).toEqual({ message: expect.stringContaining('If an account uses this address') });
      await settle();
      expect(await mailsTo(nobody)).toHaveLength(0);
      const [mail] = await mailsTo(person.email);
      expect(mail.subject).toBe('Choose a new password');
      expect(mail.text).toMatch(/http:\/\/app\.test\/reset-password\/[A-Za-z0-9_-]{43}/);
      expect(mail.text).toContain('60 minutes');
      expect(mail.text).toContain('If you did not ask for this, ignore this e-mail');
      expect(mail.html).toContain('Choose a new password');
    });

    it('stores only the SHA-256 of the token, valid 60 minutes', async () => {
      const person = await registerUser(t);
      const { token } = await resetLink(person);
      const rows = (await t.db.query(`SELECT "tokenHash", "purpose", "createdAt", "expiresAt" FROM account_tokens WHERE "userId" = $1`, [person.id])) as { tokenHash: string; purpose: string; createdAt: Date; expiresAt: Date }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ purpose: 'password-reset', tokenHash: createHash('sha256').update(token).digest('hex') });
      expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(60 * 60 * 1000);
      expect(JSON.stringify(await t.db.query('SELECT * FROM account_tokens'))).not.toContain(token);
    });

    it.each([
      ['no email', {}, 'email'],
      ['an email that is not an address', { email: 'not-an-address' }, 'email'],
      ['an email of the wrong type', { email: 42 }, 'email'],
      ['an email that is too long', { email: `${'a'.repeat(250)}@example.org` }, 'email'],
      ['a control character', { email: 'sam\u0000@example.org' }, 'email'],
      ['an unknown field', { email: 'sam@example.org', admin: true }, 'admin'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_, body, field) => {
      const before = await countTokens();
      const response = await request(t.http).post('/api/auth/password-reset').send(body).expect(400);
      expect(response.body.message).toContain(field);
      await settle();
      expect(await countTokens()).toBe(before);
    });
  });

  describe('POST /api/auth/password-reset/complete', () => {
    it('sets the new password, spends the token, ends every earlier session and signs the browser in', async () => {
      const person = await registerUser(t);
      const phone = (await login(person.email, PASSWORD).expect(200)).body as AuthResponse;
      const socket = await connect(base, phone.accessToken);
      clients.push(socket);
      const closed = new Promise<number>((resolve) => socket.socket.once('disconnect', () => resolve(Date.now())));
      const { token } = await resetLink(person);
      const started = Date.now();
      const response = await complete(token).expect(204);
      expect((await closed) - started).toBeLessThan(1000);
      expect(socket.closed).toEqual(['Your password was changed: sign in again with the new one.']);
      for (const old of [person.token, phone.accessToken]) await request(t.http).get('/api/me').set('Authorization', `Bearer ${old}`).expect(401);
      await login(person.email, PASSWORD).expect(401);
      await login(person.email, NEW_PASSWORD).expect(200);
      // The browser that completed it is signed in with a new session.
      const cookies = (response.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
      expect((await request(t.http).get('/api/me').set('Cookie', cookies).expect(200)).body).toMatchObject({ id: person.id });
      // Spent: the same link does not work again.
      const again = await complete(token, 'yet another passphrase').expect(400);
      expect(again.body.message).toContain('token');
      await login(person.email, NEW_PASSWORD).expect(200);
      await settle();
      const notice = (await mailsTo(person.email)).find((m) => m.subject === 'Your password was changed');
      expect(notice?.text).toContain('was reset with a link');
    });

    it('refuses an expired link (after 60 minutes) with 400 naming token, changing nothing', async () => {
      const person = await registerUser(t);
      const { token } = await resetLink(person);
      clock.advance({ minutes: 60, seconds: 1 });
      const response = await complete(token).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('token'), errors: [{ field: 'token', message: expect.any(String) }] });
      await login(person.email, PASSWORD).expect(200);
      await request(t.http).get('/api/me').set(person.auth).expect(200);
    });

    it('accepts a link within its 60 minutes', async () => {
      const person = await registerUser(t);
      const { token } = await resetLink(person);
      clock.advance({ minutes: 59 });
      await complete(token).expect(204);
    });

    it('refuses an unknown token with 400 naming token', async () => {
      const response = await complete('A'.repeat(43)).expect(400);
      expect(response.body.message).toContain('token');
    });

    it('lets only one of two uses racing with the same link through', async () => {
      const person = await registerUser(t);
      const { token } = await resetLink(person);
      const answers = await Promise.all([complete(token, 'first racing passphrase'), complete(token, 'second racing passphrase')]);
      expect(answers.map((a) => a.status).sort()).toEqual([204, 400]);
      const winner = answers[0].status === 204 ? 'first racing passphrase' : 'second racing passphrase';
      await login(person.email, winner).expect(200);
    });

    it('spends the other reset links of the account with it', async () => {
      const person = await registerUser(t);
      const first = await resetLink(person);
      const second = await resetLink(person);
      await complete(second.token).expect(204);
      await complete(first.token, 'another passphrase here').expect(400);
    });

    it.each([
      ['no token', { password: NEW_PASSWORD }, 'token'],
      ['a token of the wrong type', { token: 12345, password: NEW_PASSWORD }, 'token'],
      ['a token that is too long', { token: 'A'.repeat(129), password: NEW_PASSWORD }, 'token'],
      ['a token with a control character', { token: `${'A'.repeat(42)}\u0007`, password: NEW_PASSWORD }, 'token'],
      ['no password', { token: 'A'.repeat(43) }, 'password'],
      ['a password of the wrong type', { token: 'A'.repeat(43), password: 1234567890 }, 'password'],
      ['a password under 10 characters', { token: 'A'.repeat(43), password: 'too short' }, 'password'],
      ['a password over 256 characters', { token: 'A'.repeat(43), password: 'x'.repeat(PASSWORD_MAX + 1) }, 'password'],
      ['a commonly used password', { token: 'A'.repeat(43), password: 'qwertyuiop' }, 'password'],
      ['a password with a control character', { token: 'A'.repeat(43), password: 'long enough\u0000really' }, 'password'],
      ['an unknown field', { token: 'A'.repeat(43), password: NEW_PASSWORD, userId: 'x' }, 'userId'],
    ])('refuses %s with 400 naming the field, changing nothing', async (_, body, field) => {
      const person = await registerUser(t);
      const { token } = await resetLink(person);
      const real = { ...body, ...('token' in body && body.token === 'A'.repeat(43) ? { token } : {}) };
      const response = await request(t.http).post('/api/auth/password-reset/complete').send(real).expect(400);
      expect(response.body.message).toContain(field);
      await login(person.email, PASSWORD).expect(200);
      await complete(token).expect(204);
    });
  });

  it('refuses a live handshake with the token of a session that a reset ended (connect_error)', async () => {
    const person = await registerUser(t);
    const { token } = await resetLink(person);
    await complete(token).expect(204);
    await expect(connect(base, person.token)).rejects.toThrow(/Sign in again/);
  });
});
