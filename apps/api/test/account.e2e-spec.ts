import { PASSWORD_MAX, type AuthResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { request, startTestApp, TestApp } from './app';
import { connect, listen, LiveClient } from './live-client';
import { linkIn, parsedMails } from './mail';
import { PASSWORD, registerUser, TestUser, uniqueEmail } from './factories';

const NEW_PASSWORD = 'a brand new passphrase';

describe('account', () => {
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

  const settle = () => t.app.get(OutboxService).drain();
  const mailsTo = async (address: string) => (await parsedMails(t.mailDir)).filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
  const login = (email: string, password: string) => request(t.http).post('/api/auth/login').send({ email, password });
  const signIn = async (person: TestUser) => {
    const body = (await login(person.email, PASSWORD).expect(200)).body as AuthResponse;
    return { token: body.accessToken, auth: { Authorization: `Bearer ${body.accessToken}` } };
  };
  const passwordHash = async (userId: string) => ((await t.db.query('SELECT "passwordHash" FROM users WHERE id = $1', [userId]))[0] as { passwordHash: string }).passwordHash;

  describe('POST /api/auth/register', () => {
    it.each([
      ['a commonly used password', 'password123'],
      ['a common password in capitals with spaces', 'Password 1234'],
      ['a password over 256 characters', 'x'.repeat(PASSWORD_MAX + 1)],
      ['a password under 10 characters', 'ninechars'],
    ])('refuses %s with 400 naming password, creating no account', async (_, password) => {
      const email = uniqueEmail('rules');
      const response = await request(t.http).post('/api/auth/register').send({ email, password, displayName: 'Rule' }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(/^password /) }]);
      expect(await t.db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email])).toHaveLength(0);
    });

    it('accepts a password of exactly 256 characters, which signs in, changes and confirms deleting the account', async () => {
      const email = uniqueEmail('long');
      const password = `${'correct horse '.repeat(19)}`.slice(0, 256);
      const registered = (await request(t.http).post('/api/auth/register').send({ email, password, displayName: 'Long' }).expect(201)).body as AuthResponse;
      const auth = { Authorization: `Bearer ${registered.accessToken}` };
      await login(email, password).expect(200);
      const longer = `${'battery staple '.repeat(19)}`.slice(0, 256);
      await request(t.http).put('/api/me/password').set(auth).send({ currentPassword: password, newPassword: longer }).expect(204);
      await request(t.http).delete('/api/me').set(auth).send({ password: longer }).expect(204);
    });
  });

  describe('PUT /api/me/password', () => {
    it('changes the password: every other session ends (their sockets close), this one stays, and the account is told', async () => {
      const person = await registerUser(t);
      const phone = await signIn(person);
      const socket = await connect(base, phone.token);
      clients.push(socket);
      const closed = new Promise<number>((resolve) => socket.socket.once('disconnect', () => resolve(Date.now())));
      const started = Date.now();
      await request(t.http).put('/api/me/password').set(person.auth).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
      expect((await closed) - started).toBeLessThan(1000);
      await request(t.http).get('/api/me').set(phone.auth).expect(401);
      await request(t.http).get('/api/me').set(person.auth).expect(200);
      await login(person.email, PASSWORD).expect(401);
      await login(person.email, NEW_PASSWORD).expect(200);
      await settle();
      const notice = (await mailsTo(person.email)).find((m) => m.subject === 'Your password was changed');
      expect(notice?.text).toContain('was changed from your account page');
      expect(notice?.text).toContain('If this was not you');
    });

    it('refuses a wrong currentPassword with 400 naming it, changing nothing', async () => {
      const person = await registerUser(t);
      const phone = await signIn(person);
      const before = await passwordHash(person.id);
      const response = await request(t.http).put('/api/me/password').set(person.auth).send({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'currentPassword', message: expect.stringContaining('currentPassword') }]);
      expect(await passwordHash(person.id)).toBe(before);
      await request(t.http).get('/api/me').set(phone.auth).expect(200);
    });

    it('lets one of two changes racing from one old password through: the second is checked against the first’s new password', async () => {
      const person = await registerUser(t);
      const other = await signIn(person);
      const answers = await Promise.all([
        request(t.http).put('/api/me/password').set(person.auth).send({ currentPassword: PASSWORD, newPassword: 'first racing passphrase' }),
        request(t.http).put('/api/me/password').set(other.auth).send({ currentPassword: PASSWORD, newPassword: 'second racing passphrase' }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([204, 400]);
      const winner = answers[0].status === 204 ? 'first racing passphrase' : 'second racing passphrase';
      await login(person.email, winner).expect(200);
    });

    it.each([
      ['no currentPassword', { newPassword: NEW_PASSWORD }, 'currentPassword'],
      ['a currentPassword of the wrong type', { currentPassword: 7, newPassword: NEW_PASSWORD }, 'currentPassword'],
      ['a currentPassword that is too long', { currentPassword: 'x'.repeat(PASSWORD_MAX + 1), newPassword: NEW_PASSWORD }, 'currentPassword'],
      ['no newPassword', { currentPassword: PASSWORD }, 'newPassword'],
      ['a short newPassword', { currentPassword: PASSWORD, newPassword: 'short' }, 'newPassword'],
      ['a newPassword over 256 characters', { currentPassword: PASSWORD, newPassword: 'y'.repeat(PASSWORD_MAX + 1) }, 'newPassword'],
      ['a commonly used newPassword', { currentPassword: PASSWORD, newPassword: '1234567890' }, 'newPassword'],
      ['a newPassword with a control character', { currentPassword: PASSWORD, newPassword: 'long enough\u001bnow' }, 'newPassword'],
      ['an unknown field', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, everywhere: false }, 'everywhere'],
    ])('refuses %s with 400 naming the field, changing nothing', async (_, body, field) => {
      const person = await registerUser(t);
      const before = await passwordHash(person.id);
      const response = await request(t.http).put('/api/me/password').set(person.auth).send(body).expect(400);
      expect(response.body.message).toContain(field);
      expect(await passwordHash(person.id)).toBe(before);
    });

    it('needs a signed-in caller', async () => {
      await request(t.http).put('/api/me/password').send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
    });
  });

  describe('changing the e-mail address', () => {
    const ask = (person: TestUser, newEmail: string, password = PASSWORD) => request(t.http).post('/api/me/email').set(person.auth).send({ newEmail, password });
    const confirm = (token: string) => request(t.http).post('/api/auth/email-change/confirm').send({ token });

    async function confirmationToken(newEmail: string): Promise<string> {
      await settle();
      const mail = (await mailsTo(newEmail)).filter((m) => m.subject === 'Confirm your new e-mail address').at(-1);
      if (!mail) throw new Error(`no confirmation e-mail to ${newEmail}`);
      return linkIn(mail.text, 'http://app.test/confirm-email/').slice('http://app.test/confirm-email/'.length);
    }

    it('sends a link to the new address; opening it changes the address and tells the old one', async () => {
      const person = await registerUser(t);
      const newEmail = uniqueEmail('moved');
      const asked = await ask(person, newEmail).expect(202);
      expect(asked.body.message).toContain(newEmail);
      // Nothing changes until the link is opened.
      expect((await request(t.http).get('/api/me').set(person.auth).expect(200)).body.email).toBe(person.email);
      const token = await confirmationToken(newEmail);
      const confirmed = await confirm(token).expect(200);
      expect(confirmed.body).toEqual({ email: newEmail });
      expect((await request(t.http).get('/api/me').set(person.auth).expect(200)).body.email).toBe(newEmail);
      await login(newEmail, PASSWORD).expect(200);
      await login(person.email, PASSWORD).expect(401);
      await settle();
      const notice = (await mailsTo(person.email)).find((m) => m.subject === 'The e-mail address of your account was changed');
      expect(notice?.text).toContain(`from ${person.email} to ${newEmail}`);
      // Single use.
      await confirm(token).expect(400);
    });

    it('refuses a link after 24 hours with 400 naming token', async () => {
      const person = await registerUser(t);
      const newEmail = uniqueEmail('late');
      await ask(person, newEmail).expect(202);
      const token = await confirmationToken(newEmail);
      clock.advance({ hours: 24, seconds: 1 });
      const response = await confirm(token).expect(400);
      expect(response.body.message).toContain('token');
      expect((await request(t.http).get('/api/me').set(person.auth).expect(200)).body.email).toBe(person.email);
    });

    it('keeps only the latest request’s link working', async () => {
      const person = await registerUser(t);
      const first = uniqueEmail('first');
      const second = uniqueEmail('second');
      await ask(person, first).expect(202);
      const firstToken = await confirmationToken(first);
      await ask(person, second).expect(202);
      await confirm(firstToken).expect(400);
      await confirm(await confirmationToken(second)).expect(200);
    });

    it('refuses a wrong password (400 naming password), the account’s own address (400 naming newEmail) and another account’s address (409), sending nothing', async () => {
      const person = await registerUser(t);
      const other = await registerUser(t);
      const newEmail = uniqueEmail('never');
      expect((await ask(person, newEmail, 'not my password').expect(400)).body.errors).toEqual([{ field: 'password', message: expect.stringContaining('password') }]);
      expect((await ask(person, person.email.toUpperCase()).expect(400)).body.message).toContain('newEmail');
      await ask(person, other.email).expect(409);
      await settle();
      expect(await mailsTo(newEmail)).toHaveLength(0);
      expect(await t.db.query(`SELECT 1 FROM account_tokens WHERE "userId" = $1`, [person.id])).toHaveLength(0);
    });

    it('gives an address two people race to confirm to one of them (200), the other 409', async () => {
      const a = await registerUser(t);
      const b = await registerUser(t);
      const wanted = uniqueEmail('wanted');
      await ask(a, wanted).expect(202);
      await ask(b, wanted).expect(202);
      await settle();
      const tokens = (await mailsTo(wanted)).map((m) => linkIn(m.text, 'http://app.test/confirm-email/').slice('http://app.test/confirm-email/'.length));
      expect(tokens).toHaveLength(2);
      const answers = await Promise.all(tokens.map(confirm));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await t.db.query('SELECT id FROM users WHERE lower(email) = lower($1)', [wanted])).toHaveLength(1);
    });

    it.each([
      ['no newEmail', { password: PASSWORD }, 'newEmail'],
      ['a newEmail that is not an address', { newEmail: 'nope', password: PASSWORD }, 'newEmail'],
      ['a newEmail of the wrong type', { newEmail: ['a@example.org'], password: PASSWORD }, 'newEmail'],
      ['a newEmail that is too long', { newEmail: `${'a'.repeat(250)}@example.org`, password: PASSWORD }, 'newEmail'],
      ['a newEmail with a line break', { newEmail: 'a@example.org\r\nBcc: b@example.org', password: PASSWORD }, 'newEmail'],
      ['no password', { newEmail: 'a@example.org' }, 'password'],
      ['an unknown field', { newEmail: 'a@example.org', password: PASSWORD, verified: true }, 'verified'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_, body, field) => {
      const person = await registerUser(t);
      const response = await request(t.http).post('/api/me/email').set(person.auth).send(body).expect(400);
      expect(response.body.message).toContain(field);
      expect(await t.db.query(`SELECT 1 FROM account_tokens WHERE "userId" = $1`, [person.id])).toHaveLength(0);
    });

    it.each([
      ['no token', {}],
      ['a token of the wrong type', { token: true }],
      ['a token that is too long', { token: 'B'.repeat(200) }],
      ['an unknown token', { token: 'B'.repeat(43) }],
      ['a token with a control character', { token: `${'B'.repeat(20)}\u0000` }],
    ])('refuses confirming with %s (400 naming token)', async (_, body) => {
      const response = await request(t.http).post('/api/auth/email-change/confirm').send(body).expect(400);
      expect(response.body.message).toContain('token');
    });
  });
});
