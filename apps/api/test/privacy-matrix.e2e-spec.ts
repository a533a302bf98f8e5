import { DateTime } from 'luxon';
import { initialLiveState, LIVE_MESSAGES, type LiveJoinAck, type MeetingResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, LiveClient } from './live-client';

/**
 * Who can read what, over REST and the live socket: every role in a set (the author of the
 * content, another member, the facilitator, the sponsor, a removed member, an outsider) against
 * every kind of content (the case as presented live and in a round, questions, reflections, actions, a learning-log
 * entry, a CPD export, the evaluation dashboard). Each secret is a unique word, so a leak
 * anywhere in a response body shows. (The optional organisation-admin role of DOMAIN.md does not
 * exist in the platform: there is no such account to test.)
 */
const SECRET = {
  case: 'CASEWORD-persimmon',
  question: 'QUESTIONWORD-tamarind',
  reflection: 'REFLECTIONWORD-quince',
  action: 'ACTIONWORD-medlar',
  log: 'LOGWORD-loquat',
} as const;
type Role = 'author' | 'member' | 'facilitator' | 'sponsor' | 'removed' | 'outsider';
const ROLES: Role[] = ['author', 'member', 'facilitator', 'sponsor', 'removed', 'outsider'];

describe('privacy matrix: every role against every kind of content, REST and live', () => {
  let t: TestApp;
  let base: string;
  let who: Record<Role, TestUser>;
  let setId: string;
  let meetingId: string;
  let entryId: string;
  let roundId: string;
  const clients: LiveClient[] = [];
  const get = (role: Role, path: string) => request(t.http).get(`/api${path}`).set(who[role].auth);
  const leaks = (body: unknown, secrets: string[]) => secrets.filter((s) => JSON.stringify(body ?? '').includes(s));

  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    base = await listen(t);
    const facilitator = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, facilitator)).id;
    const author = await addMember(t, facilitator, setId);
    const member = await addMember(t, facilitator, setId);
    const sponsor = await addMember(t, facilitator, setId, 'sponsor');
    const removed = await addMember(t, facilitator, setId);
    const outsider = await registerUser(t);
    who = { author, member, facilitator, sponsor, removed, outsider };
    meetingId = ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(facilitator.auth).send({ startsAt: DateTime.now().plus({ days: 3 }).toISO(), durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse).id;
    // A session held: the author presented a case; a question, a reflection and an action were recorded.
    const state = {
      ...initialLiveState(meetingId),
      phase: 'check-out' as const,
      facilitatorId: facilitator.id,
      roster: [facilitator, author, member, removed].map((p) => ({ userId: p.id, displayName: p.displayName })),
      presented: [author.id],
      questions: [{ id: 'q1', presenterId: author.id, phase: 'questions' as const, askerId: member.id, text: `What would ${SECRET.case} say? ${SECRET.question}`, kind: 'open' as const, reason: '', helpful: true, followUp: false, recordedBy: null, at: new Date().toISOString() }],
      reflections: [{ presenterId: author.id, text: SECRET.reflection, at: new Date().toISOString() }],
      actions: [{ id: 'a1', presenterId: author.id, ownerId: author.id, text: SECRET.action, dueAt: null, at: new Date().toISOString() }],
      startedAt: new Date().toISOString(),
    };
    await t.db.query(`INSERT INTO "live_sessions" ("meetingId", "seq", "phase", "snapshot", "snapshotSeq") VALUES ($1, 1, 'check-out', $2, 1)`, [meetingId, JSON.stringify(state)]);
    await t.db.query(`INSERT INTO "actions" ("setId", "meetingId", "sessionKey", "ownerId", "text") VALUES ($1, $2, 'a1', $3, $4)`, [setId, meetingId, author.id, SECRET.action]);
    await t.db.query(`INSERT INTO "session_attendance" ("meetingId", "userId", "inRoom") VALUES ($1, $2, true), ($1, $3, true)`, [meetingId, author.id, member.id]);
    entryId = ((await request(t.http).post('/api/me/learning-log').set(author.auth).send({ title: 'After presenting', body: SECRET.log, learned: SECRET.log, meetingId }).expect(201)).body as { id: string }).id;
    // An asynchronous round on the same case.
    roundId = ((await request(t.http).post(`/api/sets/${setId}/rounds`).set(author.auth).send({ title: 'My round', caseText: `The ${SECRET.case} case in writing.` }).expect(201)).body as { id: string }).id;
    // The removed member was in the session, then removed: their access ends.
    await request(t.http).delete(`/api/sets/${setId}/members/${removed.id}`).set(facilitator.auth).expect(204);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  const sessionContent = [SECRET.case, SECRET.question, SECRET.reflection, SECRET.action];
  const expected: Record<string, Record<Role, number>> = {
    // The session record: the case, questions, reflections and actions.
    [`GET /meetings/:meetingId/record`]: { author: 200, member: 200, facilitator: 200, sponsor: 403, removed: 404, outsider: 404 },
    // The set's actions.
    [`GET /sets/:setId/actions`]: { author: 200, member: 200, facilitator: 200, sponsor: 403, removed: 404, outsider: 404 },
    // The learning-log entry: its author alone.
    [`GET /me/learning-log/:entryId`]: { author: 200, member: 404, facilitator: 404, sponsor: 404, removed: 404, outsider: 404 },
    // The dashboard: figures for facilitators and sponsors.
    [`GET /sets/:setId/evaluation`]: { author: 403, member: 403, facilitator: 200, sponsor: 200, removed: 404, outsider: 404 },
    // The round: its case and contributions.
    [`GET /rounds/:roundId`]: { author: 200, member: 200, facilitator: 200, sponsor: 403, removed: 404, outsider: 404 },
    [`GET /sets/:setId/rounds`]: { author: 200, member: 200, facilitator: 200, sponsor: 403, removed: 404, outsider: 404 },
    // The meeting page: schedule for everyone in the set.
    [`GET /meetings/:meetingId`]: { author: 200, member: 200, facilitator: 200, sponsor: 200, removed: 404, outsider: 404 },
  };

  describe.each(Object.keys(expected))('%s', (route) => {
    it.each(ROLES)('as %s', async (role) => {
      const path = route.replace('GET ', '').replace(':meetingId', meetingId).replace(':setId', setId).replace(':entryId', entryId).replace(':roundId', roundId);
      const response = await get(role, path);
      expect(response.status).toBe(expected[route][role]);
      const body = response.body as unknown;
      if (route.includes('learning-log')) expect(leaks(body, [SECRET.log])).toEqual(role === 'author' ? [SECRET.log] : []);
      else if (route.includes('/record') && response.status === 200) expect(leaks(body, sessionContent)).toEqual(sessionContent);
      else if (route.includes('/actions') && response.status === 200) expect(leaks(body, [SECRET.action])).toEqual([SECRET.action]);
      else if (route === 'GET /rounds/:roundId' && response.status === 200) expect(leaks(body, [SECRET.case])).toEqual([SECRET.case]);
      else expect(leaks(body, [...sessionContent, SECRET.log])).toEqual([]);
    });
  });

  it.each(ROLES)('lists, exports and personal data of %s hold only what is theirs', async (role) => {
    const lists = [
      (await get(role, '/me/learning-log').expect(200)).body,
      (await get(role, '/me/actions').expect(200)).body,
      (await get(role, '/me/data').expect(200)).body,
    ];
    const cpd = (await get(role, `/me/cpd-export?format=md&from=${DateTime.now().minus({ days: 30 }).toISODate()}&to=${DateTime.now().plus({ days: 30 }).toISODate()}`).expect(200)).text;
    const found = leaks([...lists, cpd], Object.values(SECRET));
    // The author's own data holds their action, their log and the round they presented.
    if (role === 'author') expect(found.sort()).toEqual([SECRET.action, SECRET.log, SECRET.case].sort());
    else expect(found).toEqual([]);
  });

  it.each(ROLES)('the live socket lets %s in only as a participant of the set', async (role) => {
    const client = await connect(base, who[role].token);
    clients.push(client);
    const ack = await client.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
    if (['author', 'member', 'facilitator'].includes(role)) {
      expect(ack.ok).toBe(true);
      expect(leaks(ack, sessionContent)).toEqual(sessionContent);
    } else {
      expect(ack).toEqual({ ok: false, error: role === 'sponsor' ? expect.stringContaining('Sponsors') : 'Meeting not found.' });
      const resync = await client.emit(LIVE_MESSAGES.resync, { meetingId, sinceSeq: 0 });
      expect(resync).toEqual({ ok: false, error: 'Meeting not found.' });
    }
    client.close();
  });
});
