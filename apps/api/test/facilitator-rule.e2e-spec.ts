import type { Response } from 'supertest';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, PASSWORD, registerUser, TestUser } from './factories';
import { holdLocks } from './locks';

/**
 * "A set keeps at least one facilitator" races: two people change the set at the same moment,
 * each through its own connection. A third connection holds the rows they meet on and lets
 * them go together, so each race is played the same way on every run.
 */
describe('one facilitator rule, under the set row lock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const start = (test: { then: Promise<Response>['then'] }): Promise<Response> => new Promise<Response>((resolve, reject) => void test.then(resolve, reject));
  const roles = async (setId: string) =>
    Object.fromEntries(((await t.db.query(`SELECT "userId", "role" FROM "set_memberships" WHERE "setId" = $1`, [setId])) as { userId: string; role: string }[]).map((m) => [m.userId, m.role]));
  const deleteAccount = (who: TestUser) => start(request(t.http).delete('/api/me').set(who.auth).send({ password: PASSWORD }));

  /** Two facilitators (Ann, Bea) and a member (Cal). */
  async function twoFacilitators(name = 'Two facilitators') {
    const ann = await registerUser(t, { displayName: 'Ann' });
    const set = await createSet(t, ann, { name });
    const bea = await addMember(t, ann, set.id, 'facilitator');
    const cal = await addMember(t, ann, set.id, 'member');
    return { set, ann, bea, cal };
  }

  /** Bea deletes her account while `other` runs: Bea's request is held at her rows until `other` has had its chance. */
  async function raceAccountDeletion(bea: TestUser, other: () => Promise<Response>) {
    const held = await holdLocks(t.db, [[`SELECT 1 FROM "set_memberships" WHERE "userId" = $1 FOR UPDATE`, [bea.id]]]);
    const deletion = deleteAccount(bea);
    await held.waitFor(1, [deletion]);
    const change = other();
    await held.waitFor(2, [change]);
    await held.release();
    return Promise.all([deletion, change]);
  }

  it('one facilitator leaves while the other deletes their account: one of them is refused, the set keeps a facilitator', async () => {
    const { set, ann, bea, cal } = await twoFacilitators();
    const [deletion, leaving] = await raceAccountDeletion(bea, () => start(request(t.http).delete(`/api/sets/${set.id}/members/${ann.id}`).set(ann.auth)));
    expect([deletion.status, leaving.status]).toEqual([204, 409]);
    expect(leaving.body.message).toContain('at least one facilitator');
    const after = await roles(set.id);
    expect(after[cal.id]).toBe('member');
    expect(Object.values(after)).toContain('facilitator');
  });

  it('one facilitator steps down to member while the other deletes their account: one of them is refused, the set keeps a facilitator', async () => {
    const { set, ann, bea } = await twoFacilitators();
    const [deletion, demotion] = await raceAccountDeletion(bea, () => start(request(t.http).patch(`/api/sets/${set.id}/members/${ann.id}`).set(ann.auth).send({ role: 'member' })));
    expect([deletion.status, demotion.status]).toEqual([204, 409]);
    expect(Object.values(await roles(set.id))).toContain('facilitator');
  });

  it('both facilitators of two sets delete their accounts at once: sets are locked in one order (no deadlock), one is refused naming the sets', async () => {
    const { set, ann, bea, cal } = await twoFacilitators('First set');
    const second = await createSet(t, ann, { name: 'Second set' });
    for (const [who, role] of [[bea, 'facilitator'], [cal, 'member']] as const) {
      const invitation = (await request(t.http).post(`/api/sets/${second.id}/invitations`).set(ann.auth).send({ email: who.email, role }).expect(201)).body as { token: string };
      await request(t.http).post(`/api/invitations/${invitation.token}/accept`).set(who.auth).send({ acceptGroundRules: true }).expect(200);
    }
    const [beaGone, annGone] = await raceAccountDeletion(bea, () => deleteAccount(ann));
    expect([beaGone.status, annGone.status]).toEqual([204, 409]);
    expect(annGone.body.message).toContain('"First set"');
    expect(annGone.body.message).toContain('"Second set"');
    for (const id of [set.id, second.id]) expect(Object.values(await roles(id))).toContain('facilitator');
  });

  it('a facilitator demoted while their request waited can no longer remove anyone', async () => {
    const { set, ann, bea, cal } = await twoFacilitators();
    const held = await holdLocks(t.db, [[`SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE`, [set.id]]]);
    const demotion = start(request(t.http).patch(`/api/sets/${set.id}/members/${bea.id}`).set(ann.auth).send({ role: 'member' }));
    await held.waitFor(1, [demotion]);
    const removal = start(request(t.http).delete(`/api/sets/${set.id}/members/${cal.id}`).set(bea.auth));
    await held.waitFor(2, [removal]);
    await held.release();
    expect((await demotion).status).toBe(200);
    expect((await removal).status).toBe(403);
    expect(await roles(set.id)).toEqual({ [ann.id]: 'facilitator', [bea.id]: 'member', [cal.id]: 'member' });
  });

  it('two facilitators demote each other at once: one change holds, the set keeps a facilitator', async () => {
    const { set, ann, bea } = await twoFacilitators();
    const held = await holdLocks(t.db, [[`SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE`, [set.id]]]);
    const annDemotesBea = start(request(t.http).patch(`/api/sets/${set.id}/members/${bea.id}`).set(ann.auth).send({ role: 'member' }));
    await held.waitFor(1, [annDemotesBea]);
    const beaDemotesAnn = start(request(t.http).patch(`/api/sets/${set.id}/members/${ann.id}`).set(bea.auth).send({ role: 'member' }));
    await held.waitFor(2, [beaDemotesAnn]);
    await held.release();
    expect((await annDemotesBea).status).toBe(200);
    expect([403, 409]).toContain((await beaDemotesAnn).status);
    expect((await roles(set.id))[ann.id]).toBe('facilitator');
  });

  it('hands facilitation over only while the caller still facilitates', async () => {
    const { set, ann, bea, cal } = await twoFacilitators();
    const held = await holdLocks(t.db, [[`SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE`, [set.id]]]);
    const demotion = start(request(t.http).patch(`/api/sets/${set.id}/members/${bea.id}`).set(ann.auth).send({ role: 'member' }));
    await held.waitFor(1, [demotion]);
    const handover = start(request(t.http).post(`/api/sets/${set.id}/facilitator-handover`).set(bea.auth).send({ userId: cal.id }));
    await held.waitFor(2, [handover]);
    await held.release();
    expect((await demotion).status).toBe(200);
    expect((await handover).status).toBe(403);
    expect(await roles(set.id)).toEqual({ [ann.id]: 'facilitator', [bea.id]: 'member', [cal.id]: 'member' });
  });
});
