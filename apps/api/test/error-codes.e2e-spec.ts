import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuthErrorCode,
  CommonErrorCode,
  ERROR_CODES,
  isErrorCode,
  LearningErrorCode,
  MeetingErrorCode,
  RoundErrorCode,
  SetErrorCode,
  type ApiErrorBody,
  type MeetingResponse,
  type RoundResponse,
} from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { setWithRoles } from './factories';

/** Every error body carries a `code` (libs/shared/src/errors.ts) beside the contract's `{ statusCode, error, message }`. */
describe('error codes', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  let meetingId: string;
  beforeAll(async () => {
    t = await startTestApp();
    world = await setWithRoles(t);
    meetingId = ((await request(t.http).post(`/api/sets/${world.set.id}/meetings`).set(world.facilitator.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body as MeetingResponse).id;
  });
  afterAll(() => t.close());

  /** The body, checked for the contract's shape and a code the API declares. */
  const errorOf = (response: { status: number; body: unknown }): ApiErrorBody => {
    const body = response.body as ApiErrorBody;
    expect(body).toEqual(expect.objectContaining({ statusCode: response.status, error: expect.any(String), message: expect.any(String), code: expect.any(String) }));
    expect(isErrorCode(body.code)).toBe(true);
    return body;
  };

  it('names a failed validation validation.failed, with its fields, and writes nothing', async () => {
    const before = ((await t.db.query('SELECT count(*)::int AS n FROM sets')) as { n: number }[])[0].n;
    const body = errorOf(await request(t.http).post('/api/sets').set(world.facilitator.auth).send({ name: '', mode: 'on-the-moon', timeZone: 'Europe/London' }).expect(400));
    expect(body.code).toBe(CommonErrorCode.ValidationFailed);
    expect(body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['mode']));
    expect(((await t.db.query('SELECT count(*)::int AS n FROM sets')) as { n: number }[])[0].n).toBe(before);
  });

  it('names malformed JSON and missing credentials', async () => {
    const malformed = await request(t.http).post('/api/sets').set(world.facilitator.auth).set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(errorOf(malformed).code).toBe(CommonErrorCode.MalformedJson);
    expect(errorOf(await request(t.http).get('/api/sets').expect(401)).code).toBe(CommonErrorCode.Unauthenticated);
    expect(errorOf(await request(t.http).get('/api/sets').set('Authorization', 'Basic abc').expect(401)).code).toBe(AuthErrorCode.MalformedAuthorization);
    const wrong = await request(t.http).post('/api/auth/login').send({ email: world.member.email, password: 'not the password at all' }).expect(401);
    expect(errorOf(wrong).code).toBe(AuthErrorCode.WrongCredentials);
  });

  it('gives the set guard its codes: set.not-found outside the set, set.role-required without the role', async () => {
    expect(errorOf(await request(t.http).get(`/api/sets/${world.set.id}`).set(world.outsider.auth).expect(404)).code).toBe(SetErrorCode.NotFound);
    expect(errorOf(await request(t.http).get(`/api/sets/${world.set.id}/evaluation`).set(world.member.auth).expect(403)).code).toBe(SetErrorCode.RoleRequired);
  });

  it('gives the meeting access policy its codes: meeting.not-found, meeting.sponsors-excluded, meeting.role-required', async () => {
    const put = (who: { auth: Record<string, string> }) => request(t.http).put(`/api/meetings/${meetingId}/attendance`).set(who.auth).send({ status: 'attending' });
    expect(errorOf(await put(world.outsider).expect(404)).code).toBe(MeetingErrorCode.NotFound);
    expect(errorOf(await put(world.removed).expect(404)).code).toBe(MeetingErrorCode.NotFound);
    expect(errorOf(await put(world.sponsor).expect(403)).code).toBe(MeetingErrorCode.SponsorsExcluded);
    const cancel = await request(t.http).delete(`/api/meetings/${meetingId}`).set(world.member.auth).expect(403);
    expect(errorOf(cancel).code).toBe(MeetingErrorCode.RoleRequired);
    expect(errorOf(await request(t.http).get(`/api/meetings/${randomUUID()}`).set(world.member.auth).expect(404)).code).toBe(MeetingErrorCode.NotFound);
  });

  it('names a round that is not there, one a sponsor may not read, and one that is closed', async () => {
    expect(errorOf(await request(t.http).get(`/api/rounds/${randomUUID()}`).set(world.member.auth).expect(404)).code).toBe(RoundErrorCode.NotFound);
    const round = (await request(t.http).post(`/api/sets/${world.set.id}/rounds`).set(world.member.auth).send({ title: 'A case', caseText: 'What happened.' }).expect(201)).body as RoundResponse;
    expect(errorOf(await request(t.http).get(`/api/rounds/${round.id}`).set(world.sponsor.auth).expect(403)).code).toBe(RoundErrorCode.SponsorsExcluded);
    await request(t.http).post(`/api/rounds/${round.id}/close`).set(world.facilitator.auth).expect(200);
    const late = await request(t.http).post(`/api/rounds/${round.id}/contributions`).set(world.facilitator.auth).send({ body: 'Too late?' }).expect(409);
    expect(errorOf(late).code).toBe(RoundErrorCode.Closed);
  });

  it('names a learning-log link to a meeting outside the caller’s sets, and writes nothing', async () => {
    const before = ((await t.db.query('SELECT count(*)::int AS n FROM learning_log_entries')) as { n: number }[])[0].n;
    const body = errorOf(await request(t.http).post('/api/me/learning-log').set(world.outsider.auth).send({ title: 'Not mine', body: 'A meeting of another set.', meetingId }).expect(400));
    expect(body).toMatchObject({ code: LearningErrorCode.UnknownLink, errors: [{ field: 'meetingId', message: 'meetingId is not a meeting of your sets' }] });
    expect(((await t.db.query('SELECT count(*)::int AS n FROM learning_log_entries')) as { n: number }[])[0].n).toBe(before);
  });

  it('documents `code` in the OpenAPI error body, with every code', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body as { components: { schemas: Record<string, { properties?: Record<string, { enum?: string[]; $ref?: string; allOf?: { $ref: string }[] }>; required?: string[]; enum?: string[] }> } };
    const errorBody = doc.components.schemas.ApiErrorResponseDto;
    expect(errorBody.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message', 'code']));
    const code = errorBody.properties!.code;
    const ref = code.$ref ?? code.allOf?.[0].$ref;
    const codes = code.enum ?? (ref ? doc.components.schemas[ref.split('/').pop()!].enum : undefined);
    expect(codes).toEqual(expect.arrayContaining([CommonErrorCode.ValidationFailed, RoundErrorCode.Closed, MeetingErrorCode.NotFound]));
  });

  it('lists every code in the README', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(ERROR_CODES.filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
  });
});
