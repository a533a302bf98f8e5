import { DEFAULT_AGENDA, APOLOGY_REASON_MAX, MEETING_LOCATION_MAX, DISPLAY_NAME_MAX, EMAIL_MAX, GROUND_RULES_MAX, PASSWORD_MAX, SET_NAME_MAX, SET_PURPOSE_MAX } from '@als/shared';
import { SignedLinks } from '@api/common/signed-links';
import { request, startTestApp, TestApp } from './app';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { LIVE_MESSAGES, type LiveCommandAck, type LiveJoinAck } from '@als/shared';
import { addMember, createSet, invite, PASSWORD, registerUser, TestUser, uniqueEmail } from './factories';
import { connect, listen, type LiveClient } from './live-client';

type Body = Record<string, unknown>;
interface Route {
  method: 'post' | 'patch' | 'put';
  path: () => string;
  auth: () => Record<string, string>;
  valid: () => Body;
}
/** [what is wrong, how the body is changed, the field the message must name] */
type BadCase = [string, (valid: Body) => Body, string];

const without = (field: string) => (body: Body) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));
const withValue = (field: string, value: unknown) => (body: Body) => ({ ...body, [field]: value });
const long = (n: number) => 'x'.repeat(n + 1);

describe('bad input', () => {
  let t: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let setId: string;
  let token: string;
  let meetingId: string;
  let seriesId: string;
  let rsvpToken: string;
  beforeAll(async () => {
    // The live tests send more than a person's rate a minute.
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    fran = await registerUser(t);
    setId = (await createSet(t, fran)).id;
    pat = await addMember(t, fran, setId);
    const invitee = await registerUser(t);
    token = (await invite(t, fran, setId, invitee.email)).token;
    meetingId = (await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 120, format: 'in-person' }).expect(201)).body.id;
    seriesId = (await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-04-01T09:30', durationMinutes: 120, format: 'online', recurrence: 'FREQ=WEEKLY;COUNT=3' }).expect(201)).body.seriesId;
    rsvpToken = t.app.get(SignedLinks).sign({ purpose: 'rsvp', meetingId, userId: pat.id, status: 'apology' }, new Date('2031-03-04T09:00:00Z'));
  });
  afterAll(() => t.close());

  const routes: Record<string, Route> = {
    'POST /api/auth/register': { method: 'post', path: () => '/api/auth/register', auth: () => ({}), valid: () => ({ email: uniqueEmail(), password: PASSWORD, displayName: 'Valid Name', timeZone: 'Europe/London' }) },
    'POST /api/auth/login': { method: 'post', path: () => '/api/auth/login', auth: () => ({}), valid: () => ({ email: fran.email, password: PASSWORD }) },
    'POST /api/sets': { method: 'post', path: () => '/api/sets', auth: () => fran.auth, valid: () => ({ name: 'A set', purpose: 'p', mode: 'virtual', timeZone: 'Europe/London', groundRules: 'r' }) },
    'PATCH /api/sets/:setId': { method: 'patch', path: () => `/api/sets/${setId}`, auth: () => fran.auth, valid: () => ({ name: 'Renamed', purpose: 'p', mode: 'async', timeZone: 'UTC', groundRules: 'r' }) },
    'PATCH /api/sets/:setId/members/:userId': { method: 'patch', path: () => `/api/sets/${setId}/members/${pat.id}`, auth: () => fran.auth, valid: () => ({ role: 'member' }) },
    'POST /api/sets/:setId/facilitator-handover': { method: 'post', path: () => `/api/sets/${setId}/facilitator-handover`, auth: () => fran.auth, valid: () => ({ userId: pat.id }) },
    'POST /api/sets/:setId/invitations': { method: 'post', path: () => `/api/sets/${setId}/invitations`, auth: () => fran.auth, valid: () => ({ email: uniqueEmail(), role: 'member' }) },
    'PATCH /api/me': { method: 'patch', path: () => '/api/me', auth: () => pat.auth, valid: () => ({ displayName: 'Pat', timeZone: 'Europe/London', meetingReminders: true }) },
    'POST /api/sets/:setId/meetings': { method: 'post', path: () => `/api/sets/${setId}/meetings`, auth: () => fran.auth, valid: () => ({ startsAt: '2032-01-06T09:30', durationMinutes: 180, format: 'in-person', location: 'Room 1', agenda: DEFAULT_AGENDA }) },
    'PATCH /api/meetings/:meetingId': { method: 'patch', path: () => `/api/meetings/${meetingId}`, auth: () => fran.auth, valid: () => ({ location: 'Room 2', agenda: DEFAULT_AGENDA }) },
    'PATCH /api/meeting-series/:seriesId': { method: 'patch', path: () => `/api/meeting-series/${seriesId}`, auth: () => fran.auth, valid: () => ({ startTime: '09:30', videoUrl: 'https://meet.example.org/x' }) },
    'PUT /api/meetings/:meetingId/attendance': { method: 'put', path: () => `/api/meetings/${meetingId}/attendance`, auth: () => pat.auth, valid: () => ({ status: 'apology', reason: 'Leave' }) },
    'PUT /api/meetings/:meetingId/attendance/:userId': { method: 'put', path: () => `/api/meetings/${meetingId}/attendance/${pat.id}`, auth: () => fran.auth, valid: () => ({ status: 'attending' }) },
    'POST /api/rsvp/:token': { method: 'post', path: () => `/api/rsvp/${rsvpToken}`, auth: () => ({}), valid: () => ({ reason: 'Leave' }) },
    'POST /api/invitations/:token/accept': { method: 'post', path: () => `/api/invitations/${token}/accept`, auth: () => fran.auth, valid: () => ({ acceptGroundRules: true }) },
  };

  const cases: Record<string, BadCase[]> = {
    'PATCH /api/me': [
      ['displayName blank', withValue('displayName', ' '), 'displayName'],
      ['timeZone unknown', withValue('timeZone', 'Mars/Olympus'), 'timeZone'],
      ['meetingReminders a string', withValue('meetingReminders', 'yes'), 'meetingReminders'],
      ['an unknown field', withValue('email', 'new@example.org'), 'email'],
    ],
    'POST /api/sets/:setId/meetings': [
      ['missing startsAt', without('startsAt'), 'startsAt'],
      ['missing durationMinutes', without('durationMinutes'), 'durationMinutes'],
      ['durationMinutes a word', withValue('durationMinutes', 'long'), 'durationMinutes'],
      ['format unknown', withValue('format', 'hybrid'), 'format'],
      ['location too long', withValue('location', long(MEETING_LOCATION_MAX)), 'location'],
      ['videoUrl not a URL', withValue('videoUrl', 'javascript:alert(1)'), 'videoUrl'],
      ['agenda a string', withValue('agenda', 'default'), 'agenda'],
      ['agenda missing a phase', withValue('agenda', { ...DEFAULT_AGENDA, bidding: undefined }), 'agenda.bidding'],
      ['agenda phase too long', withValue('agenda', { ...DEFAULT_AGENDA, questions: 500 }), 'agenda.questions'],
      ['an unknown field', withValue('setId', 'x'), 'setId'],
    ],
    'PATCH /api/meetings/:meetingId': [
      ['startsAt not a date', withValue('startsAt', 'soon'), 'startsAt'],
      ['agenda phase fractional', withValue('agenda', { ...DEFAULT_AGENDA, present: 2.5 }), 'agenda.present'],
      ['an unknown field', withValue('status', 'cancelled'), 'status'],
    ],
    'PATCH /api/meeting-series/:seriesId': [
      ['startTime not a time', withValue('startTime', 'noon'), 'startTime'],
      ['videoUrl not a URL', withValue('videoUrl', 'meet'), 'videoUrl'],
      ['an unknown field', withValue('rule', 'FREQ=DAILY'), 'rule'],
    ],
    'PUT /api/meetings/:meetingId/attendance': [
      ['missing status', without('status'), 'status'],
      ['status unknown', withValue('status', 'maybe'), 'status'],
      ['reason too long', withValue('reason', long(APOLOGY_REASON_MAX)), 'reason'],
      ['an unknown field', withValue('late', false), 'late'],
    ],
    'PUT /api/meetings/:meetingId/attendance/:userId': [
      ['status unknown', withValue('status', 'present'), 'status'],
      ['an unknown field', withValue('recordedBy', 'x'), 'recordedBy'],
    ],
    'POST /api/rsvp/:token': [
      ['reason a number', withValue('reason', 3), 'reason'],
      ['an unknown field', withValue('status', 'attending'), 'status'],
    ],
    'POST /api/auth/register': [
      ['missing email', without('email'), 'email'],
      ['missing password', without('password'), 'password'],
      ['missing displayName', without('displayName'), 'displayName'],
      ['email not an address', withValue('email', 'not-an-address'), 'email'],
      ['email a number', withValue('email', 42), 'email'],
      ['email too long', withValue('email', `${long(EMAIL_MAX)}@example.org`), 'email'],
      ['password too short', withValue('password', 'short'), 'password'],
      ['password too long', withValue('password', long(PASSWORD_MAX)), 'password'],
      ['password an array', withValue('password', ['a', 'b']), 'password'],
      ['displayName blank', withValue('displayName', '   '), 'displayName'],
      ['displayName too long', withValue('displayName', long(DISPLAY_NAME_MAX)), 'displayName'],
      ['displayName null', withValue('displayName', null), 'displayName'],
      ['timeZone unknown', withValue('timeZone', 'Mars/Olympus'), 'timeZone'],
      ['timeZone a number', withValue('timeZone', 1), 'timeZone'],
      ['an unknown field', withValue('isAdmin', true), 'isAdmin'],
    ],
    'POST /api/auth/login': [
      ['missing email', without('email'), 'email'],
      ['missing password', without('password'), 'password'],
      ['password an object', withValue('password', { $ne: '' }), 'password'],
      ['an unknown field', withValue('remember', true), 'remember'],
    ],
    'POST /api/sets': [
      ['missing name', without('name'), 'name'],
      ['missing mode', without('mode'), 'mode'],
      ['missing timeZone', without('timeZone'), 'timeZone'],
      ['name blank', withValue('name', ''), 'name'],
      ['name too long', withValue('name', long(SET_NAME_MAX)), 'name'],
      ['name a number', withValue('name', 7), 'name'],
      ['purpose too long', withValue('purpose', long(SET_PURPOSE_MAX)), 'purpose'],
      ['mode not one of the four', withValue('mode', 'hybrid'), 'mode'],
      ['timeZone unknown', withValue('timeZone', 'Europe/Atlantis'), 'timeZone'],
      ['groundRules too long', withValue('groundRules', long(GROUND_RULES_MAX)), 'groundRules'],
      ['groundRules an array', withValue('groundRules', ['a']), 'groundRules'],
      ['an unknown field', withValue('ownerId', 'someone'), 'ownerId'],
    ],
    'PATCH /api/sets/:setId': [
      ['name blank', withValue('name', ''), 'name'],
      ['name too long', withValue('name', long(SET_NAME_MAX)), 'name'],
      ['mode unknown', withValue('mode', 'in-person'), 'mode'],
      ['timeZone unknown', withValue('timeZone', 'GMT+1'), 'timeZone'],
      ['an unknown field', withValue('id', 'x'), 'id'],
    ],
    'PATCH /api/sets/:setId/members/:userId': [
      ['missing role', without('role'), 'role'],
      ['role unknown', withValue('role', 'admin'), 'role'],
      ['role a number', withValue('role', 1), 'role'],
      ['an unknown field', withValue('setId', '00000000-0000-4000-8000-000000000000'), 'setId'],
    ],
    'POST /api/sets/:setId/facilitator-handover': [
      ['missing userId', without('userId'), 'userId'],
      ['userId not a uuid', withValue('userId', 'pat'), 'userId'],
      ['an unknown field', withValue('force', true), 'force'],
    ],
    'POST /api/sets/:setId/invitations': [
      ['missing email', without('email'), 'email'],
      ['missing role', without('role'), 'role'],
      ['email not an address', withValue('email', 'pat at example'), 'email'],
      ['email too long', withValue('email', `${long(EMAIL_MAX)}@example.org`), 'email'],
      ['role unknown', withValue('role', 'owner'), 'role'],
      ['an unknown field', withValue('message', 'hi'), 'message'],
    ],
    'POST /api/invitations/:token/accept': [
      ['missing acceptGroundRules', without('acceptGroundRules'), 'acceptGroundRules'],
      ['acceptGroundRules a string', withValue('acceptGroundRules', 'true'), 'acceptGroundRules'],
      ['an unknown field', withValue('role', 'facilitator'), 'role'],
    ],
  };

  async function snapshot() {
    const [row] = await t.db.query(`SELECT
      (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM sets)::int AS sets,
      (SELECT count(*) FROM set_memberships)::int AS memberships, (SELECT count(*) FROM invitations)::int AS invitations,
      (SELECT md5(string_agg(s.name || s.purpose || s.mode || s."timeZone" || s."groundRules", ',')) FROM sets s)::text AS "setsHash",
      (SELECT md5(string_agg(m.role, ',' ORDER BY m.id)) FROM set_memberships m)::text AS "rolesHash",
      (SELECT count(*) FROM meetings)::int AS meetings, (SELECT count(*) FROM meeting_attendance)::int AS replies,
      (SELECT md5(string_agg(m."startsAt"::text || m.location || m."videoUrl" || m.agenda::text || m.sequence, ',' ORDER BY m.id)) FROM meetings m)::text AS "meetingsHash",
      (SELECT md5(string_agg(u."displayName" || u."timeZone" || u."meetingReminders", ',' ORDER BY u.id)) FROM users u)::text AS "usersHash",
      (SELECT count(*) FROM rounds)::int AS rounds, (SELECT count(*) FROM learning_log_entries)::int AS "logEntries",
      (SELECT count(*) FROM session_events)::int AS "liveEvents"`);
    return row as Record<string, unknown>;
  }

  async function expectRejected(response: request.Response, status: number, before: Record<string, unknown>) {
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
    expect(await snapshot()).toEqual(before);
    await request(t.http).get('/api/health').expect(200);
  }

  const table = Object.entries(cases).flatMap(([route, list]) => list.map(([what, change, field]) => [route, what, change, field] as const));

  it.each(table)('%s with %s: 400 naming the field, nothing written', async (route, _what, change, field) => {
    const spec = routes[route];
    const before = await snapshot();
    const response = await request(t.http)[spec.method](spec.path()).set(spec.auth()).send(change(spec.valid()));
    await expectRejected(response, 400, before);
    expect(response.body.message).toContain(field);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it.each(Object.keys(routes))('%s with malformed JSON: 400', async (route) => {
    const spec = routes[route];
    const before = await snapshot();
    const response = await request(t.http)[spec.method](spec.path()).set(spec.auth()).set('Content-Type', 'application/json').send('{"name": "unterminated');
    await expectRejected(response, 400, before);
    expect(response.body.message).toMatch(/JSON/i);
  });

  it.each(Object.keys(routes))('%s with a body over 100 kB: 413', async (route) => {
    const spec = routes[route];
    const before = await snapshot();
    const response = await request(t.http)[spec.method](spec.path()).set(spec.auth()).send({ ...spec.valid(), padding: 'x'.repeat(150_000) });
    await expectRejected(response, 413, before);
  });

  it.each(Object.keys(routes))('%s with a JSON array instead of an object: 400', async (route) => {
    const spec = routes[route];
    const before = await snapshot();
    const response = await request(t.http)[spec.method](spec.path()).set(spec.auth()).send([spec.valid()]);
    await expectRejected(response, 400, before);
  });

  it('answers 404 (never 500) for malformed ids in paths', async () => {
    const before = await snapshot();
    for (const path of ['/api/sets/123', `/api/sets/${setId}/members/not-a-uuid`, `/api/sets/${setId}/invitations/%E0%A4%A`]) {
      const response = await request(t.http).delete(path).set(fran.auth);
      expect([400, 404]).toContain(response.status);
      expect(response.body.statusCode).toBe(response.status);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for an action id that only looks like a uuid (36 dashes reached PostgreSQL: 500)', async () => {
    const before = await snapshot();
    const response = await request(t.http).post(`/api/me/actions/${'-'.repeat(36)}/report-back`).set(pat.auth).send({ status: 'done' });
    await expectRejected(response, 404, before);
    expect(response.body.message).toBe('There is no such action of yours to report on.');
  });

  /** Regression tests for what issue 13 found (each answered 500, "Something went wrong", or was accepted). */
  describe('hostile input found in issue 13', () => {
    /** `levels` arrays inside each other: 2 bytes a level. */
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const sendRaw = (method: 'post' | 'patch' | 'put', path: string, auth: Record<string, string>, raw: string) => request(t.http)[method](path).set(auth).set('Content-Type', 'application/json').send(raw);

    it.each([
      ['POST /api/auth/login', () => '/api/auth/login', () => ({}), (deep: string) => `{"email":"a@example.org","password":${deep}}`],
      ['POST /api/sets', () => '/api/sets', () => fran.auth, (deep: string) => `{"name":${deep},"mode":"virtual","timeZone":"UTC"}`],
      ['POST /api/sets/:setId/rounds', () => `/api/sets/${setId}/rounds`, () => fran.auth, (deep: string) => `{"title":"A round","caseText":"A case","phaseDeadlines":${deep}}`],
    ])('%s with JSON nested 2,000 levels deep (4 KB): 400 saying so, nothing written', async (_route, path, auth, body) => {
      const before = await snapshot();
      const response = await sendRaw('post', path(), auth(), body(nested(2000)));
      await expectRejected(response, 400, before);
      expect(response.body.message).toMatch(/nested too deeply/);
    });

    it('counts the levels exactly: 64 reach validation, 65 do not', async () => {
      // The object itself is one level: with 63 arrays in it, 64; with 64 arrays, 65.
      const at64 = await sendRaw('post', '/api/auth/login', {}, `{"email":"a@example.org","password":${nested(63)}}`);
      expect(at64.status).toBe(400);
      expect(at64.body.message).toContain('password');
      const at65 = await sendRaw('post', '/api/auth/login', {}, `{"email":"a@example.org","password":${nested(64)}}`);
      expect(at65.status).toBe(400);
      expect(at65.body.message).toMatch(/nested too deeply/);
    });

    it('refuses deep JSON on a route without a body and after sign-in too', async () => {
      const before = await snapshot();
      const response = await request(t.http).get('/api/sets').set(fran.auth).set('Content-Type', 'application/json').send(`{"a":${nested(3000)}}`);
      await expectRejected(response, 400, before);
      expect(response.body.message).toMatch(/nested too deeply/);
    });

    const nul = (text: string) => `${text}\u0000${text}`;
    it.each([
      ['U+0000 in a display name at register', () => request(t.http).post('/api/auth/register').send({ email: uniqueEmail(), password: PASSWORD, displayName: nul('Sam') }), 'displayName'],
      ['U+0000 in a set name', () => request(t.http).post('/api/sets').set(fran.auth).send({ name: nul('Set'), mode: 'virtual', timeZone: 'UTC' }), 'name'],
      ['U+0000 in a learning-log entry', () => request(t.http).post('/api/me/learning-log').set(pat.auth).send({ title: 'Supervision', body: nul('What happened') }), 'body'],
      ['U+0000 in an apology reason', () => request(t.http).put(`/api/meetings/${meetingId}/attendance`).set(pat.auth).send({ status: 'apology', reason: nul('Ill') }), 'reason'],
      ['half a surrogate pair in a set name', () => request(t.http).post('/api/sets').set(fran.auth).send({ name: 'Set \ud800', mode: 'virtual', timeZone: 'UTC' }), 'name'],
      ['U+0007 (bell) in a set purpose', () => request(t.http).post('/api/sets').set(fran.auth).send({ name: 'Set', purpose: 'a\u0007b', mode: 'virtual', timeZone: 'UTC' }), 'purpose'],
      ['CR/LF in a display name at register', () => request(t.http).post('/api/auth/register').send({ email: uniqueEmail(), password: PASSWORD, displayName: 'Sam\r\nBcc: all@example.org' }), 'displayName'],
      ['a line feed in a display name on the account page', () => request(t.http).patch('/api/me').set(pat.auth).send({ displayName: 'Pat\nSmith' }), 'displayName'],
      ['CR/LF in a set name', () => request(t.http).post('/api/sets').set(fran.auth).send({ name: 'Set\r\nSubject: urgent', mode: 'virtual', timeZone: 'UTC' }), 'name'],
      ['a line feed in a set name on rename', () => request(t.http).patch(`/api/sets/${setId}`).set(fran.auth).send({ name: 'Renamed\nset' }), 'name'],
      ['a zero-width-only display name at register', () => request(t.http).post('/api/auth/register').send({ email: uniqueEmail(), password: PASSWORD, displayName: '\u200b\u200b' }), 'displayName'],
      ['a zero-width-only display name on the account page', () => request(t.http).patch('/api/me').set(pat.auth).send({ displayName: '\u200b\u2060\ufeff' }), 'displayName'],
      ['a zero-width-only set name', () => request(t.http).post('/api/sets').set(fran.auth).send({ name: '\u200b', mode: 'virtual', timeZone: 'UTC' }), 'name'],
      ['U+0000 in an e-mail address at register', () => request(t.http).post('/api/auth/register').send({ email: `a\u0000${uniqueEmail()}`, password: PASSWORD, displayName: 'Sam' }), 'email'],
      ['CR/LF in an invited e-mail address', () => request(t.http).post(`/api/sets/${setId}/invitations`).set(fran.auth).send({ email: `${uniqueEmail()}\r\nBcc: x@example.org`, role: 'member' }), 'email'],
    ])('%s: 400 naming the field, nothing written', async (_what, send, field) => {
      const before = await snapshot();
      const response = await send();
      await expectRejected(response, 400, before);
      expect(response.body.message).toContain(field);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it.each([
      ['from=1900-01-01&to=9999-12-31', 'to'],
      ['from=1899-12-31&to=2026-12-31', 'from'],
      ['from=2026-01-01&to=2201-01-01', 'to'],
      ['from=0000-01-01', 'from'],
    ])('GET /api/me/cpd-export?%s: 400 naming %s', async (query, field) => {
      const response = await request(t.http).get(`/api/me/cpd-export?${query}`).set(pat.auth);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(field) });
      expect(response.body.message).toMatch(/1900.*2200/);
    });

    it.each([
      ['POST /api/sets/:setId/meetings startsAt in year 9999', () => request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '9999-12-31T09:30', durationMinutes: 60, format: 'online' }), 'startsAt'],
      ['POST /api/sets/:setId/meetings startsAt in 1899', () => request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '1899-12-31T09:30', durationMinutes: 60, format: 'online' }), 'startsAt'],
      ['PATCH /api/meetings/:meetingId startsAt past 9999', () => request(t.http).patch(`/api/meetings/${meetingId}`).set(fran.auth).send({ startsAt: '+010000-01-01T09:30:00Z' }), 'startsAt'],
      ['GET /api/sets/:setId/meetings?to in 9999', () => request(t.http).get(`/api/sets/${setId}/meetings?from=2030-01-01&to=9999-12-31`).set(fran.auth), 'to'],
      ['POST /api/sets/:setId/rounds with a deadline in 2500', () => request(t.http).post(`/api/sets/${setId}/rounds`).set(fran.auth).send({ title: 'T', caseText: 'C', phaseDeadlines: { clarifying: '2500-01-01T00:00:00Z' } }), 'phaseDeadlines.clarifying'],
      ['POST /api/me/learning-log occurredOn in 1066', () => request(t.http).post('/api/me/learning-log').set(pat.auth).send({ title: 'T', body: 'B', occurredOn: '1066-10-14' }), 'occurredOn'],
    ])('%s: 400 naming the field, nothing written', async (_what, send, field) => {
      const before = await snapshot();
      const response = await send();
      await expectRejected(response, 400, before);
      expect(response.body.message).toContain(field);
    });

    describe('on the live socket', () => {
      let live: LiveClient;
      let liveMeetingId: string;
      const command = (type: string, payload: Record<string, unknown> = {}) => ({ commandId: randomUUID(), meetingId: liveMeetingId, type, payload });
      const events = async () => ((await t.db.query('SELECT count(*)::int AS n FROM session_events WHERE "meetingId" = $1', [liveMeetingId])) as { n: number }[])[0].n;
      beforeAll(async () => {
        liveMeetingId = (await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-06-03T09:30', durationMinutes: 210, format: 'online' }).expect(201)).body.id;
        live = await connect(await listen(t), fran.token);
        expect(await live.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: liveMeetingId })).toMatchObject({ ok: true });
        // To clarifying questions with Pat presenting, where Fran may ask.
        for (const [type, payload] of [['start', {}], ['advance', {}], ['setOrder', { presenterIds: [pat.id] }], ['advance', {}], ['advance', {}]] as const) {
          expect(await live.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(type, payload))).toMatchObject({ ok: true });
        }
      });
      afterAll(() => live?.close());

      it('refuses U+0000 in a question with an answer naming the field (not "Something went wrong"), and stores nothing', async () => {
        const before = await events();
        const ack = await live.emit<LiveCommandAck>(LIVE_MESSAGES.command, command('ask', { text: 'What would help?\u0000' }));
        expect(ack).toEqual({ ok: false, error: 'payload.text must not contain control characters' });
        expect(await events()).toBe(before);
        expect(await live.emit<LiveCommandAck>(LIVE_MESSAGES.command, command('ask', { text: 'What would help?' }))).toMatchObject({ ok: true });
      });

      it.each([
        ['reflect', { text: 'I see\u0001' }, 'payload.text'],
        ['addAction', { text: 'Call the school\u001b[2J' }, 'payload.text'],
        ['addAction', { text: 'Call the school', dueAt: '9999-12-31' }, 'payload.dueAt'],
        ['reportBack', { actionId: 'a1', status: 'done', note: 'ok\u0000' }, 'payload.note'],
        ['rate', { rating: 4, comment: 'good\u0008' }, 'payload.comment'],
        ['checkOut', { text: 'tired\u0000' }, 'payload.text'],
        ['ask', { text: '\u200b\u200b' }, 'payload.text'],
        ['markHelpful', { questionId: 'q1\u0000' }, 'payload.questionId'],
        ['ask', { text: 'Why? \udc00' }, 'payload.text'],
      ])('refuses %s with %j naming %s, whatever the phase', async (type, payload, field) => {
        const before = await events();
        const ack = await live.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(type, payload));
        expect(ack.ok).toBe(false);
        if (!ack.ok) expect(ack.error).toContain(field);
        expect(await events()).toBe(before);
      });

      it('answers every hostile payload with a refusal naming the problem (never "Something went wrong") and stores nothing, whatever the command', async () => {
        const before = await events();
        const texts: Record<string, string[]> = { ask: ['text'], reflect: ['text'], addAction: ['text'], checkOut: ['text'], reportBack: ['note', 'actionId'], rate: ['comment'], markHelpful: ['questionId'] };
        const plausible: Record<string, Record<string, unknown>> = { ask: { text: 'What else?' }, reflect: { text: 'I see.' }, addAction: { text: 'Call' }, checkOut: { text: 'Calm' }, reportBack: { actionId: 'a1', status: 'done' }, rate: { rating: 4 }, markHelpful: { questionId: 'q1' }, bid: { wantsTime: true, urgency: 3 }, extendTimer: { seconds: 60 }, goTo: { phase: 'questions' }, handOver: { userId: pat.id }, setOrder: { presenterIds: [pat.id] }, pass: {}, raiseHand: {}, withholdCase: { withheld: true } };
        const bad = fc.oneof(
          fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\u0007', '\u001b', '\u000b', '\u007f', '\u0085', '\ud800', '\udfff'), fc.string({ maxLength: 10 })).map(([a, c, b]) => `${a}${c}${b}`),
          fc.constantFrom('\u200b\u200b', '', ' '),
        );
        const hostile = fc.constantFrom(...Object.keys(plausible)).chain((type) =>
          fc.oneof(
            ...(texts[type] ? [fc.tuple(fc.constantFrom(...texts[type]), bad).map(([field, text]) => ({ type, payload: { ...plausible[type], [field]: text } }))] : []),
            fc.tuple(fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', 'isAdmin'), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({ type, payload: JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`) as Record<string, unknown> })),
            fc.integer({ min: 64, max: 2000 }).map((levels) => ({ type, payload: { ...plausible[type], deep: JSON.parse(nested(levels)) as unknown } })),
          ),
        );
        await fc.assert(
          fc.asyncProperty(hostile, async ({ type, payload }) => {
            const ack = await live.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(type, payload));
            expect(ack).toEqual({ ok: false, error: expect.stringMatching(/^payload\.|nested too deeply|is not an accepted field/) });
          }),
          { seed: 1_764_800_013, numRuns: 150 },
        );
        expect(await events()).toBe(before);
      });

      it.each([
        [LIVE_MESSAGES.join, (deep: string) => `{"meetingId":"00000000-0000-4000-8000-000000000000","inRoom":${deep}}`],
        [LIVE_MESSAGES.command, (deep: string) => `{"commandId":"c-deep","meetingId":"00000000-0000-4000-8000-000000000000","type":"ask","payload":{"text":${deep}}}`],
        [LIVE_MESSAGES.resync, (deep: string) => `{"meetingId":"00000000-0000-4000-8000-000000000000","sinceSeq":${deep}}`],
        [LIVE_MESSAGES.leave, (deep: string) => `{"meetingId":${deep}}`],
      ])('answers %s nested 2,000 levels deep with { ok: false } saying so, and stays up', async (message, body) => {
        const ack = await live.emit<{ ok: boolean; error?: string }>(message, JSON.parse(body(nested(2000))));
        expect(ack).toEqual({ ok: false, error: expect.stringMatching(/nested too deeply/) });
        expect(await live.emit<LiveCommandAck>(LIVE_MESSAGES.command, command('raiseHand'))).toMatchObject({ ok: true });
      });
    });
  });
});
