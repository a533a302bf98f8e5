import { randomUUID } from 'node:crypto';
import type {
  AuthResponse,
  OrganisationDetailResponse,
  OrganisationEvaluationResponse,
  OrganisationInvitationCreatedResponse,
  OrganisationPeopleResponse,
  OrganisationResponse,
  SetResponse,
} from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, PASSWORD, registerUser, TestUser, uniqueEmail } from './factories';
import { connect, listen, LiveClient, twoProcesses } from './live-client';
import { linkIn, parsedMails } from './mail';
import { fakeDns, verifyDomain } from './oidc';

const DISABLED = 'This account has been disabled by an admin of your organisation: ask them to enable it before you sign in.';
const DISABLED_REASON = 'Your account was disabled by an admin of your organisation.';
const NOBODY = '00000000-0000-4000-8000-000000000000';

function domain(): string {
  return `council-${randomUUID().slice(0, 8)}.example.org`;
}

async function createOrganisation(t: TestApp, admin: TestUser, body: { name?: string; emailDomains?: string[] } = {}): Promise<OrganisationResponse> {
  return (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Northshire County Council', ...body }).expect(201)).body as OrganisationResponse;
}

/** Registers a person and brings them into the organisation with `role` through its invitation. */
async function joinOrganisation(t: TestApp, admin: TestUser, organisationId: string, role: 'admin' | 'member', overrides: { displayName?: string } = {}): Promise<TestUser> {
  const person = await registerUser(t, { displayName: overrides.displayName ?? `An organisation ${role}` });
  const invitation = (await request(t.http).post(`/api/organisations/${organisationId}/people`).set(admin.auth).send({ email: person.email, role }).expect(201)).body as OrganisationInvitationCreatedResponse;
  await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set(person.auth).send({}).expect(200);
  return person;
}

async function signIn(t: TestApp, email: string): Promise<{ token: string; auth: { Authorization: string } }> {
  const body = (await request(t.http).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)).body as AuthResponse;
  return { token: body.accessToken, auth: { Authorization: `Bearer ${body.accessToken}` } };
}

/** An organisation with one person of each role the issue names, and a set of its own run by a facilitator who is not one of its people. */
async function organisationWithRoles(t: TestApp) {
  const admin = await registerUser(t, { displayName: 'Ada Admin' });
  const organisation = await createOrganisation(t, admin, { emailDomains: [domain()] });
  const member = await joinOrganisation(t, admin, organisation.id, 'member', { displayName: 'Mo Member' });
  const set = await createSet(t, member, { name: 'Leadership set one', organisationId: organisation.id, purpose: 'SECRET PURPOSE of the set' });
  const facilitator = await addMember(t, member, set.id, 'facilitator');
  const outsider = await registerUser(t, { displayName: 'Olly Outsider' });
  const otherAdmin = await registerUser(t, { displayName: 'Otto Other' });
  const other = await createOrganisation(t, otherAdmin, { name: 'Southshire Trust', emailDomains: [domain()] });
  return { admin, organisation, member, set, facilitator, outsider, otherAdmin, other };
}

