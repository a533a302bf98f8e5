import { DISPLAY_NAME_MAX, EMAIL_MAX, GROUND_RULES_MAX, PASSWORD_MAX, SET_NAME_MAX, SET_PURPOSE_MAX } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, invite, PASSWORD, registerUser, TestUser, uniqueEmail } from './factories';

type Body = Record<string, unknown>;
interface Route {
  method: 'post' | 'patch';
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
  beforeAll(async () => {
    t = await startTestApp();
    fran = await registerUser(t);
    setId = (await createSet(t, fran)).id;
    pat = await addMember(t, fran, setId);
    const invitee = await registerUser(t);
    token = (await invite(t, fran, setId, invitee.email)).token;
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
    'POST /api/invitations/:token/accept': { method: 'post', path: () => `/api/invitations/${token}/accept`, auth: () => fran.auth, valid: () => ({ acceptGroundRules: true }) },
  };

  const cases: Record<string, BadCase[]> = {
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
      (SELECT md5(string_agg(m.role, ',' ORDER BY m.id)) FROM set_memberships m)::text AS "rolesHash"`);
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
});
