import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, PASSWORD, registerUser } from './factories';

describe('own data: download (GET /api/me/data) and account deletion (DELETE /api/me)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("downloads everything about the person as JSON, and nobody else's", async () => {
    const fran = await registerUser(t, { displayName: 'Fran' });
    const set = await createSet(t, fran, { name: 'Data set' });
    const pat = await addMember(t, fran, set.id);
    const meetingId = (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 60, format: 'online' }).expect(201)).body.id as string;
    await request(t.http).put(`/api/meetings/${meetingId}/attendance`).set(pat.auth).send({ status: 'apology', reason: 'Court' }).expect(200);
    await request(t.http).post('/api/me/learning-log').set(pat.auth).send({ title: 'Mine', body: 'My reflection.' }).expect(201);
    await request(t.http).post('/api/me/learning-log').set(fran.auth).send({ title: 'Frans', body: 'Not for Pat.' }).expect(201);
    const response = await request(t.http).get('/api/me/data').set(pat.auth).expect(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.body).toMatchObject({
      account: { id: pat.id, email: pat.email, displayName: pat.displayName },
      memberships: [{ setId: set.id, setName: 'Data set', role: 'member' }],
      meetingReplies: [{ meetingId, setName: 'Data set', status: 'apology', reason: 'Court' }],
      learningLog: [{ title: 'Mine', body: 'My reflection.' }],
    });
    expect(JSON.stringify(response.body)).not.toContain('Not for Pat');
    expect(JSON.stringify(response.body)).not.toContain('passwordHash');
    await request(t.http).get('/api/me/data').expect(401);
  });

  it('deletes the account with the password, ends access at once, and keeps the set for the others', async () => {
    const fran = await registerUser(t, { displayName: 'Fran' });
    const set = await createSet(t, fran);
    const pat = await addMember(t, fran, set.id);
    await request(t.http).post('/api/me/learning-log').set(pat.auth).send({ title: 'Mine', body: 'Gone with me.' }).expect(201);
    expect((await request(t.http).delete('/api/me').set(pat.auth).send({ password: 'wrong password' }).expect(403)).body.message).toContain('not your password');
    expect((await request(t.http).delete('/api/me').set(pat.auth).send({}).expect(400)).body.message).toContain('password');
    await request(t.http).delete('/api/me').set(pat.auth).send({ password: PASSWORD }).expect(204);
    await request(t.http).get('/api/me').set(pat.auth).expect(401);
    await request(t.http).post('/api/auth/login').send({ email: pat.email, password: PASSWORD }).expect(401);
    const remaining = (await request(t.http).get(`/api/sets/${set.id}`).set(fran.auth).expect(200)).body as { members: { userId: string }[] };
    expect(remaining.members.map((m) => m.userId)).toEqual([fran.id]);
    expect(await t.db.query('SELECT 1 FROM learning_log_entries WHERE "userId" = $1', [pat.id])).toEqual([]);
  });

  it('is refused to the only facilitator of a set others are in (409), and removes sets nobody else is in', async () => {
    const fran = await registerUser(t, { displayName: 'Fran' });
    const shared = await createSet(t, fran, { name: 'Shared set' });
    await addMember(t, fran, shared.id);
    const solo = await createSet(t, fran, { name: 'Solo set' });
    expect((await request(t.http).delete('/api/me').set(fran.auth).send({ password: PASSWORD }).expect(409)).body.message).toContain('"Shared set"');
    await request(t.http).get('/api/me').set(fran.auth).expect(200);
    const sole = await registerUser(t);
    const alone = await createSet(t, sole, { name: 'Alone set' });
    await request(t.http).delete('/api/me').set(sole.auth).send({ password: PASSWORD }).expect(204);
    expect(await t.db.query('SELECT 1 FROM sets WHERE id = $1', [alone.id])).toEqual([]);
    expect(await t.db.query('SELECT 1 FROM sets WHERE id = $1', [solo.id])).toHaveLength(1);
  });
});