describe('organisations', () => {
  let t: TestApp;
  let base: string;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    base = await listen(t);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  const count = async (table: string) => ((await t.db.query(`SELECT count(*)::int AS n FROM "${table}"`)) as { n: number }[])[0].n;

  describe('POST /api/organisations', () => {
    it('creates the organisation with its e-mail domains (lower case, once each); the caller is its first admin', async () => {
      const admin = await registerUser(t);
      const d = domain();
      const organisation = await createOrganisation(t, admin, { name: '  Northshire  ', emailDomains: [d.toUpperCase(), d] });
      expect(organisation).toEqual({ id: expect.any(String), name: 'Northshire', emailDomains: [d], requireSso: false, defaultGroundRules: null, defaultRetentionDays: null });
      expect((await request(t.http).get('/api/organisations').set(admin.auth).expect(200)).body).toEqual([{ ...organisation, role: 'admin' }]);
      expect((await request(t.http).get(`/api/organisations/${organisation.id}`).set(admin.auth).expect(200)).body).toEqual({ ...organisation, sets: [] });
    });

    it('lets two organisations claim a domain while it is pending; once one verified it, refuses it to others (409), creating nothing', async () => {
      const first = await registerUser(t);
      const d = domain();
      const owner = await createOrganisation(t, first, { emailDomains: [d] });
      await createOrganisation(t, await registerUser(t), { name: 'Also claiming', emailDomains: [d] });
      await verifyDomain(t, fakeDns(t), first, owner.id, d);
      const before = await count('organisations');
      const response = await request(t.http).post('/api/organisations').set((await registerUser(t)).auth).send({ name: 'Copycat', emailDomains: [domain(), d] }).expect(409);
      expect(response.body.message).toBe(`emailDomains: ${d} already belongs to another organisation.`);
      expect(await count('organisations')).toBe(before);
    });

    it.each([
      ['no name', {}, 'name'],
      ['an empty name', { name: '   ' }, 'name'],
      ['a name with a line break', { name: 'North\nshire' }, 'name'],
      ['a name with a control character', { name: 'North\u0007shire' }, 'name'],
      ['a name too long', { name: 'x'.repeat(121) }, 'name'],
      ['emailDomains not a list', { name: 'N', emailDomains: 'northshire.gov.uk' }, 'emailDomains'],
      ['a domain that is not one', { name: 'N', emailDomains: ['not a domain'] }, 'emailDomains'],
      ['an e-mail address for a domain', { name: 'N', emailDomains: ['ada@northshire.gov.uk'] }, 'emailDomains'],
      ['a domain with a control character', { name: 'N', emailDomains: ['north\u0000shire.gov.uk'] }, 'emailDomains'],
      ['a number for a domain', { name: 'N', emailDomains: [42] }, 'emailDomains'],
      ['too many domains', { name: 'N', emailDomains: Array.from({ length: 21 }, (_, i) => `d${i}.example.org`) }, 'emailDomains'],
    ])('answers 400 naming the field for %s, creating nothing', async (_what, body, field) => {
      const before = await count('organisations');
      const response = await request(t.http).post('/api/organisations').set((await registerUser(t)).auth).send(body).expect(400);
      expect(response.body.message).toContain(field);
      expect(await count('organisations')).toBe(before);
    });

    it('needs a signed-in caller', async () => {
      await request(t.http).post('/api/organisations').send({ name: 'Anon' }).expect(401);
    });
  });

  describe('every route × every role', () => {
    let world: Awaited<ReturnType<typeof organisationWithRoles>>;
    beforeAll(async () => {
      world = await organisationWithRoles(t);
    });

    type Role = 'admin' | 'member' | 'facilitator' | 'outsider' | 'otherAdmin';
    const others: Role[] = ['facilitator', 'outsider', 'otherAdmin'];

    it('GET /api/organisations/:orgId: admins only, anyone else 404 (members too)', async () => {
      await request(t.http).get(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).expect(200);
      for (const role of ['member', ...others] as Role[]) {
        const response = await request(t.http).get(`/api/organisations/${world.organisation.id}`).set(world[role].auth).expect(404);
        expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Organisation not found.', code: 'organisation.not-found' });
      }
    });

    it.each([
      ['GET /evaluation', 'get', 'evaluation'],
      ['GET /people', 'get', 'people'],
    ] as const)('%s: admins 200, members 403, anyone else 404', async (_name, _method, path) => {
      await request(t.http).get(`/api/organisations/${world.organisation.id}/${path}`).set(world.admin.auth).expect(200);
      expect((await request(t.http).get(`/api/organisations/${world.organisation.id}/${path}`).set(world.member.auth).expect(403)).body).toMatchObject({ message: 'Only an admin of this organisation can do this.', code: 'organisation.role-required' });
      for (const role of others) await request(t.http).get(`/api/organisations/${world.organisation.id}/${path}`).set(world[role].auth).expect(404);
    });

    it('POST /people: admins 201; members 403 and anyone else 404, writing nothing', async () => {
      const before = await count('organisation_invitations');
      for (const [role, status] of [['member', 403], ['facilitator', 404], ['outsider', 404], ['otherAdmin', 404]] as const) {
        await request(t.http).post(`/api/organisations/${world.organisation.id}/people`).set(world[role].auth).send({ email: uniqueEmail('x'), role: 'member' }).expect(status);
      }
      expect(await count('organisation_invitations')).toBe(before);
      await request(t.http).post(`/api/organisations/${world.organisation.id}/people`).set(world.admin.auth).send({ email: uniqueEmail('x'), role: 'member' }).expect(201);
    });

    it('POST /people/:userId/disable and /enable: admins 204; members 403 and anyone else 404, changing nothing', async () => {
      for (const action of ['disable', 'enable']) {
        for (const [role, status] of [['member', 403], ['facilitator', 404], ['outsider', 404], ['otherAdmin', 404]] as const) {
          await request(t.http).post(`/api/organisations/${world.organisation.id}/people/${world.admin.id}/${action}`).set(world[role].auth).expect(status);
        }
      }
      await request(t.http).get('/api/me').set(world.admin.auth).expect(200);
      const target = await joinOrganisation(t, world.admin, world.organisation.id, 'member');
      await request(t.http).post(`/api/organisations/${world.organisation.id}/people/${target.id}/disable`).set(world.admin.auth).expect(204);
      await request(t.http).post(`/api/organisations/${world.organisation.id}/people/${target.id}/enable`).set(world.admin.auth).expect(204);
    });

    it('DELETE /people/:userId: admins remove anyone, members only themselves (403), anyone else 404', async () => {
      const leaver = await joinOrganisation(t, world.admin, world.organisation.id, 'member');
      await request(t.http).delete(`/api/organisations/${world.organisation.id}/people/${leaver.id}`).set(world.member.auth).expect(403);
      for (const role of others) await request(t.http).delete(`/api/organisations/${world.organisation.id}/people/${leaver.id}`).set(world[role].auth).expect(404);
      await request(t.http).delete(`/api/organisations/${world.organisation.id}/people/${leaver.id}`).set(leaver.auth).expect(204);
      await request(t.http).get(`/api/organisations/${world.organisation.id}/people`).set(leaver.auth).expect(404);
      const removed = await joinOrganisation(t, world.admin, world.organisation.id, 'member');
      await request(t.http).delete(`/api/organisations/${world.organisation.id}/people/${removed.id}`).set(world.admin.auth).expect(204);
      const people = (await request(t.http).get(`/api/organisations/${world.organisation.id}/people`).set(world.admin.auth).expect(200)).body as OrganisationPeopleResponse;
      expect(people.people.map((p) => p.userId)).not.toContain(removed.id);
    });

    it('PATCH /api/organisations/:orgId: admins change its name and domains; members 403, anyone else 404, changing nothing', async () => {
      const d = domain();
      for (const [role, status] of [['member', 403], ['facilitator', 404], ['outsider', 404], ['otherAdmin', 404]] as const) {
        await request(t.http).patch(`/api/organisations/${world.organisation.id}`).set(world[role].auth).send({ name: 'Taken over' }).expect(status);
      }
      const updated = (await request(t.http).patch(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).send({ name: 'Northshire Council', emailDomains: [d] }).expect(200)).body as OrganisationResponse;
      expect(updated).toEqual({ id: world.organisation.id, name: 'Northshire Council', emailDomains: [d], requireSso: false, defaultGroundRules: null, defaultRetentionDays: null });
      // Another organisation's verified domain stays theirs; single sign-on cannot be required where it is not set up.
      await verifyDomain(t, fakeDns(t), world.otherAdmin, world.other.id, world.other.emailDomains[0]);
      expect((await request(t.http).patch(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).send({ emailDomains: world.other.emailDomains }).expect(409)).body.message).toBe(`emailDomains: ${world.other.emailDomains[0]} already belongs to another organisation.`);
      expect((await request(t.http).patch(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).send({ requireSso: true }).expect(409)).body.message).toContain('single sign-on is not set up');
      for (const [body, field] of [
        [{ name: '' }, 'name'],
        [{ emailDomains: ['no'] }, 'emailDomains'],
        [{ requireSso: 'yes' }, 'requireSso'],
        [{ name: null }, 'name'],
        [{ defaultGroundRules: 'Rule\u0000' }, 'defaultGroundRules'],
        [{ defaultGroundRules: 'x'.repeat(5001) }, 'defaultGroundRules'],
        [{ defaultRetentionDays: -1 }, 'defaultRetentionDays'],
        [{ defaultRetentionDays: 1.5 }, 'defaultRetentionDays'],
      ] as const) {
        expect((await request(t.http).patch(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).send(body).expect(400)).body.message).toContain(field);
      }
      expect((await request(t.http).get(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).expect(200)).body).toMatchObject({ name: 'Northshire Council', emailDomains: [d], requireSso: false });
    });

    it('keeps at least one admin (409)', async () => {
      const response = await request(t.http).delete(`/api/organisations/${world.organisation.id}/people/${world.admin.id}`).set(world.admin.auth).expect(409);
      expect(response.body.message).toBe('The organisation needs at least one admin: make someone else an admin first.');
    });

    it('an admin of another organisation sees only their own organisation’s sets', async () => {
      const mine = (await request(t.http).get(`/api/organisations/${world.other.id}`).set(world.otherAdmin.auth).expect(200)).body as OrganisationDetailResponse;
      expect(mine.sets).toEqual([]);
      const figures = (await request(t.http).get(`/api/organisations/${world.other.id}/evaluation`).set(world.otherAdmin.auth).expect(200)).body as OrganisationEvaluationResponse;
      expect(figures.setCount).toBe(0);
      await request(t.http).get(`/api/organisations/${world.organisation.id}/evaluation`).set(world.otherAdmin.auth).expect(404);
    });

    it('answers 404 for an organisation that does not exist or an id that is not one, and 401 without credentials', async () => {
      await request(t.http).get(`/api/organisations/${NOBODY}`).set(world.admin.auth).expect(404);
      await request(t.http).get('/api/organisations/not-an-id').set(world.admin.auth).expect(404);
      await request(t.http).get(`/api/organisations/${world.organisation.id}`).expect(401);
      await request(t.http).post(`/api/organisations/${world.organisation.id}/people`).send({ email: uniqueEmail(), role: 'member' }).expect(401);
    });
  });

  describe('what admins see', () => {
    it('its sets with their facilitators, members count and next meeting, never their content', async () => {
      const world = await organisationWithRoles(t);
      await addMember(t, world.member, world.set.id, 'member');
      await addMember(t, world.member, world.set.id, 'sponsor');
      await request(t.http).post(`/api/sets/${world.set.id}/meetings`).set(world.member.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 120, format: 'in-person', location: 'SECRET ROOM' }).expect(201);
      await request(t.http).post(`/api/sets/${world.set.id}/meetings`).set(world.member.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 120, format: 'online' }).expect(201);
      await request(t.http).post(`/api/sets/${world.set.id}/rounds`).set(world.member.auth).send({ title: 'SECRET TITLE', caseText: 'SECRET CASE about a family' }).expect(201);
      const own = await createSet(t, world.outsider, { name: 'Not theirs' });
      const detail = (await request(t.http).get(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).expect(200)).body as OrganisationDetailResponse;
      expect(detail).toEqual({
        id: world.organisation.id,
        name: world.organisation.name,
        emailDomains: world.organisation.emailDomains,
        requireSso: false,
        defaultGroundRules: null,
        defaultRetentionDays: null,
        sets: [
          {
            id: world.set.id,
            name: 'Leadership set one',
            mode: 'blended',
            status: 'active',
            facilitators: [{ userId: world.member.id, displayName: 'Mo Member' }, { userId: world.facilitator.id, displayName: world.facilitator.displayName }],
            memberCount: 1,
            nextMeetingAt: '2031-03-04T09:30:00.000Z',
            meetingsHeld: 0,
            practice: false,
          },
        ],
      });
      expect(JSON.stringify(detail)).not.toContain(own.id);
      const figures = (await request(t.http).get(`/api/organisations/${world.organisation.id}/evaluation`).set(world.admin.auth).expect(200)).body as OrganisationEvaluationResponse;
      expect(figures).toMatchObject({ organisationId: world.organisation.id, setCount: 1, attendance: { meetings: 0 }, questionKinds: { open: 0, closed: 0, leading: 0, advice: 0 }, ratings: { count: 0, average: null } });
      expect(figures.sets.map((s) => [s.set.id, s.members])).toEqual([[world.set.id, null]]);
      for (const text of [JSON.stringify(detail), JSON.stringify(figures)]) {
        expect(text).not.toMatch(/SECRET/);
      }
      // The admin is not a member of the set: its content stays closed to them.
      await request(t.http).get(`/api/sets/${world.set.id}`).set(world.admin.auth).expect(404);
      // The set's facilitators see that an organisation admin looked at its figures.
      const audit = (await request(t.http).get(`/api/sets/${world.set.id}/audit`).set(world.member.auth).expect(200)).body as { action: string; actorId: string; detail: Record<string, unknown> }[];
      expect(audit.find((e) => e.actorId === world.admin.id)).toMatchObject({ action: 'evaluation.viewed', detail: { role: 'organisation-admin', organisationId: world.organisation.id } });
    });
  });

  describe('defaults its sets inherit', () => {
    it('starts a new set of the organisation with its ground rules and retention, unless the set says otherwise; null goes back to the platform’s', async () => {
      const world = await organisationWithRoles(t);
      await request(t.http).patch(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).send({ defaultGroundRules: 'Our council’s ground rules.', defaultRetentionDays: 30 }).expect(200);
      const inherited = await createSet(t, world.member, { organisationId: world.organisation.id });
      expect(inherited).toMatchObject({ groundRules: 'Our council’s ground rules.', retentionDays: 30 });
      const own = await createSet(t, world.member, { organisationId: world.organisation.id, groundRules: 'Our own.', retentionDays: 60 });
      expect(own).toMatchObject({ groundRules: 'Our own.', retentionDays: 60 });
      const elsewhere = await createSet(t, world.member);
      expect(elsewhere.retentionDays).toBe(90);
      await request(t.http).patch(`/api/organisations/${world.organisation.id}`).set(world.admin.auth).send({ defaultGroundRules: null, defaultRetentionDays: null }).expect(200);
      expect((await createSet(t, world.member, { organisationId: world.organisation.id })).retentionDays).toBe(90);
    });
  });

  describe('POST /api/sets with organisationId', () => {
    it('lets admins and members create sets in it; anyone else 404, creating nothing', async () => {
      const world = await organisationWithRoles(t);
      const bySet = (await createSet(t, world.admin, { organisationId: world.organisation.id })) as SetResponse;
      expect(bySet.organisationId).toBe(world.organisation.id);
      expect(world.set.organisationId).toBe(world.organisation.id);
      expect((await createSet(t, world.outsider)).organisationId).toBeNull();
      const before = await count('sets');
      for (const person of [world.facilitator, world.outsider, world.otherAdmin]) {
        const response = await request(t.http).post('/api/sets').set(person.auth).send({ name: 'Sneaky', mode: 'virtual', timeZone: 'Europe/London', organisationId: world.organisation.id }).expect(404);
        expect(response.body.message).toBe('Organisation not found: organisationId must name an organisation you are an admin or member of.');
      }
      await request(t.http).post('/api/sets').set(world.admin.auth).send({ name: 'Bad', mode: 'virtual', timeZone: 'Europe/London', organisationId: NOBODY }).expect(404);
      for (const organisationId of ['not-an-id', 42, null]) {
        const response = await request(t.http).post('/api/sets').set(world.admin.auth).send({ name: 'Bad', mode: 'virtual', timeZone: 'Europe/London', organisationId }).expect(400);
        expect(response.body.message).toContain('organisationId');
      }
      expect(await count('sets')).toBe(before);
    });
  });

  describe('people and invitations', () => {
    it('invites by e-mail; the person joins on accepting; who has not yet accepted is listed', async () => {
      const admin = await registerUser(t, { displayName: 'Ada Admin' });
      const organisation = await createOrganisation(t, admin, { name: 'Westshire Council' });
      const invitee = await registerUser(t, { displayName: 'Ivy Invitee' });
      const invitation = (await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send({ email: `  ${invitee.email.toUpperCase()} `, role: 'admin' }).expect(201)).body as OrganisationInvitationCreatedResponse;
      expect(invitation).toMatchObject({ organisationId: organisation.id, email: invitee.email.toUpperCase(), role: 'admin', status: 'pending', token: expect.any(String) });
      let people = (await request(t.http).get(`/api/organisations/${organisation.id}/people`).set(admin.auth).expect(200)).body as OrganisationPeopleResponse;
      expect(people.people.map((p) => [p.displayName, p.role, p.disabledAt])).toEqual([['Ada Admin', 'admin', null]]);
      expect(people.notYetAccepted.map((i) => [i.id, i.status])).toEqual([[invitation.id, 'pending']]);

      let mail: { text: string } | undefined;
      for (let i = 0; i < 200 && !mail; i++) {
        mail = (await parsedMails(t.mailDir)).find((m) => m.to.toLowerCase().includes(invitee.email.toLowerCase()));
        if (!mail) await new Promise((r) => setTimeout(r, 25));
      }
      expect(mail?.text).toContain('Ada Admin has invited you to join Westshire Council');
      const link = linkIn(mail!.text, 'http://app.test/organisation-invitations/');
      expect(link).toBe(`http://app.test/organisation-invitations/${invitation.token}`);

      expect((await request(t.http).get(`/api/organisation-invitations/${invitation.token}`).expect(200)).body).toMatchObject({ organisationName: 'Westshire Council', invitedBy: 'Ada Admin', role: 'admin', status: 'pending' });
      const stranger = await registerUser(t);
      expect((await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set(stranger.auth).expect(403)).body.message).toBe(`This invitation is for ${invitee.email.toUpperCase()}. Sign in with that address to accept it.`);
      expect((await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set(invitee.auth).expect(200)).body).toEqual({ organisationId: organisation.id, userId: invitee.id, role: 'admin' });
      await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set(invitee.auth).expect(409);
      await request(t.http).post('/api/organisation-invitations/not-a-token/accept').set(invitee.auth).expect(404);
      await request(t.http).get('/api/organisation-invitations/not-a-token').expect(404);

      people = (await request(t.http).get(`/api/organisations/${organisation.id}/people`).set(invitee.auth).expect(200)).body as OrganisationPeopleResponse;
      expect(people.people.map((p) => [p.displayName, p.role])).toEqual([['Ada Admin', 'admin'], ['Ivy Invitee', 'admin']]);
      expect(people.notYetAccepted).toEqual([]);
    });

    it('refuses inviting someone already in it or already invited (409), and bad input (400 naming the field), writing nothing', async () => {
      const admin = await registerUser(t);
      const organisation = await createOrganisation(t, admin);
      const email = uniqueEmail('twice');
      await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send({ email, role: 'member' }).expect(201);
      const before = await count('organisation_invitations');
      await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send({ email, role: 'admin' }).expect(409);
      await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send({ email: admin.email, role: 'member' }).expect(409);
      for (const [body, field] of [
        [{ role: 'member' }, 'email'],
        [{ email: 'not-an-address', role: 'member' }, 'email'],
        [{ email: 'ada@example.org\u0000', role: 'member' }, 'email'],
        [{ email: uniqueEmail(), role: 'sponsor' }, 'role'],
        [{ email: uniqueEmail() }, 'role'],
      ] as const) {
        expect((await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send(body).expect(400)).body.message).toContain(field);
      }
      expect(await count('organisation_invitations')).toBe(before);
    });
  });

  describe('disabling and enabling an account', () => {
    it('ends every session of the person at once (REST 401, live connections closed within a second) and refuses sign-in until enabled', async () => {
      const admin = await registerUser(t, { displayName: 'Ada Admin' });
      const organisation = await createOrganisation(t, admin);
      const person = await joinOrganisation(t, admin, organisation.id, 'member');
      const phone = await signIn(t, person.email);
      const socket = await connect(base, person.token);
      clients.push(socket);
      const closed = new Promise<number>((resolve) => socket.socket.once('disconnect', () => resolve(Date.now())));
      const started = Date.now();
      await request(t.http).post(`/api/organisations/${organisation.id}/people/${person.id}/disable`).set(admin.auth).expect(204);
      expect((await closed) - started).toBeLessThan(1000);
      expect(socket.closed).toEqual([DISABLED_REASON]);
      for (const auth of [person.auth, phone.auth]) await request(t.http).get('/api/me').set(auth).expect(401);
      await expect(connect(base, person.token)).rejects.toThrow(/Sign in again/);
      const refused = await request(t.http).post('/api/auth/login').send({ email: person.email, password: PASSWORD }).expect(403);
      expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', message: DISABLED, code: 'auth.account-disabled' });
      // A wrong password is still just wrong: the account's state is told only to whoever knows the password.
      await request(t.http).post('/api/auth/login').send({ email: person.email, password: 'wrong password here' }).expect(401);
      const people = (await request(t.http).get(`/api/organisations/${organisation.id}/people`).set(admin.auth).expect(200)).body as OrganisationPeopleResponse;
      expect(people.people.find((p) => p.userId === person.id)?.disabledAt).toEqual(expect.any(String));
      await request(t.http).get('/api/me').set(admin.auth).expect(200);

      await request(t.http).post(`/api/organisations/${organisation.id}/people/${person.id}/disable`).set(admin.auth).expect(204);
      await request(t.http).post(`/api/organisations/${organisation.id}/people/${person.id}/enable`).set(admin.auth).expect(204);
      const again = await signIn(t, person.email);
      await request(t.http).get('/api/me').set(again.auth).expect(200);
    });

    it('refuses disabling oneself (409), someone outside the organisation or an id that is not one (404), changing nothing', async () => {
      const admin = await registerUser(t);
      const organisation = await createOrganisation(t, admin);
      const outsider = await registerUser(t);
      expect((await request(t.http).post(`/api/organisations/${organisation.id}/people/${admin.id}/disable`).set(admin.auth).expect(409)).body.message).toBe('You cannot disable your own account.');
      for (const userId of [outsider.id, NOBODY, 'not-an-id']) {
        expect((await request(t.http).post(`/api/organisations/${organisation.id}/people/${userId}/disable`).set(admin.auth).expect(404)).body.message).toBe('Person not found in this organisation.');
        await request(t.http).post(`/api/organisations/${organisation.id}/people/${userId}/enable`).set(admin.auth).expect(404);
      }
      for (const person of [admin, outsider]) await request(t.http).get('/api/me').set(person.auth).expect(200);
      const disabled = (await t.db.query(`SELECT count(*)::int AS n FROM users WHERE id = ANY($1) AND "disabledAt" IS NOT NULL`, [[admin.id, outsider.id]])) as { n: number }[];
      expect(disabled[0].n).toBe(0);
    });
  });

  describe('leaving the organisation', () => {
    it('takes only the place in it: the person’s learning log, CPD records and credentials stay theirs', async () => {
      const admin = await registerUser(t);
      const organisation = await createOrganisation(t, admin);
      const person = await joinOrganisation(t, admin, organisation.id, 'member');
      const set = await createSet(t, person, { organisationId: organisation.id });
      await request(t.http).post(`/api/sets/${set.id}/meetings`).set(person.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 120, format: 'in-person' }).expect(201);
      const entry = (await request(t.http).post('/api/me/learning-log').set(person.auth).send({ title: 'My reflection', body: 'What I learned about my practice.' }).expect(201)).body as { id: string };
      const cpdBefore = (await request(t.http).get('/api/me/cpd-export?format=csv').set(person.auth).expect(200)).text;
      const credentialsBefore = (await request(t.http).get('/api/me/credentials').set(person.auth).expect(200)).body as unknown[];

      await request(t.http).delete(`/api/organisations/${organisation.id}/people/${person.id}`).set(person.auth).expect(204);

      expect(((await request(t.http).get('/api/me/learning-log').set(person.auth).expect(200)).body as { id: string }[]).map((e) => e.id)).toEqual([entry.id]);
      expect((await request(t.http).get('/api/me/cpd-export?format=csv').set(person.auth).expect(200)).text).toBe(cpdBefore);
      expect((await request(t.http).get('/api/me/credentials').set(person.auth).expect(200)).body).toEqual(credentialsBefore);
      expect((await request(t.http).get('/api/organisations').set(person.auth).expect(200)).body).toEqual([]);
      await request(t.http).get(`/api/sets/${set.id}`).set(person.auth).expect(200);
    });
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)(`disabling across two API processes with Redis (REDIS_URL${redisUrl ? '' : ' not set: skipped'})`, () => {
  const processes = twoProcesses(redisUrl!);

  it('an admin disabling on process one closes the person’s sockets on process two within a second; process two refuses them', async () => {
    const admin = await registerUser(processes.one);
    const organisation = await createOrganisation(processes.one, admin);
    const person = await joinOrganisation(processes.one, admin, organisation.id, 'member');
    const phone = await signIn(processes.two, person.email);
    const sockets = [await connect(processes.baseTwo, person.token), await connect(processes.baseTwo, phone.token)];
    processes.clients.push(...sockets);
    const closed = Promise.all(sockets.map((s) => new Promise<number>((resolve) => s.socket.once('disconnect', () => resolve(Date.now())))));
    const started = Date.now();
    await request(processes.one.http).post(`/api/organisations/${organisation.id}/people/${person.id}/disable`).set(admin.auth).expect(204);
    expect(Math.max(...(await closed)) - started).toBeLessThan(1000);
    for (const s of sockets) expect(s.closed).toEqual([DISABLED_REASON]);
    for (const auth of [person.auth, phone.auth]) await request(processes.two.http).get('/api/me').set(auth).expect(401);
    await expect(connect(processes.baseTwo, phone.token)).rejects.toThrow(/Sign in again/);
    expect((await request(processes.two.http).post('/api/auth/login').send({ email: person.email, password: PASSWORD }).expect(403)).body.message).toBe(DISABLED);
    await request(processes.one.http).post(`/api/organisations/${organisation.id}/people/${person.id}/enable`).set(admin.auth).expect(204);
    await signIn(processes.two, person.email);
  });
});
