import type { OrganisationInvitationCreatedResponse, OrganisationResponse, PoolFacilitator, ProgrammeDetailResponse, ProgrammeEvaluationResponse, ProgrammeResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('programmes and the facilitator pool', () => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  let facilitator: TestUser;
  let outsider: TestUser;
  let otherAdmin: TestUser;
  let organisation: OrganisationResponse;
  let other: OrganisationResponse;
  let setA: { id: string };
  let setB: { id: string };
  let otherSet: { id: string };

  async function join(role: 'admin' | 'member', displayName: string): Promise<TestUser> {
    const person = await registerUser(t, { displayName });
    const invitation = (await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send({ email: person.email, role }).expect(201)).body as OrganisationInvitationCreatedResponse;
    await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set(person.auth).expect(200);
    return person;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerUser(t, { displayName: 'Ada Admin' });
    organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Northshire' }).expect(201)).body as OrganisationResponse;
    member = await join('member', 'Mo Member');
    setA = await createSet(t, member, { name: 'A set', organisationId: organisation.id });
    setB = await createSet(t, member, { name: 'B set', organisationId: organisation.id });
    facilitator = await addMember(t, member, setA.id, 'facilitator');
    outsider = await registerUser(t);
    otherAdmin = await registerUser(t);
    other = (await request(t.http).post('/api/organisations').set(otherAdmin.auth).send({ name: 'Southshire' }).expect(201)).body as OrganisationResponse;
    otherSet = await createSet(t, otherAdmin, { organisationId: other.id });
    await request(t.http).post(`/api/sets/${setA.id}/meetings`).set(member.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 120, format: 'in-person' }).expect(201);
  });
  afterAll(() => t.close());

  const count = async (table: string) => ((await t.db.query(`SELECT count(*)::int AS n FROM "${table}"`)) as { n: number }[])[0].n;

  it('groups sets into a programme with dates, shows its sets and figures, and exports them as CSV', async () => {
    const programme = (await request(t.http).post(`/api/organisations/${organisation.id}/programmes`).set(admin.auth).send({ name: '=Leadership 2031', startsOn: '2031-01-06', endsOn: '2031-07-04' }).expect(201)).body as ProgrammeResponse;
    expect(programme).toEqual({ id: expect.any(String), organisationId: organisation.id, name: '=Leadership 2031', startsOn: '2031-01-06', endsOn: '2031-07-04', setIds: [] });
    const detail = (await request(t.http).put(`/api/organisations/${organisation.id}/programmes/${programme.id}/sets`).set(admin.auth).send({ setIds: [setA.id, setB.id, setA.id] }).expect(200)).body as ProgrammeDetailResponse;
    expect(detail.setIds).toEqual([setA.id, setB.id].sort());
    expect(detail.sets.map((s) => [s.name, s.nextMeetingAt])).toEqual([['A set', '2031-03-04T09:30:00.000Z'], ['B set', null]]);
    expect(((await request(t.http).get(`/api/organisations/${organisation.id}/programmes`).set(admin.auth).expect(200)).body as ProgrammeResponse[]).map((p) => [p.id, p.setIds.length])).toEqual([[programme.id, 2]]);

    const figures = (await request(t.http).get(`/api/organisations/${organisation.id}/programmes/${programme.id}/evaluation`).set(admin.auth).expect(200)).body as ProgrammeEvaluationResponse;
    expect(figures).toMatchObject({ programmeId: programme.id, setCount: 2, attendance: { meetings: 0 } });
    expect(figures.sets.every((s) => s.members === null)).toBe(true);

    const csv = await request(t.http).get(`/api/organisations/${organisation.id}/programmes/${programme.id}/evaluation.csv`).set(admin.auth).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="programme-2031-01-06.csv"');
    const audit = (await request(t.http).get(`/api/sets/${setA.id}/audit`).set(member.auth).expect(200)).body as { action: string; actorId: string; detail: Record<string, unknown> }[];
    expect(audit.filter((e) => e.actorId === admin.id).map((e) => e.detail)).toEqual([
      { role: 'organisation-admin', organisationId: organisation.id, programmeId: programme.id, export: 'csv' },
      { role: 'organisation-admin', organisationId: organisation.id, programmeId: programme.id },
    ]);
    const lines = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Set,Meetings held,Attending replies,Apologies/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['A set', 'B set', 'All sets of =Leadership 2031']);
    expect(lines[1].split(',').slice(1, 3)).toEqual(['0', '0']);

    // Taking a set out: PUT replaces the list.
    expect(((await request(t.http).put(`/api/organisations/${organisation.id}/programmes/${programme.id}/sets`).set(admin.auth).send({ setIds: [setB.id] }).expect(200)).body as ProgrammeDetailResponse).setIds).toEqual([setB.id]);
  });

  it('keeps a set in one programme at most (409) and only the organisation’s sets (400 naming setIds), changing nothing', async () => {
    const first = (await request(t.http).post(`/api/organisations/${organisation.id}/programmes`).set(admin.auth).send({ name: 'First', startsOn: '2032-01-05' }).expect(201)).body as ProgrammeResponse;
    const second = (await request(t.http).post(`/api/organisations/${organisation.id}/programmes`).set(admin.auth).send({ name: 'Second', startsOn: '2032-02-05' }).expect(201)).body as ProgrammeResponse;
    await request(t.http).put(`/api/organisations/${organisation.id}/programmes/${first.id}/sets`).set(admin.auth).send({ setIds: [setA.id] }).expect(200);
    const before = await count('programme_sets');
    expect((await request(t.http).put(`/api/organisations/${organisation.id}/programmes/${second.id}/sets`).set(admin.auth).send({ setIds: [setA.id] }).expect(409)).body.message).toContain('already in another programme');
    expect((await request(t.http).put(`/api/organisations/${organisation.id}/programmes/${second.id}/sets`).set(admin.auth).send({ setIds: [otherSet.id] }).expect(400)).body.message).toBe(`setIds: ${otherSet.id} is not a set of this organisation`);
    for (const body of [{}, { setIds: 'x' }, { setIds: ['not-an-id'] }, { setIds: [42] }]) {
      expect((await request(t.http).put(`/api/organisations/${organisation.id}/programmes/${second.id}/sets`).set(admin.auth).send(body).expect(400)).body.message).toContain('setIds');
    }
    expect(await count('programme_sets')).toBe(before);
    await request(t.http).put(`/api/organisations/${organisation.id}/programmes/${NOBODY}/sets`).set(admin.auth).send({ setIds: [] }).expect(404);
    await request(t.http).get(`/api/organisations/${organisation.id}/programmes/not-an-id`).set(admin.auth).expect(404);
    // Another organisation's admin cannot reach this programme through their own organisation either.
    await request(t.http).get(`/api/organisations/${other.id}/programmes/${first.id}`).set(otherAdmin.auth).expect(404);
  });

  it.each([
    ['no name', { startsOn: '2031-01-06' }, 'name'],
    ['no start', { name: 'P' }, 'startsOn'],
    ['a start that is not a day', { name: 'P', startsOn: '2031-13-40' }, 'startsOn'],
    ['a start in year 9999', { name: 'P', startsOn: '9999-01-01' }, 'startsOn'],
    ['an end before the start', { name: 'P', startsOn: '2031-02-01', endsOn: '2031-01-01' }, 'endsOn'],
    ['a name with a control character', { name: 'P\u0000', startsOn: '2031-01-06' }, 'name'],
  ])('refuses a programme with %s (400 naming the field), creating nothing', async (_what, body, field) => {
    const before = await count('programmes');
    expect((await request(t.http).post(`/api/organisations/${organisation.id}/programmes`).set(admin.auth).send(body).expect(400)).body.message).toContain(field);
    expect(await count('programmes')).toBe(before);
  });

  it('every programme and pool route: admins only; members 403; facilitators of its sets, outsiders and other organisations’ admins 404', async () => {
    const programme = (await request(t.http).post(`/api/organisations/${organisation.id}/programmes`).set(admin.auth).send({ name: 'Roles', startsOn: '2033-01-03' }).expect(201)).body as ProgrammeResponse;
    const routes: [string, string, object?][] = [
      ['post', `/api/organisations/${organisation.id}/programmes`, { name: 'X', startsOn: '2033-01-03' }],
      ['get', `/api/organisations/${organisation.id}/programmes`],
      ['get', `/api/organisations/${organisation.id}/programmes/${programme.id}`],
      ['put', `/api/organisations/${organisation.id}/programmes/${programme.id}/sets`, { setIds: [setB.id] }],
      ['get', `/api/organisations/${organisation.id}/programmes/${programme.id}/evaluation`],
      ['get', `/api/organisations/${organisation.id}/programmes/${programme.id}/evaluation.csv`],
      ['get', `/api/organisations/${organisation.id}/facilitators`],
      ['post', `/api/organisations/${organisation.id}/sets/${setB.id}/facilitators`, { userId: member.id }],
    ];
    const before = [await count('programmes'), await count('programme_sets'), await count('invitations')];
    for (const [method, path, body] of routes) {
      const send = () => (method === 'get' ? request(t.http).get(path) : method === 'put' ? request(t.http).put(path).send(body) : request(t.http).post(path).send(body));
      await send().set(member.auth).expect(403);
      for (const who of [facilitator, outsider, otherAdmin]) await send().set(who.auth).expect(404);
      await send().expect(401);
    }
    expect([await count('programmes'), await count('programme_sets'), await count('invitations')]).toEqual(before);
  });

  it('lists the pool with each person’s sets and load, and assigns a person of the organisation to facilitate a set', async () => {
    const pool = (await request(t.http).get(`/api/organisations/${organisation.id}/facilitators`).set(admin.auth).expect(200)).body as PoolFacilitator[];
    expect(pool.map((p) => [p.displayName, p.sets.map((s) => s.name), p.activeSets, p.upcomingMeetings])).toEqual([
      ['Mo Member', ['A set', 'B set'], 2, 1],
      ['Ada Admin', [], 0, 0],
    ]);
    // The set's facilitator who is not one of the organisation's people is not in its pool.
    expect(pool.map((p) => p.userId)).not.toContain(facilitator.id);

    const colleague = await join('member', 'Cleo Colleague');
    const invitation = (await request(t.http).post(`/api/organisations/${organisation.id}/sets/${setB.id}/facilitators`).set(admin.auth).send({ userId: colleague.id }).expect(201)).body as { token: string; role: string; email: string };
    expect(invitation).toMatchObject({ role: 'facilitator', email: colleague.email });
    await request(t.http).post(`/api/invitations/${invitation.token}/accept`).set(colleague.auth).send({ acceptGroundRules: true }).expect(200);
    const after = (await request(t.http).get(`/api/organisations/${organisation.id}/facilitators`).set(admin.auth).expect(200)).body as PoolFacilitator[];
    expect(after.find((p) => p.userId === colleague.id)).toMatchObject({ sets: [{ id: setB.id, name: 'B set', status: 'active' }], activeSets: 1 });
    await request(t.http).post(`/api/organisations/${organisation.id}/sets/${setB.id}/facilitators`).set(admin.auth).send({ userId: colleague.id }).expect(409);
  });

  it('assigns only the organisation’s people to its own sets (404), and refuses bad input (400), inviting nobody', async () => {
    const before = await count('invitations');
    expect((await request(t.http).post(`/api/organisations/${organisation.id}/sets/${setA.id}/facilitators`).set(admin.auth).send({ userId: outsider.id }).expect(404)).body.message).toBe('userId: this person is not in the organisation.');
    expect((await request(t.http).post(`/api/organisations/${organisation.id}/sets/${otherSet.id}/facilitators`).set(admin.auth).send({ userId: member.id }).expect(404)).body.message).toBe('Set not found in this organisation.');
    await request(t.http).post(`/api/organisations/${organisation.id}/sets/not-an-id/facilitators`).set(admin.auth).send({ userId: member.id }).expect(404);
    for (const body of [{}, { userId: 'x' }, { userId: 42 }]) {
      expect((await request(t.http).post(`/api/organisations/${organisation.id}/sets/${setA.id}/facilitators`).set(admin.auth).send(body).expect(400)).body.message).toContain('userId');
    }
    expect(await count('invitations')).toBe(before);
  });
});
