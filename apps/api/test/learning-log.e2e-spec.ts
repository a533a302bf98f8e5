import type { LearningLogEntryResponse, MeetingResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { createSet, setWithRoles } from './factories';

describe('private learning log (/api/me/learning-log)', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  let meetingId: string;
  beforeAll(async () => {
    t = await startTestApp();
    world = await setWithRoles(t);
    meetingId = ((await request(t.http).post(`/api/sets/${world.set.id}/meetings`).set(world.facilitator.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse).id;
  });
  afterAll(() => t.close());
  const count = async () => ((await t.db.query('SELECT count(*)::int AS n FROM learning_log_entries')) as { n: number }[])[0].n;

  it('keeps an entry with its prompts, link and day, and counts its words', async () => {
    const entry = (
      await request(t.http)
        .post('/api/me/learning-log')
        .set(world.member.auth)
        .send({ title: 'After the set', body: 'We looked at my case about the school.', learned: 'I avoid conflict with the head teacher.', different: 'Ask first.', impact: 'The family felt heard.', meetingId, occurredOn: '2031-03-04', hours: 0.5 })
        .expect(201)
    ).body as LearningLogEntryResponse;
    expect(entry).toMatchObject({ title: 'After the set', meetingId, occurredOn: '2031-03-04', hours: 0.5, wordCount: 21, roundId: null, actionId: null });
    expect((await request(t.http).get('/api/me/learning-log').set(world.member.auth).expect(200)).body).toEqual([entry]);
    const edited = (await request(t.http).patch(`/api/me/learning-log/${entry.id}`).set(world.member.auth).send({ different: 'Ask the head teacher first, then the family.' }).expect(200)).body as LearningLogEntryResponse;
    expect(edited.wordCount).toBe(27);
    const today = (await request(t.http).post('/api/me/learning-log').set(world.member.auth).send({ title: 'Short', body: 'Word' }).expect(201)).body as LearningLogEntryResponse;
    expect(today.occurredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is readable by its author only: other members, the facilitator, the sponsor, a removed member and outsiders get 404 and see none', async () => {
    const entry = (await request(t.http).post('/api/me/learning-log').set(world.member.auth).send({ title: 'Private', body: 'Only mine.' }).expect(201)).body as LearningLogEntryResponse;
    for (const who of [world.facilitator, world.sponsor, world.removed, world.outsider]) {
      await request(t.http).get(`/api/me/learning-log/${entry.id}`).set(who.auth).expect(404);
      await request(t.http).patch(`/api/me/learning-log/${entry.id}`).set(who.auth).send({ title: 'Mine now' }).expect(404);
      await request(t.http).delete(`/api/me/learning-log/${entry.id}`).set(who.auth).expect(404);
      const theirs = (await request(t.http).get('/api/me/learning-log').set(who.auth).expect(200)).body as LearningLogEntryResponse[];
      expect(theirs.map((e) => e.id)).not.toContain(entry.id);
    }
    await request(t.http).get('/api/me/learning-log').expect(401);
    expect((await request(t.http).get(`/api/me/learning-log/${entry.id}`).set(world.member.auth).expect(200)).body.title).toBe('Private');
    await request(t.http).delete(`/api/me/learning-log/${entry.id}`).set(world.member.auth).expect(204);
    await request(t.http).get(`/api/me/learning-log/${entry.id}`).set(world.member.auth).expect(404);
  });

  it('links only to meetings and actions of the author’s own sets', async () => {
    const other = await createSet(t, world.outsider);
    const elsewhere = ((await request(t.http).post(`/api/sets/${other.id}/meetings`).set(world.outsider.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 60, format: 'online' }).expect(201)).body as MeetingResponse).id;
    const before = await count();
    expect((await request(t.http).post('/api/me/learning-log').set(world.member.auth).send({ title: 'x', body: 'y', meetingId: elsewhere }).expect(400)).body.message).toContain('meetingId');
    expect((await request(t.http).post('/api/me/learning-log').set(world.removed.auth).send({ title: 'x', body: 'y', meetingId }).expect(400)).body.message).toContain('meetingId');
    expect((await request(t.http).post('/api/me/learning-log').set(world.member.auth).send({ title: 'x', body: 'y', actionId: '00000000-0000-4000-8000-000000000000' }).expect(400)).body.message).toContain('actionId');
    expect(await count()).toBe(before);
  });

  it.each([
    [{ body: 'no title' }, 'title'],
    [{ title: ' ', body: 'blank title' }, 'title'],
    [{ title: 'x'.repeat(201), body: 'long' }, 'title'],
    [{ title: 'No body' }, 'body'],
    [{ title: 't', body: 'b', occurredOn: '04/03/2031' }, 'occurredOn'],
    [{ title: 't', body: 'b', occurredOn: '2031-02-30' }, 'occurredOn'],
    [{ title: 't', body: 'b', meetingId: 'nope' }, 'meetingId'],
    [{ title: 't', body: 'b', learned: 5 }, 'learned'],
    [{ title: 't', body: 'b', userId: 'someone' }, 'userId'],
    [{ title: 't', body: 'b', hours: -1 }, 'hours'],
    [{ title: 't', body: 'b', hours: 'two' }, 'hours'],
  ])('answers 400 for %j and writes nothing', async (body, field) => {
    const before = await count();
    expect((await request(t.http).post('/api/me/learning-log').set(world.member.auth).send(body).expect(400)).body.message).toContain(field);
    expect(await count()).toBe(before);
  });

  it('answers 404 for malformed or unknown entry ids', async () => {
    await request(t.http).get('/api/me/learning-log/nope').set(world.member.auth).expect(404);
    await request(t.http).patch('/api/me/learning-log/00000000-0000-4000-8000-000000000000').set(world.member.auth).send({ title: 'x' }).expect(404);
  });
});
