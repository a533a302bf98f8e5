import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { MyOrganisationResponse, OrganisationResponse } from '@als/shared';
import { AccessTokens } from '@api/auth/access-tokens';
import { request, startTestApp, TestApp } from './app';
import { registerUser, uniqueEmail } from './factories';
import { type Account, CALLBACK, fakeDns, type Jar, signInWithProvider, startProvider, verifyDomain } from './oidc';

describe('single sign-on (OpenID Connect, against a real provider)', () => {
  let t: TestApp;
  let provider: ChildProcess;
  beforeAll(async () => {
    const started = await startProvider();
    provider = started.child;
    t = await startTestApp({ OIDC_ISSUER: started.issuer, OIDC_CLIENT_ID: 'als-test', OIDC_CLIENT_SECRET: 'als-test-secret-0123456789', OIDC_NAME: 'Northshire account' });
  });
  afterAll(async () => {
    await t.close();
    provider.kill('SIGTERM');
  });

  let dns: Map<string, string[]>;
  beforeEach(() => {
    dns = fakeDns(t);
  });
  afterEach(() => jest.restoreAllMocks());

  const signIn = (account: Account, options: { returnTo?: string; toProvider?: (url: URL) => void; toApp?: (url: URL) => void } = {}) => signInWithProvider(t, account, options);

  function me(app: Jar) {
    return request(t.http).get('/api/me').set('Cookie', app.header());
  }

  const userCount = async () => ((await t.db.query('SELECT count(*)::int AS n FROM users')) as { n: number }[])[0].n;

  it('tells the sign-in page what to offer', async () => {
    expect((await request(t.http).get('/api/auth/oidc').expect(200)).body).toEqual({ enabled: true, name: 'Northshire account' });
  });

  it('sends the browser to the provider with the code flow, PKCE (S256), state and nonce', async () => {
    const start = await request(t.http).get('/api/auth/oidc/start?returnTo=/sets').expect(302);
    const url = new URL(start.headers.location as string);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: 'als-test', redirect_uri: CALLBACK, scope: 'openid email profile', code_challenge_method: 'S256', code_challenge: expect.stringMatching(/^[\w-]{43}$/), state: expect.any(String), nonce: expect.any(String) });
    expect(String(start.headers['set-cookie'])).toMatch(/als_oidc=[^;]+; Max-Age=600; Path=\/api\/auth\/oidc; Expires=[^;]+; HttpOnly; SameSite=Lax/);
  });

  it('creates the account at the first sign-in, in the organisation whose domain matches; a second sign-in finds it', async () => {
    const admin = await registerUser(t);
    const domain = `sso-${randomUUID().slice(0, 8)}.example.org`;
    const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Northshire', emailDomains: [domain] }).expect(201)).body as OrganisationResponse;
    await verifyDomain(t, dns, admin, organisation.id, domain);
    const account = { sub: randomUUID(), email: `sam.sso@${domain.toUpperCase()}`, name: 'Sam Single' };
    const before = await userCount();

    const first = await signIn(account, { returnTo: '/sets/abc?tab=people' });
    expect(first.callback.status).toBe(302);
    expect(first.callback.headers.location).toBe('http://app.test/sets/abc?tab=people');
    const user = (await me(first.app).expect(200)).body as { id: string; email: string; displayName: string };
    expect(user).toMatchObject({ email: account.email, displayName: 'Sam Single' });
    expect(await userCount()).toBe(before + 1);
    expect(first.app.get('als_oidc')).toBeUndefined();
    const mine = (await request(t.http).get('/api/organisations').set('Cookie', first.app.header()).expect(200)).body as MyOrganisationResponse[];
    expect(mine.map((o) => [o.id, o.role])).toEqual([[organisation.id, 'member']]);

    const second = await signIn(account);
    expect(second.callback.headers.location).toBe('http://app.test/');
    expect(((await me(second.app).expect(200)).body as { id: string }).id).toBe(user.id);
    expect(await userCount()).toBe(before + 1);
  });

  it('signs an existing account with the same (verified) address into that account', async () => {
    const person = await registerUser(t);
    const signed = await signIn({ sub: randomUUID(), email: person.email.toUpperCase() });
    expect(((await me(signed.app).expect(200)).body as { id: string }).id).toBe(person.id);
  });

  it('signs nobody in when the e-mail address is not verified', async () => {
    const before = await userCount();
    const { callback, app } = await signIn({ sub: randomUUID(), email: uniqueEmail('unverified'), verified: false });
    expect(callback.headers.location).toBe('http://app.test/sign-in?sso=unverified');
    expect(app.get('als_session')).toBeUndefined();
    expect(await userCount()).toBe(before);
  });

  it('refuses a tampered state, signing nobody in', async () => {
    const before = await userCount();
    const { callback, app } = await signIn({ sub: randomUUID(), email: uniqueEmail('state') }, { toApp: (url) => url.searchParams.set('state', 'tampered-state') });
    expect(callback.headers.location).toBe('http://app.test/sign-in?sso=failed');
    expect(app.get('als_session')).toBeUndefined();
    expect(await userCount()).toBe(before);
  });

  it('refuses a tampered nonce (the ID token then carries another), signing nobody in', async () => {
    const before = await userCount();
    const { callback, app } = await signIn({ sub: randomUUID(), email: uniqueEmail('nonce') }, { toProvider: (url) => url.searchParams.set('nonce', 'tampered-nonce') });
    expect(callback.headers.location).toBe('http://app.test/sign-in?sso=failed');
    expect(app.get('als_session')).toBeUndefined();
    expect(await userCount()).toBe(before);
  });

  it('refuses a callback without the browser’s flow cookie (another browser, or too late)', async () => {
    const start = await request(t.http).get('/api/auth/oidc/start').expect(302);
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    const callback = await request(t.http).get(`/api/auth/oidc/callback?code=x&state=${state}`).expect(302);
    expect(callback.headers.location).toBe('http://app.test/sign-in?sso=expired');
    const forged = await request(t.http).get(`/api/auth/oidc/callback?code=x&state=${state}`).set('Cookie', 'als_oidc=eyJzdGF0ZSI6IngifQ.bad').expect(302);
    expect(forged.headers.location).toBe('http://app.test/sign-in?sso=expired');
  });

  it.each(['https://evil.example/steal', '//evil.example/steal', '/\\evil.example', 'javascript:alert(1)', 'http://app.test.evil.example/'])('does not follow returnTo %s to another site', async (returnTo) => {
    const { callback } = await signIn({ sub: randomUUID(), email: uniqueEmail('return') }, { returnTo });
    expect(callback.headers.location).toBe('http://app.test/');
  });

  it('an organisation that requires single sign-on refuses password sign-in for its domains, with a clear message', async () => {
    const admin = await registerUser(t);
    const domain = `required-${randomUUID().slice(0, 8)}.example.org`;
    const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Strict', emailDomains: [domain] }).expect(201)).body as OrganisationResponse;
    const person = await registerUser(t, { email: `pat@${domain}` });
    await request(t.http).post('/api/auth/login').send({ email: person.email, password: 'correct horse battery' }).expect(200);
    expect((await request(t.http).patch(`/api/organisations/${organisation.id}`).set(admin.auth).send({ requireSso: true }).expect(200)).body).toMatchObject({ requireSso: true });
    // A domain only claimed (not verified) changes nothing.
    await request(t.http).post('/api/auth/login').send({ email: person.email, password: 'correct horse battery' }).expect(200);
    await verifyDomain(t, dns, admin, organisation.id, domain);
    const refused = await request(t.http).post('/api/auth/login').send({ email: person.email.toUpperCase(), password: 'correct horse battery' }).expect(403);
    expect(refused.body.message).toBe('Your organisation signs you in with Northshire account: use "Sign in with Northshire account" instead of a password.');
    // Other addresses still sign in with their passwords; the required way works.
    await request(t.http).post('/api/auth/login').send({ email: admin.email, password: 'correct horse battery' }).expect(200);
    const signed = await signIn({ sub: randomUUID(), email: person.email });
    expect(((await me(signed.app).expect(200)).body as { id: string }).id).toBe(person.id);
  });

  it('refuses a disabled account with the sign-in page’s message', async () => {
    const admin = await registerUser(t);
    const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Disabling' }).expect(201)).body as OrganisationResponse;
    const account = { sub: randomUUID(), email: uniqueEmail('leaver') };
    const first = await signIn(account);
    const user = (await me(first.app).expect(200)).body as { id: string; email: string };
    const invitation = (await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send({ email: user.email, role: 'member' }).expect(201)).body as { token: string };
    const csrf = first.app.get('als_csrf')!;
    await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set('Cookie', first.app.header()).set('X-CSRF-Token', csrf).expect(200);
    await request(t.http).post(`/api/organisations/${organisation.id}/people/${user.id}/disable`).set(admin.auth).expect(204);
    await me(first.app).expect(401);
    const again = await signIn(account);
    expect(again.callback.headers.location).toBe('http://app.test/sign-in?sso=disabled');
    expect(again.app.get('als_session')).toBeUndefined();
  });

  it('a single sign-on held open while an admin disables the account ends with the rest: no working session once the disable answered', async () => {
    const admin = await registerUser(t);
    const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Racing' }).expect(201)).body as OrganisationResponse;
    const account = { sub: randomUUID(), email: uniqueEmail('racer') };
    const first = await signIn(account);
    const user = (await me(first.app).expect(200)).body as { id: string; email: string };
    const invitation = (await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send({ email: user.email, role: 'member' }).expect(201)).body as { token: string };
    await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set('Cookie', first.app.header()).set('X-CSRF-Token', first.app.get('als_csrf')!).expect(200);

    // The sign-in stops inside its transaction, its session row written, until the disable has had every chance to finish.
    const tokens = t.app.get(AccessTokens);
    const sign = tokens.sign.bind(tokens);
    let release!: () => void;
    let reached!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    jest.spyOn(tokens, 'sign').mockImplementationOnce(async (session) => {
      reached();
      await released;
      return sign(session);
    });
    const second = signIn(account);
    await arrived;
    const disable = request(t.http).post(`/api/organisations/${organisation.id}/people/${user.id}/disable`).set(admin.auth).then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const [signed, disabled] = await Promise.all([second, disable]);
    expect(disabled.status).toBe(204);
    if (signed.callback.headers.location === 'http://app.test/') await me(signed.app).expect(401);
    else expect(signed.callback.headers.location).toBe('http://app.test/sign-in?sso=disabled');
    await me(first.app).expect(401);
    const open = (await t.db.query(`SELECT count(*)::int AS n FROM "sessions" WHERE "userId" = $1 AND "revokedAt" IS NULL`, [user.id])) as { n: number }[];
    expect(open[0].n).toBe(0);
  });
});

describe('single sign-on when it is not set up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('offers nothing and answers 404 on its routes', async () => {
    expect((await request(t.http).get('/api/auth/oidc').expect(200)).body).toEqual({ enabled: false, name: null });
    await request(t.http).get('/api/auth/oidc/start?returnTo=/').expect(404);
    await request(t.http).get('/api/auth/oidc/callback?code=x&state=y').expect(404);
  });
});
