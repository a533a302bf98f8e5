import { DEFAULT_GROUND_RULES, type SetDetailResponse, type SetSummaryResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, setWithRoles, TestUser } from './factories';

describe('sets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const detail = async (user: TestUser, setId: string) => (await request(t.http).get(`/api/sets/${setId}`).set(user.auth).expect(200)).body as SetDetailResponse;

  describe('POST /api/sets', () => {
    it('creates the set with the default ground rules and makes the caller its facilitator', async () => {
      const fran = await registerUser(t);
      const response = await request(t.http).post('/api/sets').set(fran.auth).send({ name: 'Hard cases', mode: 'face-to-face', timeZone: 'Europe/London' }).expect(201);
      expect(response.body).toMatchObject({ id: expect.any(String), name: 'Hard cases', mode: 'face-to-face', timeZone: 'Europe/London', groundRules: DEFAULT_GROUND_RULES, role: 'facilitator', purpose: '' });
      const set = await detail(fran, response.body.id);
      expect(set.members).toEqual([expect.objectContaining({ userId: fran.id, role: 'facilitator' })]);
    });

    it('keeps ground rules the facilitator wrote', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran, { groundRules: 'Our own rule' });
      expect(set.groundRules).toBe('Our own rule');
    });
  });

  describe('GET /api/sets', () => {
    it('lists only the caller\'s sets, with their role and member count', async () => {
      const fran = await registerUser(t);
      const other = await registerUser(t);
      const mine = await createSet(t, fran, { name: 'Mine' });
      await createSet(t, other, { name: 'Not mine' });
      const pat = await addMember(t, fran, mine.id, 'member');
      const franSets = (await request(t.http).get('/api/sets').set(fran.auth).expect(200)).body as SetSummaryResponse[];
      expect(franSets.map((s) => s.name)).toEqual(['Mine']);
      expect(franSets[0]).toMatchObject({ role: 'facilitator', memberCount: 2 });
      const patSets = (await request(t.http).get('/api/sets').set(pat.auth).expect(200)).body as SetSummaryResponse[];
      expect(patSets).toEqual([expect.objectContaining({ id: mine.id, role: 'member' })]);
    });
  });

  describe('GET /api/sets/:setId', () => {
    it('notes a set outside 4 to 8 participants, and not one inside (sponsors do not count)', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran);
      await addMember(t, fran, set.id, 'sponsor');
      expect((await detail(fran, set.id)).sizeNote).toContain('This set has 1 participant');
      for (let i = 0; i < 3; i++) await addMember(t, fran, set.id, 'member');
      const four = await detail(fran, set.id);
      expect(four.participantCount).toBe(4);
      expect(four.sizeNote).toBeNull();
    });

    it('shows e-mail addresses to facilitators only', async () => {
      const { set, facilitator, member, sponsor } = await setWithRoles(t);
      expect((await detail(facilitator, set.id)).members.every((m) => m.email)).toBe(true);
      expect((await detail(member, set.id)).members.some((m) => m.email)).toBe(false);
      expect((await detail(sponsor, set.id)).members.some((m) => m.email)).toBe(false);
    });
  });

  describe('PATCH /api/sets/:setId', () => {
    it('changes only the fields sent', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran, { name: 'Before', purpose: 'Kept' });
      const response = await request(t.http).patch(`/api/sets/${set.id}`).set(fran.auth).send({ name: 'After', mode: 'async' }).expect(200);
      expect(response.body).toMatchObject({ name: 'After', mode: 'async', purpose: 'Kept', timeZone: set.timeZone });
    });
  });

  describe('members', () => {
    it('removing a member ends their access at once', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran);
      const pat = await addMember(t, fran, set.id);
      await request(t.http).get(`/api/sets/${set.id}`).set(pat.auth).expect(200);
      await request(t.http).delete(`/api/sets/${set.id}/members/${pat.id}`).set(fran.auth).expect(204);
      await request(t.http).get(`/api/sets/${set.id}`).set(pat.auth).expect(404);
      expect(((await request(t.http).get('/api/sets').set(pat.auth).expect(200)).body as unknown[]).length).toBe(0);
    });

    it('lets a member leave', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran);
      const pat = await addMember(t, fran, set.id);
      await request(t.http).delete(`/api/sets/${set.id}/members/${pat.id}`).set(pat.auth).expect(204);
      expect((await detail(fran, set.id)).members.map((m) => m.userId)).toEqual([fran.id]);
    });

    it('changes a role', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran);
      const pat = await addMember(t, fran, set.id);
      const response = await request(t.http).patch(`/api/sets/${set.id}/members/${pat.id}`).set(fran.auth).send({ role: 'facilitator' }).expect(200);
      expect(response.body).toEqual({ setId: set.id, userId: pat.id, role: 'facilitator' });
      await request(t.http).get(`/api/sets/${set.id}/invitations`).set(pat.auth).expect(200);
    });

    it('hands facilitation over: the member facilitates, the caller becomes a member', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran);
      const pat = await addMember(t, fran, set.id);
      await request(t.http).post(`/api/sets/${set.id}/facilitator-handover`).set(fran.auth).send({ userId: pat.id }).expect(200);
      const roles = Object.fromEntries((await detail(pat, set.id)).members.map((m) => [m.userId, m.role]));
      expect(roles).toEqual({ [fran.id]: 'member', [pat.id]: 'facilitator' });
      await request(t.http).patch(`/api/sets/${set.id}`).set(fran.auth).send({ name: 'No longer mine' }).expect(403);
    });

    it('refuses to hand facilitation to a sponsor or to someone outside the set', async () => {
      const { set, facilitator, sponsor, outsider } = await setWithRoles(t);
      await request(t.http).post(`/api/sets/${set.id}/facilitator-handover`).set(facilitator.auth).send({ userId: sponsor.id }).expect(409);
      await request(t.http).post(`/api/sets/${set.id}/facilitator-handover`).set(facilitator.auth).send({ userId: outsider.id }).expect(404);
      expect((await detail(facilitator, set.id)).role).toBe('facilitator');
    });

    it.each([
      ['leave', (setId: string, me: TestUser) => request(t.http).delete(`/api/sets/${setId}/members/${me.id}`).set(me.auth)],
      ['demote themself', (setId: string, me: TestUser) => request(t.http).patch(`/api/sets/${setId}/members/${me.id}`).set(me.auth).send({ role: 'member' })],
    ])('keeps at least one facilitator: the last one cannot %s (409)', async (_, act) => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran);
      await addMember(t, fran, set.id);
      const response = await act(set.id, fran).expect(409);
      expect(response.body.message).toContain('at least one facilitator');
      expect((await detail(fran, set.id)).role).toBe('facilitator');
    });
  });

  describe('access by role', () => {
    type Who = 'facilitator' | 'member' | 'sponsor' | 'removed' | 'outsider' | 'anonymous';
    let world: Awaited<ReturnType<typeof setWithRoles>>;
    let target: TestUser;
    beforeAll(async () => {
      world = await setWithRoles(t);
    });
    beforeEach(async () => {
      target = await addMember(t, world.facilitator, world.set.id, 'member');
    });
    const as = (who: Who) => (who === 'anonymous' ? {} : world[who].auth);

    const routes: Record<string, (who: Who) => request.Test> = {
      'GET /sets/:setId': (who) => request(t.http).get(`/api/sets/${world.set.id}`).set(as(who)),
      'PATCH /sets/:setId': (who) => request(t.http).patch(`/api/sets/${world.set.id}`).set(as(who)).send({ purpose: `edited by ${who}` }),
      'PATCH /sets/:setId/members/:userId': (who) => request(t.http).patch(`/api/sets/${world.set.id}/members/${target.id}`).set(as(who)).send({ role: 'sponsor' }),
      'DELETE /sets/:setId/members/:userId (someone else)': (who) => request(t.http).delete(`/api/sets/${world.set.id}/members/${target.id}`).set(as(who)),
      'GET /sets/:setId/invitations': (who) => request(t.http).get(`/api/sets/${world.set.id}/invitations`).set(as(who)),
      'POST /sets/:setId/invitations': (who) => request(t.http).post(`/api/sets/${world.set.id}/invitations`).set(as(who)).send({ email: `new-${who}-${Date.now()}@example.org`, role: 'member' }),
    };
    const expected: Record<string, Record<Who, number>> = {
      'GET /sets/:setId': { facilitator: 200, member: 200, sponsor: 200, removed: 404, outsider: 404, anonymous: 401 },
      'PATCH /sets/:setId': { facilitator: 200, member: 403, sponsor: 403, removed: 404, outsider: 404, anonymous: 401 },
      'PATCH /sets/:setId/members/:userId': { facilitator: 200, member: 403, sponsor: 403, removed: 404, outsider: 404, anonymous: 401 },
      'DELETE /sets/:setId/members/:userId (someone else)': { facilitator: 204, member: 403, sponsor: 403, removed: 404, outsider: 404, anonymous: 401 },
      'GET /sets/:setId/invitations': { facilitator: 200, member: 403, sponsor: 403, removed: 404, outsider: 404, anonymous: 401 },
      'POST /sets/:setId/invitations': { facilitator: 201, member: 403, sponsor: 403, removed: 404, outsider: 404, anonymous: 401 },
    };
    const cases = Object.entries(expected).flatMap(([route, byWho]) => Object.entries(byWho).map(([who, status]) => [route, who as Who, status] as const));

    it.each(cases)('%s as %s answers %i', async (route, who, status) => {
      const response = await routes[route](who);
      expect(response.status).toBe(status);
      if (status >= 400) expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
      if (status >= 400) {
        const [row] = await t.db.query('SELECT role FROM set_memberships WHERE "setId" = $1 AND "userId" = $2', [world.set.id, target.id]);
        expect(row?.role).toBe('member');
      }
    });

    it('answers 404, not 403, for a set that does not exist or a malformed id', async () => {
      await request(t.http).get('/api/sets/00000000-0000-4000-8000-000000000000').set(world.member.auth).expect(404);
      await request(t.http).get('/api/sets/not-a-uuid').set(world.member.auth).expect(404);
    });
  });
});
