import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { MyOrganisationResponse, OrganisationDomainsResponse, OrganisationInvitationCreatedResponse, OrganisationResponse, OrganisationSsoResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser, uniqueEmail } from './factories';
import { fakeDns, signInWithProvider, startProvider, verifyDomain } from './oidc';

const KEY = 'organisation-sso-key-organisation-sso-key-0123';
const NEXT_KEY = 'the-next-sso-key-the-next-sso-key-the-next-0123';
const NORTH_SECRET = 'north-client-secret-0123456789-abcdef';
const SOUTH_SECRET = 'south-client-secret-0123456789-abcdef';
/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(9), Buffer.from([0xff, 0xd9])]);

function domain(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}.example.org`;
}

async function joinOrganisation(t: TestApp, admin: TestUser, organisationId: string, role: 'admin' | 'member'): Promise<TestUser> {
  const person = await registerUser(t);
  const invitation = (await request(t.http).post(`/api/organisations/${organisationId}/people`).set(admin.auth).send({ email: person.email, role }).expect(201)).body as OrganisationInvitationCreatedResponse;
  await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set(person.auth).send({}).expect(200);
  return person;
}

/**
 * Organisations with their own OpenID Connect providers: two real providers (oidc-provider), one
 * per organisation, and the platform's own (OIDC_ISSUER, a second client at the first provider).
 */
describe('organisations’ own single sign-on, verified domains and logos', () => {
  let t: TestApp;
  let north: { issuer: string; child: ChildProcess };
  let south: { issuer: string; child: ChildProcess };
  let dns: Map<string, string[]>;
  beforeAll(async () => {
    [north, south] = await Promise.all([startProvider(`north-client:${NORTH_SECRET},als-test:als-test-secret-0123456789`), startProvider(`south-client:${SOUTH_SECRET}`)]);
    t = await startTestApp({ SSO_SECRET_KEY: KEY, OIDC_ISSUER: north.issuer, OIDC_CLIENT_ID: 'als-test', OIDC_CLIENT_SECRET: 'als-test-secret-0123456789', OIDC_NAME: 'Platform account' });
  });
  afterAll(async () => {
    await t.close();
    north.child.kill('SIGTERM');
    south.child.kill('SIGTERM');
  });
  beforeEach(() => {
    dns = fakeDns(t);
  });
  afterEach(() => jest.restoreAllMocks());

  const count = async (table: string) => ((await t.db.query(`SELECT count(*)::int AS n FROM "${table}"`)) as { n: number }[])[0].n;

  /** An organisation with a verified domain and its own provider. */
  async function organisationWithProvider(name: string, issuer: string, clientId: string, clientSecret: string) {
    const admin = await registerUser(t);
    const d = domain(name.toLowerCase());
    const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name, emailDomains: [d] }).expect(201)).body as OrganisationResponse;
    await verifyDomain(t, dns, admin, organisation.id, d);
    await request(t.http).put(`/api/organisations/${organisation.id}/sso`).set(admin.auth).send({ name: `${name} account`, issuer, clientId, clientSecret }).expect(200);
    return { admin, organisation, domain: d };
  }

  describe('every route × every role', () => {
    let world: { admin: TestUser; member: TestUser; facilitator: TestUser; outsider: TestUser; otherAdmin: TestUser; organisation: OrganisationResponse; domain: string };
    beforeAll(async () => {
      const admin = await registerUser(t);
      const d = domain('roles');
      const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Roles', emailDomains: [d] }).expect(201)).body as OrganisationResponse;
      const member = await joinOrganisation(t, admin, organisation.id, 'member');
      const set = await createSet(t, member, { organisationId: organisation.id });
      const facilitator = await addMember(t, member, set.id, 'facilitator');
      const otherAdmin = await registerUser(t);
      await request(t.http).post('/api/organisations').set(otherAdmin.auth).send({ name: 'Other' }).expect(201);
      world = { admin, member, facilitator, outsider: await registerUser(t), otherAdmin, organisation, domain: d };
    });

    const body = () => ({ name: 'Roles account', issuer: 'https://login.example.org/realms/roles', clientId: 'roles', clientSecret: 'roles-secret' });
    const routes = () => [
      ['GET /sso', () => request(t.http).get(`/api/organisations/${world.organisation.id}/sso`)],
      ['PUT /sso', () => request(t.http).put(`/api/organisations/${world.organisation.id}/sso`).send(body())],
      ['DELETE /sso', () => request(t.http).delete(`/api/organisations/${world.organisation.id}/sso`)],
      ['GET /domains', () => request(t.http).get(`/api/organisations/${world.organisation.id}/domains`)],
      ['POST /domains/:domain/verify', () => request(t.http).post(`/api/organisations/${world.organisation.id}/domains/${world.domain}/verify`)],
      ['PUT /logo', () => request(t.http).put(`/api/organisations/${world.organisation.id}/logo`).set('Content-Type', 'image/png').send(PNG)],
      ['DELETE /logo', () => request(t.http).delete(`/api/organisations/${world.organisation.id}/logo`)],
    ] as const;

    it('admins only: members 403, a facilitator of one of its sets, an outsider and an admin of another organisation 404, writing nothing', async () => {
      const before = [await count('organisation_sso_providers'), await count('organisation_logos')];
      for (const [name, call] of routes()) {
        expect([name, (await call().set(world.member.auth)).status]).toEqual([name, 403]);
        for (const role of ['facilitator', 'outsider', 'otherAdmin'] as const) expect([name, role, (await call().set(world[role].auth)).status]).toEqual([name, role, 404]);
        expect([name, (await call()).status]).toEqual([name, 401]);
      }
      expect([await count('organisation_sso_providers'), await count('organisation_logos')]).toEqual(before);
      const verified = (await t.db.query(`SELECT count(*)::int AS n FROM "organisation_email_domains" WHERE "organisationId" = $1 AND "verifiedAt" IS NOT NULL`, [world.organisation.id])) as { n: number }[];
      expect(verified[0].n).toBe(0);
      await request(t.http).put(`/api/organisations/${world.organisation.id}/sso`).set(world.admin.auth).send(body()).expect(200);
      await request(t.http).delete(`/api/organisations/${world.organisation.id}/sso`).set(world.admin.auth).expect(204);
    });
  });

  describe('PUT /api/organisations/:orgId/sso', () => {
    it('keeps the client secret encrypted and write-only: never answered, not the plain text in the database, the key’s id beside it', async () => {
      const { admin, organisation } = await organisationWithProvider('Northshire', north.issuer, 'north-client', NORTH_SECRET);
      const shown = (await request(t.http).get(`/api/organisations/${organisation.id}/sso`).set(admin.auth).expect(200)).body as OrganisationSsoResponse;
      expect(shown).toEqual({ available: true, configured: true, name: 'Northshire account', issuer: north.issuer, clientId: 'north-client', clientSecretSet: true, redirectUri: 'http://app.test/api/auth/oidc/callback', updatedAt: expect.any(String) });
      expect(JSON.stringify(shown)).not.toContain(NORTH_SECRET);
      const [row] = (await t.db.query(`SELECT * FROM "organisation_sso_providers" WHERE "organisationId" = $1`, [organisation.id])) as Record<string, string>[];
      expect(JSON.stringify(row)).not.toContain(NORTH_SECRET);
      expect(row.clientSecretCiphertext).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(row.clientSecretKeyId).toMatch(/^[0-9a-f]{16}$/);
      // Changing the label without a secret keeps the stored one (sign-in still works).
      await request(t.http).put(`/api/organisations/${organisation.id}/sso`).set(admin.auth).send({ name: 'Northshire staff', issuer: north.issuer, clientId: 'north-client' }).expect(200);
      const [after] = (await t.db.query(`SELECT "clientSecretCiphertext" FROM "organisation_sso_providers" WHERE "organisationId" = $1`, [organisation.id])) as Record<string, string>[];
      expect(after.clientSecretCiphertext).toBe(row.clientSecretCiphertext);
    });

    it('lets two admins setting it up at once take turns: both answered, one provider, the last one’s', async () => {
      const admin = await registerUser(t);
      const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Racing set-up' }).expect(201)).body as OrganisationResponse;
      const second = await joinOrganisation(t, admin, organisation.id, 'admin');
      // Another connection holds back every write to the table, so that both requests have read "no provider yet" before either writes.
      const holder = t.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`LOCK TABLE "organisation_sso_providers" IN SHARE MODE`);
      const puts = Promise.all(
        [admin, second].map((who, i) => request(t.http).put(`/api/organisations/${organisation.id}/sso`).set(who.auth).send({ name: `Account ${i}`, issuer: 'https://login.example.org/realms/race', clientId: `client-${i}`, clientSecret: `secret-${i}` }).then((r) => r)),
      );
      for (let tries = 0; tries < 100; tries++) {
        const [{ waiting }] = (await holder.query(`SELECT count(*)::int AS "waiting" FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`)) as { waiting: number }[];
        if (waiting >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await holder.commitTransaction();
      await holder.release();
      const answers = await puts;
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const rows = (await t.db.query(`SELECT "name", "clientId" FROM "organisation_sso_providers" WHERE "organisationId" = $1`, [organisation.id])) as { name: string; clientId: string }[];
      expect(rows).toHaveLength(1);
      expect(['Account 0', 'Account 1']).toContain(rows[0].name);
      expect(rows[0].clientId).toBe(`client-${rows[0].name.slice(-1)}`);
    });

    it.each([
      ['no name', { issuer: 'https://login.example.org', clientId: 'c', clientSecret: 's' }, 'name'],
      ['an issuer that is not https', { name: 'N', issuer: 'http://login.example.org', clientId: 'c', clientSecret: 's' }, 'issuer'],
      ['an issuer that is not a URL', { name: 'N', issuer: 'login', clientId: 'c', clientSecret: 's' }, 'issuer'],
      ['an issuer with credentials', { name: 'N', issuer: 'https://user:pw@login.example.org', clientId: 'c', clientSecret: 's' }, 'issuer'],
      ['an empty client id', { name: 'N', issuer: 'https://login.example.org', clientId: '', clientSecret: 's' }, 'clientId'],
      ['a client id with a control character', { name: 'N', issuer: 'https://login.example.org', clientId: 'c\u0000', clientSecret: 's' }, 'clientId'],
      ['no secret the first time', { name: 'N', issuer: 'https://login.example.org', clientId: 'c' }, 'clientSecret'],
      ['a secret that is not text', { name: 'N', issuer: 'https://login.example.org', clientId: 'c', clientSecret: 42 }, 'clientSecret'],
      ['an unknown field', { name: 'N', issuer: 'https://login.example.org', clientId: 'c', clientSecret: 's', extra: 1 }, 'extra'],
    ])('answers 400 naming the field for %s, writing nothing', async (_what, sent, field) => {
      const admin = await registerUser(t);
      const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Bad input' }).expect(201)).body as OrganisationResponse;
      const response = await request(t.http).put(`/api/organisations/${organisation.id}/sso`).set(admin.auth).send(sent).expect(400);
      expect(response.body.message).toContain(field);
      expect((await request(t.http).get(`/api/organisations/${organisation.id}/sso`).set(admin.auth).expect(200)).body).toMatchObject({ configured: false });
    });
  });

  describe('signing in with an organisation’s own provider', () => {
    it('offers each organisation’s provider for its verified domain, and signs its people in through it into that organisation', async () => {
      const northshire = await organisationWithProvider('Northshire', north.issuer, 'north-client', NORTH_SECRET);
      const southshire = await organisationWithProvider('Southshire', south.issuer, 'south-client', SOUTH_SECRET);
      for (const [world, issuer] of [[northshire, north.issuer], [southshire, south.issuer]] as const) {
        const email = `sam.${randomUUID().slice(0, 6)}@${world.domain}`;
        expect((await request(t.http).get('/api/auth/oidc/lookup').query({ email: email.toUpperCase() }).expect(200)).body).toEqual({ provider: { organisationId: world.organisation.id, name: `${world.organisation.name} account` } });
        const first = await signInWithProvider(t, { sub: randomUUID(), email }, { organisationId: world.organisation.id, returnTo: '/organisations' });
        expect(first.providerOrigin).toBe(issuer);
        expect(first.callback.headers.location).toBe('http://app.test/organisations');
        const mine = (await request(t.http).get('/api/organisations').set('Cookie', first.app.header()).expect(200)).body as MyOrganisationResponse[];
        expect(mine.map((o) => [o.id, o.role])).toEqual([[world.organisation.id, 'member']]);
        const id = ((await request(t.http).get('/api/me').set('Cookie', first.app.header()).expect(200)).body as { id: string }).id;
        const second = await signInWithProvider(t, { sub: randomUUID(), email }, { organisationId: world.organisation.id });
        expect(((await request(t.http).get('/api/me').set('Cookie', second.app.header()).expect(200)).body as { id: string }).id).toBe(id);
      }
      expect((await request(t.http).get('/api/auth/oidc/lookup').query({ email: uniqueEmail('nobody') }).expect(200)).body).toEqual({ provider: null });
      expect((await request(t.http).get('/api/auth/oidc/lookup').query({ email: 'not an address' }).expect(400)).body.message).toContain('email');
    });

    it('refuses an address outside the organisation’s verified domains (its provider cannot vouch for other people), creating nobody', async () => {
      const northshire = await organisationWithProvider('Northshire', north.issuer, 'north-client', NORTH_SECRET);
      const southshire = await organisationWithProvider('Southshire', south.issuer, 'south-client', SOUTH_SECRET);
      const victim = await registerUser(t, { email: `victim@${southshire.domain}` });
      const before = await count('users');
      for (const email of [victim.email, uniqueEmail('elsewhere')]) {
        const { callback, app } = await signInWithProvider(t, { sub: randomUUID(), email }, { organisationId: northshire.organisation.id });
        expect(callback.headers.location).toBe('http://app.test/sign-in?sso=other-domain');
        expect(app.get('als_session')).toBeUndefined();
      }
      expect(await count('users')).toBe(before);
    });

    it('answers 404 at the start for an organisation without a provider (or an id that is not one)', async () => {
      const admin = await registerUser(t);
      const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'No provider' }).expect(201)).body as OrganisationResponse;
      for (const id of [organisation.id, randomUUID(), 'not-an-id']) await request(t.http).get('/api/auth/oidc/start').query({ organisationId: id }).expect(404);
    });

    it('keeps the platform’s provider working beside them', async () => {
      const email = uniqueEmail('platform');
      const { callback, app, providerOrigin } = await signInWithProvider(t, { sub: randomUUID(), email });
      expect(providerOrigin).toBe(north.issuer);
      expect(callback.headers.location).toBe('http://app.test/');
      expect(((await request(t.http).get('/api/me').set('Cookie', app.header()).expect(200)).body as { email: string }).email).toBe(email);
      expect((await request(t.http).get('/api/auth/oidc').expect(200)).body).toEqual({ enabled: true, name: 'Platform account' });
    });

    it('requiring single sign-on names the organisation’s own provider in the refusal', async () => {
      const { admin, organisation, domain: d } = await organisationWithProvider('Strictshire', south.issuer, 'south-client', SOUTH_SECRET);
      const person = await registerUser(t, { email: `pat@${d}` });
      await request(t.http).patch(`/api/organisations/${organisation.id}`).set(admin.auth).send({ requireSso: true }).expect(200);
      const refused = await request(t.http).post('/api/auth/login').send({ email: person.email, password: 'correct horse battery' }).expect(403);
      expect(refused.body.message).toBe('Your organisation signs you in with Strictshire account: use "Sign in with Strictshire account" instead of a password.');
      // With the platform's provider beside it, the organisation's may go.
      expect((await request(t.http).delete(`/api/organisations/${organisation.id}/sso`).set(admin.auth)).status).toBe(204);
    });

    it('opens a secret sealed with an older key after a rotation, and seals it again with the new one', async () => {
      const { organisation, domain: d } = await organisationWithProvider('Rotashire', south.issuer, 'south-client', SOUTH_SECRET);
      const [before] = (await t.db.query(`SELECT "clientSecretKeyId" FROM "organisation_sso_providers" WHERE "organisationId" = $1`, [organisation.id])) as { clientSecretKeyId: string }[];
      const rotated = await startTestApp({ SSO_SECRET_KEY: `${NEXT_KEY},${KEY}` });
      try {
        const { callback } = await signInWithProvider(rotated, { sub: randomUUID(), email: `rota@${d}` }, { organisationId: organisation.id });
        expect(callback.headers.location).toBe('http://app.test/');
        const [after] = (await t.db.query(`SELECT "clientSecretKeyId", "clientSecretCiphertext" FROM "organisation_sso_providers" WHERE "organisationId" = $1`, [organisation.id])) as { clientSecretKeyId: string; clientSecretCiphertext: string }[];
        expect(after.clientSecretKeyId).not.toBe(before.clientSecretKeyId);
        expect(after.clientSecretCiphertext).not.toContain(SOUTH_SECRET);
      } finally {
        await rotated.close();
      }
      // The old key alone no longer opens it: the sign-in is refused, nothing else is tried.
      const start = await request(t.http).get('/api/auth/oidc/start').query({ organisationId: organisation.id }).expect(302);
      expect(start.headers.location).toBe('http://app.test/sign-in?sso=failed');
    });
  });

  describe('without SSO_SECRET_KEY', () => {
    it('says organisations cannot set up their own provider, storing nothing', async () => {
      const keyless = await startTestApp();
      try {
        const admin = await registerUser(keyless);
        const organisation = (await request(keyless.http).post('/api/organisations').set(admin.auth).send({ name: 'Keyless' }).expect(201)).body as OrganisationResponse;
        expect((await request(keyless.http).get(`/api/organisations/${organisation.id}/sso`).set(admin.auth).expect(200)).body).toMatchObject({ available: false, configured: false });
        const refused = await request(keyless.http).put(`/api/organisations/${organisation.id}/sso`).set(admin.auth).send({ name: 'K', issuer: 'https://login.example.org', clientId: 'c', clientSecret: 's' }).expect(409);
        expect(refused.body).toMatchObject({ code: 'organisation.sso-key-missing', message: 'Single sign-on for an organisation cannot be set up on this platform yet: its operator must set SSO_SECRET_KEY (which encrypts client secrets) first.' });
        const rows = (await keyless.db.query(`SELECT 1 FROM "organisation_sso_providers" WHERE "organisationId" = $1`, [organisation.id])) as unknown[];
        expect(rows).toEqual([]);
      } finally {
        await keyless.close();
      }
    });
  });

  describe('domain verification', () => {
    it('keeps a domain pending until its TXT record is published: nobody joins by it before', async () => {
      const admin = await registerUser(t);
      const d = domain('pending');
      const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Pendingshire', emailDomains: [d] }).expect(201)).body as OrganisationResponse;
      const listed = (await request(t.http).get(`/api/organisations/${organisation.id}/domains`).set(admin.auth).expect(200)).body as OrganisationDomainsResponse;
      expect(listed.domains).toEqual([{ domain: d, status: 'pending', verifiedAt: null, txtRecord: expect.stringMatching(/^als-verification=[\w-]{32}$/) }]);
      const early = await signInWithProvider(t, { sub: randomUUID(), email: `early@${d}` });
      expect((await request(t.http).get('/api/organisations').set('Cookie', early.app.header()).expect(200)).body).toEqual([]);

      dns.set(d, ['v=spf1 -all', 'als-verification=someone-elses-token']);
      const refused = await request(t.http).post(`/api/organisations/${organisation.id}/domains/${d}/verify`).set(admin.auth).expect(409);
      expect(refused.body).toMatchObject({ code: 'organisation.domain-not-verified', message: `No TXT record "${listed.domains[0].txtRecord}" was found at ${d}: publish it with your DNS provider, then verify again (a new record can take up to an hour to be seen).` });
      dns.set(d, ['v=spf1 -all', listed.domains[0].txtRecord]);
      const verified = (await request(t.http).post(`/api/organisations/${organisation.id}/domains/${d.toUpperCase()}/verify`).set(admin.auth).expect(200)).body as { status: string; verifiedAt: string };
      expect(verified).toMatchObject({ status: 'verified', verifiedAt: expect.any(String) });
      // Renaming the organisation or listing the domain again keeps it verified.
      await request(t.http).patch(`/api/organisations/${organisation.id}`).set(admin.auth).send({ name: 'Verifiedshire', emailDomains: [d, domain('another')] }).expect(200);
      expect(((await request(t.http).get(`/api/organisations/${organisation.id}/domains`).set(admin.auth).expect(200)).body as OrganisationDomainsResponse).domains.find((x) => x.domain === d)?.status).toBe('verified');

      const later = await signInWithProvider(t, { sub: randomUUID(), email: `later@${d}` });
      expect(((await request(t.http).get('/api/organisations').set('Cookie', later.app.header()).expect(200)).body as MyOrganisationResponse[]).map((o) => o.id)).toEqual([organisation.id]);
      await request(t.http).post(`/api/organisations/${organisation.id}/domains/unclaimed.example.org/verify`).set(admin.auth).expect(404);
      await request(t.http).post(`/api/organisations/${organisation.id}/domains/not a domain/verify`).set(admin.auth).expect(404);
    });

    it('lets one organisation at most verify a domain, however two race for it', async () => {
      const d = domain('contested');
      const claimants: { admin: TestUser; organisation: OrganisationResponse }[] = [];
      for (const name of ['First claimant', 'Second claimant']) {
        const admin = await registerUser(t);
        claimants.push({ admin, organisation: (await request(t.http).post('/api/organisations').set(admin.auth).send({ name, emailDomains: [d] }).expect(201)).body as OrganisationResponse });
      }
      // Both tokens published (a domain's owner may have been fooled into publishing both).
      const records: string[] = [];
      for (const c of claimants) records.push(((await request(t.http).get(`/api/organisations/${c.organisation.id}/domains`).set(c.admin.auth).expect(200)).body as OrganisationDomainsResponse).domains[0].txtRecord);
      dns.set(d, records);
      const answers = await Promise.all(claimants.map((c) => request(t.http).post(`/api/organisations/${c.organisation.id}/domains/${d}/verify`).set(c.admin.auth)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body).toMatchObject({ code: 'organisation.domain-taken', message: `${d} is already verified by another organisation: it can belong to one only.` });
      const verified = (await t.db.query(`SELECT count(*)::int AS n FROM "organisation_email_domains" WHERE "domain" = $1 AND "verifiedAt" IS NOT NULL`, [d])) as { n: number }[];
      expect(verified[0].n).toBe(1);
      // The database holds the rule on its own too.
      await expect(t.db.query(`UPDATE "organisation_email_domains" SET "verifiedAt" = now() WHERE "domain" = $1`, [d])).rejects.toThrow(/UQ_organisation_email_domains_verified_domain/);
    });
  });

  describe('the logo', () => {
    it('is uploaded as a PNG or JPEG by an admin and shown to its people and its sets’ people, with its type and caching; anyone else 404', async () => {
      const admin = await registerUser(t);
      const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Logoshire' }).expect(201)).body as OrganisationResponse;
      await request(t.http).get(`/api/organisations/${organisation.id}/logo`).set(admin.auth).expect(404);
      await request(t.http).put(`/api/organisations/${organisation.id}/logo`).set(admin.auth).set('Content-Type', 'image/png').send(PNG).expect(204);
      const shown = await request(t.http).get(`/api/organisations/${organisation.id}/logo`).set(admin.auth).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(shown.headers['content-type']).toBe('image/png');
      expect(shown.headers['cache-control']).toBe('private, max-age=300');
      expect(shown.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(shown.body as Buffer, PNG)).toBe(0);
      await request(t.http).get(`/api/organisations/${organisation.id}/logo`).set(admin.auth).set('If-None-Match', shown.headers.etag as string).expect(304);

      const setPerson = await registerUser(t);
      const set = await createSet(t, admin, { organisationId: organisation.id });
      const member = await addMember(t, admin, set.id, 'member');
      await request(t.http).get(`/api/organisations/${organisation.id}/logo`).set(member.auth).expect(200);
      const brand = (await request(t.http).get(`/api/organisations/${organisation.id}/brand`).set(member.auth).expect(200)).body as { logoUrl: string };
      expect(brand).toEqual({ id: organisation.id, name: 'Logoshire', logoUrl: expect.stringMatching(new RegExp(`^/api/organisations/${organisation.id}/logo\\?v=[0-9a-f]{12}$`)) });
      await request(t.http).get(brand.logoUrl).set(member.auth).expect(200);
      await request(t.http).get(`/api/organisations/${organisation.id}/brand`).set(setPerson.auth).expect(404);
      for (const outsider of [setPerson]) await request(t.http).get(`/api/organisations/${organisation.id}/logo`).set(outsider.auth).expect(404);
      await request(t.http).get(`/api/organisations/${organisation.id}/logo`).expect(401);

      await request(t.http).put(`/api/organisations/${organisation.id}/logo`).set(admin.auth).set('Content-Type', 'image/jpeg').send(JPEG).expect(204);
      expect((await request(t.http).get(`/api/organisations/${organisation.id}/logo`).set(admin.auth).expect(200)).headers['content-type']).toBe('image/jpeg');
      await request(t.http).delete(`/api/organisations/${organisation.id}/logo`).set(admin.auth).expect(204);
      await request(t.http).get(`/api/organisations/${organisation.id}/logo`).set(admin.auth).expect(404);
      expect((await request(t.http).get(`/api/organisations/${organisation.id}/brand`).set(admin.auth).expect(200)).body).toMatchObject({ logoUrl: null });
      await request(t.http).delete(`/api/organisations/${organisation.id}/logo`).set(admin.auth).expect(404);
    });

    it.each([
      ['an SVG', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 400],
      ['HTML sent as a PNG', 'image/png', Buffer.from('<!doctype html><script>alert(1)</script>'), 400],
      ['a PNG sent as a JPEG', 'image/jpeg', PNG, 400],
      ['nothing', 'image/png', Buffer.alloc(0), 400],
      ['JSON', 'application/json', Buffer.from('{"data":"x"}'), 400],
      ['over 256 KB', 'image/png', Buffer.concat([PNG, Buffer.alloc(256 * 1024)]), 413],
    ])('refuses %s, keeping the logo it had', async (_what, type, bytes, status) => {
      const admin = await registerUser(t);
      const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Strict logos' }).expect(201)).body as OrganisationResponse;
      await request(t.http).put(`/api/organisations/${organisation.id}/logo`).set(admin.auth).set('Content-Type', 'image/png').send(PNG).expect(204);
      const response = await request(t.http).put(`/api/organisations/${organisation.id}/logo`).set(admin.auth).set('Content-Type', type).send(bytes).expect(status);
      if (status === 400) expect(response.body.code).toBe('organisation.invalid-logo');
      expect((await request(t.http).get(`/api/organisations/${organisation.id}/logo`).set(admin.auth).expect(200)).headers['content-type']).toBe('image/png');
    });
  });
});
