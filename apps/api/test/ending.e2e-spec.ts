import type { EndingResponse, EndingReviewResponse, SetResponse } from '@als/shared';
import { holdLocks } from './locks';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, setWithRoles, TestUser } from './factories';

const review = (changed: string, shared = false) => ({ cameWith: 'A stuck case and a habit of fixing', changed, takeForward: 'Asking before advising', shared });

/** The set's ending: the facilitator opens the final learning review, members write theirs, closing ends it. */
describe('the set’s ending review', () => {
  let t: TestApp;
  let set: SetResponse;
  let fran: TestUser;
  let member: TestUser;
  let sponsor: TestUser;
  let removed: TestUser;
  let outsider: TestUser;
  let second: TestUser;

  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS);
    ({ set, facilitator: fran, member, sponsor, removed, outsider } = await setWithRoles(t));
    second = await addMember(t, fran, set.id);
  });
  afterAll(() => t.close());

  const view = async (who: TestUser, status = 200) => (await request(t.http).get(`/api/sets/${set.id}/ending`).set(who.auth).expect(status)).body as EndingResponse;
  const submit = (who: TestUser, body: object, setId = set.id) => request(t.http).put(`/api/sets/${setId}/ending/review`).set(who.auth).send(body);

  it('refuses a review before the facilitator opens the ending (409), writing nothing', async () => {
    const before = await view(member);
    expect(before).toMatchObject({ openedAt: null, open: false, mine: null, shared: [], submitted: 0, participants: 3 });
    expect(before.prompts.map((p) => p.label)).toEqual(['What I came with', 'What changed in my practice', 'What I take forward']);
    const res = await submit(member, review('Too early')).expect(409);
    expect(res.body.code).toBe('evaluation.ending-not-open');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM "ending_reviews" WHERE "setId" = $1`, [set.id]))[0].n).toBe(0);
  });

  it('lets only a facilitator open it: members and sponsors 403, outsiders and removed members 404', async () => {
    await request(t.http).post(`/api/sets/${set.id}/ending/open`).set(member.auth).expect(403);
    await request(t.http).post(`/api/sets/${set.id}/ending/open`).set(sponsor.auth).expect(403);
    await request(t.http).post(`/api/sets/${set.id}/ending/open`).set(outsider.auth).expect(404);
    await request(t.http).post(`/api/sets/${set.id}/ending/open`).set(removed.auth).expect(404);
    const opened = (await request(t.http).post(`/api/sets/${set.id}/ending/open`).set(fran.auth).expect(200)).body as EndingResponse;
    expect(opened.open).toBe(true);
    expect(opened.openedAt).not.toBeNull();
    // Opening again keeps the first date.
    const again = (await request(t.http).post(`/api/sets/${set.id}/ending/open`).set(fran.auth).expect(200)).body as EndingResponse;
    expect(again.openedAt).toBe(opened.openedAt);
  });

  it('keeps a review its author’s alone unless shared, and replaces it when written again', async () => {
    const mine = (await submit(member, review('I ask before I advise')).expect(200)).body as EndingReviewResponse;
    expect(mine).toMatchObject({ changed: 'I ask before I advise', shared: false });
    expect((await view(member)).mine).toMatchObject({ changed: 'I ask before I advise' });
    expect((await view(fran)).shared).toEqual([]);
    expect((await view(fran)).mine).toBeNull();
    expect((await view(fran)).submitted).toBe(1);

    await submit(member, review('I ask, then wait', true)).expect(200);
    const seen = await view(second);
    expect(seen.shared).toEqual([expect.objectContaining({ displayName: member.displayName, changed: 'I ask, then wait' })]);
    expect(seen.submitted).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM "ending_reviews" WHERE "setId" = $1`, [set.id]))[0].n).toBe(1);
  });

  it('never shows reviews to sponsors (403), outsiders or removed members (404)', async () => {
    await view(sponsor, 403);
    await view(outsider, 404);
    await view(removed, 404);
    await submit(sponsor, review('x')).expect(403);
    await submit(outsider, review('x')).expect(404);
    await submit(removed, review('x')).expect(404);
  });

  it('refuses bad input with a clear 400 and writes nothing', async () => {
    const cases: object[] = [
      {},
      { ...review('x'), shared: 'yes' },
      { ...review('x'), changed: 5 },
      { ...review('x'), changed: 'a'.repeat(5001) },
      { ...review('x'), changed: 'bad\u0007bell' },
      { cameWith: '', changed: '  ', takeForward: '\n', shared: true },
      { ...review('x'), extra: 1 },
    ];
    for (const body of cases) {
      const res = await submit(second, body).expect(400);
      expect(typeof res.body.message).toBe('string');
    }
    expect((await view(second)).mine).toBeNull();
  });

  it('lets two members submit at once: both reviews land', async () => {
    const third = await addMember(t, fran, set.id);
    const locks = await holdLocks(t.db, [[`SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE`, [set.id]]]);
    const a = submit(second, review('From second')).then((r) => r);
    const b = submit(third, review('From third')).then((r) => r);
    await locks.waitFor(2);
    await locks.release();
    expect((await a).status).toBe(200);
    expect((await b).status).toBe(200);
    const rows = (await t.db.query(`SELECT "changed" FROM "ending_reviews" WHERE "setId" = $1 ORDER BY "changed"`, [set.id])) as { changed: string }[];
    expect(rows.map((r) => r.changed)).toEqual(['From second', 'From third', 'I ask, then wait']);
  });

  it('closing waits for a review being written: the review lands, then the set closes', async () => {
    const other = await createSet(t, fran, { name: 'Closing after a review' });
    const ann = await addMember(t, fran, other.id);
    await request(t.http).post(`/api/sets/${other.id}/ending/open`).set(fran.auth).expect(200);
    const locks = await holdLocks(t.db, [[`SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE`, [other.id]]]);
    const written = submit(ann, review('Written first'), other.id).then((r) => r);
    await locks.waitFor(1);
    const closing = request(t.http).post(`/api/sets/${other.id}/close`).set(fran.auth).send({}).then((r) => r);
    await locks.waitFor(2);
    await locks.release();
    expect((await written).status).toBe(200);
    expect((await closing).status).toBe(200);
    expect((await t.db.query(`SELECT "changed" FROM "ending_reviews" WHERE "setId" = $1`, [other.id]))[0].changed).toBe('Written first');
  });

  it('a review written while the set closes is refused once it has closed (409), writing nothing', async () => {
    const other = await createSet(t, fran, { name: 'Closed before the review' });
    const ann = await addMember(t, fran, other.id);
    await request(t.http).post(`/api/sets/${other.id}/ending/open`).set(fran.auth).expect(200);
    const locks = await holdLocks(t.db, [[`SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE`, [other.id]]]);
    const closing = request(t.http).post(`/api/sets/${other.id}/close`).set(fran.auth).send({}).then((r) => r);
    await locks.waitFor(1);
    const written = submit(ann, review('Too late'), other.id).then((r) => r);
    await locks.waitFor(2);
    await locks.release();
    expect((await closing).status).toBe(200);
    const late = await written;
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('set.closed');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM "ending_reviews" WHERE "setId" = $1`, [other.id]))[0].n).toBe(0);
    const after = (await request(t.http).get(`/api/sets/${other.id}/ending`).set(ann.auth).expect(200)).body as EndingResponse;
    expect(after.open).toBe(false);
    await request(t.http).post(`/api/sets/${other.id}/ending/open`).set(fran.auth).expect(409);
  });

  it('puts the author’s own review in their CPD export, and no one else’s', async () => {
    const csv = (await request(t.http).get('/api/me/cpd-export?format=csv').set(member.auth).expect(200)).text;
    expect(csv).toContain('ending review');
    expect(csv).toContain('I ask, then wait');
    expect(csv).not.toContain('From second');
    const fransCsv = (await request(t.http).get('/api/me/cpd-export?format=csv').set(fran.auth).expect(200)).text;
    expect(fransCsv).not.toContain('I ask, then wait');
  });

  it('keeps the review in its author’s CPD export after they leave the set', async () => {
    await request(t.http).delete(`/api/sets/${set.id}/members/${member.id}`).set(fran.auth).expect(204);
    const csv = (await request(t.http).get('/api/me/cpd-export?format=csv').set(member.auth).expect(200)).text;
    expect(csv).toContain('I ask, then wait');
    // A leaver's shared review is no longer shown to the set.
    expect((await view(second)).shared).toEqual([]);
  });
});

describe('a person outside any set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS);
  });
  afterAll(() => t.close());
  it('gets 404 for a set id that is not a set', async () => {
    const someone = await registerUser(t);
    await request(t.http).get('/api/sets/not-a-uuid/ending').set(someone.auth).expect(404);
    await request(t.http).get('/api/sets/00000000-0000-4000-8000-000000000000/ending').set(someone.auth).expect(404);
  });
});
